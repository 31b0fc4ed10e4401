"""The raw table model: GFM cell splitting with exact columns, containers, paragraphs."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.rules_block.table import escapedSplit

from mdcheck.markdown import tables
from mdcheck.markdown.document import Document
from mdcheck.markdown.tables import TRIM_CHARS, make_row, pipe_in_code_span, split_cells

# (row source, expected cell texts): the GFM behaviour the rules rely on.
SPLIT_CASES = [
    ("| a | b |", ["a", "b"]),
    ("a | b", ["a", "b"]),  # outer pipes are optional
    ("| a | b", ["a", "b"]),
    ("a | b |", ["a", "b"]),
    ("|a|b|", ["a", "b"]),
    ("| a |  | c |", ["a", "", "c"]),  # an empty cell is still a cell
    ("| a | b | |", ["a", "b", ""]),
    ("||", [""]),
    ("|", []),
    ("no pipe at all", ["no pipe at all"]),
    ("| f\\|oo | x |", ["f\\|oo", "x"]),  # an escaped pipe stays in the cell
    ("| a \\\\| b |", ["a \\\\| b"]),  # a pipe after any backslash is escaped (as GFM)
    ("| `a|b` | c |", ["`a", "b`", "c"]),  # GFM splits inside code spans
    ("| `a\\|b` | c |", ["`a\\|b`", "c"]),  # ... unless the pipe is escaped
    ("| a | b \\|", ["a", "b \\|"]),  # an escaped last pipe is not an outer pipe
    ("| 技术路线 | 优势 |", ["技术路线", "优势"]),
    ("\u3000| 全角 |\u3000", ["全角"]),  # trimmed like JavaScript's String.trim
    ("|\ta\t|", ["a"]),
]


@pytest.mark.parametrize(("source", "texts"), SPLIT_CASES)
def test_split_cells(source: str, texts: list[str]) -> None:
    cells = split_cells(source)
    assert [cell.text for cell in cells] == texts
    for cell in cells:
        if cell.text:
            assert source[cell.start : cell.end] == cell.text


def test_cell_columns_count_characters() -> None:
    row = make_row("> | 技术路线 | 优势 |  |", 3, start=2)
    assert (row.start, row.end, row.text) == (2, 18, "| 技术路线 | 优势 |  |")
    assert [(c.text, c.start, c.end) for c in row.cells] == [
        ("技术路线", 4, 8),
        ("优势", 11, 13),
        ("", 15, 17),  # the blank between the pipes
    ]
    assert row.cell_span(row.cells[1]).col == 12


def _markdown_it_cells(line: str) -> list[str]:
    columns = escapedSplit(line.strip(TRIM_CHARS))
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return [column.strip(TRIM_CHARS) for column in columns]


@given(st.text(alphabet=" |\\`a中-\t\u3000", max_size=30))
def test_split_matches_markdown_it(line: str) -> None:
    ours = [cell.text for cell in split_cells(line)]
    # markdown-it removes the backslash of an escaped pipe; we keep the source text
    assert [text.replace("\\|", "|") for text in ours] == _markdown_it_cells(line)


def _char_by_char_cells(line: str) -> list[tuple[str, int, int]]:
    """Cells and columns read one character at a time: the plain statement of the rule."""

    def trimmed(start: int, end: int) -> tuple[int, int]:
        while start < end and line[start] in TRIM_CHARS:
            start += 1
        while end > start and line[end - 1] in TRIM_CHARS:
            end -= 1
        return start, end

    first, end = trimmed(0, len(line))
    bounds: list[tuple[int, int]] = []
    piece = first
    for pos in range(first, end):
        if line[pos] == "|" and (pos == first or line[pos - 1] != "\\"):
            bounds.append((piece, pos))
            piece = pos + 1
    bounds.append((piece, end))
    if bounds[0][0] == bounds[0][1]:
        bounds.pop(0)
    if bounds and bounds[-1][0] == bounds[-1][1]:
        bounds.pop()
    cells = []
    for a, b in bounds:
        start, stop = trimmed(a, b)
        cells.append(("", a, b) if start == stop else (line[start:stop], start, stop))
    return cells


@given(st.text(alphabet=" |\\`a中-\t\u3000\u2003", max_size=30))
def test_split_columns_match_char_by_char_reading(line: str) -> None:
    assert [(c.text, c.start, c.end) for c in split_cells(line)] == _char_by_char_cells(line)


@given(st.text(alphabet=" |\\a中-\t\u3000", max_size=20), st.integers(0, 22))
def test_row_from_a_column_reads_as_if_the_prefix_were_blank(line: str, start: int) -> None:
    # make_row(line, n, start) ignores line[:start] (a container prefix); a prefix of
    # spaces, which the row trims anyway, must give the same row and columns
    start = min(start, len(line))
    row = make_row(line, 1, start)
    blanked = make_row(" " * start + line[start:], 1)
    assert row == blanked


@pytest.mark.parametrize(
    ("text", "inside"),
    [("`a|b`", True), ("`a\\|b`", False), ("a | `b`", False), ("``a|b``", True), ("`a|b", False)],
)
def test_pipe_in_code_span(text: str, inside: bool) -> None:
    assert pipe_in_code_span(text) is inside


CONTAINER_CASES = [
    # (document, header line, header text start column (1-based))
    ("| a | b |\n|---|---|\n", 1, 1),
    ("- | a | b |\n  |---|---|\n", 1, 3),
    ("10. | a | b |\n    |---|---|\n", 1, 5),
    ("- item\n\n  | a | b |\n  |---|---|\n", 3, 3),
    ("> | a | b |\n> |---|---|\n", 1, 3),
    (">| a | b |\n>|---|---|\n", 1, 2),
    ("> > | a | b |\n> > |---|---|\n", 1, 5),
    ("> - | a | b |\n>   |---|---|\n", 1, 5),
    ("   | a | b |\n   |---|---|\n", 1, 4),
]


@pytest.mark.parametrize(("text", "line", "col"), CONTAINER_CASES)
def test_container_prefix_is_removed(text: str, line: int, col: int) -> None:
    (table,) = Document.from_text(text).tables.tables
    assert table.header.line == line
    assert table.header.span().col == col
    assert [cell.text for cell in table.header.cells] == ["a", "b"]
    assert table.delimiter.text == "|---|---|"


def test_paragraph_rows_and_neighbours() -> None:
    text = "intro\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| x |\n| y |\n"
    model = Document.from_text(text).tables
    (table,) = model.tables
    assert table.glued_to is not None and table.glued_to.text == "intro"
    (paragraph,) = model.paragraphs  # "intro" has no pipe; the later one has
    assert [row.line for row in paragraph.rows] == [6, 7]
    assert not paragraph.after_table and not paragraph.before_table


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("| a | b |\n|---|---|\n| 1 | 2 |\n\ntext\n", False),
        ("| a | b |\n|---|---|\n\n| a | b |\n|---|---|", False),
        ("x | y\n\n| a | b |\n|---|---|\n", True),  # before the table
        ("| a | b |\n|---|---|\n\nx | y", True),  # after it, on the last line
        ("| a | b |\n|---|---|\n\nx | y\n\n| a | b |\n|---|---|\n", True),  # between two
        ("---\ntitle: a | b\n---\n\n| a | b |\n|---|---|\n", True),  # front matter counts
        ("| a | b |\r|---|---|\r\rtext\r", False),
        ("text\nmore\n", False),
    ],
)
def test_pipe_outside_tables(text: str, outside: bool) -> None:
    doc = Document.from_text(text)
    assert tables._pipe_outside_tables(doc, doc.positions_of("table_open")) is outside


_SOUP_LINES = [
    "| a | b |",
    "|---|---|",
    "| 1 | 2 | 3 |",
    "a | b",
    "text",
    "",
    "---",
    "# heading | with pipe",
    "> | a | b |",
    "> |---|---|",
    "- | a | b |",
    "  |---|---|",
    "- item",
]


@given(st.lists(st.sampled_from(_SOUP_LINES), max_size=10))
def test_reading_only_the_tables_gives_the_full_model(lines: list[str]) -> None:
    # when no line outside the tables has a '|', the model skips the paragraphs and
    # headings: it must equal the model of the walk over every block
    text = "\n".join(lines)
    fast = tables.build_table_model(Document.from_text(text))
    with mock.patch.object(tables, "_pipe_outside_tables", return_value=True):
        full = tables.build_table_model(Document.from_text(text))
    assert fast == full
