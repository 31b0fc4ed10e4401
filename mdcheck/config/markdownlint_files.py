"""Reading a project's markdownlint configuration files as an mdcheck configuration.

When no mdcheck configuration applies to a file, mdcheck walks up from the file's folder
for the first folder holding one of :data:`MARKDOWNLINT_FILES` (in that order within a
folder) and reads it. ``--config .markdownlint.json`` reads one explicitly. The rules that
answer to markdownlint codes are switched on and off as markdownlint would run them
(``default`` and the keys in order); mdcheck's own rules keep their defaults. Parameters
become rule options. ``extends`` is followed. From ``.markdownlint-cli2.*``, ``config`` is
read, ``ignores`` becomes ``exclude`` and ``gitignore`` ``respect-gitignore``. Everything
without a counterpart becomes a warning on the configuration (``Config.warnings``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mdcheck.config.markdownlint import Translation, markdownlint_rules, translate
from mdcheck.errors import ConfigError

MARKDOWNLINT_FILES = (
    ".markdownlint-cli2.jsonc",
    ".markdownlint-cli2.yaml",
    ".markdownlint-cli2.cjs",
    ".markdownlint-cli2.mjs",
    ".markdownlint.jsonc",
    ".markdownlint.json",
    ".markdownlint.yaml",
    ".markdownlint.yml",
    ".markdownlint.cjs",
    ".markdownlint.mjs",
)
_MAX_EXTENDS = 8


def is_markdownlint_file(path: Path) -> bool:
    return path.name in MARKDOWNLINT_FILES or path.name.endswith(
        (".markdownlint-cli2.jsonc", ".markdownlint-cli2.yaml")
    )


def markdownlint_file_in(folder: Path) -> Path | None:
    for name in MARKDOWNLINT_FILES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def markdownlint_table(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The mdcheck configuration table a markdownlint file amounts to, and its warnings."""
    warnings: list[str] = []
    data = _read(path)
    table: dict[str, Any] = {}
    if "markdownlint-cli2" in path.name:
        config = data.get("config", {})
        for key, value in data.items():
            if key in {"config", "$schema"}:
                continue
            if key == "ignores" and isinstance(value, list):
                table["exclude"] = [str(glob) for glob in value]
            elif key == "gitignore" and isinstance(value, bool):
                table["respect-gitignore"] = value
            else:
                warnings.append(f"{path}: key {key!r} has no mdcheck counterpart; ignored")
        if not isinstance(config, Mapping):
            raise ConfigError(f"{path}: key 'config' must be an object")
    else:
        config = data
    config = _with_extends(dict(config), path, warnings, depth=0)
    translation = translate(config, full=True)
    warnings += [f"{path}: {problem}" for problem in translation.problems]
    table.update(_as_table(translation))
    return table, warnings


def _as_table(translation: Translation) -> dict[str, Any]:
    from mdcheck.rules import ALL_RULES

    answering = {rule.code for rule in markdownlint_rules()}
    select = [
        rule.code
        for rule in ALL_RULES
        if (
            translation.enabled.get(rule.code, False)
            if rule.code in answering
            else rule.enabled_by_default
        )
    ]
    table: dict[str, Any] = {"select": select}
    if translation.options:
        table["rules"] = translation.options
    if translation.severity:
        table["severity"] = translation.severity
    return table


def _with_extends(
    config: dict[str, Any], path: Path, warnings: list[str], depth: int
) -> dict[str, Any]:
    target = config.pop("extends", None)
    if target is None:
        return config
    if not isinstance(target, str):
        raise ConfigError(f"{path}: key 'extends' must be a path")
    if depth >= _MAX_EXTENDS:
        raise ConfigError(f"{path}: 'extends' nests more than {_MAX_EXTENDS} files deep")
    base_path = (path.parent / target).resolve()
    if not base_path.is_file():
        warnings.append(f"{path}: 'extends' names {target!r}, which is not a file here; ignored")
        return config
    base = _with_extends(dict(_read(base_path)), base_path, warnings, depth + 1)
    return {**base, **config}


def _read(path: Path) -> dict[str, Any]:
    if path.suffix in (".cjs", ".mjs", ".js"):
        raise ConfigError(
            f"{path}: a JavaScript configuration cannot be read; convert it to"
            " .markdownlint.jsonc or write an mdcheck.toml"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise ConfigError(f"{path}: not valid YAML{where}") from None
    else:
        try:
            data = json.loads(strip_jsonc(text))
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"{path}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected an object at the top level")
    return data


def strip_jsonc(text: str) -> str:
    """JSON with comments (``//``, ``/* */``) and trailing commas, as plain JSON.

    Comments and dropped commas become spaces (newlines kept), so error positions still
    match the file."""
    return _drop_trailing_commas(_drop_comments(text))


def _string_end(text: str, i: int) -> int:
    """The index after the string literal that starts at ``text[i] == '"'``."""
    j, n = i + 1, len(text)
    while j < n and text[j] != '"':
        j += 2 if text[j] == "\\" else 1
    return j + 1


def _drop_comments(text: str) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            j = _string_end(text, i)
            out.append(text[i:j])
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j == -1 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j == -1 else j + 2
            out.append("".join(c if c == "\n" else " " for c in text[i:j]))
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _drop_trailing_commas(text: str) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            j = _string_end(text, i)
            out.append(text[i:j])
            i = j
            continue
        if text[i] == ",":
            j = i + 1
            while j < n and text[j] in " \t\r\n":
                j += 1
            if j < n and text[j] in "]}":
                out.append(" ")
                i += 1
                continue
        out.append(text[i])
        i += 1
    return "".join(out)
