"""The parsed form of one file, built once and shared read-only by every rule.

A :class:`Document` holds the decoded text, its raw lines and line endings, the located
front-matter block, a document-wide wrapper fence if there is one, and the markdown-it-py
block token stream. The token stream is parsed from the *body view*: the text with the
front-matter lines and wrapper-fence lines replaced by empty lines, so that the Markdown
rules see the article the author meant while every line number still points at the real
file. Inline structure is parsed only on demand, per token (:meth:`Document.inline`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from mdcheck.diagnostic import Edit, Span
from mdcheck.markdown.frontmatter import FrontMatterBlock, locate_front_matter
from mdcheck.markdown.wrapper import DocumentWrapper, find_document_wrapper
from mdcheck.util.cachedattr import cached_property

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from mdcheck.markdown.blocktokens import Blocks, BlockToken
    from mdcheck.markdown.fmparse import FrontMatterData
    from mdcheck.markdown.tables import TableModel

_T = TypeVar("_T")
_EOL_RE = re.compile(r"\r\n|\r|\n")
MAX_NESTING = 100  # markdown-it's nesting guard: deeper content is skipped, never recursed


class Heading(NamedTuple):
    """An ATX or setext heading of the body, with its raw inline source text."""

    level: int
    line: int  # 1-based line of the heading text
    end_line: int  # 1-based last line (the underline of a setext heading)
    text: str  # raw inline source, markup included, trimmed
    setext: bool
    token_index: int  # index of the heading_open token in Document.tokens


class ListItemFields(NamedTuple):
    """What a ``list_item_open`` token says: its lines (0-based, end exclusive), level,
    marker (``-``, ``*``, ``+``, or ``.`` / ``)`` after a number) and number as written."""

    start: int
    end: int
    level: int
    markup: str
    info: str


_HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}  # by heading tag
_new_tuple = tuple.__new__


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Split on CommonMark line endings; return the lines and each line's ending."""
    if "\r" not in text:  # the common case: str.split runs at C speed
        lines = text.split("\n")
        if lines[-1]:
            eols = ["\n"] * (len(lines) - 1) + [""]
        else:
            lines.pop()
            eols = ["\n"] * len(lines)
        return lines, eols
    return split_on_any_ending(text)


def split_on_any_ending(text: str) -> tuple[list[str], list[str]]:
    """:func:`split_lines` for any text: \r\n, \r and \n each end a line."""
    lines: list[str] = []
    eols: list[str] = []
    pos = 0
    for match in _EOL_RE.finditer(text):
        lines.append(text[pos : match.start()])
        eols.append(match.group())
        pos = match.end()
    if pos < len(text):
        lines.append(text[pos:])
        eols.append("")
    return lines, eols


def line_starts(lines: list[str], eols: list[str]) -> list[int]:
    """0-based offset of each line's first character, plus the text's length at the end."""
    # map and operator.add keep the sum of each line's lengths at C speed
    lengths = map(operator.add, map(len, lines), map(len, eols))
    return list(itertools.accumulate(lengths, initial=0))


def _make_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    md.disable("inline")  # the inline pass runs on demand only (Document.inline)
    return md


