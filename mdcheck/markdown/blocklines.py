"""Questions about one line of Markdown, answered as markdown-it-py's block rules answer
them: is it blank, an ATX heading, a code fence, a thematic break, a list marker, a table's
delimiter row, a setext underline, a line that ends a paragraph? Used by
:mod:`mdcheck.markdown.blockscan`, which raises :class:`Decline` (from here too) wherever a line
takes it outside what it reads itself.

Columns are counts of leading spaces: a tab in the indentation declines.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=1)
def markdown_it_version() -> str:
    """The installed markdown-it-py's version, read from its package's ``__init__.py``
    without importing it (which costs as much as linting a dozen articles); imported only
    when the file does not say it plainly."""
    import importlib.util

    spec = importlib.util.find_spec("markdown_it")
    if spec is not None and spec.origin:
        try:
            with open(spec.origin, encoding="utf-8") as handle:
                source = handle.read(8192)
        except (OSError, UnicodeDecodeError):
            source = ""
        found = re.search(r"^__version__\s*=\s*[\"']([0-9][^\"']*)[\"']", source, re.MULTILINE)
        if found is not None:
            return found.group(1)
    import markdown_it

    return str(markdown_it.__version__)


def _version_at_least(version: str, wanted: tuple[int, ...]) -> bool:
    parts = tuple(int(part) for part in re.findall(r"\d+", version)[: len(wanted)])
    return parts >= wanted


#: JavaScript's String.trim set without U+FEFF: what markdown-it trims rows, cells and
#: contents with (markdown-it-py's ``MD_TRIM_CHARS`` since 4.3).
JS_TRIM = "".join(
    map(
        chr,
        sorted(
            {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000}
            | set(range(0x2000, 0x200B))
            | {0x2028, 0x2029}
        ),
    )
)


def _trim_characters() -> str | None:
    """The characters the installed markdown-it-py trims block contents with: JS_TRIM
    since 4.3; None, for str.strip()'s default, before, which trimmed that way.
    ``tests/test_blockscan.py`` checks it against the installed markdown-it-py."""
    return JS_TRIM if _version_at_least(markdown_it_version(), (4, 3)) else None


TRIM = _trim_characters()
_DELIMITER_CHARS = frozenset("|-: \t")  # all a table's delimiter row may hold
_HR_MARKERS = frozenset("*-_")


class Decline(Exception):
    """Raised inside a block the scanner leaves to markdown-it-py (caught in
    :meth:`mdcheck.markdown.blockscan._Scanner.run`, which hands the block over)."""


def leading_spaces(line: str) -> int:
    """The number of leading spaces; a tab among them declines the block (a tab's width
    depends on its column: left to markdown-it-py)."""
    if line[:1] not in (" ", "\t"):
        return 0  # the common case, told without copying the line
    stripped = line.lstrip(" ")
    if stripped[:1] == "\t":
        raise Decline
    return len(line) - len(stripped)


def is_blank(line: str) -> bool:
    """An empty line, or one of spaces and tabs only, as markdown-it-py's lines go."""
    if not line:
        return True
    if not line[0].isspace():
        # the common case; such a line is not all whitespace of any kind either, since
        # every character markdown-it-py trims counts as a space to str.isspace
        return False
    if line.strip(" \t"):
        if not line.strip(TRIM):
            # only Unicode whitespace: not blank to markdown-it-py's block rules, yet
            # trimmed away from contents; left to markdown-it-py
            raise Decline
        return False
    return True


def heading_level(line: str) -> int:
    """The level of an ATX heading starting at column 0, or 0."""
    level = len(line) - len(line.lstrip("#"))
    if 1 <= level <= 6 and (level == len(line) or line[level] in " \t"):
        return level
    return 0


def is_hr(line: str) -> bool:
    """A thematic break starting at column 0."""
    marker = line[:1]
    if marker not in _HR_MARKERS or len(line) < 3:
        return False
    # nothing but the marker, spaces and tabs (strip leaves nothing), and 3+ markers
    return not line.strip(marker + " \t") and line.count(marker) >= 3


def fence_length(line: str) -> int:
    """The marker length of a code fence opening at column 0, or 0 (3+ backticks or
    tildes; a backtick fence's info string may not hold a backtick)."""
    marker = line[:1]
    if marker not in ("`", "~"):
        return 0
    length = len(line) - len(line.lstrip(marker))
    if length < 3 or (marker == "`" and "`" in line[length:]):
        return 0
    return length


