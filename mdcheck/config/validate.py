"""Checking a :class:`~mdcheck.config.settings.Config` built in Python, with the messages
a configuration file would get (``Config(select=("XX999",))`` must not select nothing)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mdcheck.diagnostic import Severity
from mdcheck.errors import ConfigError
from mdcheck.rules import match_selector

if TYPE_CHECKING:
    from mdcheck.config.settings import Config

_FIX_SETTINGS = ("safe", "unsafe", "off")


def check_config(config: Config) -> None:
    where = str(config.source) if config.source else "Config"
    for name in ("select", "extend_select", "ignore", "exclude"):
        value = getattr(config, name)
        if value is None and name == "select":
            continue
        _strings(where, name, value)
        if name != "exclude":
            for selector in value:
                _selector(where, name, selector)
    if not isinstance(config.fail_level, Severity):
        raise ConfigError(f"{where}: fail_level must be a Severity, got {config.fail_level!r}")
    for key, level in _mapping(where, "severity", config.severity).items():
        _selector(where, "severity", key)
        if not isinstance(level, (str, Severity)) or _level(level) is None:
            raise ConfigError(
                f"{where}: severity[{key!r}] must be 'error', 'warning' or 'info', got {level!r}"
            )
    for key, setting in _mapping(where, "fixes", config.fixes).items():
        _selector(where, "fixes", key)
        if setting not in _FIX_SETTINGS:
            raise ConfigError(
                f"{where}: fixes[{key!r}] must be 'safe', 'unsafe' or 'off', got {setting!r}"
            )
    for glob, selectors in _mapping(where, "per_file_ignores", config.per_file_ignores).items():
        _strings(where, f"per_file_ignores[{glob!r}]", selectors)
        for selector in selectors:
            _selector(where, f"per_file_ignores[{glob!r}]", selector)
    for key in _mapping(where, "rule_options", config.rule_options):
        if len(match_selector(key)) != 1:
            raise ConfigError(f"{where}: rule_options: unknown rule {key!r}")


def _level(value: str | Severity) -> Severity | None:
    if isinstance(value, Severity):
        return value
    try:
        return Severity.parse(value)
    except ValueError:
        return None


def _strings(where: str, name: str, value: Any) -> None:
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise ConfigError(
            f"{where}: {name} must be a tuple or list of strings, got {value!r}"
            + (f" (write ({value!r},))" if isinstance(value, str) else "")
        )
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(f"{where}: {name} must hold strings, got {item!r}")


def _mapping(where: str, name: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: {name} must be a mapping, got {value!r}")
    return value


def _selector(where: str, name: str, selector: str) -> None:
    if not match_selector(selector):
        raise ConfigError(
            f"{where}: {name}: unknown rule code or name {selector!r} ('mdcheck rules' lists them)"
        )
