"""Heading-number parsing across styles (mdcheck.article.numbering) and title normalisation."""

from __future__ import annotations

import pytest

from mdcheck.article.numbering import format_number, parse_heading_number
from mdcheck.article.numerals import chinese_to_int, int_to_chinese, int_to_roman, roman_to_int
from mdcheck.markdown.inline import normalize, strip_inline_markup


@pytest.mark.parametrize(
    ("text", "parts", "style", "separator", "title"),
    [
        ("1. Intro", (1,), "arabic", ".", "Intro"),
        ("1) Intro", (1,), "arabic", ")", "Intro"),
        ("1、介绍", (1,), "arabic", "、", "介绍"),
        ("1.介绍", (1,), "arabic", ".", "介绍"),
        ("1.1 技术发展现状", (1, 1), "arabic", "", "技术发展现状"),
        ("1.1.1 Detail", (1, 1, 1), "arabic", "", "Detail"),
        ("1.1. Detail", (1, 1), "arabic", ".", "Detail"),
        ("１．全角数字", (1,), "arabic", ".", "全角数字"),
        ("一、概述", (1,), "chinese", "、", "概述"),
        ("十一、展望", (11,), "chinese", "、", "展望"),
        ("二十 总结", (20,), "chinese", "", "总结"),
        ("（一）背景", (1,), "paren-chinese", ")", "背景"),
        ("(二) 现状", (2,), "paren-chinese", ")", "现状"),
        ("(3) Third", (3,), "paren-arabic", ")", "Third"),
        ("第一章 总论", (1,), "chapter", "章", "总论"),
        ("第1章 总论", (1,), "chapter", "章", "总论"),
        ("第二节 方法", (2,), "chapter", "节", "方法"),
        ("**1.1 技术发展现状**", (1, 1), "arabic", "", "技术发展现状"),
        ("[1. Intro](#intro)", (1,), "arabic", ".", "Intro"),
        ('<a id="intro"></a>1. Intro', (1,), "arabic", ".", "Intro"),
        ("**[2. Setup](#setup)**", (2,), "arabic", ".", "Setup"),
    ],
)
def test_parses_numbering_styles(
    text: str, parts: tuple[int, ...], style: str, separator: str, title: str
) -> None:
    number = parse_heading_number(text)
    assert number is not None
    assert (number.parts, number.style, number.separator, number.title) == (
        parts,
        style,
        separator,
        title,
    )


@pytest.mark.parametrize(
    "text", ["2024 年趋势", "3D 打印", "1.5x faster", "生成式 AI：从文本", "十大趋势", "42", "v2.0"]
)
def test_titles_that_only_start_with_digits_are_not_numbers(text: str) -> None:
    assert parse_heading_number(text) is None


def test_bare_number_is_flagged_as_ambiguous() -> None:
    number = parse_heading_number("10 Tips for Writers")
    assert number is not None and number.bare


def test_roman_numerals_only_when_asked() -> None:
    assert parse_heading_number("IV. Results") is None
    number = parse_heading_number("IV. Results", roman=True)
    assert number is not None and number.parts == (4,)
    assert parse_heading_number("IIII. Bad", roman=True) is None


def test_prefix_offsets_point_into_the_original_text() -> None:
    text = "**1.2 路线**"
    number = parse_heading_number(text)
    assert number is not None
    assert text[number.prefix_start : number.prefix_end] == "1.2 "


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("九十九", 99), ("一百零五", 105)],
)
def test_chinese_numerals_round_trip(numeral: str, value: int) -> None:
    assert chinese_to_int(numeral) == value
    assert int_to_chinese(value) == numeral


def test_roman_round_trip() -> None:
    assert [roman_to_int(int_to_roman(n)) for n in range(1, 21)] == list(range(1, 21))


def test_normalize_ignores_markup_width_case_and_punctuation() -> None:
    assert strip_inline_markup("**大型语言模型（LLM）** and [link](http://x)") == (
        "大型语言模型（LLM） and link"
    )
    assert normalize(" **Pros** ") == normalize("pros：") == "pros"
    assert normalize("生成式 AI：从文本到多模态生成") == normalize("生成式　AI:从文本到多模态生成")


@pytest.mark.parametrize(
    "text",
    ["1.2.0 - 2024-01-01", "2.1.2 / 2010-11-25", "1.1.1 (2023-12-01)", "1.2.0", "2.0 Release"],
)
def test_release_numbers_are_version_like(text: str) -> None:
    number = parse_heading_number(text)
    assert number is not None and number.version_like


@pytest.mark.parametrize("text", ["1.1 技术发展现状", "2.3 Advice", "1. Intro", "一、背景"])
def test_section_numbers_are_not_version_like(text: str) -> None:
    number = parse_heading_number(text)
    assert number is not None and not number.version_like


def test_times_of_day_are_not_numbers() -> None:
    assert parse_heading_number("10:30 Keynote") is None
    assert parse_heading_number("9：00 签到") is None


def test_chinese_numeral_followed_only_by_a_space_is_ambiguous() -> None:
    number = parse_heading_number("三 体")
    assert number is not None and number.bare


@pytest.mark.parametrize(
    ("template", "parts", "expected"),
    [
        ("1. Intro", (3,), "3. "),
        ("1、介绍", (3,), "3、"),
        ("1) Intro", (12,), "12) "),
        ("1.1 现状", (2, 3), "2.3 "),
        ("１．背景", (3,), "３．"),
        ("一、背景", (11,), "十一、"),
        ("（一）市场", (3,), "（三）"),
        ("(一) 市场", (3,), "(三) "),
        ("第一章 总论", (3,), "第三章 "),
        ("第1章 总论", (3,), "第3章 "),
        ("一、背景", (2, 1), "2.1 "),
    ],
)
def test_format_number_writes_in_the_templates_style(
    template: str, parts: tuple[int, ...], expected: str
) -> None:
    number = parse_heading_number(template)
    assert number is not None
    prefix = template[number.prefix_start : number.prefix_end]
    assert format_number(parts, number, prefix) == expected


def test_format_number_roman() -> None:
    number = parse_heading_number("II. Method", roman=True)
    assert number is not None
    assert format_number((4,), number, "II. ") == "IV. "
