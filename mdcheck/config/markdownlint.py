"""markdownlint configuration, read as mdcheck settings.

markdownlint's configuration is an object whose keys are rule codes, aliases or tags
(``"MD013"``, ``"line-length"``, ``"whitespace"``) and ``default``. A value ``false`` turns
the rules off, ``true`` turns them on, an object turns them on with parameters
(``{"line_length": 100}``) and ``"error"`` / ``"warning"`` turn them on at that severity.
Keys apply in order, after ``default`` (``true`` when absent). The same object appears in
``.markdownlint.json`` / ``.jsonc`` / ``.yaml`` / ``.yml``, under the ``config`` key of
``.markdownlint-cli2.*``, and in ``<!-- markdownlint-configure-file {...} -->`` comments.

A parameter maps to the mdcheck option of the same name in kebab case (``line_length`` ->
``line-length``) unless the option names its markdownlint parameter with
``Option(..., extra={"markdownlint": "line_length"})``. Whatever has no counterpart (an
unknown key, a parameter mdcheck does not have, a rule mdcheck does not implement) becomes
a problem message; nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mdcheck.rules import ALL_RULES, Rule, rules_for_markdownlint
from mdcheck.rules.markdownlint_names import MARKDOWNLINT_RULES, markdownlint_codes

_IGNORED_KEYS = {"$schema"}
_SEVERITIES = {"error": "error", "warning": "warning"}


@dataclass
class Translation:
    """A markdownlint configuration in mdcheck's terms."""

    enabled: dict[str, bool] = field(default_factory=dict)  # mdcheck code -> on / off
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # mdcheck code -> options
    severity: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    extends: str | None = None


def markdownlint_rules() -> list[type[Rule]]:
    """mdcheck's rules that answer to a markdownlint code."""
    return [
        rule for rule in ALL_RULES if any(a.upper() in MARKDOWNLINT_RULES for a in rule.aliases)
    ]


def translate(data: Mapping[str, Any], *, full: bool) -> Translation:
    """Translate a markdownlint configuration object.

    With ``full`` every rule that answers to a markdownlint code gets an entry in
    ``enabled`` (as markdownlint would run it); otherwise only the rules the object names,
    or all of them when it sets ``default`` (a ``configure-file`` comment on top of the
    file's settings).
    """
    result = Translation()
    default_keys = [key for key in data if isinstance(key, str) and key.lower() == "default"]
    default = bool(data[default_keys[0]]) if default_keys else True
    state: dict[str, Any] = {}  # markdownlint code -> False, or the parameters (a dict)
    explicit: set[str] = set()  # codes named by their own code or alias
    if full or default_keys:
        state = {code: ({} if default else False) for code in MARKDOWNLINT_RULES}
    for key, value in data.items():
        if not isinstance(key, str):
            result.problems.append(f"key {key!r} is not a string; ignored")
            continue
        if key.lower() == "default" or key in _IGNORED_KEYS:
            continue
        if key.lower() == "extends":
            if isinstance(value, str):
                result.extends = value
            elif value is not None:
                result.problems.append("key 'extends' must be a path; ignored")
            continue
        codes = markdownlint_codes(key)
        if not codes:
            result.problems.append(
                f"unknown key {key!r} (not a markdownlint rule, alias or tag); ignored"
            )
            continue
        if value is None or value is False:
            setting: Any = False
        elif value is True:
            setting = {}
        elif isinstance(value, str) and value.lower() in _SEVERITIES:
            setting = {"__severity__": _SEVERITIES[value.lower()]}
        elif isinstance(value, Mapping):
            setting = dict(value)
        else:
            result.problems.append(
                f'key {key!r}: expected true, false, "error", "warning" or an object of'
                f" parameters, not {value!r}; ignored"
            )
            continue
        if key.upper() in MARKDOWNLINT_RULES or _is_alias(key):
            explicit.update(codes)  # a rule named by its code or alias, not by a tag
        for code in codes:
            state[code] = setting
    for code in sorted(state):
        _apply(result, code, state[code], named=code in explicit)
    return result


def _is_alias(key: str) -> bool:
    upper = key.upper()
    return any(
        upper == alias.upper() for aliases, _ in MARKDOWNLINT_RULES.values() for alias in aliases
    )


def _apply(result: Translation, md_code: str, setting: Any, *, named: bool) -> None:
    rules = rules_for_markdownlint(md_code)
    if not rules:
        if named and setting is not False:
            result.problems.append(
                f"markdownlint rule {md_code} has no mdcheck counterpart yet; not checked"
            )
        return
    for rule in rules:
        result.enabled[rule.code] = setting is not False
        if setting is False:
            continue
        params = dict(setting)
        severity = params.pop("__severity__", None)
        if severity is not None:
            result.severity[rule.code] = severity
        for param, value in params.items():
            option = _option_for(rule, str(param))
            if option is None:
                result.problems.append(
                    f"{md_code} parameter {param!r} has no counterpart in mdcheck's"
                    f" {rule.code} ({rule.name}); ignored"
                )
                continue
            result.options.setdefault(rule.code, {})[option] = value


def _option_for(rule: type[Rule], param: str) -> str | None:
    for option in rule.options:
        if option.extra.get("markdownlint") == param:
            return option.name
    for option in rule.options:
        if option.name == param.replace("_", "-") and "markdownlint" not in option.extra:
            return option.name
    return None
