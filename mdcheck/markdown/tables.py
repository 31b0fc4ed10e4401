"""The raw-source model of GFM tables, read through the token line maps.

markdown-it pads short rows with empty cells, drops extra cells, and turns a table whose
delimiter row is wrong into a paragraph full of pipes. The table rules therefore never read
the cell tokens: this module re-splits every row of every parsed table from the raw line,
exactly as GFM does, keeping each cell's character columns, and it keeps the raw rows of
the paragraphs that contain pipes so that a table that failed to parse can be recognised.

Splitting follows the GFM table extension as markdown-it implements it:

- the row is trimmed; one leading and one trailing unescaped ``|`` are optional;
- a ``|`` preceded by a backslash is part of the cell (``\\|``);
- a ``|`` inside a code span *does* separate cells (GFM splits rows before inline
  parsing; write ``\\|`` inside the code span to keep it);
- wide (CJK) characters are ordinary characters: columns count characters.

Inside a block quote or a list item the container prefix (``>`` markers, the list marker
of the item's first line, the indentation) is removed before splitting, so cell columns
still point at the real characters of the file.

The model is built in one pass over the block tokens (:func:`build_table_model`), over
the table tokens only when no other line has a ``|``, and cached on the document
(``Document.tables``).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple

from mdcheck.diagnostic import Span
from mdcheck.markdown.blocklines import JS_TRIM
from mdcheck.markdown.inline import code_span_ranges
from mdcheck.util.lazyre import LazyPattern

if TYPE_CHECKING:
    from collections.abc import Callable

    from mdcheck.markdown.blocktokens import BlockToken
    from mdcheck.markdown.document import Document

# The characters markdown-it trims around rows and cells (JavaScript's String.trim set).
TRIM_CHARS = JS_TRIM
_LIST_MARKER = LazyPattern(r"(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")
_DELIMITER_CELL = re.compile(r"^:?-+:?$")
_DELIMITER_LIKE = re.compile(r"^[|:=\-\s]*$")


class Cell(NamedTuple):
    """One cell of a raw row: its trimmed source and 0-based columns in the line.

    ``start``/``end`` delimit the trimmed text; for an empty cell they delimit the blank
    space between its pipes (possibly zero-width). (A named tuple, not a dataclass: one
    is made for every cell of every table, and a tuple is built in half the time.)
    """

    text: str
    start: int
    end: int


class Row(NamedTuple):
    """One raw line of a table (or of a paragraph that looks like one)."""

    line: int  # 1-based
    cells: tuple[Cell, ...]
    start: int  # 0-based column of the trimmed row text
    end: int  # 0-based column just past it
    text: str  # the trimmed row text (container prefix removed)

    def span(self) -> Span:
        """The row's trimmed text as a span."""
        return Span(self.line, self.start + 1, self.line, self.end + 1)

    def cell_span(self, cell: Cell) -> Span:
        return Span(self.line, cell.start + 1, self.line, cell.end + 1)

    @property
    def has_pipe(self) -> bool:
        """Whether the row has an unescaped ``|`` (a row without one is a single cell)."""
        return any(
            ch == "|" and (i == 0 or self.text[i - 1] != "\\") for i, ch in enumerate(self.text)
        )

    @property
    def looks_like_row(self) -> bool:
        """Starts with ``|`` and ends with an unescaped ``|``: plainly written as a row."""
        text = self.text
        return len(text) >= 2 and text[0] == "|" and text[-1] == "|" and text[-2] != "\\"

    @property
    def looks_like_delimiter(self) -> bool:
        """Only pipes, colons, hyphens (or ``=``) and spaces, with a pipe and a hyphen."""
        text = self.text
        return (
            "|" in text and ("-" in text or "=" in text) and _DELIMITER_LIKE.match(text) is not None
        )


