"""The hygiene rules (HY, markdownlint's MD003-MD036), each on Chinese and English text.

Every case gives the text, the findings expected (line:col and the exact message) and,
for fixable rules, the text after ``--fix`` (or ``--fix --unsafe-fixes``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mdcheck import fix_text, lint_text
from mdcheck.config import Config


def only(code: str, **options: object) -> Config:
    rules = {code: dict(options)} if options else {}
    return Config(root=Path.cwd(), select=(code,), rule_options=rules)


def found(code: str, text: str, **options: object) -> list[str]:
    return [
        f"{d.span.line}:{d.span.col} {d.message}"
        for d in lint_text(text, "a.md", only(code, **options))
    ]


CASES: list[tuple[str, str, list[str]]] = [
    # HY003 heading-style
    (
        "HY003",
        "# 标题\n\n## 小节 ##\n",
        ["3:1 heading is written in atx_closed style; the document uses atx"],
    ),
    (
        "HY003",
        "# Title\n\nSection\n-------\n",
        ["3:1 heading is written in setext style; the document uses atx"],
    ),
    ("HY003", "Title\n=====\n\n## Section\n\n### Sub\n", []),
    ("HY003", "# A\n\n## B\n\n### C\n", []),
    # HY018 heading-missing-space
    (
        "HY018",
        "#标题\n\n正文\n",
        [
            "1:1 no space after #, so this line is text, not a heading; add a space (fix: --unsafe-fixes)"  # noqa: E501
        ],
    ),
    (
        "HY018",
        "##Section\n",
        [
            "1:1 no space after ##, so this line is text, not a heading; add a space (fix: --unsafe-fixes)"  # noqa: E501
        ],
    ),
    ("HY018", "#1 in sales\n\n#123 fixed\n\n```\n#include <x>\n```\n", []),
    # HY019 heading-multiple-spaces
    ("HY019", "##  概述\n", ["1:3 2 spaces after the heading's hashes; use one (fix: --fix)"]),
    ("HY019", "# Title\n\n## Fine\n", []),
    # HY020 closed-heading-missing-space
    (
        "HY020",
        "##Title##\n",
        ["1:1 closed heading lacks a space inside its hashes; write `## Title ##`"],
    ),
    (
        "HY020",
        "## 标题##\n",
        ["1:1 closed heading lacks a space inside its hashes; write `## Title ##`"],
    ),
    ("HY020", "## Learn C#\n\n## Closed ##\n", []),
    # HY021 closed-heading-multiple-spaces
    (
        "HY021",
        "##  Title  ##\n",
        [
            "1:3 2 spaces after the heading's hashes; use one (fix: --fix)",
            "1:10 2 spaces after the heading's hashes; use one (fix: --fix)",
        ],
    ),
    # HY022 blanks-around-headings
    ("HY022", "# 标题\n正文\n", ["1:1 heading needs a blank line below it (fix: --fix)"]),
    (
        "HY022",
        "Text\n## Section\n\nMore\n",
        ["2:1 heading needs a blank line above it (fix: --fix)"],
    ),
    ("HY022", "---\ntitle: x\n---\n# 标题\n\n正文\n", []),
    (
        "HY022",
        "- item\n  ## Heading\n  text\n",
        [
            "2:1 heading needs a blank line above it",
            "2:1 heading needs a blank line below it",
        ],
    ),
    # HY023 heading-indented
    (
        "HY023",
        "  ## 概述\n",
        ["1:1 heading is indented by 2 spaces; start it in column 1 (fix: --fix)"],
    ),
    ("HY023", "- item\n\n  ## In a list\n", []),
    # HY024 duplicate-heading
    ("HY024", "# T\n\n## 一、现状\n\n### 技术发展现状\n\n## 二、趋势\n\n### 技术发展现状\n", []),
    (
        "HY024",
        "# T\n\n## Features\n\n## Features\n",
        ["5:1 a sibling heading on line 3 has the same text 'Features'; make them different"],
    ),
    # HY026 heading-trailing-punctuation
    ("HY026", "## 主要挑战：\n", ["1:8 heading ends with '：'; remove it (fix: --unsafe-fixes)"]),
    ("HY026", "# Summary.\n", ["1:10 heading ends with '.'; remove it (fix: --unsafe-fixes)"]),
    ("HY026", "## 为什么？\n\n## Why?\n\n## &copy;\n\n## To be continued...\n", []),
    # HY036 emphasis-as-heading
    (
        "HY036",
        "正文\n\n**核心优势：**\n\n正文\n",
        ["3:1 a line of bold text used as a heading; make it a heading (## …)"],
    ),
    (
        "HY036",
        "Text\n\n*Another section*\n\nText\n",
        ["3:1 a line of italic text used as a heading; make it a heading (## …)"],
    ),
    ("HY036", "**Note:** text\n\n**A sentence.**\n\n- **列表项**\n\n**two\nlines**\n", []),
    # HY009 trailing-spaces
    ("HY009", "中文 \n", ["1:3 1 trailing whitespace character; remove them (fix: --fix)"]),
    ("HY009", "line one  \nline two\n\n```\ncode   \n```\n", []),
    (
        "HY009",
        "end of paragraph   \n",
        ["1:17 3 trailing whitespace characters; remove them (fix: --fix)"],
    ),
    # HY010 hard-tabs
    ("HY010", "-\t项目\n", ["1:2 hard tab in this line (1); use spaces (fix: --unsafe-fixes)"]),
    ("HY010", "```go\nfunc f() {\n\treturn\n}\n```\n", []),
    # HY012 multiple-blank-lines
    ("HY012", "段落一\n\n\n\n段落二\n", ["3:1 3 blank lines in a row; at most 1 (fix: --fix)"]),
    ("HY012", "```\na\n\n\nb\n```\n", []),
    ("HY012", "<pre>\na\n\n\nb\n</pre>\n", []),
    # HY027 blockquote-multiple-spaces
    ("HY027", ">  引用\n", ["1:2 2 spaces after '>'; use one (fix: --fix)"]),
    ("HY027", "> - item\n>   continued\n", []),
    # HY028 blanks-in-blockquote
    (
        "HY028",
        "> one\n\n> two\n",
        [
            "2:1 blank line between two block quotes; put '>' on it to make one quote, or text between them to make two"  # noqa: E501
        ],
    ),
    ("HY028", "> one\n\ntext\n\n> two\n", []),
    # HY004 bullet-style
    (
        "HY004",
        "- 一\n- 二\n\n* 三\n",
        ["4:1 bullet '*' where the document uses '-'"],
    ),
    ("HY004", "* a\n* b\n", []),
    # HY005 list-indent
    ("HY005", "* a\n * b\n", ["2:2 list item indented by 1; the list's first item (line 1) by 0"]),
    ("HY005", " 9. nine\n10. ten\n", []),
    # HY007 bullet-indent
    ("HY007", "- a\n    - b\n", ["2:5 bullet indented by 4 spaces; expected 2"]),
    ("HY007", "1. a\n   - b\n", []),
    # HY011 reversed-link
    (
        "HY011",
        "见 (文档)[https://example.com] 一节\n",
        ["1:3 reversed link syntax; write [文档](https://example.com) (fix: --unsafe-fixes)"],
    ),
    ("HY011", "For (example)[^1] and `(a)[b]`\n", []),
    # HY013 line-length
    ("HY013", "中" * 41 + "\n", ["1:1 line is 82 columns long; the limit is 80"]),
    ("HY013", "x " * 45 + "\n", ["1:1 line is 90 columns long; the limit is 80"]),
    (
        "HY013",
        "see https://example.com/" + "a" * 80 + "\n\n[ref]: https://example.com/" + "b" * 80 + "\n",
        [],
    ),
    # HY014 dollar-without-output
    (
        "HY014",
        "```sh\n$ ls\n$ pwd\n```\n",
        [
            "2:1 every line starts with '$' and no output is shown; drop the prompts (fix: --unsafe-fixes)"  # noqa: E501
        ],
    ),
    ("HY014", "```sh\n$ ls\nfile.txt\n```\n", []),
    # HY029 ordered-list-prefix
    ("HY029", "1. 一\n2. 二\n4. 四\n", ["3:1 list item numbered 4; expected 3"]),
    ("HY029", "1. a\n1. b\n1. c\n\n```\nx\n```\n\n3. resumed\n4. again\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_findings(code: str, text: str, expected: list[str]) -> None:
    assert found(code, text) == expected


FIXES: list[tuple[str, str, str, bool]] = [
    ("HY019", "##  概述\n", "## 概述\n", False),
    ("HY021", "##  Title  ##\n", "## Title ##\n", False),
    ("HY022", "# 标题\n正文\n## 小节\n更多\n", "# 标题\n\n正文\n\n## 小节\n\n更多\n", False),
    ("HY022", "# Title\r\nText\r\n", "# Title\r\n\r\nText\r\n", False),
    ("HY023", "  ## 概述\n", "## 概述\n", False),
    ("HY009", "中文 \nline  \nnext\n", "中文\nline  \nnext\n", False),
    ("HY009", "three   \nnext\n", "three  \nnext\n", False),  # the hard break stays
    ("HY012", "a\n\n\n\nb\n", "a\n\nb\n", False),
    ("HY027", ">  引用\n>  第二行\n", "> 引用\n> 第二行\n", False),
    ("HY018", "##标题\n", "## 标题\n", True),
    ("HY026", "## 主要挑战：\n", "## 主要挑战\n", True),
    ("HY026", "## Wow!!!!!!!!!!!!\n", "## Wow\n", True),
    ("HY011", "(text)[https://x.y]\n", "[text](https://x.y)\n", True),
    ("HY014", "```sh\n$ ls\n$ pwd\n```\n", "```sh\nls\npwd\n```\n", True),
    ("HY010", "-\t项目\n", "- 项目\n", True),
]


@pytest.mark.parametrize(("code", "text", "fixed", "unsafe"), FIXES)
def test_fixes(code: str, text: str, fixed: str, unsafe: bool) -> None:
    config = only(code)
    if unsafe:
        assert fix_text(text, "a.md", config).text == text, "an unsafe fix ran with --fix"
    result = fix_text(text, "a.md", config, unsafe=unsafe)
    assert result.text == fixed
    assert fix_text(result.text, "a.md", config, unsafe=unsafe).text == fixed  # idempotent
    assert found(code, result.text) == []


def test_options_in_markdownlint_terms() -> None:
    from mdcheck.config import config_from_table

    text = "# T\n\n## Features\n\n### A\n\n## Other\n\n### A\n"
    table = {"select": ["MD024"], "rules": {"MD024": {"siblings-only": False}}}
    assert [d.code for d in lint_text(text, "a.md", config_from_table(table, None, "t"))] == [
        "HY024"
    ]
    assert found("HY022", "# A\nText\n", **{"lines-below": 0}) == []
    assert found("HY026", "## 为什么？\n", punctuation="？") == [
        "1:7 heading ends with '？'; remove it (fix: --unsafe-fixes)"
    ]
    assert found("HY029", "1. a\n2. b\n", style="one") == ["2:1 list item numbered 2; expected 1"]
    assert found("HY013", "中" * 41 + "\n", **{"cjk-width": False}) == []
    assert found("HY003", "# A\n\n## B ##\n", style="atx_closed") == [
        "1:1 heading is written in atx style; the document uses atx_closed"
    ]
    assert found("HY036", "**核心优势：**\n", **{"cjk-colon-labels": False}) == []


def test_markdownlint_parameters_reach_the_rules(tmp_path: Path) -> None:
    from mdcheck.config import ConfigResolver

    (tmp_path / ".markdownlint.json").write_text(
        '{"default": false, "MD024": {"siblings_only": false}, "MD022": {"lines_below": 0},'
        ' "MD013": {"line_length": 10}}',
        encoding="utf-8",
    )
    config = ConfigResolver(cwd=tmp_path).for_path(str(tmp_path / "a.md"))
    assert config.warnings == ()
    text = "# Title\nText\n\n## A\n\n## B\n\n### A\n"
    hygiene = [(d.code, d.span.line) for d in lint_text(text, "a.md", config) if d.code[:2] == "HY"]
    assert hygiene == [("HY024", 8)]  # MD022 allows no blank below, MD013 is on at 10
    longer = "a long line of text\n"
    assert [d.code for d in lint_text(longer, "a.md", config) if d.code[:2] == "HY"] == ["HY013"]
