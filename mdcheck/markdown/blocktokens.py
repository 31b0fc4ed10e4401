"""The block tokens the scanner builds, and those it leaves to be built on request.

:class:`ScanToken` has the fields of markdown-it-py's ``Token`` (analyses read fields
only), so reading a plain article never imports markdown-it-py. :class:`Builder` makes
them; :class:`Blocks` holds a text's tokens with the slots of table rows and one-line
list items left empty (most of an article's tokens, which no rule reads) and builds
those on request: all of them (:meth:`Blocks.complete`), or one list item's
(:meth:`Blocks.token_at`). :mod:`mdcheck.markdown.blockscan` reads the text.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from mdcheck.markdown.blocklines import row_cells

if TYPE_CHECKING:
    from typing import TypeAlias

    from markdown_it.token import Token


class ScanToken:
    """A block token as the scanner builds it: the fields of markdown-it-py's ``Token``,
    which is not used here because importing markdown-it-py costs as much as linting a
    dozen articles, and most runs need nothing else from it (its tokens appear only where
    a block is handed to it). Analyses read the fields only, so both kinds of token are
    read alike (see :data:`BlockToken`)."""

    __slots__ = (
        "attrs",
        "block",
        "children",
        "content",
        "hidden",
        "info",
        "level",
        "map",
        "markup",
        "meta",
        "nesting",
        "tag",
        "type",
    )
    type: str
    tag: str
    nesting: int
    attrs: dict[str, str | int | float]
    map: list[int] | None
    level: int
    children: list[Token] | None
    content: str
    markup: str
    info: str
    meta: dict[Any, Any]
    block: bool
    hidden: bool

    def __repr__(self) -> str:
        return f"ScanToken({self.type!r}, map={self.map!r}, content={self.content!r})"


if TYPE_CHECKING:
    #: A block token of a document: the scanner's, or markdown-it-py's own.
    BlockToken: TypeAlias = "Token | ScanToken"

_new_token = ScanToken.__new__  # a bare token, filled field by field (see Builder.push)
# The attributes and meta data of nearly every token are empty and nothing in mdcheck
# writes to them: one read-only empty mapping stands for all of them (equal to {}), which
# spares creating and freeing two dicts per token; writing to it raises.
_EMPTY: dict[str, Any] = MappingProxyType({})  # type: ignore[assignment]


class Rows(NamedTuple):
    """Table rows (a header, or a body) whose tokens are not built yet: they go at
    ``slot`` onwards."""

    slot: int
    first: int  # 0-based line of the first row
    rows: list[str]  # the rows' lines, split into cells only when their tokens are built
    columns: int  # the header's number of cells: each row is padded or cut to it
    styles: list[dict[str, str] | None]
    tag: str  # the cells' tag: "th" in the header, "td" in the body


class Item(NamedTuple):
    """A one-line list item whose five tokens (item, paragraph and inline) are not built
    yet: they go at ``slot`` onwards."""

    slot: int
    line: int  # 0-based
    end: int  # the line after the item (blank lines after it included)
    level: int  # of the item's tokens (its paragraph is one deeper, the inline two)
    markup: str  # the list's marker character
    info: str  # the item's number as written ("" in a bullet list)
    content: str  # the paragraph's text
    tight: list[bool]  # [whether the list is tight], settled when the list ends


ITEM_TYPES = ("list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close")
ITEM_SLOTS: list[BlockToken | None] = [None] * len(ITEM_TYPES)


class Blocks:
    """The block tokens of a text, read by the scanner, with the tokens of table rows
    and of one-line list items left out until :meth:`complete` builds them: on a plain
    article they are most of its tokens, and only analyses that read every token need
    them (the table rules read the rows' lines; no rule reads inside a list item).

    :attr:`tokens` has every other token at its index in the complete list and ``None``
    in the slots of the others; :attr:`positions` gives the indexes of each type among
    all tokens but the rows' (their types are :attr:`ROW_TYPES`), the list items'
    included.
    """

    ROW_TYPES = frozenset(
        ("tr_open", "tr_close", "th_open", "th_close", "td_open", "td_close", "inline")
    )

    def __init__(
        self,
        tokens: list[BlockToken | None],
        positions: dict[str, list[int]],
        bodies: list[Rows],
        items: list[Item],
    ) -> None:
        self.tokens = tokens
        self.positions = positions
        self.bodies = bodies
        self.items = items
        self._item_slots: list[int] | None = None  # for token_at, made on first use

    def item_at(self, index: int) -> Item | None:
        """The one-line list item whose tokens start at ``index`` and are not built yet."""
        if self.tokens[index] is not None:
            return None
        if self._item_slots is None:
            self._item_slots = [item.slot for item in self.items]
        found = bisect.bisect_left(self._item_slots, index)
        if found < len(self._item_slots) and self._item_slots[found] == index:
            return self.items[found]
        return None

    def token_at(self, index: int) -> BlockToken | None:
        """``tokens[index]``, building it (in place, with the rest of its list item's
        tokens) when it is a one-line list item's; None for a table row's slot."""
        token = self.tokens[index]
        if token is not None:
            return token
        if self._item_slots is None:
            self._item_slots = [item.slot for item in self.items]
        found = bisect.bisect_right(self._item_slots, index) - 1
        if found < 0 or index >= self._item_slots[found] + len(ITEM_TYPES):
            return None
        built = Builder()
        built.item_tokens(self.items[found])
        slot = self._item_slots[found]
        self.tokens[slot : slot + len(built.out)] = built.out
        return self.tokens[index]

    def items_at(self, slot: int) -> list[Item]:
        """The one-line list item whose tokens start at ``slot`` (a list of one), or []."""
        if self._item_slots is None:
            self._item_slots = [item.slot for item in self.items]
        found = bisect.bisect_left(self._item_slots, slot)
        if found < len(self.items) and self._item_slots[found] == slot:
            return [self.items[found]]
        return []

    def complete(self) -> list[BlockToken]:
        """Every token: :attr:`tokens` (the same objects) with the rows' and the list
        items' tokens added."""
        tokens = list(self.tokens)
        for body in self.bodies:
            built = Builder()
            for offset, line in enumerate(body.rows):
                cells = _padded(row_cells(line), body.columns)
                built.row(cells, body.first + offset, body.styles, body.tag)
            tokens[body.slot : body.slot + len(built.out)] = built.out
        for item in self.items:
            if tokens[item.slot] is not None:
                continue  # built already by token_at
            built = Builder()
            built.item_tokens(item)
            tokens[item.slot : item.slot + len(built.out)] = built.out
        return tokens  # type: ignore[return-value]  # every slot is filled now


class Builder:
    """Tokens in the making: :attr:`out`, and the positions of each type in it."""

    def __init__(self) -> None:
        self.out: list[BlockToken | None] = []  # None: the slot of a token built later
        self.positions: defaultdict[str, list[int]] = defaultdict(list)  # see Blocks

    def push(
        self,
        kind: str,
        tag: str,
        nesting: int,
        line_map: list[int] | None,
        level: int,
        *,
        markup: str = "",
        info: str = "",
    ) -> ScanToken:
        # every field set directly: tokens are the bulk of the work on a plain article
        token = _new_token(ScanToken)
        token.type = kind
        token.tag = tag
        token.nesting = nesting
        token.attrs = _EMPTY
        token.map = line_map
        token.level = level
        token.children = None
        token.content = ""
        token.markup = markup
        token.info = info
        token.meta = _EMPTY
        token.block = True
        token.hidden = False
        out = self.out
        self.positions[kind].append(len(out))
        out.append(token)
        return token

    def push_inline(self, content: str, line_map: list[int], level: int) -> None:
        """An ``inline`` token: the raw text of a heading, paragraph or table cell (its
        children are parsed on demand, see ``Document.inline``)."""
        token = _new_token(ScanToken)
        token.type = "inline"
        token.tag = ""
        token.nesting = 0
        token.attrs = _EMPTY
        token.map = line_map
        token.level = level
        token.children = []
        token.content = content
        token.markup = ""
        token.info = ""
        token.meta = _EMPTY
        token.block = True
        token.hidden = False
        out = self.out
        self.positions["inline"].append(len(out))
        out.append(token)

    def row(
        self, cells: list[str], index: int, styles: list[dict[str, str] | None], tag: str
    ) -> None:
        """The tokens of one table row on line ``index``: ``tag`` is ``th`` or ``td``."""
        self.push("tr_open", "tr", 1, [index, index + 1], 2)
        kind_open, kind_close = tag + "_open", tag + "_close"
        for cell, style in zip(cells, styles, strict=False):  # extra cells are dropped
            opener = self.push(kind_open, tag, 1, None, 3)
            if style is not None:
                opener.attrs = dict(style)
            self.push_inline(cell, [index, index + 1], 4)
            self.push(kind_close, tag, -1, None, 3)
        self.push("tr_close", "tr", -1, None, 2)

    def item_tokens(self, item: Item) -> None:
        """The tokens of a one-line list item (as the scanner reads a list)."""
        line, level, markup = item.line, item.level, item.markup
        self.push("list_item_open", "li", 1, [line, item.end], level, markup=markup, info=item.info)
        line_map = [line, line + 1]
        opener = self.push("paragraph_open", "p", 1, line_map, level + 1)
        self.push_inline(item.content, line_map, level + 2)
        closer = self.push("paragraph_close", "p", -1, None, level + 1)
        self.push("list_item_close", "li", -1, None, level, markup=markup)
        if item.tight[0]:  # a tight list's paragraphs are not rendered as such
            opener.hidden = closer.hidden = True


def _padded(cells: list[str], columns: int) -> list[str]:
    """A row's cells padded with empty ones to ``columns`` (extra cells are dropped when
    the tokens are built)."""
    if len(cells) < columns:
        cells.extend([""] * (columns - len(cells)))
    return cells
