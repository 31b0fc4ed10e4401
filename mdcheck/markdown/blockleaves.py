"""The leaf blocks of the fast block reader: ATX headings, fences, pipe tables, paragraphs.

:class:`LeafReader` holds one reading's lines and builds the tokens markdown-it-py builds
for these blocks, or raises :class:`~mdcheck.markdown.blocklines.Decline` where a block
leaves the subset the scanner reads. The containers (lists) and the walk over the top
level, with the hand-over to markdown-it-py, are in :mod:`mdcheck.markdown.blockscan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mdcheck.markdown.blocklines import (
    TRIM,
    Decline,
    interrupts,
    is_blank,
    is_delimiter_row,
    is_underline,
    leading_spaces,
    row_cells,
    table_aligns,
)
from mdcheck.markdown.blocktokens import Builder, Item, Rows

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

_MAX_AUTOCOMPLETED_CELLS = 0x10000  # markdown-it-py stops a table that pads more cells
# the first characters of a delimiter row (see is_delimiter_row, which tells the rest)
DELIMITER_STARTS = frozenset("|-: \t")


class LeafReader(Builder):
    """One reading of a text's lines, and the leaf blocks it reads.

    ``count`` is the number of lines markdown-it-py sees (see
    :func:`~mdcheck.markdown.blockscan.scan_blocks`); ``lines`` may hold one more, a last
    line of spaces, which only a fence's content notices. The methods that read a block
    take the index of its first line and return the index of the line after it.
    """

    def __init__(
        self, lines: list[str], count: int, text: str, parser: Callable[[], MarkdownIt]
    ) -> None:
        super().__init__()
        self.lines = lines
        self.count = count
        self.text = text
        self.parser = parser
        self.state: StateBlock | None = None  # markdown-it-py's, made for the first region
        self.bodies: list[Rows] = []
        self.items: list[Item] = []

    def table_start(self, index: int) -> tuple[list[str], list[str]] | None:
        """(header cells, alignments) when a table starts at line ``index``, as
        markdown-it-py's table rule decides it (the header line is at column 0)."""
        following = index + 1
        if following >= self.count or self.lines[following][:1] not in DELIMITER_STARTS:
            return None  # (most lines: told without a call)
        if not is_delimiter_row(self.lines[following]):
            return None
        aligns = table_aligns(self.lines[following])
        header = self.lines[index].strip(TRIM)
        if aligns is None or "|" not in header:
            return None
        cells = row_cells(header)
        if not cells or len(cells) != len(aligns):
            return None
        return cells, aligns

    # -- leaf blocks ----------------------------------------------------------------------

    def heading(self, index: int, level: int) -> None:
        """An ATX heading at column 0. A closing run of ``#`` is dropped only when a space
        or tab comes before it (``# C#`` keeps its ``#``)."""
        line = self.lines[index]
        end = len(line)
        while end > level and line[end - 1] in " \t":
            end -= 1
        hashes = end
        while hashes > level and line[hashes - 1] == "#":
            hashes -= 1
        if hashes > level and line[hashes - 1] in " \t":
            end = hashes  # a closing sequence of #s
        tag, markup = f"h{level}", "#" * level
        self.push("heading_open", tag, 1, [index, index + 1], 0, markup=markup)
        self.push_inline(line[level:end].strip(TRIM), [index, index + 1], 1)
        self.push("heading_close", tag, -1, None, 0, markup=markup)

    def fence(self, index: int, length: int) -> int:
        """A fenced code block opened at column 0 by ``length`` markers; it closes at a line
        of at least as many of the same markers, indented less than 4 spaces, or runs to
        the end of the text."""
        lines, count = self.lines, self.count
        opener = lines[index]
        marker = opener[0]
        close = index + 1  # the closing line, or count when there is none
        while close < count:
            line = lines[close]
            stripped = line.lstrip(" ")
            if len(line) - len(stripped) < 4 and stripped[:1] == marker:
                run = len(stripped) - len(stripped.lstrip(marker))
                if run >= length and not stripped[run:].strip(" \t"):
                    break
            close += 1
        end = close + 1 if close < count else count
        body = lines[index + 1 : close]
        content = "\n".join(body)
        if body and close < len(lines):
            content += "\n"  # the last body line keeps its line ending
        token = self.push(
            "fence", "code", 0, [index, end], 0, markup=opener[:length], info=opener[length:]
        )
        token.content = content
        return end

    def table(self, index: int, cells: list[str], aligns: list[str]) -> int:
        """A pipe table whose header line ``index`` (at column 0) has ``cells``, with the
        delimiter row's ``aligns``. Body rows run to a blank line; a row must start with
        a pipe (other rows, and the blocks that may end a table, are left to
        markdown-it-py). Rows are padded or cut to the header's number of cells."""
        lines, count = self.lines, self.count
        columns = len(cells)
        styles = [{"style": "text-align:" + align} if align else None for align in aligns]
        table_map = [index, 0]
        self.push("table_open", "table", 1, table_map, 0)
        self.push("thead_open", "thead", 1, [index, index + 1], 1)
        self.bodies.append(Rows(len(self.out), index, [self.lines[index]], columns, styles, "th"))
        self.out += [None] * (2 + 3 * columns)
        self.push("thead_close", "thead", -1, None, 1)
        row = index + 2
        body_map: list[int] | None = None
        rows: list[str] = []
        while row < count:
            line = lines[row]
            if is_blank(line):
                break
            if line[0] != "|" or "\\" in line:
                # a row without a leading pipe, or a block ending the table; escaped pipes
                raise Decline
            rows.append(line)
            row += 1
        # markdown-it-py stops a table that pads too many cells (each row at least one
        # pipe short of the header pads at most all of them): counted in large tables only
        if len(rows) * columns > _MAX_AUTOCOMPLETED_CELLS and _pads_too_many(rows, columns):
            raise Decline
        if rows:  # the rows' tokens are built on request (see Blocks)
            body_map = [index + 2, row]
            self.push("tbody_open", "tbody", 1, body_map, 1)
            self.bodies.append(Rows(len(self.out), index + 2, rows, columns, styles, "td"))
            self.out += [None] * (len(rows) * (2 + 3 * columns))
            self.push("tbody_close", "tbody", -1, None, 1)
        self.push("table_close", "table", -1, None, 0)
        table_map[1] = row
        return row

    def paragraph(self, index: int, level: int = 0, indent: int = 0) -> int:
        """A paragraph from line ``index``, its tokens at ``level``; returns the line
        after it.

        ``indent`` is the content column of the enclosing list item (0 at the top level,
        where the paragraph starts at column 0); in an item the first line's content
        starts at that column. A following line is read by its indentation, as
        markdown-it-py's paragraph rule does:

        - more than 3 columns past ``indent``: a lazy continuation line, whatever it holds;
        - ``indent`` to 3 past it (the paragraph's own block): a setext underline, a table
          or a block that interrupts a paragraph ends it, or declines;
        - less than ``indent`` (in an item only): a continuation line too, unless a block
          starts there, which ends the item (any list marker does, even ``2.``).
        """
        lines, count = self.lines, self.count
        first = lines[index][indent:]
        end = index + 1
        pieces = [first]
        while end < count:
            line = lines[end]
            if not line or is_blank(line):
                break
            spaces = leading_spaces(line)
            if spaces - indent <= 3:  # (deeper lines are continuation lines: nothing to check)
                text = line[spaces:]
                if spaces >= indent:  # in the paragraph's own block
                    if is_underline(text):
                        raise Decline  # a setext heading
                    if indent == 0 and spaces == 0 and self.table_start(end) is not None:
                        break  # a table, read next as a top-level block
                    if self.delimiter_follows(end):
                        raise Decline  # a table could start here
                    if interrupts(text, outdented=False):
                        if spaces != indent:
                            raise Decline  # a block indented by 1-3 spaces
                        break  # the next block (of the item, in an item)
                else:  # a line less indented than the item's content
                    if self.delimiter_follows(end):
                        raise Decline
                    if interrupts(text, outdented=True):
                        break  # ends the item; the lists decide what follows
            pieces.append(line[min(spaces, indent) :])
            end += 1
        content = "\n".join(pieces)  # each line less its item's indentation, if any
        if first[:1] == "[" and "]:" in content:
            raise Decline  # possibly a link reference definition
        self.push("paragraph_open", "p", 1, [index, end], level)
        self.push_inline(content.strip(TRIM), [index, end], level + 1)
        self.push("paragraph_close", "p", -1, None, level)
        return end

    def delimiter_follows(self, index: int) -> bool:
        """True when the next line could make line ``index`` a table header, at any
        indentation (the caller declines rather than decide)."""
        next_line = index + 1
        if next_line >= self.count:
            return False
        line = self.lines[next_line]
        return line[:1] in DELIMITER_STARTS and is_delimiter_row(line, len(line))


def _pads_too_many(rows: list[str], columns: int) -> bool:
    """Whether markdown-it-py's table rule would count more than its limit of padded
    cells over these body rows (a row with extra cells counts against the padding)."""
    padded = 0
    for line in rows:
        padded += columns - len(row_cells(line))
        if padded > _MAX_AUTOCOMPLETED_CELLS:
            return True
    return False
