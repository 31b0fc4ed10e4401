"""HY rules (markdownlint's MD030-MD060), driven by tests/fixtures/hy/ (see tests/harness.py)."""

from __future__ import annotations

import pytest

from mdcheck.api import fix_text, lint_text
from mdcheck.config import config_from_table
from mdcheck.rules import ALL_RULES, match_selector
from tests.harness import Case, cases, check_case

# the rules from HY030 on that run by default (the opt-in ones are selected by their cases;
# HY003-HY029 have their own fixtures)
PREFIXES = tuple(
    r.code
    for r in ALL_RULES
    if r.code.startswith("HY") and r.code >= "HY030" and r.enabled_by_default
)


@pytest.mark.parametrize("case", cases("hy"), ids=lambda case: case.id)
def test_hy_fixture(case: Case) -> None:
    check_case(case, PREFIXES)


def _codes(text: str, select: list[str]) -> list[str]:
    config = config_from_table({"select": select}, None, "the top level")
    return [f"{d.span.line}:{d.code}" for d in lint_text(text, "-", config)]


def test_every_hy_rule_names_its_markdownlint_code() -> None:
    for rule in ALL_RULES:
        if rule.code.startswith("HY"):
            assert rule.aliases[0] == "MD" + rule.code[2:], rule.code


def test_existing_rules_answer_to_markdownlint_aliases() -> None:
    wanted = {"CF004": "MD040", "DOC001": "MD047", "TB001": "MD056", "ART001": "MD043"}
    for rule in ALL_RULES:
        if rule.code in wanted:
            assert wanted[rule.code] in rule.aliases
    assert sorted(rule.code for rule in match_selector("HY03"))[:3] == ["HY030", "HY031", "HY032"]


def test_list_after_a_sentence_is_fixed_without_changing_the_list() -> None:
    text = "主要特点：\n- 能效\n- 成本\n## 下一节\n"
    config = config_from_table({"select": ["HY032"]}, None, "the top level")
    fixed = fix_text(text, "-", config).text
    assert fixed == "主要特点：\n\n- 能效\n- 成本\n\n## 下一节\n"
    assert _codes(fixed, ["HY032"]) == []


def test_blank_line_added_inside_a_block_quote_keeps_the_quote() -> None:
    text = "> 引言\n> - 一\n> - 二\n"
    config = config_from_table({"select": ["HY032"]}, None, "the top level")
    assert fix_text(text, "-", config).text == "> 引言\n>\n> - 一\n> - 二\n"


def test_emphasis_pairs_are_not_confused_by_neighbouring_bold() -> None:
    assert _codes("**一** 和 **二** 与 **bold** and **more**\n", ["HY037"]) == []
    assert _codes("x ** 加粗** y\n", ["HY037"]) == ["1:HY037"]


def test_bare_url_stops_at_chinese_text_and_punctuation() -> None:
    config = config_from_table({"select": ["HY034"]}, None, "the top level")
    fixed = fix_text("访问 https://example.com/a，然后。\n", "-", config, unsafe=True).text
    assert fixed == "访问 <https://example.com/a>，然后。\n"


def test_urls_in_code_html_and_links_are_not_bare() -> None:
    text = (
        '`https://a.example` <a href="https://b.example">b</a> [c](https://c.example)\n\n'
        "```\nhttps://d.example\n```\n"
    )
    assert _codes(text, ["HY034"]) == []
