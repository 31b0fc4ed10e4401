"""Rule documentation, rendered from the rules' own metadata and docstrings.

``mdcheck rules`` prints :func:`rules_table`, ``mdcheck rule CODE`` prints
:func:`rule_page`, and ``docs/rules.md`` is :func:`reference_markdown` (regenerated with
``python -m mdcheck.ruledoc`` and checked by a test).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mdcheck.rules import ALL_RULES, Rule


def rules_table() -> str:
    rows = [("CODE", "NAME", "SEVERITY", "FIX", "DEFAULT", "SUMMARY")]
    for rule in ALL_RULES:
        rows.append(
            (
                rule.code,
                rule.name,
                rule.severity.value,
                "yes" if rule.fixable else "-",
                "on" if rule.enabled_by_default else "off",
                rule.summary,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return (
        "\n".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True))
            + "  "
            + row[5]
            for row in rows
        )
        + "\n"
    )


def rules_json() -> str:
    return (
        json.dumps(
            [
                {
                    "code": rule.code,
                    "name": rule.name,
                    "summary": rule.summary,
                    "severity": rule.severity.value,
                    "fixable": rule.fixable,
                    "enabled_by_default": rule.enabled_by_default,
                    "aliases": list(rule.aliases),
                    "options": {
                        option.name: {"default": option.default, "description": option.description}
                        for option in rule.options
                    },
                    "documentation": rule.documentation(),
                }
                for rule in ALL_RULES
            ],
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _options_lines(rule: type[Rule]) -> list[str]:
    lines = []
    for option in rule.options:
        default = json.dumps(option.default, ensure_ascii=False)
        lines.append(f"- `{option.name}` (default `{default}`): {option.description}")
    return lines


def _alias_lines(rule: type[Rule], *, markdown: bool = False) -> list[str]:
    if not rule.aliases:
        return []
    if markdown:
        return ["", "Also answers to: " + ", ".join(f"`{alias}`" for alias in rule.aliases) + "."]
    return ["Also answers to: " + ", ".join(rule.aliases) + "."]


def rule_page(rule: type[Rule]) -> str:
    lines = [
        f"{rule.code} {rule.name}: {rule.summary}",
        f"Default severity: {rule.severity.value}. Fixable: {'yes' if rule.fixable else 'no'}."
        f" Enabled by default: {'yes' if rule.enabled_by_default else 'no'}.",
        *_alias_lines(rule),
        "",
        rule.documentation(),
    ]
    if rule.options:
        lines += ["", f"Options ([tool.mdcheck.rules.{rule.name}]):", *_options_lines(rule)]
    return "\n".join(lines) + "\n"


def reference_markdown() -> str:
    out = [
        "# Rule reference",
        "",
        "<!-- Generated from the rules' docstrings by `python -m mdcheck.ruledoc`;"
        " do not edit by hand. -->",
        "",
        "| Code | Name | Severity | Fix | Default | Summary |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in ALL_RULES:
        anchor = f"{rule.code.lower()}-{rule.name}"
        out.append(
            f"| [{rule.code}](#{anchor}) | {rule.name} | {rule.severity.value} |"
            f" {'yes' if rule.fixable else '-'} | {'on' if rule.enabled_by_default else 'off'} |"
            f" {rule.summary} |"
        )
    from mdcheck.rules.hygiene_doc import DEFAULTS_NOTE

    out += ["", DEFAULTS_NOTE.rstrip("\n").replace("``", "`")]
    for rule in ALL_RULES:
        out += [
            "",
            f"## {rule.code} {rule.name}",
            "",
            f"*{rule.summary}.*",
            *_alias_lines(rule, markdown=True),
            "",
            rule.documentation(),
        ]
        if rule.options:
            out += ["", f"Options (`[tool.mdcheck.rules.{rule.name}]`):", "", *_options_lines(rule)]
    return "\n".join(out) + "\n"


def main() -> int:
    """Regenerate docs/rules.md and schemas/config.schema.json from the code."""
    from mdcheck.config import config_schema

    root = Path(__file__).resolve().parent.parent
    (root / "docs" / "rules.md").write_text(reference_markdown(), encoding="utf-8")
    schema = json.dumps(config_schema(), ensure_ascii=False, indent=2) + "\n"
    (root / "schemas" / "config.schema.json").write_text(schema, encoding="utf-8")
    print("wrote docs/rules.md and schemas/config.schema.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
