"""The block scanner builds exactly the tokens markdown-it-py builds, or declines.

Every accepted document is compared with markdown-it-py's own block parse, field by field:
generated trend articles, the test fixtures, hand-made edge cases and random line soups made
of the shapes the scanner decides on (markers, fences, pipes, indentation, underlines).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdcheck.blockscan import scan_blocks
from mdcheck.document import Document, _block_scan_verified, _parser

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
    return scan_blocks(lines, source), _parser().parse(source)


def _assert_same_or_declined(text: str) -> bool:
    scanned, expected = _scan(text)
    if scanned is None:
        return False
    assert _fields(scanned) == _fields(expected)
    return True


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_articles_are_all_read_by_the_scanner() -> None:
    generate = _generator()
    for number in range(120):
        assert _assert_same_or_declined(generate.article(7, number)), number


def test_sample_article_is_read_by_the_scanner() -> None:
    text = (FIXTURES / "sample-article.md").read_text(encoding="utf-8")
    assert _assert_same_or_declined(text)


def test_fixtures_match_markdown_it_or_are_declined() -> None:
    accepted = 0
    for path in sorted(FIXTURES.rglob("*.md")):
        accepted += _assert_same_or_declined(path.read_text(encoding="utf-8"))
    assert accepted > 100  # the fixtures are mostly plain articles


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
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_plain_shapes_are_read_like_markdown_it(text: str) -> None:
    assert _assert_same_or_declined(text)


DECLINED = [
    "> a quote",
    "para\n> quote",
    "<div>\nhtml\n</div>",
    "    indented code",
    "  # indented heading",
    "Title\n=====",
    "Title\n---",
    "[ref]: https://example.com\n\n[ref]",
    "- a\n  - nested",
    "- 2. nested from the first line",
    "- 1.",
    "10. | a | b |\n    |---|---|",
    "- a\n\n  second paragraph",
    "- ```\n  code\n  ```",
    "| a \\| b | c |\n|---|---|",
    "a | b\n--|--\nc | d",
    "| a | b |\n|---|---|\nno pipe row",
    "\tTabbed",
    "text\x00nul",
    "-\ttab after marker",
    "para\n\u3000",
]


@pytest.mark.parametrize("text", DECLINED)
def test_other_shapes_are_left_to_markdown_it(text: str) -> None:
    scanned, _ = _scan(text)
    assert scanned is None


@pytest.mark.parametrize("text", DECLINED + ACCEPTED)
def test_document_tokens_are_markdown_its_either_way(text: str) -> None:
    expected = _parser().parse("\n".join(Document.from_text(text).body_lines))
    assert _fields(Document.from_text(text).tokens) == _fields(expected)


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
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_SHAPES), min_size=1, max_size=14),
    st.sampled_from(["", "\n", "\n\n", " "]),
)
def test_random_line_soups_match_markdown_it_or_are_declined(lines: list[str], ending: str) -> None:
    _assert_same_or_declined("\n".join(lines) + ending)
