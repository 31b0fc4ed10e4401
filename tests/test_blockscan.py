"""The block scanner builds exactly the tokens markdown-it-py builds.

Its tokens are compared with markdown-it-py's own block parse, field by field: generated
trend articles, the test fixtures, hand-made edge cases and random line soups made of the
shapes the scanner decides on (markers, fences, pipes, indentation, underlines, HTML,
quotes). Where the scanner leaves a block to markdown-it-py, the tests check which lines
markdown-it-py is given.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdcheck.markdown import blocklines
from mdcheck.markdown.blockscan import _Scanner, scan_block_structure, scan_blocks
from mdcheck.markdown.blocktokens import Blocks
from mdcheck.markdown.document import Document, _block_scan_verified, _parser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
_FIELDS = ("type", "tag", "nesting", "attrs", "map", "level", "children", "content")
_FIELDS += ("markup", "info", "meta", "block", "hidden")

pytestmark = pytest.mark.skipif(
    not _block_scan_verified(), reason="the scanner is not used with this markdown-it-py"
)


def _fields(tokens: list[Any]) -> list[tuple[Any, ...]]:
    return [tuple(getattr(token, name) for name in _FIELDS) for token in tokens]


def _scan(text: str) -> tuple[list[Any] | None, list[Any]]:
    """(the scanner's tokens or None, markdown-it-py's tokens) of the body of ``text``."""
    lines = Document.from_text(text).body_lines
    source = "\n".join(lines)
    blocks = scan_block_structure(lines, source, _parser)
    expected = _parser().parse(source)
    if blocks is None:
        assert scan_blocks(lines, source, _parser) is None
        return None, expected
    complete = blocks.complete()
    _assert_consistent(blocks, complete)
    return complete, expected


def _assert_consistent(blocks: Blocks, complete: list[Any]) -> None:
    """The tokens built at once are the complete list's own objects, the slots left for
    later are table rows' or one-line list items' tokens, and the recorded positions are
    those of all but the rows' tokens."""
    assert len(blocks.tokens) == len(complete)
    kinds = ("list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close")
    items = {item.slot + offset: kind for item in blocks.items for offset, kind in enumerate(kinds)}
    positions: dict[str, list[int]] = {}
    for index, (held, token) in enumerate(zip(blocks.tokens, complete, strict=True)):
        if index in items:
            assert held is None and token.type == items[index]
        elif held is None:
            assert token.type in Blocks.ROW_TYPES and token.level >= 2
            continue
        else:
            assert held is token
        positions.setdefault(token.type, []).append(index)
    assert {kind: found for kind, found in blocks.positions.items() if found} == positions


def _regions(text: str) -> list[tuple[int, int]]:
    """The line ranges the scanner hands to markdown-it-py for ``text`` (0-based)."""
    handed: list[tuple[int, int]] = []
    original = _Scanner.markdown_it

    def spy(self: _Scanner, start: int, end: int) -> list[Any]:
        handed.append((start, end))
        return original(self, start, end)

    _Scanner.markdown_it = spy  # type: ignore[method-assign]
    try:
        _assert_same(text)
    finally:
        _Scanner.markdown_it = original  # type: ignore[method-assign]
    return handed


def _assert_same(text: str) -> None:
    scanned, expected = _scan(text)
    assert scanned is not None
    assert _fields(scanned) == _fields(expected)


def _read_by_scanner(text: str) -> bool:
    """Assert the tokens are markdown-it-py's; True when no line went to markdown-it-py."""
    return not _regions(text)


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_articles_are_all_read_by_the_scanner() -> None:
    generate = _generator()
    for number in range(120):
        assert _read_by_scanner(generate.article(7, number)), number


def test_sample_article_is_read_by_the_scanner() -> None:
    text = (FIXTURES / "sample-article.md").read_text(encoding="utf-8")
    assert _read_by_scanner(text)


def test_fixtures_match_markdown_it() -> None:
    read = 0
    for path in sorted(FIXTURES.rglob("*.md")):
        read += _read_by_scanner(path.read_text(encoding="utf-8"))
    assert read > 100  # the fixtures are mostly plain articles


