"""Positions at the edge to the editor: mdcheck's characters <-> LSP code units.

mdcheck counts 1-based lines and columns in characters (code points) of the text with its
byte-order mark removed, and its edits use 0-based character offsets into that text. The
Language Server Protocol counts 0-based lines and, by default, UTF-16 code units in the
line as the editor holds it (byte-order mark included); a client may negotiate UTF-8 or
UTF-32 instead. Lines end at ``\\r\\n``, ``\\r`` or ``\\n`` in both.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from mdcheck.diagnostic import Span
from mdcheck.markdown.document import line_starts, split_lines

Position = tuple[int, int]  # (0-based line, code units into the line)


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf8_units(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


UNIT_COUNTERS: dict[str, Callable[[str], int]] = {
    "utf-16": _utf16_units,
    "utf-8": _utf8_units,
    "utf-32": len,
}


class LineIndex:
    """One editor text, indexed for converting positions in both directions."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.bom = 1 if text.startswith("\ufeff") else 0
        self.lines, eols = split_lines(text)
        self._starts = line_starts(self.lines, eols)
        self._units = UNIT_COUNTERS.get(encoding.lower(), _utf16_units)

    def _line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def position(self, offset: int) -> Position:
        """The LSP position of a 0-based character offset into the editor's text."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= len(self.lines) and self.lines and not self.text.endswith(("\n", "\r")):
            index = len(self.lines) - 1  # the end of a last line that has no line ending
        column = offset - self._starts[index]
        return index, self._units(self._line(index)[:column])

    def edit_position(self, offset: int) -> Position:
        """The LSP position of an mdcheck edit offset (counted without the byte-order mark)."""
        return self.position(offset + self.bom)

    def span_start(self, span: Span) -> Position:
        return self._line_col(span.line, span.col)

    def span_end(self, span: Span) -> Position:
        return self._line_col(span.end_line, span.end_col)

    def _line_col(self, line: int, col: int) -> Position:
        index = line - 1
        chars = col - 1 + (self.bom if index == 0 else 0)
        text = self._line(index)
        overflow = max(0, chars - len(text))  # past the end of the line: keep the distance
        return index, self._units(text[:chars]) + overflow

    def offset(self, line: int, character: int) -> int:
        """The 0-based character offset of an LSP position (clamped to the line)."""
        if line >= len(self.lines):
            return len(self.text)
        text = self.lines[line]
        units = 0
        for chars, char in enumerate(text):
            if units >= character:
                return self._starts[line] + chars
            units += self._units(char)
        return self._starts[line] + len(text)

    def end(self) -> Position:
        """The position just past the last character of the text."""
        return self.position(len(self.text))
