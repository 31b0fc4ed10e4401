"""``mdcheck init`` (a commented starter configuration) and ``--show-settings FILE`` (the
settings one file gets, and where each value came from)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from mdcheck.config import Config, ConfigError
from mdcheck.util.toml import load_toml

STARTER = """\
# mdcheck configuration (https://github.com/mdcheck/mdcheck#configuration).
# Every key is optional; the values shown commented out are the defaults.
# `mdcheck rules` lists the rules, `mdcheck rule CODE` documents one and its options,
# and `mdcheck --show-settings FILE` prints what a file gets from this file.

# Rules to run: codes (HD003), prefixes (HD) or names (heading-number-missing).
# select = ["ALL"]               # default: every rule that is on by default
# extend-select = ["CF004"]      # add rules that are off by default
# ignore = []                    # rules to skip

# Lowest severity that fails the run (exit 1): "error", "warning" or "info".
fail-level = "warning"

# Folders and files skipped when walking folders (.gitignore patterns). .gitignore and
# .ignore files are read too; build, dist, venv, node_modules and hidden folders are
# never walked.
exclude = []
# force-exclude = false          # true: skip excluded files even when named (pre-commit)
# respect-gitignore = true

# Severity per rule or prefix: "error", "warning" or "info".
# severity = { DOC001 = "warning" }

# Promote or demote fixes per rule: "safe", "unsafe" or "off".
# fixes = { CF002 = "safe" }

# Rules to skip in some files.
# [per-file-ignores]
# "CHANGELOG.md" = ["HD"]

# Options of one rule, by name or code.
# [rules.table-empty-cell]
# empty-cells = "all"

# Settings for some files only.
# [[overrides]]
# files = ["drafts/**"]
# ignore = ["ART"]
"""


def init_config(folder: Path) -> int:
    """Write ``mdcheck.toml`` in ``folder``; never over an existing configuration."""
    target = folder / "mdcheck.toml"
    for name in (".mdcheck.toml", "mdcheck.toml"):
        if (folder / name).exists():
            raise ConfigError(f"{folder / name} already exists; not overwritten")
    target.write_text(STARTER, encoding="utf-8")
    print(f"wrote {target}; edit it, then run: mdcheck --show-settings FILE")
    return 0


_FIELDS = (
    ("select", "select"),
    ("extend-select", "extend_select"),
    ("ignore", "ignore"),
    ("exclude", "exclude"),
    ("force-exclude", "force_exclude"),
    ("respect-gitignore", "respect_gitignore"),
    ("fail-level", "fail_level"),
    ("severity", "severity"),
    ("fixes", "fixes"),
    ("per-file-ignores", "per_file_ignores"),
    ("rules", "rule_options"),
)


def _table(config: Config) -> dict[str, Any]:
    if config.source is None:
        return {}
    data = load_toml(config.source)
    if config.source.name == "pyproject.toml":
        return dict(data.get("tool", {}).get("mdcheck", {}))
    return dict(data)


def _plain(value: Any) -> Any:
    if hasattr(value, "value") and not isinstance(value, (str, int)):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return value


def show_settings(path: str, config: Config, from_command_line: set[str]) -> int:
    """Print the effective settings of ``path`` and the origin of each."""
    table = _table(config)
    out = sys.stdout
    out.write(f"file: {path}\n")
    where = str(config.source) if config.source else "none found (defaults)"
    out.write(f"configuration: {where}\nroot: {config.root}\n\n")
    for key, attribute in _FIELDS:
        value = _plain(getattr(config, attribute))
        if value is None:
            value = "(default rules)"
        if key in from_command_line:
            origin = "command line"
        elif key in table:
            origin = str(config.source)
        else:
            origin = "default"
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        out.write(f"{key:<18} = {shown}  # {origin}\n")
    if config.overrides:
        files = [list(o.files) for o in config.overrides]
        out.write(f"{'overrides':<18} = {json.dumps(files)}  # {config.source}\n")
    settings = config.settings_for(path)
    _write_kind(out, path, settings.rules)
    codes = sorted(settings.enabled_codes)
    out.write(f"\nenabled rules for this file ({len(codes)}):\n")
    for rule in sorted(settings.rules, key=lambda r: r.code):
        severity = settings.severity.get(rule.code, rule.severity)
        out.write(f"  {rule.code:<7} {rule.name} ({severity.value})\n")
    return 0


def _write_kind(out: Any, path: str, rules: Any) -> None:
    """What kind of file ``path`` is and the front-matter schema it is checked against
    (``docs/file-kinds.md``), when it can be read."""
    from mdcheck.markdown.document import Document
    from mdcheck.rules.frontmatter_data import FrontMatterSchema, schema_name
    from mdcheck.rules.kinds import KindRule

    kind_rules = [rule for rule in rules if isinstance(rule, KindRule)]
    if not kind_rules:
        return
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return
    doc = Document.from_text(text, path)
    out.write(f"\nkind: {kind_rules[0].kind_of(doc).describe()}\n")
    for rule in kind_rules:
        if isinstance(rule, FrontMatterSchema):
            schema = rule.schema_for(doc)
            out.write(
                f"front-matter schema: {schema_name(schema) if schema else '(not checked)'}\n"
            )