class Table:
    """A table markdown-it parsed, with its rows re-read from the raw lines.

    The delimiter row is split on first use: a parsed table's delimiter row is valid by
    construction, no rule reads its cells, and its varying dashes make every one new."""

    __slots__ = ("_delimiter", "_make_delimiter", "body", "glued_to", "header", "in_list")

    def __init__(
        self,
        header: Row,
        make_delimiter: Callable[[], Row],
        body: tuple[Row, ...],
        in_list: bool,
        glued_to: Row | None,
    ) -> None:
        self.header = header
        self._make_delimiter = make_delimiter
        self._delimiter: Row | None = None
        self.body = body
        self.in_list = in_list  # inside a list item (a blank line there would change it)
        self.glued_to = glued_to  # the paragraph line right above the header, if any

    @property
    def delimiter(self) -> Row:
        if self._delimiter is None:
            self._delimiter = self._make_delimiter()
        return self._delimiter

    @property
    def columns(self) -> int:
        return len(self.header.cells)

    def _fields(self) -> tuple[Row, Row, tuple[Row, ...], bool, Row | None]:
        return self.header, self.delimiter, self.body, self.in_list, self.glued_to

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Table) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        header, delimiter, body, in_list, glued_to = self._fields()
        return (
            f"Table(header={header!r}, delimiter={delimiter!r}, body={body!r},"
            f" in_list={in_list!r}, glued_to={glued_to!r})"
        )


class PipeParagraph(NamedTuple):
    """A paragraph with at least one ``|``: its raw rows, one per line."""

    rows: tuple[Row, ...]
    after_table: bool  # starts on the line right after a table
    before_table: bool  # ends on the line right before a table


class TableModel(NamedTuple):
    tables: tuple[Table, ...]
    paragraphs: tuple[PipeParagraph, ...]
    # setext headings underlined with "-" whose last text line has a pipe: (that line,
    # the underline), a header row whose one-cell "---" delimiter made it a heading
    setext_rows: tuple[tuple[Row, Row], ...] = ()


# -- splitting --------------------------------------------------------------------------


def _pieces(text: str) -> list[str]:
    """``text`` split at its unescaped pipes (a ``|`` right after a backslash is text)."""
    pieces = text.split("|")
    if "\\" not in text:
        return pieces
    merged = [pieces[0]]
    for piece in pieces[1:]:
        if merged[-1].endswith("\\"):
            merged[-1] += "|" + piece
        else:
            merged.append(piece)
    return merged


# tuple.__new__(Cell, (text, start, end)) builds the same named tuple as Cell(text, start,
# end) without the Python-level __new__ that the constructor runs (for every cell and row)
_new_tuple = tuple.__new__


# Rows recur: delimiter rows ("| --- | --- |") and header rows in most tables, and whole
# rows across generated articles. A cell tuple is immutable, so one can be shared.
@functools.lru_cache(maxsize=2048)
def _cells(text: str, offset: int) -> tuple[Cell, ...]:
    """The cells of the trimmed row ``text``, which starts at column ``offset``."""
    pieces = _pieces(text)
    start = offset  # where the current piece starts in the line
    if pieces[0] == "":  # a leading pipe
        del pieces[0]
        start += 1
    if pieces and pieces[-1] == "":  # a trailing pipe
        pieces.pop()
    cells: list[Cell] = []
    for piece in pieces:
        # str.strip with TRIM_CHARS trims exactly what markdown-it trims, without a
        # per-character loop; the text starts at its first occurrence, as only trim
        # characters precede it
        stripped = piece.strip(TRIM_CHARS)
        if stripped:
            cell_start = start + piece.find(stripped)
            cells.append(_new_tuple(Cell, (stripped, cell_start, cell_start + len(stripped))))
        else:
            cells.append(_new_tuple(Cell, ("", start, start + len(piece))))
        start += len(piece) + 1
    return tuple(cells)


def split_cells(line: str, start: int = 0) -> tuple[Cell, ...]:
    """Split the row ``line[start:]`` into cells, as GFM (and markdown-it) do."""
    return make_row(line, 0, start).cells


def make_row(line: str, line_number: int, start: int = 0) -> Row:
    """The raw row of ``line`` whose content starts at column ``start`` (0-based)."""
    segment = line[start:] if start else line
    text = segment.strip(TRIM_CHARS)
    if len(text) == len(segment):  # nothing trimmed: most rows start and end with '|'
        first = start
    else:
        first = start + len(segment) - len(segment.lstrip(TRIM_CHARS))
    return _new_tuple(Row, (line_number, _cells(text, first), first, first + len(text), text))