ACCEPTED = [
    "# T\n\npara\ncontinued\n\n---\n\n## 一、x",
    "# closing #\n## a ##   \n### #\n#\n# a#\n# a \\#",
    "para\n# heading interrupts\npara\n***\n___",
    "| a | b |\n| :-- | --: |\n| 1 | 2 | 3 |\n| x |\n\ntext",
    "|a|b|\n|:-:|-|\n|c|d|",
    "para\n| a | b |\n|---|---|\n| c | d |",
    "| a |\n|---|\n|  |\n|",
    "- a\n- b\n\n* c\n+ d\n\n1. one\n2. two\n\n3) x\n4) y",
    "- a\ncontinued lazily\n  indented\n- b\n# heading\n- c\n\n- loose",
    "1. **关注落地成本**：text\n2. x\n\n10. ten\n\n123456789. nine",
    "-  two spaces\n-    four spaces\n1.  x",
    "```py\ncode\n\n  # not a heading\n```\nafter\n~~~~\n~~~\n~~~~~\n",
    "```\nnever closed\n\n| a | b |",
    "``` info with spaces  \nx\n   ```  ",
    "```a`b``` inline code paragraph\ntext",
    "para\n2. does not interrupt\n1.\n+",
    "para\n    lazy code-looking line\n\n\u3000\u3000全角缩进段落",
    "- - -\n* * *\n- a\n***",
    "text  \n\n  \n\n",
    "[官方文档](https://example.com) 开头的段落\n[继续](x)：不是引用定义",
    "- [链接](https://example.com)：说明",
    "",
    "- a\n  - nested\n    - deeper\n  - back\n- top\n\n  second paragraph\n\n- loose",
    "1. **标题**：说明\n   - 子项一\n   - 子项二\n2. 下一条\n   继续\n\n   另一段",
    "- a\n\n  - nested after a blank\n\n- b",
    # one-line items, ended each way: the next item, the end, blank lines before a less
    # indented line or the end, a heading; and not ended: lazy or indented continuation
    "- a\n- b\n\n\ntext\n- c\n\n",
    "1. a\n   continued\n2. b\n\n   more of b\n3. c\n# h\n- d\nlazy",
    "- a\n\n\n  more of a\n- [x] y\n\n- last",
    # runs of one-line items read item after item: nested, then ended by a break, by
    # another marker, by a less indented item, by an ordered item of another style
    "- a\n  - b\n  - c\n    1. d\n    2. e\n  - f\n- g\n* h\n* * *\n1. i\n2) j\n3) k",
]

