"""Configuration: discovery, validation, and the settings that apply to one file.

Sources, in order of precedence for a linted file (the first found wins; files are not
merged): ``--config FILE``; otherwise, walking up from the file's folder, the first folder
holding ``.mdcheck.toml``, ``mdcheck.toml`` or a ``pyproject.toml`` with a
``[tool.mdcheck]`` table (in that order within one folder). Without any, the defaults
apply. Every configuration is validated against ``schemas/config.schema.json``; an
unknown key or a wrong type is a :class:`ConfigError` naming the file and the key.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from mdcheck.config.globs import glob_match, globs_match
from mdcheck.config.markdownlint_files import (
    is_markdownlint_file,
    markdownlint_file_in,
    markdownlint_table,
)
from mdcheck.diagnostic import Applicability, Severity
from mdcheck.errors import ConfigError
from mdcheck.rules import ALL_RULES, Rule, match_selector
from mdcheck.util.resources import load_schema
from mdcheck.util.toml import load_toml

CONFIG_FILES = (".mdcheck.toml", "mdcheck.toml", "pyproject.toml")


def aliases() -> dict[str, tuple[str, str]]:
    """Top-level keys that set a rule option: key -> (rule code, option name).

    A rule declares one with ``Option(..., extra={"alias": "front-matter-schema"})``.
    Several rules may share one alias (the first declares its schema); see
    :func:`alias_targets`.
    """
    return {key: targets[0] for key, targets in alias_targets().items()}


def alias_targets() -> dict[str, list[tuple[str, str]]]:
    """Top-level keys that set a rule option: key -> every (rule code, option name)."""
    targets: dict[str, list[tuple[str, str]]] = {}
    for rule in ALL_RULES:
        for option in rule.options:
            if "alias" in option.extra:
                targets.setdefault(option.extra["alias"], []).append((rule.code, option.name))
    return targets


_SELECTORS = {"type": "array", "items": {"type": "string"}}
_LEVEL = {"enum": ["error", "warning", "info"]}


def base_schema_properties() -> dict[str, Any]:
    """Keys allowed both at the top level and inside an ``overrides`` entry."""
    return {
        "extend-select": {**_SELECTORS, "description": "Codes, prefixes or names to add."},
        "ignore": {**_SELECTORS, "description": "Codes, prefixes or names to turn off."},
        "severity": {
            "type": "object",
            "additionalProperties": _LEVEL,
            "description": "Severity per code, prefix or name.",
        },
        "rules": {"type": "object", "description": "Options per rule, by name or code."},
    }


def config_schema() -> dict[str, Any]:
    """The JSON Schema of the ``[tool.mdcheck]`` table, rule options included."""
    rule_props: dict[str, Any] = {}
    for rule in ALL_RULES:
        if rule.options:
            rule_props[rule.name] = rule.options_schema()
            rule_props[rule.code] = {"$ref": f"#/$defs/rules/properties/{rule.name}"}
            for alias in rule.aliases:
                if alias not in rule_props and len(match_selector(alias)) == 1:
                    rule_props[alias] = {"$ref": f"#/$defs/rules/properties/{rule.name}"}
    rules_schema = {"type": "object", "additionalProperties": False, "properties": rule_props}
    shared = base_schema_properties()
    shared["rules"] = {**rules_schema, "description": shared["rules"]["description"]}
    alias_props = {
        key: {
            **_option_schema(targets[0][0], targets[0][1]),
            "description": "Shorthand for " + ", ".join(f"{c} {o}" for c, o in targets) + ".",
        }
        for key, targets in alias_targets().items()
    }
    override = {
        "type": "object",
        "additionalProperties": False,
        "required": ["files"],
        "properties": {
            "files": {**_SELECTORS, "minItems": 1, "description": "Globs the entry applies to."},
            **shared,
            **alias_props,
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://mdcheck.dev/schemas/config.schema.json",
        "title": "mdcheck configuration ([tool.mdcheck] or mdcheck.toml)",
        "type": "object",
        "additionalProperties": False,
        "$defs": {"rules": rules_schema},
        "properties": {
            "select": {**_SELECTORS, "description": "Rules to run (default: all default rules)."},
            **shared,
            "per-file-ignores": {
                "type": "object",
                "additionalProperties": _SELECTORS,
                "description": "Glob -> codes to ignore in matching files.",
            },
            "exclude": {
                **_SELECTORS,
                "description": "Globs (.gitignore syntax) skipped when walking folders.",
            },
            "force-exclude": {
                "type": "boolean",
                "description": "Apply exclude and ignore files to paths named on the command"
                " line too (default false; the pre-commit hooks pass --force-exclude).",
            },
            "respect-gitignore": {
                "type": "boolean",
                "description": "Skip what .gitignore and .ignore files ignore (default true).",
            },
            "fail-level": {
                **_LEVEL,
                "description": "Lowest severity that fails (default warning).",
            },
            "fixes": {
                "type": "object",
                "additionalProperties": {"enum": ["safe", "unsafe", "off"]},
                "description": "Promote or demote fixes per code: safe, unsafe or off.",
            },
            "overrides": {"type": "array", "items": override},
            **alias_props,
        },
    }


def _option_schema(code: str, option_name: str) -> dict[str, Any]:
    for rule in ALL_RULES:
        if rule.code == code:
            for option in rule.options:
                if option.name == option_name:
                    return dict(option.schema)
    raise KeyError(f"{code}.{option_name}")


class Override(NamedTuple):
    files: tuple[str, ...]
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = MappingProxyType({})
    rules: Mapping[str, Mapping[str, Any]] = MappingProxyType({})


class FileSettings(NamedTuple):
    """What applies to one file: the enabled rules (with options) and their severities."""

    rules: tuple[Rule, ...]
    severity: Mapping[str, Severity]
    enabled_codes: frozenset[str]


@dataclass(frozen=True, eq=False)
class Config:
    """A validated configuration. ``root`` anchors its globs and relative paths."""

    root: Path
    source: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    respect_gitignore: bool = True
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_level: Severity = Severity.WARNING
    fixes: Mapping[str, str] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    # what a configuration read from another linter's file could not express (one line each)
    warnings: tuple[str, ...] = ()
    _cache: dict[tuple[tuple[int, ...], tuple[str, ...]], FileSettings] = field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        """A Config built directly (the Python API) is checked as a file would be: an
        unknown code, a string where a list belongs or a wrong severity is a ConfigError,
        never a selection that silently matches nothing."""
        from mdcheck.config.validate import check_config

        check_config(self)

    @cached_property
    def fingerprint(self) -> str:
        """A stable digest of everything in this configuration that shapes diagnostics.

        It covers every setting and the contents of the files that rule options name
        (schemas, profiles), so editing such a file changes the fingerprint.
        """
        settings = {
            "root": str(self.root.resolve()),
            "select": self.select,
            "extend_select": self.extend_select,
            "ignore": self.ignore,
            "per_file_ignores": self.per_file_ignores,
            "severity": self.severity,
            "fail_level": self.fail_level.value,
            "fixes": self.fixes,
            "rule_options": self.rule_options,
            "overrides": [override._asdict() for override in self.overrides],
        }
        import hashlib  # only runs that use the result cache need it

        text = json.dumps(settings, sort_keys=True, default=_jsonable)
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        for path in sorted(_referenced_files(settings)):
            digest.update(f"\0{path}\0".encode("utf-8", "surrogatepass"))
            try:
                with open(path, "rb") as handle:
                    digest.update(hashlib.sha256(handle.read()).digest())
            except OSError as exc:
                digest.update(f"unreadable:{exc.errno}".encode())
        return digest.hexdigest()

    def relative(self, path: str) -> str:
        try:
            resolved = Path(path).resolve()
        except (RuntimeError, OSError):  # a symbolic-link loop (RuntimeError before 3.13)
            resolved = Path(path).parent.resolve() / Path(path).name
        try:
            return resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def is_excluded(self, path: str, *, folder: bool = False) -> bool:
        """Whether ``exclude`` skips the path (a folder's patterns ending in ``/`` too)."""
        if not self.exclude:
            return False
        relative = self.relative(path)
        return globs_match(self.exclude, relative + "/" if folder else relative)

    def fix_applicability(self, code: str, default: Applicability) -> Applicability | None:
        """The applicability of a code's fixes after ``fixes`` overrides; None = off."""
        setting = _lookup(self.fixes, code)
        if setting is None:
            return default
        return None if setting == "off" else Applicability(setting)

    def settings_for(self, path: str) -> FileSettings:
        if not self.overrides and not self.per_file_ignores:
            key: tuple[tuple[int, ...], tuple[str, ...]] = ((), ())
            if key not in self._cache:
                self._cache[key] = self._settings(*key)
            return self._cache[key]
        relative = self.relative(path) if path != "-" else "-"
        matched = tuple(
            index
            for index, override in enumerate(self.overrides)
            if any(glob_match(glob, relative) for glob in override.files)
        )
        ignored = tuple(glob for glob in self.per_file_ignores if glob_match(glob, relative))
        key = (matched, ignored)
        if key not in self._cache:
            self._cache[key] = self._settings(matched, ignored)
        return self._cache[key]

    def _settings(self, matched: tuple[int, ...], ignored: tuple[str, ...]) -> FileSettings:
        selected = self.select if self.select is not None else _default_selection()
        enabled = _expand(selected) | _expand(self.extend_select)
        enabled -= _expand(self.ignore)
        severity = dict(self.severity)
        options: dict[str, dict[str, Any]] = {
            _rule_code(key): dict(value) for key, value in self.rule_options.items()
        }
        for index in matched:
            override = self.overrides[index]
            enabled |= _expand(override.extend_select)
            enabled -= _expand(override.ignore)
            severity.update(override.severity)
            for key, value in override.rules.items():
                options.setdefault(_rule_code(key), {}).update(value)
        for glob in ignored:
            enabled -= _expand(self.per_file_ignores[glob])
        rules = tuple(rule(options.get(rule.code)) for rule in ALL_RULES if rule.code in enabled)
        levels = {
            rule.code: Severity.parse(_lookup(severity, rule.code) or rule.severity.value)
            for rule in ALL_RULES
        }
        return FileSettings(rules, levels, frozenset(enabled))


def _jsonable(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, Mapping):
        return dict(value)
    return repr(value)


def _referenced_files(value: object) -> set[str]:
    """Absolute paths of existing files among the (nested) string values."""
    found: set[str] = set()
    if isinstance(value, str):
        if os.path.isabs(value) and os.path.isfile(value):
            found.add(value)
    elif isinstance(value, Mapping):
        for item in value.values():
            found |= _referenced_files(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            found |= _referenced_files(item)
    return found


def _default_selection() -> tuple[str, ...]:
    return tuple(rule.code for rule in ALL_RULES if rule.enabled_by_default)


def _expand(selectors: Sequence[str]) -> set[str]:
    return {rule.code for selector in selectors for rule in match_selector(selector)}


def _rule_code(key: str) -> str:
    matches = match_selector(key)
    return matches[0].code if len(matches) == 1 else key


def _lookup(table: Mapping[str, str], code: str) -> str | None:
    """The value for ``code`` in a selector-keyed table: the most specific key wins."""
    best: tuple[int, str] | None = None
    for key, value in table.items():
        if code in {rule.code for rule in match_selector(key)}:
            specificity = len(key) if key.upper() != "ALL" else 0
            if best is None or specificity > best[0]:
                best = (specificity, value)
    return best[1] if best else None


# -- loading --------------------------------------------------------------------------------


def load_config_file(path: Path) -> Config:
    """Load and validate one configuration file (TOML; pyproject.toml's [tool.mdcheck])."""
    if not path.exists():
        raise ConfigError(f"{path}: configuration file does not exist")
    if is_markdownlint_file(path):
        return load_markdownlint_file(path)
    data = load_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("mdcheck", {})
        where = "[tool.mdcheck]"
    else:
        table, where = data, "the top level"
    return config_from_table(table, path, where)


def load_markdownlint_file(path: Path) -> Config:
    """A markdownlint configuration file read as an mdcheck configuration."""
    table, warnings = markdownlint_table(path)
    config = config_from_table(table, path, "the markdownlint configuration")
    return dataclasses.replace(config, warnings=tuple(warnings))


def config_from_table(table: Mapping[str, Any], source: Path | None, where: str) -> Config:
    from mdcheck.config.check import check_table

    name = str(source) if source else "configuration"
    check_table(table, name, where, load_schema("config.schema.json"))
    root = source.parent if source else Path.cwd()
    options: dict[str, dict[str, Any]] = {
        key: dict(value) for key, value in table.get("rules", {}).items()
    }
    # a top-level key sets its option for every rule that reads it, unless the rule's own
    # table sets the option: the more specific setting wins
    for key, targets in alias_targets().items():
        if key in table:
            for code, option in targets:
                options.setdefault(code, {}).setdefault(option, table[key])
    overrides = []
    for entry in table.get("overrides", []):
        entry_rules = {key: dict(value) for key, value in entry.get("rules", {}).items()}
        for key, targets in alias_targets().items():
            if key in entry:
                for code, option in targets:
                    entry_rules.setdefault(code, {}).setdefault(option, entry[key])
        overrides.append(
            Override(
                files=tuple(entry["files"]),
                extend_select=tuple(entry.get("extend-select", ())),
                ignore=tuple(entry.get("ignore", ())),
                severity=dict(entry.get("severity", {})),
                rules={k: _resolve_paths(k, v, root) for k, v in entry_rules.items()},
            )
        )
    select = table.get("select")
    return Config(
        root=root,
        source=source,
        select=tuple(select) if select is not None else None,
        extend_select=tuple(table.get("extend-select", ())),
        ignore=tuple(table.get("ignore", ())),
        per_file_ignores={k: tuple(v) for k, v in table.get("per-file-ignores", {}).items()},
        exclude=tuple(table.get("exclude", ())),
        force_exclude=bool(table.get("force-exclude", False)),
        respect_gitignore=bool(table.get("respect-gitignore", True)),
        severity=dict(table.get("severity", {})),
        fail_level=Severity.parse(table.get("fail-level", "warning")),
        fixes=dict(table.get("fixes", {})),
        rule_options={k: _resolve_paths(k, v, root) for k, v in options.items()},
        overrides=tuple(overrides),
    )


def _resolve_paths(rule_key: str, options: dict[str, Any], root: Path) -> dict[str, Any]:
    """Make options marked ``{"path": True}`` absolute, relative to the config's folder."""
    matches = match_selector(rule_key)
    if len(matches) != 1:
        return options
    resolved = dict(options)
    for option in matches[0].options:
        value = resolved.get(option.name)
        if option.extra.get("path") and isinstance(value, str):
            resolved[option.name] = str((root / value).resolve())
    return resolved


class ConfigResolver:
    """Finds the configuration for each file, caching one lookup per folder."""

    def __init__(self, explicit: Path | None = None, cwd: Path | None = None) -> None:
        self._cwd = cwd or Path.cwd()
        self._explicit = load_config_file(explicit) if explicit is not None else None
        self._by_dir: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}
        self._by_dirname: dict[str, Config] = {}  # the path's folder as written

    def for_path(self, path: str) -> Config:
        if self._explicit is not None:
            return self._explicit
        dirname = os.path.dirname(path) if path != "-" else "-"
        config = self._by_dirname.get(dirname)
        if config is None:
            start = (self._cwd / path).parent if path != "-" else self._cwd
            config = self._for_dir(start.resolve())
            self._by_dirname[dirname] = config
        return config

    def _for_dir(self, folder: Path) -> Config:
        cached = self._by_dir.get(folder)
        if cached is not None:
            return cached
        found = _config_file_in(folder)
        if found is not None:
            config = self._by_file.get(found) or load_config_file(found)
            self._by_file[found] = config
        elif folder.parent != folder:
            config = self._for_dir(folder.parent)
        else:
            config = Config(root=self._cwd)
        if config.source is None or is_markdownlint_file(config.source):
            # no mdcheck configuration applies: the nearest markdownlint one does
            markdownlint = markdownlint_file_in(folder)
            if markdownlint is not None:
                config = self._by_file.get(markdownlint) or load_markdownlint_file(markdownlint)
                self._by_file[markdownlint] = config
        self._by_dir[folder] = config
        return config


def _config_file_in(folder: Path) -> Path | None:
    for name in CONFIG_FILES:
        candidate = folder / name
        if not candidate.is_file():
            continue
        if name != "pyproject.toml":
            return candidate
        try:
            text = candidate.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "[tool.mdcheck" in text and "mdcheck" in load_toml(candidate).get("tool", {}):
            return candidate
    return None