def delimiter_problem(row: Row) -> str | None:
    """Why ``row`` is not a valid delimiter row, or None when it is one.

    The cells of the returned text are 1-based; a valid row may have empty cells only
    before the first and after the last pipe, and each cell is hyphens with an optional
    colon at either end.
    """
    pieces = row.text.split("|")
    for index, piece in enumerate(pieces):
        cell = piece.strip(TRIM_CHARS)
        if not cell:
            if 0 < index < len(pieces) - 1:
                return "it has an empty cell between two pipes"
            continue
        if _DELIMITER_CELL.match(cell) is None:
            return f"its cell {cell!r} is not hyphens with optional colons (like ':---:')"
    return None


def delimiter_columns(row: Row) -> int:
    """How many columns a valid delimiter row declares."""
    return sum(1 for piece in row.text.split("|") if piece.strip(TRIM_CHARS))


def pipe_in_code_span(text: str) -> bool:
    """Whether an unescaped ``|`` lies inside a code span of ``text`` (it splits cells)."""
    for start, end in code_span_ranges(text):
        inner = text[start:end].strip("`")
        if any(ch == "|" and (i == 0 or inner[i - 1] != "\\") for i, ch in enumerate(inner)):
            return True
    return False


# -- container prefixes -----------------------------------------------------------------


class _Container(NamedTuple):
    blockquote: bool
    first_line: int  # 0-based line of the container's first line


def content_start(line: str, containers: tuple[_Container, ...], index: int) -> int:
    """0-based column where the block content of ``line`` starts, after container prefixes.

    A block quote contributes up to three spaces, ``>`` and one optional space; a list
    item contributes its indentation, plus its marker on the item's first line. A lazy
    continuation line (no ``>``) simply keeps its text.
    """
    pos = 0
    size = len(line)
    for container in containers:
        if container.blockquote:
            probe = pos
            while probe < size and probe - pos < 3 and line[probe] == " ":
                probe += 1
            if probe < size and line[probe] == ">":
                pos = probe + 1
                if pos < size and line[pos] in " \t":
                    pos += 1
        else:
            while pos < size and line[pos] in " \t":
                pos += 1
            if index == container.first_line:
                marker = _LIST_MARKER.match(line, pos)
                if marker is not None:
                    pos = marker.end()
    while pos < size and line[pos] in " \t":
        pos += 1
    return pos


# -- the model --------------------------------------------------------------------------


_EMPTY_MODEL = TableModel((), ())
# the blocks the model reads, and the containers (block quotes, list items) around them
_BLOCK_TOKENS = ("paragraph_open", "heading_open", "table_open")
_CONTAINER_TOKENS = ("blockquote_open", "list_item_open", "blockquote_close", "list_item_close")


class _OpenContainers:
    """The block quotes and list items open around a block token, read by walking their
    open and close tokens forward. Asked only about nested blocks (``token.level > 0``),
    in document order: most documents have no table or pipe paragraph inside a container
    and never walk their list items at all."""

    def __init__(self, doc: Document) -> None:
        self._token_at = doc.block_token
        self._doc = doc
        self._positions: list[int] | None = None  # the container tokens, found on first use
        self._next = 0  # the first of them not walked yet
        self._open: list[BlockToken] = []

    def at(self, position: int) -> tuple[_Container, ...]:
        """The containers open at the token at ``position`` (not before the last asked)."""
        if self._positions is None:
            self._positions = self._doc.positions_of(*_CONTAINER_TOKENS)
        positions, token_at, open_tokens = self._positions, self._token_at, self._open
        index = self._next
        while index < len(positions) and positions[index] < position:
            token = token_at(positions[index])
            if token.type in ("blockquote_open", "list_item_open"):
                if token.map is not None:
                    open_tokens.append(token)
            elif open_tokens:
                open_tokens.pop()
            index += 1
        self._next = index
        return tuple(
            _Container(opener.type == "blockquote_open", opener.map[0])
            for opener in open_tokens
            if opener.map is not None
        )


