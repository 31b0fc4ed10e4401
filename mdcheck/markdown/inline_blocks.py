"""The inline text of a document's paragraphs, headings and table cells, with the way
back from each character of that text to its place in the file.

markdown-it-py hands a block's inline source over without positions: the lines of a
paragraph with their container prefixes (block quote markers, list indentation) and the
first and last line's outer spaces removed. Each such line is a suffix of the raw line
it came from, so one offset per line maps the text back. A block whose lines cannot be
found that way (tabs expanded in its indentation) is left out rather than guessed at.
Code blocks, HTML blocks and front matter hold no inline text and are never listed.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mdcheck.markdown.document import Document

PARAGRAPH, HEADING, CELL = "paragraph", "heading", "cell"


class InlineBlock(NamedTuple):
    kind: str  # PARAGRAPH (list items' and block quotes' included), HEADING or CELL
    content: str  # the inline source, as markdown-it-py reads it
    line: int  # 1-based line of its first character
    line_starts: tuple[int, ...]  # index in ``content`` where each of its lines starts
    offsets: tuple[int, ...]  # the file offset of each of those lines' first character

    def offset(self, index: int) -> int:
        """The file offset of ``content[index]`` (``len(content)`` allowed)."""
        k = bisect.bisect_right(self.line_starts, index) - 1
        return self.offsets[k] + index - self.line_starts[k]


def inline_blocks(doc: Document) -> list[InlineBlock]:
    """Every paragraph, heading and table cell of the body, in document order."""
    return doc.memo("inline-blocks", lambda: _build(doc))


def _build(doc: Document) -> list[InlineBlock]:
    blocks: list[InlineBlock] = []
    headings = set(doc.positions_of("heading_open"))
    for index in doc.positions_of("paragraph_open", "heading_open"):
        found = doc.block_content(index)
        if found is None or not found[0]:
            continue
        kind = HEADING if index in headings else PARAGRAPH
        block = _locate(doc, kind, found[0], found[1])
        if block is not None:
            blocks.append(block)
    for table in doc.tables.tables:
        for row in (table.header, *table.body):
            base = doc.line_start(row.line)
            for cell in row.cells:
                if cell.text:
                    blocks.append(
                        InlineBlock(CELL, cell.text, row.line, (0,), (base + cell.start,))
                    )
    blocks.sort(key=lambda block: block.offsets[0])
    return blocks


def _locate(doc: Document, kind: str, content: str, first: int) -> InlineBlock | None:
    starts: list[int] = []
    offsets: list[int] = []
    index = 0
    for k, text in enumerate(content.split("\n")):
        number = first + k
        if number >= len(doc.lines):
            return None
        raw = doc.lines[number]
        if kind == HEADING and k == 0 and not raw.endswith(text):
            col = raw.find(text)  # an ATX heading: its closing #s are not in the text
        elif raw.endswith(text):
            col = len(raw) - len(text)
        else:
            col = raw.rstrip().rfind(text)
            if col < 0 or col + len(text) != len(raw.rstrip()):
                return None
        if col < 0:
            return None
        starts.append(index)
        offsets.append(doc.line_start(number + 1) + col)
        index += len(text) + 1
    return InlineBlock(kind, content, first + 1, tuple(starts), tuple(offsets))