EDGE_CASES = [
    # a thematic break that starts with a list marker, inside an item: not a nested list
    "- a\n  - --",
    "- a\n\n  * * *",
    # a one-line item that may be a link reference definition
    "- a\n- [x]: y\n\n- last",
    # the next item may be a table's header row; a tab after a nested item's indentation
    "- a\n- b | c\n- --- | ---\n- d",
    "- a\n  - b\n  \t- c",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_shapes_match_markdown_it(text: str) -> None:
    _assert_same(text)


@pytest.mark.parametrize("text", ACCEPTED)
def test_plain_shapes_are_read_like_markdown_it(text: str) -> None:
    assert _read_by_scanner(text)


LEFT_TO_MARKDOWN_IT = [
    "> a quote",
    "para\n> quote",
    "<div>\nhtml\n</div>",
    "    indented code",
    "  # indented heading",
    "Title\n=====",
    "Title\n---",
    "[ref]: https://example.com\n\n[ref]",
    "- 2. nested from the first line",
    "- 1.",
    "10. | a | b |\n    |---|---|",
    "- ```\n  code\n  ```",
    "| a \\| b | c |\n|---|---|",
    "a | b\n--|--\nc | d",
    "| a | b |\n|---|---|\nno pipe row",
    "\tTabbed",
    "-\ttab after marker",
    "para\n\u3000",
]


@pytest.mark.parametrize("text", LEFT_TO_MARKDOWN_IT)
def test_other_shapes_are_left_to_markdown_it(text: str) -> None:
    assert not _read_by_scanner(text)


def test_a_text_with_nul_characters_is_all_markdown_its() -> None:
    scanned, _ = _scan("# A\n\ntext\x00nul")
    assert scanned is None


@pytest.mark.parametrize("text", [*LEFT_TO_MARKDOWN_IT, *ACCEPTED, "# A\n\ntext\x00nul"])
def test_document_tokens_are_markdown_its_either_way(text: str) -> None:
    expected = _parser().parse("\n".join(Document.from_text(text).body_lines))
    assert _fields(Document.from_text(text).tokens) == _fields(expected)


def test_a_block_left_to_markdown_it_ends_at_the_next_heading_after_a_blank_line() -> None:
    text = "# A\n\npara\n\n> quote\nlazy\n\n## B\n\n| a | b |\n|---|---|\n\n> q\n## C"
    # the quote goes to markdown-it-py up to "## B"; the last quote runs to the end, as
    # "## C" does not follow a blank line
    assert _regions(text) == [(4, 7), (12, 14)]


def test_a_list_left_to_markdown_it_is_handed_over_from_its_first_item() -> None:
    text = "# A\n\n- one\n- two\n  > a quote in the item\n- three\n\n# B\n\ntext"
    assert _regions(text) == [(2, 7)]


@pytest.mark.parametrize(
    "opening",
    ["```", "~~~~", "<!-- comment", "<pre>", "<script>", "<?php", "<![CDATA["],
)
def test_a_fence_or_html_block_open_past_the_heading_hands_over_the_rest(opening: str) -> None:
    # markdown-it-py reads the heading as part of the open block: the rest is its own
    text = f"# A\n\n> quote\n{opening}\n\n# not a heading here\n\ntext\n\n# C"
    assert _regions(text)[-1] == (2, 10)


def test_blocks_nested_past_the_nesting_limit_take_the_rest_of_the_text() -> None:
    # markdown-it-py skips everything after content nested 100 levels deep, past the
    # heading that ends the region: the rest of the text is its own
    deep_list = "".join("  " * depth + "- x\n" for depth in range(60))
    for deep in (deep_list, "- " * 60 + "x\n", "> " * 101 + "x\n"):
        text = f"{deep}\n# B\n\ntext\n"
        assert _regions(text)[-1] == (0, text.count("\n"))


_SHAPES = [
    "",
    " ",
    "  ",
    "\t",
    "text",
    "中文段落",
    "\u3000缩进",
    "a | b",
    "| a | b |",
    "|---|---|",
    "| :-- | --: |",
    "|:-:|",
    "| x |",
    "|a|b|c|",
    "--|--",
    "-|-",
    ":-",
    "| - |",
    "||",
    "|",
    "# H",
    "## 一、标题",
    "###### six",
    "####### seven",
    "#tag",
    "# closing ##",
    "#",
    "---",
    "***",
    "___",
    "- - -",
    "--",
    "===",
    "=",
    "-",
    "- ",
    "+ x",
    "* x",
    "- x",
    "- **b**：c",
    "1. one",
    "2. two",
    "1) p",
    "0. zero",
    "1234567890. big",
    "1.",
    "1",
    "2.x",
    "  - indented",
    "   three",
    "    code",
    "  cont",
    "-    five",
    "-     six",
    "1.  two",
    "```",
    "```py",
    "~~~",
    "````",
    "``` a`b",
    "``x``",
    "  ```",
    "    ```",
    "> quote",
    "<div>",
    "[ref]: /u",
    "[link](x)",
    "a\tb",
    " \t",
    "\u00a0",
    "x  ",
    "**b**",
    "-x",
    "+",
    "| \\| esc |",
    "-\tx",
    "- 2. x",
    "- 1.",
    "1. - x",
    "- # h",
    "* - x",
    "- > q",
    "-  | a |",
    "    |---|---|",
    "  |---|",
    "10. | a | b |",
    "- --",
    "  - --",
    "  * * *",
    "01. x",
    "  2. x",
    "      - x",
    "\x0c",
    "\x85",
    "\u2028",
    "#\t#",
    "```\t",
    "   ~~~",
    "|\t---|",
    ":--|--:",
    "  |---|---|",
    "- a | b",
    "***\t",
    "-- -",
    "[x]: <u>",
    "- [x]: /u",
    "9999999999.",
    "123456789)",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_SHAPES), min_size=1, max_size=14),
    st.sampled_from(["", "\n", "\n\n", " "]),
)
def test_random_line_soups_match_markdown_it(lines: list[str], ending: str) -> None:
    _assert_same("\n".join(lines) + ending)