def list_marker(line: str) -> tuple[str, int, str] | None:
    """``(char, after, number)`` for a list item marker at column 0 of ``line``, or None.

    ``char`` is what markdown-it-py puts in the tokens' markup: the bullet (``-*+``), or
    the ``.`` or ``)`` after an ordered item's number. ``after`` is the position just
    past the marker, where the spaces before the content start; an item with nothing
    after its marker is reported too (``after == len(line)``). ``number`` is the item
    number as written (up to 9 digits, leading zeros kept), empty for a bullet.
    """
    first = line[:1]
    if first in ("-", "*", "+"):
        if len(line) == 1 or line[1] in " \t":
            return first, 1, ""
        return None
    if not "0" <= first <= "9" or len(line) < 2:
        return None
    digits = len(line) - len(line.lstrip("0123456789"))
    if digits > 9 or digits >= len(line) or line[digits] not in ".)":
        return None
    after = digits + 1
    if after < len(line) and line[after] not in " \t":
        return None
    return line[digits], after, line[:digits]


def is_delimiter_row(line: str, max_indent: int = 3) -> bool:
    """True when markdown-it-py's table rule would read ``line`` as a delimiter row
    candidate (the shape test only; the column test comes later).

    ``max_indent`` is the deepest indentation that counts: 3 at the top level; inside a
    list item any, since the item's own indentation is not known here."""
    if line[:1] not in ("|", "-", ":", " ", "\t"):
        return False  # the common case, told without copying the line
    stripped = line.lstrip(" \t")
    if len(stripped) < 2 or stripped[0] not in "|-:":
        return False
    if "\t" in line[: len(line) - len(stripped)]:
        raise Decline  # tabs in the indentation: left to markdown-it-py
    if stripped[1] not in "|-: \t" or (stripped[0] == "-" and stripped[1] in " \t"):
        return False
    return set(stripped) <= _DELIMITER_CHARS and len(line) - len(stripped) <= max_indent


def table_aligns(line: str) -> list[str] | None:
    """The column alignments of a delimiter row, or None when it is not one."""
    columns = line.lstrip(" \t").split("|")
    aligns: list[str] = []
    last = len(columns) - 1
    for index, column in enumerate(columns):
        cell = column.strip(TRIM)
        if not cell:
            if index in (0, last):
                continue
            return None
        left, right = cell[0] == ":", cell[-1] == ":" and len(cell) > 1
        dashes = cell[left : len(cell) - right]
        if not dashes or dashes.strip("-"):
            return None
        if right:
            aligns.append("center" if left else "right")
        else:
            aligns.append("left" if left else "")
    return aligns


def row_cells(line: str) -> list[str]:
    """A table row split into trimmed cells (the empty cells outside its outer pipes
    dropped)."""
    if "\\" in line:
        raise Decline  # escaped pipes: left to markdown-it-py
    columns = line.strip(TRIM).split("|")
    if columns and not columns[0]:
        columns.pop(0)
    if columns and not columns[-1]:
        columns.pop()
    return [column.strip(TRIM) for column in columns]


def is_underline(text: str) -> bool:
    """A setext heading underline (``===`` or ``---``, trailing spaces allowed)."""
    stripped = text.rstrip(" \t")
    return bool(stripped) and stripped[0] in "=-" and stripped.count(stripped[0]) == len(stripped)


def interrupts(text: str, *, outdented: bool) -> bool:
    """True when ``text`` (a line from its first non-space character) starts a block
    that ends a paragraph; declines for blocks the scanner leaves to markdown-it-py.

    A list marker ends a paragraph only when it starts a non-empty bullet item or an
    ordered item numbered 1, except on a line ``outdented``: less indented than the
    content of the list item the paragraph is in, where any list marker does (it ends
    the item too).
    """
    first = text[:1]
    if first in ("<", ">"):
        raise Decline  # HTML blocks and block quotes are left to markdown-it-py
    if first == "#":
        return heading_level(text) > 0
    if first in ("`", "~"):
        return fence_length(text) > 0
    if is_hr(text):
        return True
    marker = list_marker(text)
    if marker is None:
        return False
    if outdented:
        return True
    _, after, number = marker
    if number and int(number) != 1:
        return False
    return bool(text[after:].strip(" \t"))