def build_table_model(doc: Document) -> TableModel:
    """Walk the block tokens once and collect every table and every paragraph with a pipe."""
    if "|" not in doc.text:
        # Every table has a '|' in its header row (markdown-it requires one), and the
        # paragraphs and headings kept here are those with a '|': nothing to collect.
        return _EMPTY_MODEL
    lines = doc.body_lines
    token_at = doc.block_token
    table_positions = doc.positions_of("table_open")
    if _pipe_outside_tables(doc, table_positions):
        blocks = doc.positions_of(*_BLOCK_TOKENS)
    else:  # no paragraph or heading has a '|' (most documents): read the tables only
        blocks = table_positions
    open_containers = _OpenContainers(doc)
    tables: list[Table] = []
    paragraphs: list[PipeParagraph] = []
    last_table_end = -1
    setext_rows: list[tuple[Row, Row]] = []

    def row_at(index: int, inside: tuple[_Container, ...]) -> Row:
        line = lines[index]
        # with no container, content_start would skip only spaces and tabs: make_row
        # trims those anyway
        return make_row(line, index + 1, content_start(line, inside, index) if inside else 0)

    for position in blocks:
        token = token_at(position)
        kind = token.type
        if token.map is None:
            continue
        start, end = token.map
        if kind == "paragraph_open":
            if end - start == 1:  # most paragraphs: test the line without a generator
                if "|" not in lines[start]:
                    continue
            elif not any("|" in line for line in lines[start:end]):
                continue
            after = last_table_end == start  # right under a table, perhaps a nested one
            following = _next_block(doc, position)
            before = (
                following is not None
                and following.type == "table_open"
                and following.map is not None
                and following.map[0] == end
            )
            inside = open_containers.at(position) if token.level else ()
            rows = tuple([row_at(i, inside) for i in range(start, end)])
            paragraphs.append(PipeParagraph(rows, after, before))
        elif kind == "heading_open":
            underline = end - 1
            if token.markup == "-" and "|" in lines[underline - 1]:
                inside = open_containers.at(position) if token.level else ()
                setext_rows.append((row_at(underline - 1, inside), row_at(underline, inside)))
        else:  # a table
            inside = open_containers.at(position) if token.level else ()
            glued: Row | None = None
            if _paragraph_ends_at(doc, position, start):
                # that paragraph closes right before the table: same containers
                glued = row_at(start - 1, inside)
            tables.append(
                Table(
                    row_at(start, inside),  # header
                    functools.partial(row_at, start + 1, inside),  # delimiter, on first use
                    tuple([row_at(i, inside) for i in range(start + 2, end)]),  # body
                    any(not c.blockquote for c in inside),  # in_list
                    glued,  # glued_to
                )
            )
            last_table_end = end
    return TableModel(tuple(tables), tuple(paragraphs), tuple(setext_rows))


def _pipe_outside_tables(doc: Document, table_positions: list[int]) -> bool:
    """Whether a line outside the tables has a ``|``: found with str.find over the text,
    jumping over each table, instead of testing every paragraph and heading. (A ``|`` in a
    hidden line, such as front matter, counts too: that only costs the full walk.)"""
    text = doc.text
    pipe = text.find("|")
    for position in table_positions:
        table_map = doc.block_token(position).map
        if table_map is None:
            return True  # cannot jump over it: take the full walk
        first, end = table_map  # 0-based lines [first, end)
        if pipe < doc.line_start(first + 1):
            return True  # before this table (and after the previous one)
        pipe = text.find("|", doc.line_start(end + 1))
        if pipe < 0:
            return False
    return pipe >= 0


def _paragraph_ends_at(doc: Document, position: int, line: int) -> bool:
    """Whether the token before the block at ``position`` closes a paragraph that ends at
    0-based ``line`` (a paragraph is three tokens: open, inline, close)."""
    if position < 3 or doc.block_token(position - 1).type != "paragraph_close":
        return False
    opener = doc.block_token(position - 3)
    return opener.type == "paragraph_open" and opener.map is not None and opener.map[1] == line


def _next_block(doc: Document, position: int) -> BlockToken | None:
    """The token after the paragraph opened at ``position`` (open, inline, close)."""
    index = position + 3
    return doc.block_token(index) if index < len(doc.block_tokens) else None