_LIST_MARKERS = ["-", "*", "+", "1.", "2.", "1)", "3)", "10.", "0.", "123456789.", "01."]
_ITEM_TEXTS = ["text", "中文说明", "**要点**：说明", "a | b", "x  ", "[链接](x)：说明", "a - b"]
_LINE_TEXTS = ["# h", "---", "- --", "===", "```", "- y", "2. x", "1. x", "-", "|---|---|"]
_LINE_TEXTS += ["| a | b |", "* * *", "[r]: /u", "> q", "\u3000x", *_ITEM_TEXTS]


@st.composite
def _nested_list(draw: st.DrawFn, base: int = 0, depth: int = 0) -> list[str]:
    """A list at column ``base``: items with 1-5 spaces after the marker, blank lines,
    continuation lines at and around the content column, and nested lists."""
    lines: list[str] = []
    marker = draw(st.sampled_from(_LIST_MARKERS))
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            marker = draw(st.sampled_from(_LIST_MARKERS))
        gap = draw(st.integers(1, 5))
        lines.append(" " * base + marker + " " * gap + draw(st.sampled_from(_ITEM_TEXTS)))
        indent = base + len(marker) + gap
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(["blank", "line", "line", "nested"]))
            if kind == "blank":
                lines.append("")
            elif kind == "nested" and depth < 3:
                shift = draw(st.sampled_from([0, 0, 0, -1, 1, 2]))
                lines += draw(_nested_list(max(indent + shift, 0), depth + 1))
            else:
                shift = draw(st.sampled_from([0, 0, 0, -1, 1, 3, 4, 5, -indent, base - indent]))
                text = draw(st.sampled_from(_LINE_TEXTS))
                lines.append(" " * max(indent + shift, 0) + text)
    return lines


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(_nested_list(), st.sampled_from(["", "", "text", "# H", "---", "| a |\n|---|"])),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["", "\n", "\n\n", " "]),
)
def test_random_nested_lists_match_markdown_it(blocks: list[Any], ending: str) -> None:
    lines = [line for block in blocks for line in ([block] if isinstance(block, str) else block)]
    _assert_same("\n".join(lines) + ending)


def test_analyses_by_type_do_not_build_table_rows_or_list_items() -> None:
    from mdcheck.config import Config
    from mdcheck.run.engine import lint_document

    text = (
        "---\ntitle: 2025 年 AI 芯片趋势\ndate: 2025-01-02\n"
        "description: 三条技术路线的对比。\n---\n"
        "# 2025 年 AI 芯片趋势\n\n## 1. 技术路线\n\n| 技术路线 | 优势 | 劣势 |\n"
        "| --- | :-: | --- |\n| GPU | 生态成熟 | 功耗高 |\n| ASIC | 能效高 | 不灵活 |\n\n"
        "- 建议一\n- 建议二\n\n## 2. 展望\n\n| a | b |\n|---|---|\n| 1 |\n"
    )
    doc = Document.from_text(text, "article.md")
    lint_document(doc, Config(root=ROOT, select=("ALL",)))
    assert "tokens" not in doc.__dict__  # no analysis needed the rows' tokens ...
    # ... the header and two rows of three cells, the header and the row of two, and the
    # list's two items (one line each: five tokens each)
    assert doc.block_tokens.count(None) == 3 * (2 + 3 * 3) + 2 * (2 + 3 * 2) + 2 * 5
    expected = _parser().parse("\n".join(doc.body_lines))
    item_kinds = ("list_item_open", "paragraph_open", "paragraph_close", "list_item_close")
    for kind in ("heading_open", "table_open", "thead_open", "tbody_open", "bullet_list_open"):
        assert doc.positions_of(kind) == [i for i, t in enumerate(expected) if t.type == kind]
    for kind in item_kinds:  # the list items' positions are known without their tokens
        assert doc.positions_of(kind) == [i for i, t in enumerate(expected) if t.type == kind]
    assert "tokens" not in doc.__dict__
    for kind in ("th_open", "td_open", "inline", "tr_close"):  # row types: rows are built
        assert doc.positions_of(kind) == [i for i, t in enumerate(expected) if t.type == kind]
    assert _fields(doc.tokens) == _fields(expected)
    assert all(a is b for a, b in zip(doc.block_tokens, doc.tokens, strict=True) if a is not None)


