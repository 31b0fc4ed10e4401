"""Detecting a fence that wraps the whole article (```` ```markdown ```` … ```` ``` ````).

Generated articles are often delivered inside a Markdown code fence; the page then renders
as one code block. The wrapper's marker lines may be indented (so CommonMark reads an
indented code block instead) and the closing marker may be missing. The body view of the
:class:`~mdcheck.document.Document` blanks the wrapper lines so that every other rule sees
the article that was meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})[ \t]*(?P<info>[A-Za-z-]*)[ \t]*$")
_WRAPPER_INFOS = {"", "markdown", "md", "gfm", "commonmark"}
_STRUCTURE = re.compile(r"^\s{0,3}(?:#{1,6}\s|\|.*\||---\s*$)")


@dataclass(frozen=True)
class DocumentWrapper:
    """The wrapper's opening line, closing line (None when never closed), marker and info."""

    open_index: int
    close_index: int | None
    marker: str
    info: str
    indent: int


def find_document_wrapper(lines: list[str], first_body: int) -> DocumentWrapper | None:
    """Return the wrapper fence of the body starting at ``first_body``, if there is one."""
    first = _next_nonblank(lines, first_body)
    if first is None:
        return None
    opening = _OPEN.match(lines[first])
    if opening is None or opening.group("info").lower() not in _WRAPPER_INFOS:
        return None
    marker = opening.group("marker")
    last = _last_nonblank(lines)
    close_index: int | None = None
    if last is not None and last > first:
        closing = _OPEN.match(lines[last])
        if (
            closing is not None
            and not closing.group("info")
            and closing.group("marker")[0] == marker[0]
            and len(closing.group("marker")) >= len(marker)
        ):
            close_index = last
    inner_end = close_index if close_index is not None else len(lines)
    inner = lines[first + 1 : inner_end]
    if not any(_STRUCTURE.match(line) for line in inner):
        return None
    return DocumentWrapper(
        first, close_index, marker, opening.group("info"), len(opening.group("indent"))
    )


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None


def _last_nonblank(lines: list[str]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            return index
    return None
