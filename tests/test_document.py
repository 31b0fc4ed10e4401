"""Line splitting and offsets: the fast path for text without carriage returns must
give exactly what the general CommonMark splitter gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mdcheck.markdown.document import Document, line_starts, split_lines, split_on_any_ending

_TEXT = st.text(alphabet=st.sampled_from(["a", "中", " ", "\n", "\r", "\u2028", "\x0c"]))


@given(_TEXT)
def test_split_lines_matches_the_commonmark_line_endings(text: str) -> None:
    # the fast path (no carriage return) must agree with the general splitter
    assert split_lines(text) == split_on_any_ending(text)


def test_every_commonmark_line_ending_ends_a_line() -> None:
    assert split_lines("a\r\nb\rc\nd") == (["a", "b", "c", "d"], ["\r\n", "\r", "\n", ""])
    assert split_lines("a\n\n") == (["a", ""], ["\n", "\n"])


@given(_TEXT)
def test_line_starts_point_at_each_line(text: str) -> None:
    lines, eols = split_lines(text)
    starts = line_starts(lines, eols)
    assert starts[-1] == len(text)
    for index, line in enumerate(lines):
        assert text[starts[index] : starts[index] + len(line)] == line


def test_only_newline_counts_as_a_line_break_besides_cr() -> None:
    doc = Document.from_text("a\u2028b\x0cc\nd")
    assert doc.lines == ["a\u2028b\x0cc", "d"]
    assert doc.eols == ["\n", ""]
    assert doc.position(len(doc.text)) == (2, 2)


def test_dominant_line_ending() -> None:
    assert Document.from_text("a\nb").dominant_eol == "\n"
    assert Document.from_text("no ending").dominant_eol == "\n"
    assert Document.from_text("a\r\nb\r\nc\n").dominant_eol == "\r\n"
    assert Document.from_text("a\rb\nc\r").dominant_eol == "\r"
    assert Document.from_text("a\r\nb\n").dominant_eol == "\n"  # a tie goes to \n
