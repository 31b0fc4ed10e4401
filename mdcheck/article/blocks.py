"""The blocks of a body as the generated-text checks read them, and their prose.

:func:`edge_blocks` lists the first or last top-level blocks (paragraphs, headings, lists,
tables, code, HTML, quotes, rules) with their lines, :func:`paragraphs` every paragraph at
any depth; both are built once per document from its block tokens. :func:`prose` is the rendered
text of inline Markdown with code spans and HTML comments taken out.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from typing import NamedTuple

from mdcheck.markdown.document import Document
from mdcheck.markdown.inline import code_span_ranges, strip_inline_markup

_KINDS = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "table_open": "table",
    "blockquote_open": "quote",
    "fence": "code",
    "code_block": "code",
    "html_block": "html",
    "hr": "hr",
}
_new_tuple = tuple.__new__
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


class Block(NamedTuple):
    """A top-level block: its kind, its 0-based first and last line, its opening token's
    index, and its inline source (paragraphs, headings) or HTML."""

    kind: str
    first: int
    last: int
    token: int
    text: str = ""

    @property
    def line(self) -> int:
        """1-based first line."""
        return self.first + 1


def edge_blocks(doc: Document, count: int, *, last: bool = False) -> list[Block]:
    """The first (or, with ``last``, the last) ``count`` top-level blocks of the body, in
    document order, HTML comments left out; read from that end of the token list, so a
    long text costs no more than a short one."""
    key = ("blocks.edge", count, last)
    return doc.memo(key, lambda: _edge_blocks(doc, count, last))


def _edge_blocks(doc: Document, count: int, last: bool) -> list[Block]:
    tokens = doc.block_tokens  # (the slots left empty are table rows' and list items')
    blocks: list[Block] = []
    indexes = range(len(tokens) - 1, -1, -1) if last else range(len(tokens))
    for index in indexes:
        token = tokens[index]
        if token is None or token.level != 0 or token.nesting == -1 or token.map is None:
            continue
        kind = _KINDS.get(token.type)
        if kind is None:
            continue
        first, end = token.map
        text = ""
        if kind in ("paragraph", "heading"):
            text = doc.block_token(index + 1).content
        elif kind == "html":
            if token.content.lstrip().startswith("<!--"):
                continue  # a comment is no block of the text
            text = token.content
        blocks.append(_new_tuple(Block, (kind, first, max(first, end - 1), index, text)))
        if len(blocks) == count:
            break
    return blocks[::-1] if last else blocks


class Paragraph(NamedTuple):
    """A paragraph at any depth: 0-based first and last line, inline source, and
    whether it is top-level."""

    first: int
    last: int
    text: str
    top: bool


def paragraphs(doc: Document) -> list[Paragraph]:
    """Every paragraph of the body (in lists and quotes too), in order."""
    return doc.memo("blocks.paragraphs", lambda: _paragraphs(doc))


def _paragraphs(doc: Document) -> list[Paragraph]:
    tokens = doc.tokens
    found: list[Paragraph] = []
    for index in doc.positions_of("paragraph_open"):
        token = tokens[index]
        if token.map is None:
            continue
        first, end = token.map
        found.append(
            Paragraph(first, max(first, end - 1), tokens[index + 1].content, not token.level)
        )
    return found


def body_line_starts(doc: Document) -> list[int]:
    """Offsets in :attr:`Document.body_text` where each body line starts."""

    def build() -> list[int]:
        lengths = [len(line) + 1 for line in doc.body_lines]
        return list(itertools.accumulate(lengths, initial=0))

    return doc.memo("blocks.body_line_starts", build)


def lines_matching(doc: Document, pattern: re.Pattern[str]) -> list[int]:
    """0-based body lines where ``pattern`` matches the body text, in order, once each:
    the few lines a rule reads, found at C speed."""
    starts: list[int] | None = None
    found: list[int] = []
    for match in pattern.finditer(doc.body_text):
        if starts is None:
            starts = body_line_starts(doc)
        line = bisect.bisect_right(starts, match.start()) - 1
        if not found or found[-1] != line:
            found.append(line)
    return found


def lines_holding(doc: Document, literals: tuple[str, ...]) -> list[int]:
    """0-based body lines holding any of ``literals`` (ASCII letters in them lower
    case; the text's ASCII letters are compared in any case), in order, once each.

    Searched in the UTF-8 bytes of the body, lower-cased as bytes (only ASCII letters
    change, so offsets stay put): one C-speed ``find`` loop per literal, where a
    case-insensitive alternation in a regular expression tries every alternative at
    every character."""
    data, newlines = doc.memo("blocks.lowered_body", lambda: _lowered_body(doc))
    found: set[int] = set()
    for literal in literals:
        needle = literal.encode()
        position = data.find(needle)
        while position >= 0:
            line = bisect.bisect_left(newlines, position)
            found.add(line)
            if line >= len(newlines):
                break
            position = data.find(needle, newlines[line] + 1)  # the next line on
    return sorted(found)


def _lowered_body(doc: Document) -> tuple[bytes, list[int]]:
    data = doc.body_text.encode().lower()
    # the i-th newline follows i + 1 lines and i newlines: all added up at C speed
    lengths = itertools.accumulate(map(len, data.split(b"\n")))
    newlines = list(map(operator.add, lengths, itertools.count()))
    return data, newlines[:-1]


def paragraph_at(doc: Document, line: int) -> Paragraph | None:
    """The paragraph (at any depth) that holds 0-based body line ``line``, if any; found
    by bisection over the paragraphs' positions, building only the tokens it probes."""
    positions = doc.positions_of("paragraph_open")
    low, high = 0, len(positions)
    while low < high:  # the last paragraph that starts at or before the line
        middle = (low + high) // 2
        token = doc.block_token(positions[middle])
        if token.map is not None and token.map[0] <= line:
            low = middle + 1
        else:
            high = middle
    if not low:
        return None
    token = doc.block_token(positions[low - 1])
    if token.map is None or token.map[1] <= line:
        return None
    first, end = token.map
    inline = doc.block_token(positions[low - 1] + 1)
    return Paragraph(first, max(first, end - 1), inline.content, not token.level)


def prose(text: str) -> str:
    """The rendered text of inline Markdown without code spans and HTML comments."""
    if "`" in text:
        pieces, position = [], 0
        for start, end in code_span_ranges(text):
            pieces.append(text[position:start])
            pieces.append(" ")
            position = end
        pieces.append(text[position:])
        text = "".join(pieces)
    if "<!--" in text:
        text = _COMMENT.sub(" ", text)
    return strip_inline_markup(text)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF


def quote(text: str, limit: int = 60) -> str:
    """``text`` on one line, shortened to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
