"""Detecting a fence that wraps the whole article (```` ```markdown ```` … ```` ``` ````).

Generated articles are often delivered inside a Markdown code fence; the page then renders
as one code block. The wrapper's marker lines may be indented (so CommonMark reads an
indented code block instead), the closing marker may be missing, the article's own code
fences may close the wrapper early, and the front matter may sit outside or inside it. The
body view of the :class:`~mdcheck.markdown.document.Document` blanks the wrapper lines so that every
other rule sees the article that was meant.

A fence counts as a wrapper only when it opens the body (first non-blank line after any
front matter), its info string is empty or names Markdown, it runs to the end of the
document (its closing marker is the last marker line, followed by at most a short trailer
of up to three lines, and a third of the wrapped lines at most),
and its content looks like an article: front matter, headings or tables outside the
article's own fences (for an info string naming Markdown any content will do). A document
that merely starts with a real code sample is not a wrapper: CommonMark closes that fence
early, and nothing in it looks like an inner fence that broke a wrapper.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mdcheck.markdown.fences import MarkerLine, columns, leading_columns, parse_marker
from mdcheck.util.lazyre import LazyPattern

WRAPPER_INFOS = frozenset({"", "markdown", "md", "gfm", "commonmark", "mdx", "markdown-it"})
_MAX_TRAILER_LINES = 3  # non-blank lines allowed after the closing marker ("Hope this helps")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S")
_SUBHEADING = re.compile(r"^ {0,3}#{2,6}[ \t]+\S")
_TABLE_DELIMITER = LazyPattern(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_MARKUP = LazyPattern(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+\S|\*\*\S|\]\(|^\s*>\s")


class DocumentWrapper(NamedTuple):
    """The wrapper's opening line, closing line (None when never closed), marker and info.

    Indexes are 0-based. ``indent`` is the opening marker's indentation in columns and
    ``col`` its 1-based column on the raw line.
    """

    open_index: int
    close_index: int | None
    marker: str
    info: str
    indent: int
    col: int = 1
    close_col: int = 1
    close_indent: int = 0

    @property
    def opens_fence(self) -> bool:
        """True when CommonMark reads the opening line as a fence (indentation 0-3)."""
        return self.indent <= 3


def find_document_wrapper(lines: list[str], first_body: int) -> DocumentWrapper | None:
    """Return the wrapper fence of the body starting at ``first_body``, if there is one."""
    first = _next_nonblank(lines, first_body, len(lines))
    if first is None:
        return None
    opener = parse_marker(lines[first])
    if opener is None or not opener.can_open():
        return None
    info = opener.info.split()[0].lower() if opener.info else ""
    if info not in WRAPPER_INFOS:
        return None
    # the lines after the opener as the fence would hold them: unindented once, read both
    # by the search for the closing line and by the checks below
    unindented = [_strip_columns(line, opener.indent) for line in lines[first + 1 :]]
    close = _closing_line(lines, first, opener, unindented)
    end = close if close is not None else len(lines)
    inner = unindented[: end - first - 1]
    raw_inner = lines[first + 1 : end]
    if opener.indent <= 3 and not _early_close_is_breakage(raw_inner, opener):
        return None
    if not _looks_like_article(inner, info):
        return None
    closer = parse_marker(lines[close]) if close is not None else None
    return DocumentWrapper(
        open_index=first,
        close_index=close,
        marker=opener.marker,
        info=opener.info,
        indent=opener.indent,
        col=opener.col,
        close_col=closer.col if closer else 1,
        close_indent=closer.indent if closer else 0,
    )


def _closing_line(
    lines: list[str], first: int, opener: MarkerLine, unindented: list[str]
) -> int | None:
    """The wrapper's closing marker: the last closer, followed by at most a short trailer.

    The closer is rejected when the article's own fences leave one open just before it:
    the line then closes that inner fence and the wrapper itself is unclosed.
    ``unindented`` holds the lines after the opener with the opener's indentation removed.
    """
    trailer = 0
    for index in range(len(lines) - 1, first, -1):
        marker = parse_marker(lines[index])
        if marker is not None and marker.closes(opener.marker):
            inner = unindented[: index - first - 1]
            left_open = inner_fence_left_open(inner)
            if left_open is not None and marker.closes(left_open[1].marker):
                # Either the wrapper is unclosed and this line closes the article's last
                # fence, or that fence lacks its closer: article structure inside the
                # fence (section headings, tables) says the latter.
                swallowed = inner[left_open[0] + 1 :]
                if not any(_SUBHEADING.match(ln) or _TABLE_DELIMITER.match(ln) for ln in swallowed):
                    return None
            content = sum(1 for line in lines[first + 1 : index] if line.strip())
            return index if trailer == 0 or content >= 3 * trailer else None
        if lines[index].strip():
            trailer += 1
            if trailer > _MAX_TRAILER_LINES:
                return None
    return None


def inner_fence_left_open(inner: list[str]) -> tuple[int, MarkerLine] | None:
    """Read ``inner`` as a document; return the fence still open at its end, if any."""
    open_fence: tuple[int, MarkerLine] | None = None
    for offset, line in enumerate(inner):
        marker = parse_marker(line)
        if marker is None or marker.indent > 3:
            continue
        if open_fence is None:
            open_fence = (offset, marker) if marker.can_open() else None
        elif marker.closes(open_fence[1].marker):
            open_fence = None
    return open_fence


def _early_close_is_breakage(inner: list[str], opener: MarkerLine) -> bool:
    """For a real fence opener: does CommonMark close it where the wrapper ends?

    When it closes earlier, the fence is a wrapper only if an inner opening marker
    (same character, with an info string) precedes that early closer: the article's own
    code fence ended the wrapper. Otherwise the document merely starts with a code sample.
    """
    for offset, line in enumerate(inner):
        marker = parse_marker(line)
        if marker is None or marker.indent > 3 or marker.char != opener.char:
            continue
        if marker.closes(opener.marker):
            return any(_is_inner_opener(prior, opener) for prior in inner[:offset])
    return True


def _is_inner_opener(line: str, opener: MarkerLine) -> bool:
    marker = parse_marker(line)
    return (
        marker is not None
        and marker.indent <= 3
        and marker.char == opener.char
        and len(marker.marker) >= len(opener.marker)
        and bool(marker.info)
    )


def _looks_like_article(inner: list[str], info: str) -> bool:
    """Front matter, headings or tables outside inner fences (any text for ``markdown``)."""
    outside: list[str] = []
    open_fence: MarkerLine | None = None
    for line in inner:
        marker = parse_marker(line)
        if marker is not None and marker.indent <= 3:
            if open_fence is None:
                open_fence = marker
                continue
            if marker.closes(open_fence.marker):
                open_fence = None
                continue
        if open_fence is None:
            outside.append(line)
    text_lines = [line for line in outside if line.strip()]
    if not text_lines:
        return False
    if info:
        return True
    if text_lines[0].strip() == "---" or any(_TABLE_DELIMITER.match(ln) for ln in text_lines):
        return True
    headings = [line for line in text_lines if _HEADING.match(line)]
    if any(_SUBHEADING.match(line) for line in headings):
        return True
    return bool(headings) and any(_MARKUP.search(line) for line in text_lines)


def _strip_columns(line: str, width: int) -> str:
    """Remove up to ``width`` columns of leading spaces (as CommonMark does in a fence)."""
    if width <= 0 or line[:1] not in (" ", "\t"):
        return line
    strip = min(width, leading_columns(line))
    taken = 0
    index = 0
    while index < len(line) and taken < strip and line[index] in " \t":
        taken = columns(line[: index + 1])
        index += 1
    return line[index:]


def _next_nonblank(lines: list[str], start: int, stop: int) -> int | None:
    for index in range(start, stop):
        if lines[index].strip():
            return index
    return None
