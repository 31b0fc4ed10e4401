"""A safe fix never changes what the page shows beyond what it declares it changes.

Over generated documents (the property generator's, and short lines of Markdown markers
mixed with hidden characters, where removing one can make a list, a heading, a fence, an
HTML tag or a link definition appear): after every safe fix, alone and all together, the
page markdown-it-py renders is the original's with only the fix's declared change (a
hidden character removed, or become a space). Fixes that would change more are demoted
to unsafe with a message saying what would change.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mdcheck.api import fix_text, lint_text
from mdcheck.config import Config
from mdcheck.diagnostic import Applicability
from mdcheck.run.edits import apply_fixes
from mdcheck.run.verify import body_view
from tests.test_properties import any_document

CONFIG = Config(root=Path.cwd(), select=("ALL",))
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_SPACE = re.compile(r"\s+")
_TAG_SPACE = re.compile(r"\s*([<>])\s*")
_TEXT_BETWEEN_TAGS = re.compile(r">[^<>]*<")

PIECES = (
    "#", "##", "*", "-", "+", "1.", ">", "```", "~~~", "<", "b>", "/b>", "script>", "[r]: /u",
    "|", "---", "===", "a", "b", "文", " ", "  ", "\t", "`", "_", "\\",
    "\u00a0", "\u200b", "\u200c", "\u2060", "\x0c", "\u2028", "\ufeff", "\x1f",
)  # fmt: skip
marker_lines = st.lists(
    st.lists(st.sampled_from(PIECES), max_size=6).map("".join), min_size=1, max_size=6
).map("\n".join)


def shown(text: str) -> str:
    """The rendered page, with what DOC002's fix declares it changes evened out: hidden
    characters gone, any space-like character a space, runs of spaces as one."""
    html = _MD.render(body_view(text)).replace("\ufffd", "")  # how NUL renders
    html = unquote(html)  # in a link's address the character is percent-encoded
    kept = "".join(
        " " if unicodedata.category(c) in ("Zs", "Zl", "Zp") or c in "\t\n" else c
        for c in html
        if unicodedata.category(c) not in ("Cc", "Cf") or c in "\t\n"
    )
    page = _TAG_SPACE.sub(r"\1", _SPACE.sub(" ", kept)).strip()
    return page.replace("<p></p>", "")  # a paragraph of hidden characters shows nothing


def tags(page: str) -> str:
    """The rendered page without its text: what a fix that declares it rewrites text
    (punctuation, spacing) must keep."""
    return _TEXT_BETWEEN_TAGS.sub("><", page)


def check_safe_fixes_keep_the_page(text: str) -> None:
    body = text.removeprefix("\ufeff")  # edits count from after a byte-order mark
    page = shown(body)
    found = lint_text(text, "doc.md", CONFIG)
    rewrites_text = False
    for d in found:
        if d.fix is None or d.fix.applicability is not Applicability.SAFE:
            continue
        fixed, count = apply_fixes(body, [d.fix])
        assert count == 1
        if "text" in d.fix.changes:
            rewrites_text = True
            assert tags(shown(fixed)) == tags(page), (d.code, d.message)
        else:
            assert shown(fixed) == page, (d.code, d.message)
    outcome = shown(fix_text(text, "doc.md", CONFIG).text.removeprefix("\ufeff"))
    assert (tags(outcome), rewrites_text or outcome) == (tags(page), rewrites_text or page)


@given(marker_lines)
@example("Avoid writing <\u200bscript>alert(1)<\u200b/script> in posts.")
@example("\u00a0```")
@example("\x0c[r]: /u")
@example("<\u200cb>")
@example("文|b\n-\u2060|-")
@example("*\u00a0a\u00a0*")
@example(">x\n    >*|\n>--")
@example("---\n    -")
def test_safe_fixes_next_to_markup_keep_the_page(text: str) -> None:
    check_safe_fixes_keep_the_page(text)


@given(any_document)
def test_safe_fixes_keep_the_page_of_generated_documents(text: str) -> None:
    check_safe_fixes_keep_the_page(text)


@pytest.mark.parametrize(
    ("text", "code", "why"),
    [
        (
            "Avoid writing <\u200bscript>alert(1)<\u200b/script> in posts.\n",
            "DOC002",
            "it would add an inline HTML tag on line 1",
        ),
        (
            "\u00a0```\ncode\n",
            "DOC002",
            "a paragraph on line 1 would render as a fenced code block",
        ),
        ("\x0c[r]: /u\n", "DOC002", "it would remove a paragraph on line 1"),
        ("<\u200cb>\n", "DOC002", "a paragraph on line 1 would render as an HTML block"),
        ("文|b\n-\u2060|-\n", "DOC002", "a paragraph on line 1 would render as a table"),
        ("*\u00a0a\u00a0*\n", "DOC002", "a paragraph on line 1 would render as a bullet list"),
        (">x\n    >*|\n>--\n", "TB003", "it would remove a table on line 2"),
        ("---\n    -\n", "FM002", "an indented code block on line 2 would render as a bullet list"),
    ],
)
def test_a_fix_that_would_change_the_structure_is_unsafe_and_says_why(
    text: str, code: str, why: str
) -> None:
    found = [d for d in lint_text(text, "doc.md", CONFIG) if d.code == code and d.fix]
    assert found
    for d in found:
        assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
        assert d.message.endswith(f"(fix: --unsafe-fixes: not safe here, {why})"), d.message
    assert fix_text(text, "doc.md", CONFIG).text == text  # --fix leaves it alone
    assert fix_text(text, "doc.md", CONFIG, unsafe=True).text != text


def test_a_fix_that_keeps_the_structure_stays_safe() -> None:
    text = "A zero\u200bwidth space, and\u00a0 a no-break space.\n"
    found = [d for d in lint_text(text, "doc.md", CONFIG) if d.code == "DOC002"]
    assert [d.fix.applicability for d in found if d.fix] == [Applicability.SAFE] * 2
    assert all(d.message.endswith("(fix: --fix)") for d in found)
    assert fix_text(text, "doc.md", CONFIG).text == "A zerowidth space, and  a no-break space.\n"


def test_a_blank_line_inserted_in_a_block_quote_carries_its_marker() -> None:
    text = "> Intro\n> | a | b |\n> | - | - |\n> | 1 | 2 |\n"
    fixed = fix_text(text, "doc.md", Config(root=Path.cwd(), select=("TB003",))).text
    assert fixed == "> Intro\n>\n> | a | b |\n> | - | - |\n> | 1 | 2 |\n"
