"""Code fences as CommonMark reads them, from the raw lines and the block tokens.

markdown-it-py emits a ``fence`` token for an unclosed fence just as for a closed one, so
the facts the fence rules need (was it closed, where would it have been closed, which
marker lines are swallowed as indented code) are derived here from the raw lines and the
tokens' line maps. CommonMark fence rules: an opening marker is 3+ backticks or tildes
indented 0-3 columns; a backtick info string may not contain a backtick; the closing
marker uses the same character, is at least as long, is indented 0-3 columns and carries
no info string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mdcheck.markdown.blocktokens import BlockToken
    from mdcheck.markdown.document import Document

_CODE_TYPES = ("fence", "code_block")
_MARKER = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})(?P<info>.*)$")


class MarkerLine(NamedTuple):
    """A line that is a fence marker apart from (possibly too deep) indentation."""

    indent: int  # columns, tabs expanded to the next multiple of 4
    col: int  # 1-based column of the first marker character
    marker: str
    info: str  # stripped

    @property
    def char(self) -> str:
        return self.marker[0]

    def can_open(self) -> bool:
        """True when the marker is a valid opener once its indentation is 0-3."""
        return not (self.char == "`" and "`" in self.info)

    def closes(self, opener: str) -> bool:
        """True when this marker would close a fence opened with ``opener``."""
        return self.char == opener[0] and len(self.marker) >= len(opener) and not self.info


def parse_marker(line: str) -> MarkerLine | None:
    """The fence marker on ``line`` (any indentation), or None."""
    match = _MARKER.match(line)
    if match is None:
        return None
    marker = MarkerLine(
        indent=columns(match.group("indent")),
        col=match.start("marker") + 1,
        marker=match.group("marker"),
        info=match.group("info").strip(),
    )
    return marker if marker.can_open() or not marker.info else None


def fence_label(marker: str, info: str) -> str:
    """How a fence opener is quoted in messages: ```` ```python ````."""
    return f"{marker}{info}"


def spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def columns(whitespace: str) -> int:
    """Width of leading whitespace, tabs advancing to the next multiple of 4."""
    width = 0
    for char in whitespace:
        width = width + 4 - width % 4 if char == "\t" else width + 1
    return width


def leading_columns(line: str) -> int:
    return columns(line[: len(line) - len(line.lstrip(" \t"))])


class Fence(NamedTuple):
    """A fenced code block of the body view (0-based line indexes)."""

    open_index: int
    close_index: int | None  # None: runs to the end of its container without a closer
    end_index: int  # last line that belongs to the fence
    marker: str
    info: str
    col: int  # 1-based column of the opening marker on the raw line
    in_container: bool  # inside a list item or block quote
    content: tuple[str, ...]  # content lines, container prefixes removed


def code_tokens(doc: Document) -> list[BlockToken]:
    """The ``fence`` and ``code_block`` tokens of the body, in order: found in one pass
    over the tokens that every rule reading code blocks shares."""
    return doc.memo(
        "fences.code_tokens",
        lambda: [doc.block_token(index) for index in doc.positions_of(*_CODE_TYPES)],
    )


def body_fences(doc: Document) -> Iterator[Fence]:
    """Every fenced code block of the body view, closed or not."""
    return iter(doc.memo("fences.body_fences", lambda: _body_fences(doc)))


def _body_fences(doc: Document) -> list[Fence]:
    fences: list[Fence] = []
    for token in code_tokens(doc):
        if token.type != "fence" or token.map is None:
            continue
        start, end = token.map
        content = tuple(token.content.split("\n"))
        if content and content[-1] == "":
            content = content[:-1]
        closed = end - start - 1 > len(content)
        raw = doc.lines[start]
        position = raw.find(token.markup)
        fence = Fence(
            open_index=start,
            close_index=end - 1 if closed else None,
            end_index=end - 1,
            marker=token.markup,
            info=token.info.strip(),
            col=position + 1 if position >= 0 else 1,
            # a fence nests only in list items and block quotes
            in_container=token.level > 0,
            content=content,
        )
        fences.append(fence)
    return fences


def indented_code_blocks(doc: Document) -> Iterator[tuple[int, list[str]]]:
    """Indented code blocks outside lists: (first line index, content lines)."""
    if all(token.type != "code_block" for token in code_tokens(doc)):
        return  # most documents have none: skip the walk over every token
    lists = 0
    for token in doc.tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "code_block" and token.map is not None and lists == 0:
            yield token.map[0], token.content.split("\n")[: token.map[1] - token.map[0]]
