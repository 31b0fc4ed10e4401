"""mdcheck's rules answer to markdownlint's codes, aliases and comments.

HD002 (markdownlint's MD001 heading-increment) and HD001 (MD025 single-title) stand for
any rule with a markdownlint alias; DOC001 (MD047) is on too, FM (no alias) shows what a
markdownlint comment leaves alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mdcheck import lint_text
from mdcheck.config import Config, ConfigError, config_from_table

# FM001 reports every page without front matter only when required (by default, articles)
ON = Config(
    root=Path.cwd(),
    select=("HD002", "FM001", "MC"),
    rule_options={"FM001": {"required": True}},
)

SKIP = "# Title\n\n### 跳级的标题\n"
SKIP_FINDING = "3:1 HD002"


def found(text: str, config: Config = ON) -> list[str]:
    return [f"{d.span.line}:{d.span.col} {d.code}" for d in lint_text(text, config=config)]


def table(**values: object) -> Config:
    return config_from_table(values, None, "test")


@pytest.mark.parametrize("selector", ["MD001", "md001", "heading-increment"])
def test_select_by_markdownlint_code_or_alias(selector: str) -> None:
    assert found(SKIP, table(select=[selector])) == [SKIP_FINDING]


@pytest.mark.parametrize("selector", ["MD025", "single-title", "single-h1"])
def test_ignore_by_markdownlint_code_or_alias(selector: str) -> None:
    text = "# One\n\n# Two\n"
    assert found(text, table(select=["HD001"])) == ["3:1 HD001"]
    assert found(text, table(select=["HD001"], ignore=[selector])) == []


def test_severity_and_options_keyed_by_alias() -> None:
    config = table(select=["MD001"], severity={"MD001": "error"})
    assert [d.severity.value for d in lint_text(SKIP, config=config)] == ["error"]
    text = "no heading at all\n"
    required = table(select=["single-title"], rules={"MD025": {"h1": "required"}})
    assert found(text, required) == ["1:1 HD001"]
    assert found(text, table(select=["single-title"], rules={"MD025": {"h1": "optional"}})) == []


def test_unknown_alias_in_configuration_is_an_error() -> None:
    with pytest.raises(ConfigError, match="MD999"):
        table(ignore=["MD999"])


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- markdownlint-disable MD001 -->",
        "<!-- markdownlint-disable heading-increment -->",
        "<!-- markdownlint-disable headings -->",  # a tag
        "<!-- markdownlint-disable md001 MD025 -->",
        "<!-- markdownlint-disable -->",
        "<!--markdownlint-disable MD001-->",
        "<!-- markdownlint-disable-file MD001 -->",
    ],
)
def test_disable_forms(comment: str) -> None:
    assert found(f"{comment}\n\n{SKIP}") == ["1:1 FM001"]


def test_disable_covers_its_own_line_and_enable_ends_it() -> None:
    text = (
        "# T\n\n### A <!-- markdownlint-disable MD001 -->\n\n"
        "<!-- markdownlint-enable MD001 -->\n\n# U\n\n### B\n"
    )
    assert found(text) == ["1:1 FM001", "9:1 HD002"]


def test_disable_next_line_is_the_very_next_line() -> None:
    text = "# T\n\n<!-- markdownlint-disable-next-line MD001 -->\n### A\n\n# U\n\n### B\n"
    assert found(text) == ["1:1 FM001", "8:1 HD002"]
    blank_between = "# T\n\n<!-- markdownlint-disable-next-line MD001 -->\n\n### A\n"
    assert found(blank_between) == ["1:1 FM001", "5:1 HD002"]


def test_disable_line() -> None:
    text = "# T\n\n### A <!-- markdownlint-disable-line MD001 -->\n\n# U\n\n### B\n"
    assert found(text) == ["1:1 FM001", "7:1 HD002"]


def test_capture_and_restore() -> None:
    text = (
        "<!-- markdownlint-disable MD001 -->\n# T\n\n### A\n\n"
        "<!-- markdownlint-capture -->\n<!-- markdownlint-enable MD001 -->\n\n# U\n\n### B\n\n"
        "<!-- markdownlint-restore -->\n\n# V\n\n### C\n"
    )
    assert found(text) == ["1:1 FM001", "11:1 HD002"]


def test_enable_file_wins_when_it_comes_last() -> None:
    text = (
        f"<!-- markdownlint-disable-file MD001 -->\n<!-- markdownlint-enable-file MD001 -->\n{SKIP}"
    )
    assert found(text) == ["1:1 FM001", "5:1 HD002"]


def test_comment_in_a_code_block_is_text() -> None:
    text = "# T\n\n```md\n<!-- markdownlint-disable -->\n```\n\n### A\n"
    assert found(text) == ["1:1 FM001", "7:1 HD002"]


def test_comment_in_a_code_span_is_an_example() -> None:
    text = "Write `<!-- markdownlint-disable MD001 -->` to turn it off.\n\n" + SKIP
    assert found(text) == ["1:1 FM001", "5:1 HD002"]
    configure = '`<!-- markdownlint-configure-file {"MD001": false} -->`\n\n' + SKIP
    assert found(configure) == ["1:1 FM001", "5:1 HD002"]


def test_unknown_name_is_reported() -> None:
    text = "<!-- markdownlint-disable MD01 -->\n" + SKIP
    diagnostics = lint_text(text, config=ON)
    assert [(d.code, d.message) for d in diagnostics if d.code == "MC001"] == [
        ("MC001", "markdownlint-disable names 'MD01', which is no markdownlint rule, alias or tag")
    ]


def test_configure_file_turns_rules_off_and_on_and_sets_options() -> None:
    off = '<!-- markdownlint-configure-file { "heading-increment": false } -->\n' + SKIP
    assert found(off) == ["1:1 FM001"]
    on = table(select=["FM001"], rules={"FM001": {"required": True}})
    comment = '<!-- markdownlint-configure-file {\n  "MD025": true\n} -->\n# One\n\n# Two\n'
    assert found(comment, on) == ["1:1 FM001", "6:1 HD001"]
    everything_off = '<!-- markdownlint-configure-file {"default": false} -->\n' + SKIP
    assert found(everything_off) == ["1:1 FM001"]  # FM001 answers to no markdownlint name


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{ MD001: false }", "markdownlint-configure-file: not valid JSON"),
        ('{ "no-such-rule": false }', "markdownlint-configure-file: unknown key 'no-such-rule'"),
        ('{ "MD025": {"level": 2} }', "markdownlint-configure-file: MD025 parameter 'level'"),
    ],
)
def test_configure_file_problems_are_reported(body: str, message: str) -> None:
    text = f"<!-- markdownlint-configure-file {body} -->\n{SKIP}"
    messages = [d.message for d in lint_text(text, config=ON) if d.code == "MC001"]
    assert len(messages) == 1 and messages[0].startswith(message)


def test_json_and_sarif_name_the_aliases(tmp_path: Path) -> None:
    from mdcheck.cli import main

    md = tmp_path / "a.md"
    md.write_text(SKIP, encoding="utf-8")
    out = tmp_path / "out.json"
    main(["check", "--select", "MD001", "--format", "json", "--output-file", str(out), str(md)])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [d["aliases"] for d in report["diagnostics"]] == [["MD001", "heading-increment"]]
    main(["check", "--select", "MD001", "--format", "sarif", "--output-file", str(out), str(md)])
    rules = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]
    hd002 = next(rule for rule in rules if rule["id"] == "HD002")
    assert hd002["properties"]["aliases"] == ["MD001", "heading-increment"]


def test_rule_command_finds_a_rule_by_alias() -> None:
    from mdcheck.rules import find_rule

    assert find_rule("MD047") is not None and find_rule("MD047").code == "DOC001"  # type: ignore[union-attr]
    assert find_rule("fenced-code-language").code == "CF004"  # type: ignore[union-attr]