def test_version_and_trim_characters_are_the_installed_markdown_its(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import markdown_it
    from markdown_it.common import utils

    assert blocklines.markdown_it_version() == markdown_it.__version__
    assert getattr(utils, "MD_TRIM_CHARS", None) == blocklines.TRIM
    # a package file that does not spell the version out: markdown-it-py is asked
    blocklines.markdown_it_version.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    try:
        assert blocklines.markdown_it_version() == markdown_it.__version__
    finally:
        blocklines.markdown_it_version.cache_clear()


def test_a_plain_article_is_checked_without_importing_markdown_it() -> None:
    # markdown-it-py is imported only for a block handed to it or an inline parse; the
    # sample article needs neither, so a single-file run does not pay for the import
    script = (
        "import sys\n"
        "from mdcheck.api import lint_text\n"
        "from mdcheck.config.settings import Config\n"
        "from pathlib import Path\n"
        f"text = Path({str(FIXTURES / 'sample-article.md')!r}).read_text('utf-8')\n"
        "found = lint_text(text, 'sample-article.md', Config(root=Path.cwd(), select=('ALL',)))\n"
        "print(len(found), 'markdown_it' in sys.modules)\n"
        "lint_text('> a quote\\n', 'q.md')\n"
        "print('markdown_it' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    count, imported, later = run.stdout.split()
    assert int(count) > 0
    assert (imported, later) == ("False", "True")  # a block quote is handed over


@pytest.mark.parametrize(("cells_per_row", "rows", "scanned"), [(1, 300, False), (260, 260, True)])
def test_tables_padding_more_cells_than_markdown_it_allows(
    cells_per_row: int, rows: int, scanned: bool
) -> None:
    # markdown-it-py ends a table once it has padded 65,536 cells; rows with all their
    # cells pad none, however large the table
    header = "|" + " h |" * 260
    body = "|" + " c |" * cells_per_row
    text = f"# T\n\n{header}\n|{' - |' * 260}\n" + f"{body}\n" * rows + "\nafter\n"
    assert _read_by_scanner(text) is scanned


def test_a_list_item_token_asked_for_alone_is_built_alone() -> None:
    from mdcheck.config import config_from_table
    from mdcheck.run.engine import lint_document

    # counting the visible text (ART004) reads the list items before reaching its minimum:
    # their tokens are built, in place, and the table's rows are still not
    text = "# 标题\n\n- 一\n- 二\n- 三\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    doc = Document.from_text(text, "article.md")
    table = {"select": ["ALL"], "rules": {"ART004": {"min-body-chars": 3}}}
    found = lint_document(doc, config_from_table(table, None, "test"))
    assert "ART004" not in {d.code for d in found}  # 一二三: enough
    assert "tokens" not in doc.__dict__
    held = list(doc.block_tokens)
    expected = _parser().parse("\n".join(doc.body_lines))
    built = [i for i, t in enumerate(expected) if t.type.startswith(("list_item", "paragraph"))]
    assert all(held[i] is not None for i in built)
    assert held.count(None) == 2 * (2 + 3 * 2)  # the table's two rows
    assert _fields(doc.tokens) == _fields(expected)
    assert all(a is b for a, b in zip(held, doc.tokens, strict=True) if a is not None)
