"""Links, images, code spans, HTML tags and definitions of a document, read once from the
raw lines.

The inline rules (bare URLs, spaces inside emphasis, code spans and link texts, empty
links, link fragments and targets, reference definitions, footnotes) all need the same
facts: where each link starts and ends, what its text, destination or label is, where the
code spans are. :func:`inline_index` finds them in one pass over the lines that hold inline
text (not code, not HTML blocks, not front matter), kept in the document's memo, so every
rule reads the same answer and nothing is parsed twice. Positions are exact: the scan reads
the raw lines (quote markers and list indentation included), so a column is the column in
the file.

Each run of text lines of one block (a paragraph, a heading, a table row, a list item's
first line and its continuation lines) is a :class:`Segment`. Before links are looked for,
a segment is *masked*: code spans, backslash escapes, autolinks, HTML tags, template tags
(``{% … %}``, ``{{ … }}``) and the block markup at the start of each line are replaced by
``\\x01`` (same length), so a bracket in code or in an attribute is never read as a link.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, NamedTuple

from mdcheck.markdown.inline import code_span_ranges
from mdcheck.util.lazyre import LazyPattern

if TYPE_CHECKING:
    from mdcheck.markdown.document import Document

MASK = "\x01"

# block markup at the start of a line: indentation, quote markers, a list marker, a heading
_LINE_PREFIX = LazyPattern(
    r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|#{1,6}(?=[ \t]|$))?"
)
_ITEM_START = LazyPattern(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_ESCAPE = LazyPattern(r"\\[!-/:-@\[-`{-~]")
_AUTOLINK = LazyPattern(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*)>"
)
_HTML_TAG = LazyPattern(r"<!--.*?-->|</?([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*/?>", re.S)
_TEMPLATE = LazyPattern(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
# A link or image: the bracketed text (two levels of nested brackets), then an inline
# destination, a reference label, or nothing (a shortcut reference).
_TEXT = r"(?:[^\[\]]|\[(?:[^\[\]]|\[[^\[\]]*\])*\])*"
_DEST = (
    r"[ \t]*\n?[ \t]*(<[^<>\n]*>|(?:[^\s()\x01]|\x01|\((?:[^\s()]|\x01)*\))*)"
    r"(?:[ \t]*\n?[ \t]+(\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\n?[ \t]*"
)
_LINK = LazyPattern(r"(!?)\[(" + _TEXT + r")\](?:\((" + _DEST + r")\)|\[([^\[\]]*)\])?")
_DEFINITION = LazyPattern(r"[ \t]{0,3}\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*(\S*)")
BARE_URL = LazyPattern(r"(?<![\w/@.:\x01\[-])https?://[^\s<>\x01]+")
_ID_ATTR = LazyPattern(r"""\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


class Segment(NamedTuple):
    """A run of raw lines of one block; ``text`` is them joined with ``\\n``."""

    first: int  # 0-based index of the first line
    text: str
    masked: str
    starts: list[int]  # offset in ``text`` of each line's start
    # ``masked`` with the destinations of inline links and the labels of references
    # masked too: the prose, link texts included
    prose: str


class Link(NamedTuple):
    """A link or image as written."""

    image: bool
    kind: str  # "inline", "full", "collapsed", "shortcut"
    line: int  # 1-based position of the opening ``!``/``[``
    col: int
    end_line: int  # 1-based position just after the closing ``)`` / ``]``
    end_col: int
    text: str  # raw text between the brackets
    text_line: int  # 1-based position of the text's first character
    text_col: int
    dest: str  # inline destination as written (``<…>`` removed); "" for references
    label: str  # reference label (the text for collapsed and shortcut references)
    in_heading: bool


class CodeSpan(NamedTuple):
    line: int
    col: int  # 1-based column of the opening backticks
    end_line: int
    end_col: int  # just after the closing backticks
    raw: str  # the whole span, backticks included


class Definition(NamedTuple):
    label: str  # as written
    dest: str
    line: int
    col: int  # 1-based column of the ``[``


class Tag(NamedTuple):
    name: str  # lower case
    closing: bool
    line: int
    col: int
    attrs: str


