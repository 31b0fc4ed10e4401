"""What the hygiene rules (HY, markdownlint's rule set) share: line views of the body.

A hygiene rule keeps markdownlint's number in its code (``HY022`` is ``MD022``) and
declares markdownlint's code and alias in ``aliases``. The helpers here read the parsed
``Document`` only: which lines are blank, which belong to code blocks, the raw line of a
heading without its block-quote markers.
"""

from __future__ import annotations

from mdcheck.markdown.document import Document, Heading
from mdcheck.util.lazyre import LazyPattern

# up to three spaces of indentation and any block-quote markers in front of a line
_QUOTE_PREFIX = LazyPattern(r"^(?:[ ]{0,3}>[ ]?)*")


def quote_prefix_length(line: str) -> int:
    """Length of the block-quote markers (``> > ``) at the start of ``line``."""
    match = _QUOTE_PREFIX.match(line)
    return match.end() if match else 0


def is_blank(line: str) -> bool:
    """Blank, also inside a block quote (a line of only ``>`` markers)."""
    return not line[quote_prefix_length(line) :].strip()


def heading_is_nested(doc: Document, heading: Heading) -> bool:
    """Inside a list item or a block quote (its token sits below the document level)."""
    return doc.block_token(heading.token_index).level > 0


def body_line(doc: Document, line: int) -> str:
    """The 1-based ``line`` as the Markdown rules see it (front matter blanked)."""
    return doc.body_lines[line - 1] if 0 < line <= len(doc.body_lines) else ""


def first_body_line(doc: Document) -> int:
    """1-based number of the first line after the front matter (1 without one)."""
    block = doc.front_matter
    return block.body_start + 1 if block is not None else 1


def paragraph_lines(doc: Document) -> list[tuple[int, int, int]]:
    """``(first_line, last_line, level)`` (1-based, inclusive) of every paragraph but those
    of one-line list items (whose tokens the block scanner builds only on request; such a
    paragraph is one line and starts after a list marker)."""
    tokens = doc.block_tokens
    result: list[tuple[int, int, int]] = []
    for index in doc.positions_of("paragraph_open"):
        token = tokens[index]
        if token is not None and token.map is not None:
            result.append((token.map[0] + 1, token.map[1], token.level))
    return result


def text_line_indexes(doc: Document) -> list[int]:
    """0-based indexes of the body lines that may hold Markdown text: not in code blocks,
    HTML blocks or the front matter, not blank."""
    return doc.memo("hygiene-text-lines", lambda: _text_line_indexes(doc))


def _text_line_indexes(doc: Document) -> list[int]:
    skip = set(doc.code_line_indexes | doc.hidden_lines)
    for index in doc.positions_of("html_block"):
        token = doc.block_token(index)
        if token.map is not None:
            skip.update(range(token.map[0], token.map[1]))
    return [i for i, line in enumerate(doc.lines) if i not in skip and line.strip()]


def token_maps(doc: Document, *kinds: str) -> list[tuple[int, int, int]]:
    """``(start, end, level)`` (0-based, end exclusive) of the tokens of ``kinds``."""
    result: list[tuple[int, int, int]] = []
    for index in doc.positions_of(*kinds):
        token = doc.block_token(index)
        if token.map is not None:
            result.append((token.map[0], token.map[1], token.level))
    return result
