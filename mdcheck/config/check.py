"""Validating a configuration table, with one-line messages that name the key.

jsonschema is imported here, only when a configuration is not plainly valid (see
:mod:`mdcheck.schema.quickschema`), so most runs do not pay for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mdcheck.rules import match_selector
from mdcheck.schema.quickschema import surely_valid

_SELECTOR_KEYS = ("select", "extend-select", "ignore")


def check_table(table: Mapping[str, Any], source: str, where: str, schema: dict[str, Any]) -> None:
    """Raise ConfigError for the first problem in ``table`` (schema, then selectors)."""
    from mdcheck.errors import ConfigError

    if table and not surely_valid(dict(table), schema):
        import jsonschema

        validator = jsonschema.Draft202012Validator(schema)
        errors = sorted(validator.iter_errors(dict(table)), key=lambda e: list(e.absolute_path))
        if errors:
            raise ConfigError(f"{source}: {describe(errors[0], where)}")
    from mdcheck.config.globs import glob_problems

    for message in _selector_problems(table) + (glob_problems(table) if table else []):
        raise ConfigError(f"{source}: {message}")


def describe(error: Any, where: str) -> str:
    """A plain sentence for a jsonschema ValidationError."""
    path = ".".join(str(part) for part in error.absolute_path)
    location = f"key '{path}'" if path else where
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        container = f"'{path}'" if path else where
        hint = f"; expected one of: {', '.join(allowed)}" if 0 < len(allowed) <= 30 else ""
        return f"unknown key '{unknown[0]}' in {container}{hint}"
    if error.validator == "type":
        expected = error.validator_value
        if expected == "array" and error.schema.get("items", {}).get("type") == "string":
            expected = "array of strings"
        return f"{location} must be {_article(expected)}, got {error.instance!r}"
    if error.validator == "enum":
        choices = ", ".join(repr(value) for value in error.validator_value)
        return f"{location} must be one of {choices}, got {error.instance!r}"
    if error.validator == "required":
        return f"{location}: {error.message}"
    return f"{location}: {error.message}"


def _article(kind: Any) -> str:
    text = str(kind)
    return f"an {text}" if text[:1] in "aeiou" else f"a {text}"


def _selector_problems(table: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    scopes: list[tuple[str, Mapping[str, Any]]] = [("", table)]
    scopes += [(f"overrides[{i}].", entry) for i, entry in enumerate(table.get("overrides", []))]
    for prefix, scope in scopes:
        for key in _SELECTOR_KEYS:
            for selector in scope.get(key, []):
                if not match_selector(selector):
                    problems.append(f"key '{prefix}{key}': unknown rule code or name {selector!r}")
        for key in ("severity", "fixes"):
            for selector in scope.get(key, {}):
                if not match_selector(selector):
                    problems.append(f"key '{prefix}{key}': unknown rule code or name {selector!r}")
        for name in scope.get("rules", {}):
            if len(match_selector(name)) != 1:
                problems.append(f"key '{prefix}rules': unknown rule {name!r}")
    for glob, selectors in table.get("per-file-ignores", {}).items():
        for selector in selectors:
            if not match_selector(selector):
                problems.append(
                    f"key 'per-file-ignores.{glob}': unknown rule code or name {selector!r}"
                )
    return problems