class Document:
    """One decoded Markdown file. Build it with :meth:`from_text`; never mutate it."""

    def __init__(self, text: str, path: str = "-", *, bom: bool = False) -> None:
        self.path = path
        self.text = text
        self.bom = bom
        self.lines, self.eols = split_lines(text)
        self._starts = line_starts(self.lines, self.eols)
        self.front_matter: FrontMatterBlock | None = locate_front_matter(self.lines)
        first_body = self.front_matter.body_start if self.front_matter else 0
        self.wrapper: DocumentWrapper | None = find_document_wrapper(self.lines, first_body)
        self._memo: dict[Any, Any] = {}

    @classmethod
    def from_text(cls, text: str, path: str = "-") -> Document:
        bom = text.startswith("\ufeff")
        return cls(text[1:] if bom else text, path, bom=bom)

    @cached_property
    def front_matter_data(self) -> FrontMatterData | None:
        """The front-matter block read safely (data, problem, positions), on first use."""
        if self.front_matter is None:  # no block: the reader is not even imported
            return None
        from mdcheck.markdown.fmparse import parse_front_matter

        return parse_front_matter(self)

    def memo(self, key: object, factory: Callable[[], _T]) -> _T:
        """``factory()``, computed once per document and ``key`` (hashable): analyses that
        several rules share (an outline, a table model) are built once and read by all.
        The key names the analysis and its inputs, e.g. ``("outline", profile)``."""
        try:
            value: _T = self._memo[key]
        except KeyError:
            value = self._memo[key] = factory()
        return value

    # -- body view and tokens -------------------------------------------------------------

    @cached_property
    def hidden_lines(self) -> frozenset[int]:
        """0-based indexes of lines blanked out of the body view (front matter, wrapper)."""
        hidden: set[int] = set()
        if self.front_matter is not None:
            hidden.update(range(self.front_matter.start_index, self.front_matter.end_index + 1))
        if self.wrapper is not None:
            hidden.add(self.wrapper.open_index)
            if self.wrapper.close_index is not None:
                hidden.add(self.wrapper.close_index)
        return frozenset(hidden)

    @cached_property
    def body_lines(self) -> list[str]:
        """The lines as the Markdown rules see them: hidden lines are empty."""
        lines = list(self.lines)  # a copy at C speed, then the few hidden lines blanked
        for index in self.hidden_lines:
            if index < len(lines):
                lines[index] = ""
        return lines

    @cached_property
    def body_text(self) -> str:
        """:attr:`body_lines` joined with ``"\\n"``: the text the block structure is read
        from (line endings normalised)."""
        return "\n".join(self.body_lines)

    @cached_property
    def _blocks(self) -> Blocks | list[BlockToken]:
        """The block scanner's reading of the body view (table rows and one-line list
        items built on request), or markdown-it-py's complete tokens for a text only it
        may read."""
        lines = self.body_lines
        text = self.body_text
        if _block_scan_verified():
            from mdcheck.markdown.blockscan import scan_block_structure

            scanned = scan_block_structure(lines, text, _parser)
            if scanned is not None:
                return scanned
        tokens: list[BlockToken] = []
        tokens += _parser().parse(text)
        return tokens

    @cached_property
    def tokens(self) -> list[BlockToken]:
        """Block-level markdown-it-py tokens of the body view (inline children not parsed).

        :mod:`mdcheck.markdown.blockscan` reads the blocks of plain articles and builds the same
        tokens faster, handing every other block to markdown-it-py's block parser. The
        tokens of table rows and one-line list items are built on first use of this list:
        analyses that read blocks by type use :meth:`positions_of` and
        :meth:`block_token`, which do not need them."""
        blocks = self._blocks
        if isinstance(blocks, list):
            return blocks
        if blocks.bodies or blocks.items:
            return blocks.complete()
        return blocks.tokens  # type: ignore[return-value]  # no slot left empty

    @cached_property
    def block_tokens(self) -> Sequence[BlockToken | None]:
        """:attr:`tokens` with ``None`` in the slots of the tokens built on request (table
        rows, headers included, and one-line list items; none when markdown-it-py read
        the text): read it at positions from :meth:`positions_of`, and where a slot is
        ``None``, read :attr:`tokens` (the same token objects)."""
        blocks = self._blocks
        return blocks if isinstance(blocks, list) else blocks.tokens

    def block_token(self, index: int) -> BlockToken:
        """``tokens[index]``, without building the tokens left for later (see
        :attr:`block_tokens`) unless it is one of them."""
        token = self.block_tokens[index]
        if token is None:
            blocks = self._blocks
            if not isinstance(blocks, list):
                token = blocks.token_at(index)  # a list item's: built alone
            if token is None:  # a table row's: all are built
                token = self.tokens[index]
        return token

    def block_content(self, index: int) -> tuple[str, int] | None:
        """The inline source and 0-based first line of the paragraph or heading whose
        opening token is ``tokens[index]``, read without building the tokens left for
        later (a one-line list item's paragraph is read from the scanner's record)."""
        if self.block_tokens[index] is None:
            blocks = self._blocks
            if not isinstance(blocks, list):
                for item in blocks.items_at(index - 1):
                    return item.content, item.line
        opener = self.block_token(index)
        inline = self.block_token(index + 1)
        if opener.map is None:
            return None
        return inline.content, opener.map[0]

    def list_item(self, index: int) -> ListItemFields:
        """The fields of the ``list_item_open`` token at ``index`` (from
        :meth:`positions_of`), without building a one-line item's tokens."""
        blocks = self._blocks
        if not isinstance(blocks, list):
            item = blocks.item_at(index)
            if item is not None:
                return ListItemFields(item.line, item.end, item.level, item.markup, item.info)
        token = self.block_token(index)
        start, end = token.map if token.map is not None else (0, 0)
        return ListItemFields(start, end, token.level, token.markup, token.info)

    def inline(self, token: BlockToken) -> list[Token]:
        """The inline children of an ``inline`` token, parsed on first request."""
        if token.children:
            return token.children
        md = _parser()
        children: list[Token] = []
        if token.content:
            md.inline.parse(token.content, md, {}, children)
        token.children = children
        return children

    @cached_property
    def token_positions(self) -> dict[str, list[int]]:
        """The indexes in :attr:`tokens` of each token type, in order (all of them: the
        table rows' tokens are built for this; :meth:`positions_of` may not need them)."""
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for index, kind in enumerate(map(_TOKEN_TYPE, self.tokens)):
            positions[kind].append(index)
        return dict(positions)  # a plain dict: looking up a missing type adds nothing

    def positions_of(self, *kinds: str) -> list[int]:
        """The indexes in :attr:`tokens` of the tokens of any of ``kinds``, in order.

        Analyses that read a few types (headings, code blocks, tables) look them up here
        instead of each walking every token. The scanner records the positions as it
        builds the tokens; only the types of table rows' tokens need those built."""
        blocks = self._blocks
        if isinstance(blocks, list) or (blocks.bodies and not blocks.ROW_TYPES.isdisjoint(kinds)):
            positions = self.token_positions
        else:
            positions = blocks.positions
        if len(kinds) == 1:
            return positions.get(kinds[0], [])
        return sorted(itertools.chain.from_iterable(positions.get(kind, ()) for kind in kinds))

    def item_maps(self) -> list[tuple[int, int, bool]]:
        """(first line, end line, one-line) of every list item, 0-based and end exclusive,
        without building the tokens of the one-line items left for later."""
        blocks = self._blocks
        deferred = {} if isinstance(blocks, list) else {item.slot: item for item in blocks.items}
        tokens = self.block_tokens
        maps: list[tuple[int, int, bool]] = []
        for index in self.positions_of("list_item_open"):
            token = tokens[index]
            if token is not None and token.map is not None:
                maps.append((token.map[0], token.map[1], token.map[1] - token.map[0] == 1))
            elif index in deferred:
                item = deferred[index]
                maps.append((item.line, item.end, True))
        return maps

    @cached_property
    def headings(self) -> list[Heading]:
        result: list[Heading] = []
        tokens = self.block_tokens
        for index in self.positions_of("heading_open"):
            token, inline = tokens[index], tokens[index + 1]  # never a table row's slot
            if token is None or inline is None or token.map is None:
                continue
            start, end = token.map
            # tuple.__new__ builds the named tuple without the Python-level __new__ of
            # its constructor (the fields in their order)
            fields = (
                _HEADING_LEVELS[token.tag],  # level
                start + 1,  # line
                end,  # end_line
                inline.content.strip(),  # text
                token.markup in ("=", "-"),  # setext
                index,  # token_index
            )
            result.append(_new_tuple(Heading, fields))
        return result

    @cached_property
    def tables(self) -> TableModel:
        """Every table, re-read from the raw lines (see :mod:`mdcheck.markdown.tables`)."""
        from mdcheck.markdown.tables import build_table_model

        return build_table_model(self)

    @cached_property
    def code_line_indexes(self) -> frozenset[int]:
        """0-based indexes of lines inside fenced or indented code blocks of the body."""
        from mdcheck.markdown.fences import code_tokens

        lines: set[int] = set()
        for token in code_tokens(self):
            if token.map is not None:
                lines.update(range(token.map[0], token.map[1]))
        return frozenset(lines)

    # -- positions ------------------------------------------------------------------------

    @property
    def line_count(self) -> int:
        return len(self.lines)

    def offset(self, line: int, col: int) -> int:
        """0-based character offset of a 1-based line and column."""
        return self._starts[line - 1] + col - 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset (``len(text)`` allowed)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= len(self.lines):
            if self.lines and not self.eols[-1]:  # the end of a last line with no ending
                index = len(self.lines) - 1
            else:
                return len(self.lines) + 1, 1
        return index + 1, offset - self._starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """The span of the 0-based offsets ``[start, end)``."""
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(line, col, end_line, end_col)

    def line_span(self, line: int, first_col: int = 1, end_col: int | None = None) -> Span:
        """A span on one line, by default the whole line without its ending."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return Span(line, first_col, line, len(text) + 1 if end_col is None else end_col)

    def lines_span(self, first_line: int, last_line: int) -> Span:
        """From the start of ``first_line`` to the end of ``last_line`` (1-based, inclusive)."""
        return Span(first_line, 1, last_line, len(self.lines[last_line - 1]) + 1)

    def edit(self, start: int, end: int, content: str) -> Edit:
        return Edit(start, end, content, self.span(start, end))

    def replace_lines(self, first_line: int, last_line: int, new_lines: list[str]) -> Edit:
        """Replace whole lines (1-based, inclusive) with ``new_lines``, keeping line endings.

        Each new line takes the ending of the line it replaces; the last one takes the
        ending of ``last_line`` (so a file without a final newline keeps having none).
        """
        start = self.line_start(first_line)
        end = self.line_start(last_line) + len(self.lines[last_line - 1])
        end += len(self.eols[last_line - 1])
        old_eols = self.eols[first_line - 1 : last_line]
        pieces: list[str] = []
        for index, new in enumerate(new_lines):
            if index == len(new_lines) - 1:
                eol = old_eols[-1]
            elif index < len(old_eols) - 1:
                eol = old_eols[index]
            else:
                eol = self.dominant_eol
            pieces.append(new + eol)
        return self.edit(start, end, "".join(pieces))

    def delete_lines(self, first_line: int, last_line: int) -> Edit:
        """Delete whole lines (1-based, inclusive) together with their endings."""
        start = self.line_start(first_line)
        end = self.line_start(last_line) + len(self.lines[last_line - 1])
        end += len(self.eols[last_line - 1])
        return self.edit(start, end, "")

    @cached_property
    def dominant_eol(self) -> str:
        if "\r" not in self.text:
            return "\n"  # the only ending there is (or none at all)
        counts: dict[str, int] = {}
        for eol in self.eols:
            if eol:
                counts[eol] = counts.get(eol, 0) + 1
        if not counts:
            return "\n"
        return max(counts, key=lambda eol: (counts[eol], eol == "\n"))


_TOKEN_TYPE = operator.attrgetter("type")


@functools.lru_cache(maxsize=1)
def _block_scan_verified() -> bool:
    """True when the installed markdown-it-py is a version the block scanner matches."""
    from mdcheck.markdown.blocklines import markdown_it_version
    from mdcheck.markdown.blockscan import VERIFIED_MAJORS

    return markdown_it_version().startswith(VERIFIED_MAJORS)


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The shared, configured parser; created on first use (never at import time)."""
    return _make_parser()
