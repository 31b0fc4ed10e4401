"""Property-based tests over generated Markdown, run against every registered rule.

The generator mixes the shapes mdcheck's rules care about: front matter (valid, broken,
indented, unclosed, TOML), headings in every numbering style (``1.``, ``1.1``, ``一、``,
``（一）``, ``第一章``, full-width digits, Roman numerals, letters), comparison tables with
ragged rows, fences (closed, unclosed, nested, indented, a whole-document wrapper), lists,
block quotes, suppression comments, and text full of CJK, emoji, astral, combining, control,
zero-width and bidi characters, joined with LF, CRLF, CR or mixed endings, with or without
a final newline and a byte-order mark.

Properties (every rule in ``ALL_RULES`` is selected, so new rules are covered as they land):
no exception and no MC004 (rule crashed); every diagnostic and edit lies inside the
document with start <= end, and each edit's line/column span names the same text as its
offsets; output is deterministic; a BOM changes nothing; fixing twice equals fixing once;
nothing fixable remains after fixing; fixes add no new kind of line ending; safe fixes
lose no words and change or drop no table cell (a fix may let more rows join a table).

Examples per property: see tests/conftest.py (``MDCHECK_HYPOTHESIS_PROFILE=thorough``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from mdcheck.api import fix_text, lint_text
from mdcheck.config import Config
from mdcheck.diagnostic import Applicability, Diagnostic, Fix
from mdcheck.markdown.document import Document, split_lines
from mdcheck.run.edits import apply_fixes

CONFIG = Config(root=Path.cwd(), select=("ALL",))
SAMPLE = (Path(__file__).parent / "fixtures" / "sample-article.md").read_bytes().decode()

# -- generators -----------------------------------------------------------------------------

SPECIAL_CHARS = (
    "abcXYZ019 \t"
    "趋势技术路线优势劣势推荐一二三十第章节中文。，、：；！？（）《》"  # CJK and its punctuation
    "０１２３４５６７８９．｜－：＃"  # full-width
    "ⅠⅡⅢⅳ①②"  # Roman numeral and circled number code points
    "🚀✨👍🏽\U0001f469\u200d\U0001f4bb𝕏𠀀\U0010fffd"  # emoji, ZWJ sequence, astral
    "e\u0301\u0300"  # combining marks
    "\x00\x01\x07\x08\x0b\x0c\x1b\x1c\x1e\x7f\x85\u2028\u2029"  # control and separators
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width and soft hyphen
    "\u200e\u200f\u202a\u202e\u2066\u2069"  # bidi controls
    "#*_`~|[]()<>!-+=:\\&;'\"/.,$%^{}@"  # Markdown and YAML markup
)

char = st.one_of(
    st.sampled_from(SPECIAL_CHARS),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
)
words = st.text(alphabet=char, max_size=24)
plain_words = st.text(alphabet=st.sampled_from("abc XYZ 趋势技术 优势 🚀 𠀀 ２０"), max_size=16)

CN_NUMERALS = "一二三四五六七八九十"
ROMAN = ["I", "II", "III", "IV", "V", "IX", "X", "XII"]
FULL_DIGITS = "０１２３４５６７８９"


@st.composite
def numbering(draw: st.DrawFn) -> str:
    n = draw(st.integers(min_value=0, max_value=12))
    m = draw(st.integers(min_value=0, max_value=12))
    cn = CN_NUMERALS[n % 10]
    full = FULL_DIGITS[n % 10]
    return draw(
        st.sampled_from(
            [
                "",
                f"{n}.",
                f"{n}. ",
                f"{n}.{m}",
                f"{n}.{m} ",
                f"{n}.{m}.",
                f"{n}.{m}.{m}",
                f"{n})",
                f"{cn}、",
                f"（{cn}）",
                f"({cn})",
                f"第{cn}章",
                f"第{cn}章 ",
                f"第{n}节",
                f"第{cn}部分 ",
                f"{full}．",
                f"{full}.{m}",
                f"{ROMAN[n % len(ROMAN)]}.",
                f"{ROMAN[n % len(ROMAN)]}、",
                f"{'ABCDEFG'[n % 7]}.",
                f"{'ⅠⅡⅢ'[n % 3]} ",
                f"{'①②'[n % 2]}",
                f"Chapter {n}:",
                f"{2020 + n} 年",  # titles that start with a year, not a section number
                f"{2020 + n}",
                f"v{n}.{m}",
            ]
        )
    )


@st.composite
def heading(draw: st.DrawFn) -> list[str]:
    text = draw(numbering()) + draw(st.one_of(plain_words, words))
    if draw(st.integers(0, 9)) == 0:  # setext
        return [text or "x", draw(st.sampled_from(["===", "---", "= = =", "-"]))]
    hashes = "#" * draw(st.integers(min_value=1, max_value=7))
    indent = " " * draw(st.sampled_from([0, 0, 0, 1, 3, 4]))
    space = draw(st.sampled_from([" ", " ", "", "  ", "\t", "\u3000"]))
    closing = draw(st.sampled_from(["", "", " #", " ##", "#", " ", "\t", "　", " # "]))
    return [f"{indent}{hashes}{space}{text}{closing}"]


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    columns = draw(st.integers(min_value=1, max_value=5))
    header = draw(
        st.sampled_from(
            [
                ["技术路线", "优势", "劣势"],
                ["Route", "Advantage", "Disadvantage"],
                ["方案", "Pros", "Cons", "备注"],
            ]
        )
    )[:columns]
    pipe = draw(st.sampled_from(["|", "|", "｜"]))

    def row(cells: list[str]) -> str:
        edge = draw(st.sampled_from([pipe, pipe, ""]))
        return edge + pipe.join(f" {cell} " for cell in cells) + edge

    lines = [row(header)]
    delimiter = draw(st.sampled_from(["---", ":---", ":-:", "--:", "-", "——"]))
    lines.append(row([delimiter] * draw(st.integers(min_value=1, max_value=columns + 1))))
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        count = draw(st.integers(min_value=0, max_value=columns + 2))  # ragged rows
        cells = [draw(st.one_of(plain_words, words.map(lambda w: w.replace("|", "\\|"))))]
        lines.append(row((cells * count)[:count]))
    return lines


@st.composite
def fence(draw: st.DrawFn) -> list[str]:
    marker = draw(st.sampled_from(["```", "````", "~~~", "``", "`````"]))
    indent = " " * draw(st.sampled_from([0, 0, 2, 3, 4, 12]))
    info = draw(st.sampled_from(["", "markdown", "md", "python", "yaml", "text {.x}"]))
    body = draw(
        st.lists(st.one_of(words, st.just("```"), st.just("~~~"), st.just("# 1. x")), max_size=4)
    )
    if draw(st.booleans()):  # nested fence inside a longer one
        body = [*body, "```", "inner", "```"]
        marker = "````"
    closing = draw(st.sampled_from(["same", "same", "none", "longer", "shorter", "indented"]))
    lines = [f"{indent}{marker}{info}", *body]
    if closing == "same":
        lines.append(f"{indent}{marker}")
    elif closing == "longer":
        lines.append(marker + marker[0])
    elif closing == "shorter":
        lines.append(marker[:-1])
    elif closing == "indented":
        lines.append("    " + marker)
    return lines


@st.composite
def front_matter(draw: st.DrawFn) -> list[str]:
    indent = " " * draw(st.sampled_from([0, 0, 0, 2, 12]))
    delimiter = draw(st.sampled_from(["---", "---", "+++", "--- ", "----"]))
    entries = draw(
        st.lists(
            st.sampled_from(
                [
                    "title: 2025 年 AI 趋势",
                    'title: "Quoted: title"',
                    "date: 2025-01-02",
                    "date: 2025/1/2",
                    "tags: [ai, 趋势]",
                    "tags:",
                    "  - ai",
                    "author: 张三",
                    "draft: yes",
                    "title: [unclosed",
                    "key: value: other",
                    "\tkey: tab",
                    "a: &x [1, 2]",
                    "b: *x",
                    "c: !!python/object/apply:os.system ['true']",
                    'title = "toml"',
                    "description: >",
                    "  folded text",
                    "title: x",
                    "title: y",
                    "# comment",
                    "",
                ]
            ),
            max_size=7,
        )
    )
    lines = [delimiter, *(indent + entry for entry in entries)]
    closing = draw(st.sampled_from(["---", "---", "...", "+++", "", "none", "  ---"]))
    if closing != "none":
        lines.append(closing)
    return lines


@st.composite
def list_block(draw: st.DrawFn) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 3, 4, 8]))
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)", "10.", "•", "１."]))
        lines.append(f"{indent}{marker} {draw(st.one_of(plain_words, words))}")
    return lines


SUPPRESSIONS = [
    "<!-- mdcheck-disable -->",
    "<!-- mdcheck-enable -->",
    "<!-- mdcheck-disable DOC001 -->",
    "<!-- mdcheck-disable-next-line -->",
    "<!-- mdcheck-disable-line XY999 -->",
    "<!-- mdcheck-disable-file MC -->",
    "<!-- comment -->",
    "<!--",
    "-->",
]

block = st.one_of(
    heading(),
    heading(),
    table(),
    fence(),
    list_block(),
    st.lists(st.one_of(words, plain_words), min_size=1, max_size=3),  # paragraph
    st.lists(words.map(lambda w: "> " + w), min_size=1, max_size=3),  # block quote
    st.sampled_from(SUPPRESSIONS).map(lambda line: [line]),
    st.sampled_from(["---", "***", "___", "", "    indented code", "<div>", "[ref]: /url"]).map(
        lambda line: [line]
    ),
)


@st.composite
def markdown_lines(draw: st.DrawFn) -> list[str]:
    lines: list[str] = []
    if draw(st.integers(0, 2)) == 0:
        lines += draw(front_matter())
    blocks = draw(st.lists(block, max_size=8))
    separate = draw(st.booleans())
    for part in blocks:
        lines += part
        if separate:
            lines.append("")
    if draw(st.integers(0, 5)) == 0:  # wrap the article in a fence, maybe indented or unclosed
        indent = " " * draw(st.sampled_from([0, 12]))
        lines = [f"{indent}```markdown", *lines]
        if draw(st.booleans()):
            lines.append(f"{indent}```")
    return lines


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = draw(markdown_lines())
    style = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    eol_choices = st.sampled_from(["\n", "\r\n", "\r"])
    pieces = []
    for line in lines:
        pieces.append(line)
        pieces.append(draw(eol_choices) if style == "mixed" else style)
    if pieces and draw(st.booleans()):
        pieces.pop()  # no final newline
    text = "".join(pieces)
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


any_document = st.one_of(documents(), documents(), st.text(alphabet=char, max_size=200))

# -- checks ---------------------------------------------------------------------------------


def check_positions(doc: Document, diagnostics: list[Diagnostic]) -> None:
    """Every span and edit lies inside the document; edit spans agree with offsets."""
    for d in diagnostics:
        s = d.span
        assert (s.line, s.col) <= (s.end_line, s.end_col), d
        for line, col in ((s.line, s.col), (s.end_line, s.end_col)):
            assert_inside(doc, line, col, d)
        if d.fix is None:
            continue
        assert d.fix.edits, f"{d.code}: a fix without edits"
        for edit in d.fix.edits:
            assert 0 <= edit.start <= edit.end <= len(doc.text), (d, edit)
            assert edit.span == doc.span(edit.start, edit.end), (d, edit)


def assert_inside(doc: Document, line: int, col: int, d: Diagnostic) -> None:
    assert line >= 1 and col >= 1, d
    if line == doc.line_count + 1:  # just past a final line ending
        assert col == 1 and (not doc.eols or doc.eols[-1]), d
        return
    assert line <= max(doc.line_count, 1), d
    length = len(doc.lines[line - 1]) if doc.lines else 0
    assert col <= length + 1, (d, length)


def render(diagnostics: list[Diagnostic]) -> list[tuple[object, ...]]:
    return [(d, d.extra, d.fix) for d in diagnostics]


def fixable(diagnostics: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    return [
        d
        for d in diagnostics
        if d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)
    ]


_NUMBERING = re.compile(
    r"第?[一二三四五六七八九十百千零〇两\d]+[章节部分篇]?|\b[IVXLCDMivxlcdm]+\b|\b[A-Za-z](?=[.)、])"
)
_FENCE_LINE = re.compile(r"[ \t]*(?:`{3,}|~{3,})[ \t]*[\w+-]*[ \t]*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def words_of(text: str) -> Counter[str]:
    """Letters that carry meaning: numbering tokens and fence info strings excluded."""
    kept = [line for line in _LINE_BREAK.split(text) if not _FENCE_LINE.fullmatch(line)]
    text = _NUMBERING.sub("", unicodedata.normalize("NFKC", "\n".join(kept)).casefold())
    return Counter(c for c in text if unicodedata.category(c).startswith("L"))


def assert_fix_loses_no_words(text: str, fix: Fix, code: str) -> None:
    removed = "\n".join(text[e.start : e.end] for e in fix.edits)
    added = "\n".join(e.content for e in fix.edits)
    lost = words_of(removed) - words_of(added)
    assert not lost, f"safe fix of {code} deletes {''.join(lost.elements())!r}"


def visible(text: str) -> str:
    """The text without invisible characters: controls, format characters, NUL's U+FFFD
    and every kind of space or separator (hygiene fixes remove or normalise those)."""
    return "".join(
        c
        for c in text
        if unicodedata.category(c) not in ("Cc", "Cf", "Zs", "Zl", "Zp") and c != "\ufffd"
    )


def table_cells(text: str) -> list[list[str]]:
    """Non-empty visible cell texts of each table, as markdown-it reads the body.

    Invisible characters and spacing do not count: removing a stray control or zero-width
    character from a cell is a fix, not a change of the cell's text.
    """
    doc = Document.from_text(text)
    tables: list[list[str]] = []
    for token in doc.tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "inline" and tables and token.level >= 3 and visible(token.content):
            tables[-1].append(visible(token.content))
    return tables


# -- properties -----------------------------------------------------------------------------


@given(any_document)
@example(SAMPLE)
@example("")
@example("\r\n\r")
@example("---\n  title: x\n---\n# 1. A\n\n| a | b |\n|---|\n| 1 |\n\n```markdown\n```")
def test_lint_is_total_positioned_and_deterministic(text: str) -> None:
    diagnostics = lint_text(text, config=CONFIG)
    crashed = [d.message for d in diagnostics if d.code == "MC004"]
    assert crashed == []
    check_positions(Document.from_text(text), diagnostics)
    assert render(lint_text(text, config=CONFIG)) == render(diagnostics)
    if not text.startswith("\ufeff"):
        assert render(lint_text("\ufeff" + text, config=CONFIG)) == render(diagnostics)


@given(any_document)
@example(SAMPLE)
@example("# 1. A\r\n## 1.1 B\r\n| 技术路线 | 优势 |\r\n|---|\r\n| a |")
@example("\ufeff```markdown\r\n---\r\ntitle: 2025 年 AI 趋势\r\n---")
@example("\ufeff```markdown\n---\n---\nx\n===\nx\n===\n| 技术路线 |\n| --- |\n| \x00 |\n")
@example("```markdown\n---\n---\nx\n===\nx\n===\n| 技术路线 |\n| --- |\n| a\u2028a |\n")
@example("\ufeff```markdown\n---\n---\nx\n===\n| 技术路线 |\n| --- |\n\x1f\nx\n===\n")
@example("\ufeff```markdown\n---\n---\nx\n===\n| 技术路线 |\n| --- |\n \x1f\t | \x1f\t \n| X |\n")
def test_safe_fixes_are_local_and_lose_nothing(text: str) -> None:
    doc_text = text.removeprefix("\ufeff")
    diagnostics = lint_text(text, config=CONFIG)
    for d in fixable(diagnostics, unsafe=False):
        assert d.fix is not None
        assert_fix_loses_no_words(doc_text, d.fix, d.code)
        alone, count = apply_fixes(doc_text, [d.fix])
        assert count == 1, f"{d.code}: the edits of one fix overlap each other"
        assert alone != doc_text, f"{d.code}: a fix that changes nothing"
    outcome = fix_text(text, config=CONFIG)
    before, after = table_cells(text), table_cells(outcome.text)
    if len(before) == len(after):  # same tables: every cell kept, in order, unchanged
        for old_cells, new_cells in zip(before, after, strict=True):
            remaining = iter(new_cells)
            lost = [cell for cell in old_cells if cell not in remaining]
            assert lost == [], f"a safe fix changed or dropped table cells {lost}"


@given(any_document, st.booleans())
@example(SAMPLE, False)
@example(SAMPLE, True)
@example("# T\n\n## 2024 趋势\n\n### 1.1 x\n\n## 2.趋势\n", True)  # number glued to a year
def test_fix_is_idempotent_complete_and_keeps_line_endings(text: str, unsafe: bool) -> None:
    outcome = fix_text(text, config=CONFIG, unsafe=unsafe)
    assert [d.message for d in outcome.remaining if d.code == "MC004"] == []
    assert outcome.text.startswith("\ufeff") == text.startswith("\ufeff")
    leftover = [(d.code, d.span, d.message) for d in fixable(outcome.remaining, unsafe)]
    assert leftover == [], "fixable findings remain after fixing"
    assert fix_text(outcome.text, config=CONFIG, unsafe=unsafe).text == outcome.text
    check_positions(Document.from_text(outcome.text), outcome.remaining)
    old_eols = set(split_lines(text)[1]) - {""}
    new_eols = set(split_lines(outcome.text)[1]) - {""}
    assert new_eols <= (old_eols or {"\n"}), f"fixing introduced {new_eols - old_eols}"
    assert fix_text(text, config=CONFIG, unsafe=unsafe).text == outcome.text  # deterministic
