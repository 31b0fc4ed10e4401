"""The shortcuts of the per-line scanning rules (ART004, DOC002, DOC003) find what a full
look at every line and every paragraph finds, right at the edges they are built on."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdcheck.api import lint_text
from mdcheck.article import generated
from mdcheck.article.generated import (
    _ERROR,
    _OPENING_STARTS,
    _STRONG,
    _STRONG_STARTS,
    _WEAK,
    _may_start,
    _plain,
    visible_chars,
)
from mdcheck.article.outline import has_content
from mdcheck.config import config_from_table
from mdcheck.diagnostic import Diagnostic
from mdcheck.markdown.document import Document


def _lint(text: str, codes: list[str], **table: object) -> list[Diagnostic]:
    config = config_from_table({"select": codes, **table}, None, "x")
    return lint_text(text, "post.md", config)


def _found(text: str, codes: list[str], **table: object) -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.col, d.message) for d in _lint(text, codes, **table)]


# -- ART004: a refusal anywhere in the body, whatever its first character --------------

_LATER_REFUSALS = [
    "**As an AI language model**, I cannot write this.",
    "[As an AI language model](https://example.com), I cannot write this.",
    "<b>作为一个 AI 语言模型</b>，我不能预测未来。",
    "`作为`一个 AI 语言模型，我不能预测未来。",
    "ＡＳ ＡＮ ＡＩ ＬＡＮＧＵＡＧＥ ＭＯＤＥＬ, I cannot write this.",
    "As a large language model, I cannot write this.",
    "非常抱歉，这个问题未找到相关结果。",
    "对不起，该问题暂未找到相关结果。",
]


@pytest.mark.parametrize("refusal", _LATER_REFUSALS)
def test_a_refusal_after_the_first_paragraph_is_reported(refusal: str) -> None:
    text = (
        "# 标题\n\n## 一、背景\n\n这是第一段，内容足够长，说明了背景。\n\n"
        f"## 二、分析\n\n{refusal}\n\n最后一段。\n"
    )
    found = _found(text, ["ART004"])
    assert len(found) == 1
    assert found[0][:2] == (9, 1)
    assert found[0][2].startswith("the body is a refusal or error message (")


def test_ordinary_paragraphs_are_not_refusals() -> None:
    text = "# Title\n\n## A\n\nAs expected, the build passed.\n\n作为开源项目，它发展很快。\n"
    assert _found(text, ["ART004"]) == []


_FIRST = st.sampled_from(
    ["", " ", "\t", "**", "*", "_", "~~", "`", "[", "](x)", "<b>", "\\", "!", "\u3000", "Ａ", "ａ"]
)
_OPENINGS = st.sampled_from(
    ["As an AI language model", "as a language model", "作为一个AI模型", "很抱歉问题未找到相关结果"]
)


@given(st.lists(_FIRST, max_size=4), _OPENINGS, st.text(max_size=8))
def test_the_first_character_check_never_skips_a_refusal(
    prefix: list[str], opening: str, rest: str
) -> None:
    text = "".join(prefix) + opening + rest
    if _STRONG.match(_plain(text)):
        assert _may_start(text, _STRONG_STARTS)


@given(st.text(max_size=12))
def test_the_first_character_check_on_any_text(text: str) -> None:
    if _STRONG.match(_plain(text)):
        assert _may_start(text, _STRONG_STARTS)


_OPENING_REFUSALS = st.sampled_from(
    [
        "As an AI language model",
        "I'm sorry, but",
        "We are sorry, we",
        "Sorry, I can't",
        "Unfortunately, we cannot",
        "I apologize, but",
        "i cannot help",
        "Error: 502",
        "500 internal server error",
        "An error occurred",
        "Internal Server Error",
        "Request failed",
        "Rate limit exceeded",
        "No results found",
        "抱歉，我无法回答",
        "我无法回答",
        "未找到相关结果",
        "没有找到结果",
        "暂无相关内容",
        "请求失败",
        "服务繁忙",
        "网络错误",
        "生成失败",
        "出错了",
    ]
)


@given(st.lists(_FIRST, max_size=4), _OPENING_REFUSALS, st.text(max_size=8))
def test_the_first_character_check_never_skips_an_opening_refusal(
    prefix: list[str], opening: str, rest: str
) -> None:
    text = "".join(prefix) + opening + rest
    plain = _plain(text)
    if _STRONG.match(plain) or _WEAK.match(plain) or _ERROR.match(plain):
        assert _may_start(text, _OPENING_STARTS)


@given(st.text(max_size=12))
def test_the_opening_first_character_check_on_any_text(text: str) -> None:
    plain = _plain(text)
    if _STRONG.match(plain) or _WEAK.match(plain) or _ERROR.match(plain):
        assert _may_start(text, _OPENING_STARTS)


@pytest.mark.parametrize(
    ("second", "reported"),
    [
        ("As an AI language model, I cannot write this.", True),
        ("I'm sorry, but I can't write this.", False),  # only the opening may apologise
    ],
)
def test_a_body_of_code_blocks_opens_with_the_first(second: str, reported: bool) -> None:
    text = f"```\n说明\n```\n\n```\n{second}\n```\n"
    found = _found(text, ["ART004"])
    assert [(line, col) for line, col, _ in found] == ([(6, 1)] if reported else [])
    first = _found(f"```\n{second}\n```\n", ["ART004"])
    assert [(line, col) for line, col, _ in first] == [(2, 1)]


# -- ART004: leftovers on the lines a whole-text search picks ---------------------------

_ARTICLE = "---\ntitle: x\n---\n"


def test_leftovers_on_the_first_and_the_last_line() -> None:
    text = "[待补充] first\n\ntext\n\n```\n[TODO] in code\n```\n\nlast {{ name }}"
    found = _found(text, ["ART004"])
    assert [(line, col) for line, col, _ in found] == [(1, 1), (9, 6)]


def test_leftovers_next_to_filler_text_in_any_case() -> None:
    text = _ARTICLE + "\nLOREM IPSUM DOLOR sit.\n\n[待补充]\n\nTODO: more\n"
    found = _found(text, ["ART004"])
    assert [(line, col) for line, col, _ in found] == [(5, 1), (7, 1), (9, 1)]
    assert found[0][2].startswith('filler text "LOREM IPSUM DOLOR" was never replaced')


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("xx lOrEm ipsum", True),
        ("中文 Lorem", True),
        ("lore m", False),
        ("no filler here", False),
    ],
)
def test_the_filler_hint_in_any_case_and_across_chunks(
    monkeypatch: pytest.MonkeyPatch, text: str, held: bool
) -> None:
    assert generated._may_hold_lorem(text) is held
    monkeypatch.setattr(generated, "_LOREM_CHUNK", 4)  # "lorem" now spans two chunks
    assert generated._may_hold_lorem(text) is held


def test_a_filler_hint_without_filler_text_reports_nothing() -> None:
    # "lo" and "rem" joined once the CJK character between them is dropped
    text = _ARTICLE + "\nlo中rem ipsum dolor [官方文档](https://example.com)\n"
    assert generated._may_hold_lorem(text)
    assert _found(text, ["ART004"]) == []


@pytest.mark.parametrize(
    ("line", "col"),
    [
        # each leftover alone, in a text without the other literals
        ("FIXME: the numbers", 1),
        ("TODO：补充数据", 1),
        ("见 [TODO 数据] 一节", 3),
        ("【待补充】", 1),
        ("作者：{{ author }}", 4),
        # brackets that open links, code spans or comments do not hide a placeholder
        ("见[官方文档](https://example.com)与[插入数据]", 30),
        ("[`x`插入数据]", 1),
        ("[<!-- 注 -->待补充]", 1),
        ("[ Insert the name ]", 1),
        ("[tbd] 与 [TBD]", 9),
    ],
)
def test_a_leftover_is_found_where_it_stands(line: str, col: int) -> None:
    text = _ARTICLE + f"\n# 标题\n\n正文第一段。\n\n{line}\n"
    assert [(found[0], found[1]) for found in _found(text, ["ART004"])] == [(9, col)]


def test_leftovers_after_crlf_and_lone_cr_line_endings() -> None:
    text = _ARTICLE.replace("\n", "\r\n") + "a\rb\r\n\r\nsee [TODO]\r\n"
    assert [(line, col) for line, col, _ in _found(text, ["ART004"])] == [(7, 5)]


_KEYWORD_TAILS = ("nsert]", "laceholder]", "ill in x]", "o be added]", "ODO]", "IXME]", "BD]")


@given(st.characters())
def test_the_bracket_check_never_skips_a_placeholder(first: str) -> None:
    # a bracket is read only when _PLACEHOLDER_START follows it: whatever first character
    # the placeholder and marker patterns accept (in any case), that check accepts too
    for tail in _KEYWORD_TAILS:
        text = f"[{first}{tail}"
        if generated._BRACKET.search(text) or generated._MARKER.search(text):
            assert generated._PLACEHOLDER_START.match(text, 1), text


_KEYWORDS = (
    "在此插入", "此处填写", "这里补充", "请替换", "插入", "填写", "填入", "补充", "替换",
    "待补充", "待填写", "待定", "insert", "placeholder", "fill in", "to be added",
    "to be written", "to be completed", "TODO", "FIXME", "TBD",
)  # fmt: skip


@given(
    st.sampled_from(["", " ", "  ", "\t", "\u3000", "`x`", "<!-- c -->"]),
    st.sampled_from(_KEYWORDS),
    st.sampled_from([str, str.upper, str.lower, str.title, str.swapcase]),
    st.text(max_size=4),
)
def test_the_bracket_check_never_skips_a_keyword(
    before: str, keyword: str, case: Any, after: str
) -> None:
    # the check reads whole keywords now, so links such as "[the guide](url)" are skipped
    # without reading their line: every placeholder or marker still passes it, in any
    # case, after spaces, a code span or a comment (blanked before the line is read)
    for bracket, closer in (("[", "]"), ("【", "】")):
        text = f"{bracket}{before}{case(keyword)}{after}{closer}"
        line = generated._blank(generated._COMMENT, text).replace("`x`", "   ")
        if generated._BRACKET.search(line) or generated._MARKER.search(line):
            assert generated._PLACEHOLDER_START.match(text, 1), text
    assert generated._PLACEHOLDER_START.match("[the guide](https://example.com)", 1) is None


# -- ART004: the body length counted only as far as needed ------------------------------


def test_a_short_body_reports_the_exact_count_of_marked_up_text() -> None:
    text = "# Title\n\n**abc** [de](https://example.com) `f`\n\nghi\n"
    found = _found(text, ["ART004"], rules={"ART004": {"min-body-chars": 100}})
    assert [message.split(" (")[0] for _, _, message in found] == [
        "the body has only 9 visible characters"
    ]


def test_marked_up_text_counts_towards_the_minimum() -> None:
    text = "# Title\n\nabc\n\n**defghij**\n"
    assert _found(text, ["ART004"], rules={"ART004": {"min-body-chars": 10}}) == []
    assert len(_found(text, ["ART004"], rules={"ART004": {"min-body-chars": 11}})) == 1


def test_counting_up_to_enough() -> None:
    doc = Document.from_text("# T\n\n**ab** cd\n\n```\nef\n```\n", "x.md")
    assert visible_chars(doc) == 6
    assert visible_chars(doc, enough=100) == 6
    assert visible_chars(doc, enough=2) >= 2
    assert visible_chars(doc, enough=0) == 0


# -- ART006: content told from breaks and comments by the first character -------------


@pytest.mark.parametrize(
    ("line", "content"),
    [
        ("text", True),
        ("   ***", False),
        ("___", False),
        ("- - -", False),
        ("\t---", True),  # a tab is not one of the up to three spaces of a break
        ("    ---", True),
        ("--", True),
        ("- item", True),
        ("* item", True),
        ("_emphasis_", True),
        ("<!-- note -->", False),
        ("\u3000<!-- note -->  ", False),
        ("<!-- note --> text", True),
        ("<b>bold</b>", True),
        ("   ", False),
    ],
)
def test_section_content_beside_breaks_and_comments(line: str, content: bool) -> None:
    assert has_content(["", line, ""]) is content


# -- DOC002 / DOC003: whole-text checks before the per-line work ------------------------


def test_hidden_characters_are_placed_on_their_lines_across_line_endings() -> None:
    text = "a\r\nb\u200bc\rd\n\u00a0\u00a0x\n"
    found = _found(text, ["DOC002"])
    assert [(line, col) for line, col, _ in found] == [(2, 2), (4, 1)]


@pytest.mark.parametrize(
    ("text", "style", "reported"),
    [
        ("a\nb\n", "consistent", False),
        ("a\r\nb\r\n", "consistent", False),
        ("a\rb\r", "consistent", False),
        ("a\rb\r", "crlf", True),
        ("a\rb\r", "lf", True),
        ("a\r\nb\r\n", "lf", True),
        ("a\nb\n", "crlf", True),
        ("a\nb", "lf", False),
        ("a", "crlf", False),
        ("a\r\nb\n", "consistent", True),
    ],
)
def test_line_endings_of_one_kind(text: str, style: str, reported: bool) -> None:
    found = _found(text, ["DOC003"], rules={"DOC003": {"line-ending": style}})
    assert bool(found) is reported