class InlineIndex(NamedTuple):
    segments: list[Segment]
    links: list[Link]
    code_spans: list[CodeSpan]
    definitions: list[Definition]
    footnote_definitions: list[Definition]
    tags: list[Tag]  # inline HTML tags (not those of HTML blocks)
    autolinks: list[tuple[int, int, str]]  # (line, col, raw) of each <scheme:…> / <a@b>
    anchors: set[str]  # ids and names given by HTML tags and blocks


def normalize_label(label: str) -> str:
    """A reference label as CommonMark matches it: case-folded, whitespace collapsed."""
    return " ".join(label.split()).casefold()


def inline_index(doc: Document) -> InlineIndex:
    """The document's inline facts, computed on first request and shared by every rule."""
    return doc.memo("inline-index", lambda: _build(doc))


def segment_position(segment: Segment, offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset in a segment's text."""
    index = bisect.bisect_right(segment.starts, offset) - 1
    return segment.first + index + 1, offset - segment.starts[index] + 1


def _text_lines(doc: Document) -> tuple[list[bool], set[int], set[int]]:
    """Which lines hold inline text, which lines start a block on their own (headings,
    table rows), and the lines of HTML blocks."""
    count = len(doc.lines)
    usable = [bool(line.strip()) for line in doc.body_lines]
    for index in doc.code_line_indexes:
        if index < count:
            usable[index] = False
    html: set[int] = set()
    tokens = doc.block_tokens
    for position in doc.positions_of("html_block"):
        token = tokens[position] or doc.block_token(position)
        if token.map is not None:
            html.update(range(token.map[0], min(token.map[1], count)))
    for index in html:
        usable[index] = False
    alone: set[int] = {heading.line - 1 for heading in doc.headings}
    alone.update(heading.end_line - 1 for heading in doc.headings if heading.setext)
    for position in doc.positions_of("table_open"):
        token = tokens[position] or doc.block_token(position)
        if token.map is not None:
            alone.update(range(token.map[0], min(token.map[1], count)))
    return usable, alone, html


def _mask(text: str, pattern: LazyPattern, pieces: list[str]) -> None:
    for match in pattern.finditer(text):
        start, end = match.span()
        pieces[start:end] = MASK * (end - start)


def _build(doc: Document) -> InlineIndex:
    usable, alone, html = _text_lines(doc)
    lines = doc.lines
    index = InlineIndex([], [], [], [], [], [], [], set())
    heading_lines = {heading.line - 1 for heading in doc.headings}
    start = None
    for number in range(len(lines) + 1):
        ends_run = number == len(lines) or not usable[number]
        breaks = (
            not ends_run
            and start is not None
            and (
                number in alone
                or number - 1 in alone
                or _ITEM_START.match(lines[number]) is not None
            )
        )
        if start is not None and (ends_run or breaks):
            _scan(doc, _segment(lines, start, number), index, start in heading_lines)
            start = None
        if not ends_run and start is None:
            start = number
    if html:
        for number in sorted(html):
            for match in _ID_ATTR.finditer(lines[number]):
                index.anchors.add(next(group for group in match.groups() if group is not None))
    return index


def _segment(lines: list[str], first: int, stop: int) -> Segment:
    raw = lines[first:stop]
    text = "\n".join(raw)
    starts = [0]
    for line in raw[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return Segment(first, text, text, starts, text)


_SPECIAL = frozenset("`\\{<[*_")


def _scan(doc: Document, segment: Segment, index: InlineIndex, in_heading: bool) -> None:
    text = segment.text
    if _SPECIAL.isdisjoint(text):  # plain text: nothing to mask, no link, no code
        index.segments.append(segment)
        return
    pieces = list(text)
    for offset in segment.starts:  # block markup at each line's start
        match = _LINE_PREFIX.match(text, offset)
        if match is not None and match.end() > offset:
            pieces[offset : match.end()] = MASK * (match.end() - offset)
    if "`" in text:
        for start, end in code_span_ranges(text):
            line, col = segment_position(segment, start)
            end_line, end_col = segment_position(segment, end)
            index.code_spans.append(CodeSpan(line, col, end_line, end_col, text[start:end]))
            pieces[start:end] = MASK * (end - start)
    if "\\" in text:
        _mask("".join(pieces), _ESCAPE, pieces)
    if "{" in text:
        _mask("".join(pieces), _TEMPLATE, pieces)
    if "<" in text:
        for match in _AUTOLINK.finditer("".join(pieces)):
            line, col = segment_position(segment, match.start())
            index.autolinks.append((line, col, match.group()))
            pieces[match.start() : match.end()] = MASK * (match.end() - match.start())
        for match in _HTML_TAG.finditer("".join(pieces)):
            if match.group(1):
                line, col = segment_position(segment, match.start())
                closing = text[match.start() + 1] == "/"
                attrs = text[match.start(2) : match.end(2)]
                index.tags.append(Tag(match.group(1).lower(), closing, line, col, attrs))
                for id_match in _ID_ATTR.finditer(attrs):
                    groups = id_match.groups()
                    index.anchors.add(next(group for group in groups if group is not None))
            pieces[match.start() : match.end()] = MASK * (match.end() - match.start())
    masked = "".join(pieces)
    prose = masked
    if "[" in masked:
        masked = _definitions(segment, masked, index)
        pieces = list(masked)
        for match in _LINK.finditer(masked):
            _add_link(segment, match, index, in_heading)
            _mask_tail(match, pieces)
            if match.group(1) == "" and "![" in match.group(2):  # images inside a link's text
                inner = _LINK.finditer(masked, match.start(2), match.end(2))
                for image in inner:
                    if image.group(1):
                        _add_link(segment, image, index, in_heading)
                        _mask_tail(image, pieces)
        prose = "".join(pieces)
    index.segments.append(segment._replace(masked=masked, prose=prose))


def _mask_tail(match: re.Match[str], pieces: list[str]) -> None:
    """Mask what follows a link's text: its destination and title, or its label."""
    start = match.end(2) + 1
    pieces[start : match.end()] = MASK * (match.end() - start)


def mask_match(match: re.Match[str]) -> str:
    """A ``re.sub`` replacement: the match masked."""
    return MASK * (match.end() - match.start())


def _definitions(segment: Segment, masked: str, index: InlineIndex) -> str:
    """Record the link reference and footnote definitions that open the segment (a
    definition cannot interrupt a paragraph) and mask their labels."""
    text = segment.text
    pieces: list[str] | None = None
    for line_index, offset in enumerate(segment.starts):
        match = _DEFINITION.match(text, offset)
        if match is None or masked[match.start(1) - 1] != "[":
            break
        label = match.group(1)
        line, col = segment_position(segment, match.start(1) - 1)
        dest = match.group(2)
        if label.startswith("^"):
            index.footnote_definitions.append(Definition(label[1:], dest, line, col))
        elif dest or line_index + 1 < len(segment.starts):
            if dest.startswith("<") and dest.endswith(">"):
                dest = dest[1:-1]
            index.definitions.append(Definition(label, dest, line, col))
        else:
            break
        if pieces is None:
            pieces = list(masked)
        end = match.end(2) if not label.startswith("^") else match.end(1) + 2
        pieces[match.start(1) - 1 : end] = MASK * (end - match.start(1) + 1)
    return masked if pieces is None else "".join(pieces)


def _add_link(segment: Segment, match: re.Match[str], index: InlineIndex, heading: bool) -> None:
    text = segment.text
    image = match.group(1) == "!"
    label_text = text[match.start(2) : match.end(2)]
    if match.group(3) is not None:
        kind, label = "inline", ""
        dest = text[match.start(4) : match.end(4)] if match.group(4) is not None else ""
        if dest.startswith("<") and dest.endswith(">"):
            dest = dest[1:-1]
    elif match.group(6) is not None:
        raw_label = text[match.start(6) : match.end(6)]
        kind, label, dest = (
            ("full", raw_label, "")
            if raw_label.strip()
            else (
                "collapsed",
                label_text,
                "",
            )
        )
    else:
        kind, label, dest = "shortcut", label_text, ""
    line, col = segment_position(segment, match.start())
    end_line, end_col = segment_position(segment, match.end())
    text_line, text_col = segment_position(segment, match.start(2))
    index.links.append(
        Link(
            image,
            kind,
            line,
            col,
            end_line,
            end_col,
            label_text,
            text_line,
            text_col,
            dest,
            label,
            heading,
        )
    )
