"""The inline reader against markdown-it-py: the same visible text on generated input and
on every paragraph, heading and table cell of the real Markdown under tests/fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from mdcheck.markdown.inline_scan import CODE, URL, normalize_label, plain_text, scan_inline

FIXTURES = Path(__file__).parent / "fixtures"
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# pieces that exercise every construct, and the characters around delimiters that the
# flanking rules look at: CJK letters, full-width and ASCII punctuation, spaces
_ATOMS = st.sampled_from(
    [
        "*",
        "**",
        "***",
        "_",
        "__",
        "~~",
        "~",
        "`",
        "``",
        "\\",
        "[",
        "]",
        "(",
        ")",
        "![",
        "<",
        ">",
        "&amp;",
        "&copy;",
        "&#x4E2D;",
        "&nosuch;",
        '"',
        "'",
        "!",
        ":",
        "：",
        "，",
        "。",
        "（",
        "）",
        "“",
        "”",
        "、",
        "注意",
        "过拟合",
        "AI",
        "abc",
        "x",
        "1",
        " ",
        "  ",
        "\n",
        "\t",
        "<b>",
        "</b>",
        "<!-- c -->",
        "<https://e.org/a>",
        "<a@b.org>",
        "](u)",
        '](u "t")',
        "](<u v>)",
        "][r]",
        "][]",
        "日本語",
        "カナ",
        "한국어",
        "é",
        "$",
    ]
)


def rendered_text(source: str, env: dict[str, object] | None = None) -> str:
    tokens: list[Token] = []
    _MD.inline.parse(source, _MD, env or {}, tokens)
    return _text_of(tokens)


def _text_of(tokens: list[Token]) -> str:
    out: list[str] = []
    for token in tokens:
        if token.type in ("text", "text_special", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif token.type == "image":
            out.append(_text_of(token.children or []))
    return "".join(out)


def _collapsed(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ATOMS, max_size=14).map("".join))
@example("**注意：**这里")
@example("使用**均方误差（MSE）**来估计")
@example("*a **b** c*")
@example("[a [b](c) d](e)")
@example("\\``code`")
def test_same_text_as_markdown_it(source: str) -> None:
    # "[text][r]" is a link to a definition of r; "[text][]" and "[text]" to one of text
    env = {"references": {"R": {"href": "u", "title": ""}}}
    refs = frozenset({"r"})
    source = source.strip(" \t\n")  # as a block's inline content always is
    assert _collapsed(scan_inline(source, refs).text) == _collapsed(rendered_text(source, env))


def _real_blocks() -> list[tuple[str, str, frozenset[str], str]]:
    blocks = []
    for path in sorted(FIXTURES.rglob("*.md")):
        env: dict[str, object] = {}
        tokens = _MD.parse(path.read_text(encoding="utf-8"), env)
        defined = env.get("references", {})
        assert isinstance(defined, dict)
        refs = frozenset(normalize_label(label) for label in defined)
        for token in tokens:
            if token.type == "inline" and token.content:
                blocks.append((path.name, token.content, refs, _text_of(token.children or [])))
    return blocks


def test_same_text_on_real_markdown() -> None:
    blocks = _real_blocks()
    assert len(blocks) > 200
    for name, source, refs, expected in blocks:
        assert _collapsed(scan_inline(source, refs).text) == _collapsed(expected), (name, source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**注意：**这里", "**注意：**这里"),  # the closing ** follows punctuation: literal
        ("**注意**：这里", "注意：这里"),
        ("snake_case_name and _em_", "snake_case_name and em"),
        ("C:\\path \\*star\\*", "C:\\path *star*"),
        ("see <https://example.org/> and <b>bold</b>", "see https://example.org/ and bold"),
        ("[text](http://x 'title') ![alt](i.png)", "text alt"),
        ("`a  b`  and ``c`d``", "a b and c`d"),
        ("&amp; &copy; &nosuch;", "& © &nosuch;"),
    ],
)
def test_plain_text(source: str, expected: str) -> None:
    assert plain_text(source) == expected


def test_pieces_point_at_their_source() -> None:
    source = "用 `pip` 装 <https://x.org> 和**粗体**"
    inline = scan_inline(source)
    kinds = [(piece.kind, piece.text) for piece in inline.pieces]
    assert kinds == [
        ("text", "用 "),
        (CODE, "pip"),
        ("text", " 装 "),
        (URL, "https://x.org"),
        ("text", " 和"),
        ("text", "粗体"),
    ]
    for piece in inline.pieces:
        assert source[piece.start : piece.start + len(piece.text)] == piece.text
    runs = [(run.marker, run.start, run.length, run.used) for run in inline.runs]
    assert runs == [("*", 27, 2, 2), ("*", 31, 2, 2)]


def test_unrendered_runs_are_reported_with_their_flanking() -> None:
    (opener, closer) = scan_inline("**注意：**这里").runs
    assert (opener.left, opener.right, opener.used) == (True, False, 0)
    # after "：" and before "这": left-flanking only, so it cannot close
    assert (closer.left, closer.right, closer.can_close, closer.used) == (True, False, False, 0)
