"""A fast reader for the block structure of plain articles.

markdown-it-py's block parser offers every line to every block rule in turn; on the
articles mdcheck is made for (ATX headings, paragraphs, pipe tables, lists, fenced code,
thematic breaks) most of that time goes to rules that cannot match. This module reads
exactly that subset itself and builds the tokens markdown-it-py builds for it: same
types, tags, line maps, levels, contents, markups, infos, attributes and hidden flags
(``tests/test_blockscan.py`` holds it to that on generated and real articles, nested
lists and random line soups, for every supported markdown-it-py version).

A top-level block outside the subset is handed to markdown-it-py (see
:meth:`_Scanner.region`): block quotes, HTML blocks, indented code, setext headings, link
reference definitions, list items holding anything but paragraphs and lists, blocks
indented by 1-3 spaces, tabs in indentation, escaped pipes in tables. Handing a block
over is always correct; the subset only decides speed. Text with NUL characters is left
to markdown-it-py whole.

How it reads: the helpers of :mod:`mdcheck.markdown.blocklines` each decide one question about
one line (is it blank, a heading, a fence, a list marker, ...) the way the matching
markdown-it-py rule does; :class:`_Scanner` walks the lines and builds the tokens (the
leaf blocks' in :mod:`mdcheck.markdown.blockleaves`, the lists' here), and
raises :class:`~mdcheck.markdown.blocklines.Decline` wherever a block leaves the subset, which
throws that block's tokens away and hands it over. Line numbers are 0-based indexes into
the lines, as in ``Token.map``; "column" means a count of leading spaces (tabs decline).
The tokens it builds, and those it leaves to be built on request:
:mod:`mdcheck.markdown.blocktokens`.

The scanner is used only with the markdown-it-py versions it is verified against
(:data:`VERIFIED_MAJORS`): another major version parses everything the general way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mdcheck.markdown.blockleaves import DELIMITER_STARTS, LeafReader
from mdcheck.markdown.blocklines import (
    TRIM,
    Decline,
    fence_length,
    heading_level,
    interrupts,
    is_blank,
    is_hr,
    leading_spaces,
    list_marker,
)
from mdcheck.markdown.blocktokens import (
    ITEM_SLOTS,
    ITEM_TYPES,
    Blocks,
    Item,
    ScanToken,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from mdcheck.markdown.blocktokens import BlockToken

VERIFIED_MAJORS = ("3.", "4.")  # markdown-it-py versions the scanner is tested against


_MAX_LIST_LEVEL = 40  # lists nested deeper are left to markdown-it-py and its nesting limit


def scan_blocks(
    lines: list[str], text: str, parser: Callable[[], MarkdownIt]
) -> list[BlockToken] | None:
    """The block tokens the configured parser ``parser()`` builds for ``text``, the lines
    ``lines`` joined with ``"\\n"``; ``None`` for a text only the parser itself may read.
    See :func:`scan_block_structure`, which leaves tables' row tokens for later."""
    blocks = scan_block_structure(lines, text, parser)
    return blocks.complete() if blocks is not None else None


def scan_block_structure(
    lines: list[str], text: str, parser: Callable[[], MarkdownIt]
) -> Blocks | None:
    """The block tokens the configured parser ``parser()`` builds for ``text``, the lines
    ``lines`` joined with ``"\\n"``, with table body rows to be built on request; ``None``
    for a text only the parser itself may read. The parser is asked for only when a block
    needs it.

    The scanner reads what it can; each block it leaves is parsed by the parser as part of
    the whole text, from where the block starts to the next ATX heading that follows a
    blank line. Every block markdown-it-py may have open ends there, except a fence, an
    HTML block ended only by its closing tag (``<!--``, ``<pre>``, ...) and content nested
    past markdown-it-py's nesting limit: when the parser's tokens show one of those, it
    reads the rest of the text."""
    if "\x00" in text:
        return None  # markdown-it-py replaces NUL characters before parsing
    count = len(lines)
    if count and not lines[-1].strip(" \t"):
        count -= 1  # markdown-it-py gives a last line of only spaces no line of its own
    scanner = _Scanner(lines, count, text, parser)
    return Blocks(scanner.run(), dict(scanner.positions), scanner.bodies, scanner.items)


class _Scanner(LeafReader):
    """One reading of a text: :meth:`run` walks the top-level blocks, reads those in the
    subset into :attr:`out` (leaf blocks as :class:`LeafReader` reads them, lists here)
    and hands each other one to markdown-it-py."""

    # -- top level ------------------------------------------------------------------------

    def run(self) -> list[BlockToken | None]:
        """All the top-level blocks' tokens, in order (with the slots of tokens built later)."""
        lines, count = self.lines, self.count
        index = 0
        while index < count:
            mark = len(self.out)
            try:
                line = lines[index]
                if not line or is_blank(line):
                    index += 1
                    continue
                index = self.block(index)
            except Decline:
                self.forget(mark)
                index = self.region(index)
        return self.out

    def forget(self, mark: int) -> None:
        """Drop the tokens from index ``mark`` on: those of a block it gave up on."""
        del self.out[mark:]
        for found in self.positions.values():
            while found and found[-1] >= mark:
                found.pop()
        while self.bodies and self.bodies[-1].slot >= mark:
            self.bodies.pop()
        while self.items and self.items[-1].slot >= mark:
            self.items.pop()

    def block(self, index: int) -> int:
        """Read the top-level block starting at line ``index``; return the line after it.

        The shapes are tried in the order of markdown-it-py's block rules (a table
        first: a header line may look like any other block)."""
        line = self.lines[index]
        first = line[0]
        if first in " \t<>":
            raise Decline  # indented starts, HTML blocks and block quotes
        # (each shape is asked about only when the first character allows it)
        following = index + 1
        if (
            following < self.count
            and self.lines[following][:1] in DELIMITER_STARTS
            and (table := self.table_start(index)) is not None
        ):
            return self.table(index, *table)
        if first == "#" and (level := heading_level(line)):
            self.heading(index, level)
            return index + 1
        if first in "`~" and (length := fence_length(line)) > 0:
            return self.fence(index, length)
        if first in "*-_" and is_hr(line):
            markup = first * (line.count(first) + 1)  # markdown-it-py's markup for a break
            self.push("hr", "hr", 0, [index, index + 1], 0, markup=markup)
            return index + 1
        if (first in "-*+" or "0" <= first <= "9") and (marker := list_marker(line)) is not None:
            return self.list_block(index, marker)
        return self.paragraph(index)

    def region(self, start: int) -> int:
        """Let markdown-it-py read from line ``start`` (where a top-level block starts) to
        the next ATX heading after a blank line; return the line it stopped at.

        At such a heading markdown-it-py starts a new top-level block (see
        :func:`scan_blocks` for the exceptions), so the scanner can go on from there."""
        lines, count = self.lines, self.count
        end = start + 1
        # (blank as markdown-it-py's rules see it: spaces and tabs only)
        while end < count and not (
            lines[end][:1] == "#" and heading_level(lines[end]) and not lines[end - 1].strip(" \t")
        ):
            end += 1
        tokens = self.markdown_it(start, end)
        if end < count and _may_run_past(tokens, end, self.parser().options.maxNesting):
            end = count  # markdown-it-py would read on past the heading: parse the rest
            tokens = self.markdown_it(start, end)
        positions = self.positions
        for position, token in enumerate(tokens, len(self.out)):
            positions[token.type].append(position)
        self.out += tokens
        return end

    def markdown_it(self, start: int, end: int) -> list[Token]:
        """markdown-it-py's top-level tokens for lines ``start`` to ``end`` of the text."""
        md = self.parser()
        if self.state is None:
            from markdown_it.rules_block import StateBlock

            self.state = StateBlock(self.text, md, {}, [])
        state = self.state
        state.tokens = []
        state.line = start
        md.block.tokenize(state, start, end)
        return state.tokens

    # -- lists ----------------------------------------------------------------------------

    def list_block(
        self, index: int, marker: tuple[str, int, str], base: int = 0, level: int = 0
    ) -> int:
        """A list whose first item's marker is at column ``base`` of line ``index``
        (``marker`` as :func:`list_marker` reads the line from there); its tokens start
        at ``level``. Returns the line after the list."""
        lines, count = self.lines, self.count
        if level > _MAX_LIST_LEVEL:
            raise Decline  # markdown-it-py's nesting limit: left to it
        char, _, number = marker  # the list's type is the first item's marker
        ordered = bool(number)
        kind, tag = ("ordered_list", "ol") if ordered else ("bullet_list", "ul")
        opener = self.push(kind + "_open", tag, 1, None, level, markup=char)
        if ordered and int(number) != 1:
            opener.attrs = {"start": int(number)}
        list_start = index
        paragraphs: list[ScanToken] = []  # the items' own paragraph open and close tokens
        # markdown-it-py's rule: a list is loose when one of its items is, or when an
        # item other than the last ends with a blank line
        tight = True
        settled = [False]  # the final answer, for the items whose tokens come later
        previous_blank_end = False  # the previous item ended with a blank line
        out, items = self.out, self.items
        item_positions = [self.positions[kind] for kind in ITEM_TYPES]
        while True:
            char, after, number = marker
            content = lines[index][base + after :]
            spaces = len(content) - len(content.lstrip(" "))
            if content[spaces : spaces + 1] in ("", "\t") or spaces > 4:
                raise Decline  # an empty item, tabs or indented code in the item
            text = content[spaces:]
            if (
                interrupts(text, outdented=False)
                or list_marker(text) is not None
                or self.delimiter_follows(index)
            ):
                raise Decline  # the item starts with another block (a nested list, ...)
            # the usual item is one line of text: the next item right below it, or the
            # end of the list after it; its tokens are built on request (see Blocks)
            following = self.next_item(index + 1, base, char, ordered)
            if following is not None:
                end = index + 1
            else:
                end = self.one_line_item(index, base + after + spaces)
            if end:
                if text[:1] == "[" and "]:" in text:
                    raise Decline  # possibly a link reference definition
                slot = len(out)
                for offset, found in enumerate(item_positions):
                    found.append(slot + offset)
                out += ITEM_SLOTS
                content = text.strip(TRIM)
                items.append(Item(slot, index, end, level + 1, char, number, content, settled))
                item_tight = True
            else:
                item_map = [index, 0]
                self.push("list_item_open", "li", 1, item_map, level + 1, markup=char, info=number)
                end, item_tight = self.item(index, base + after + spaces, level + 2, paragraphs)
                self.push("list_item_close", "li", -1, None, level + 1, markup=char)
                item_map[1] = end
            if not item_tight or previous_blank_end:
                tight = False
            previous_blank_end = end - index > 1 and is_blank(lines[end - 1])
            index = end
            if following is not None:
                marker = following
                continue
            if index >= count:
                break
            # the line after the item (not blank): another item of this list, or not
            spaces = leading_spaces(lines[index])
            if spaces < base:
                break  # back in an enclosing item, or at the top level
            if spaces > base:
                raise Decline  # an item indented by 1-3 more spaces
            text = lines[index][base:]
            if is_hr(text) or fence_length(text):
                break  # these end a list even when they start with a marker (``- - -``)
            following = list_marker(text)
            if following is None or following[0] != char or bool(following[2]) != ordered:
                break
            marker = following
        self.push(kind + "_close", tag, -1, None, level, markup=char)
        opener.map = [list_start, index]
        settled[0] = tight
        if tight:  # a tight list's paragraphs are not rendered as such
            for token in paragraphs:
                token.hidden = True
        return index

    def item(
        self, index: int, indent: int, level: int, paragraphs: list[ScanToken]
    ) -> tuple[int, bool]:
        """The blocks of a list item whose content starts at column ``indent`` of line
        ``index``: paragraphs and nested lists, at ``level``. Returns the line after the
        item (blank lines before whatever ends it included) and whether it is tight.

        The item's paragraph open and close tokens are added to ``paragraphs``, for the
        list to hide when it turns out tight. As in markdown-it-py, an item is tight
        unless a blank line comes before its last block."""
        lines, count = self.lines, self.count
        line = index
        tight = True
        had_blank = False  # a blank line came before the block being read
        while True:
            text = lines[line][indent:]
            # (a break such as "- - -" starts with a marker but is no list)
            if line != index and not is_hr(text) and (marker := list_marker(text)) is not None:
                end = self.list_block(line, marker, indent, level)
            else:
                if line != index and (
                    interrupts(text, outdented=False) or self.delimiter_follows(line)
                ):
                    raise Decline  # another kind of block in the item
                mark = len(self.out)
                end = self.paragraph(line, level, indent)
                paragraphs += (self.out[mark], self.out[-1])  # type: ignore[arg-type]
            tight = not had_blank
            if is_blank(lines[end - 1]):
                had_blank = True  # the block (a list) ended with blank lines
            line = end
            while line < count and (not lines[line] or is_blank(lines[line])):
                had_blank = True
                line += 1
            if line >= count:
                return line, tight
            spaces = leading_spaces(lines[line])
            if spaces < indent:
                return line, tight  # the item ends; its list decides what the line is
            if spaces > indent:
                raise Decline  # indented code, or a block indented by 1-3 more spaces

    def next_item(
        self, index: int, base: int, char: str, ordered: bool
    ) -> tuple[str, int, str] | None:
        """The marker of line ``index`` when it starts the next item of a list whose
        markers (``char``, ordered or not) are at column ``base``, right below a one-line
        item: that line ends the item's paragraph and continues the list, as the general
        reading (:meth:`item`, then :meth:`list_block`) would find. None otherwise, and
        for every line that reading must look at more closely."""
        if index >= self.count:
            return None
        line = self.lines[index]
        if base:
            if line[:1] != " " or leading_spaces(line) != base:
                return None
            line = line[base:]
        first = line[:1]
        if first != char and not (ordered and "0" <= first <= "9"):
            return None
        marker = list_marker(line)
        if marker is None or marker[0] != char or bool(marker[2]) != ordered:
            return None
        if (first in "-*" and is_hr(line)) or self.delimiter_follows(index):
            return None  # a thematic break ends the list; a table row may be declined
        return marker

    def one_line_item(self, index: int, indent: int) -> int:
        """For a list item whose content starts at column ``indent`` of line ``index``:
        the line after it when the item is that one line of paragraph text (the next line
        ends the item: the end of the text, blank lines before the end or before a less
        indented line, or a less indented line that ends a paragraph), else 0."""
        lines, count = self.lines, self.count
        end = index + 1
        if end >= count:
            return count
        line = lines[end]
        if line and not is_blank(line):
            spaces = leading_spaces(line)
            if spaces >= indent:
                return 0  # a continuation line or a block of the item
            if self.delimiter_follows(end):
                raise Decline  # as the paragraph rule would
            return end if interrupts(line[spaces:], outdented=True) else 0
        after = end + 1
        while after < count and (not lines[after] or is_blank(lines[after])):
            after += 1
        if after < count and leading_spaces(lines[after]) >= indent:
            return 0  # the item goes on after the blank lines
        return after


def _may_run_past(tokens: list[Token], end: int, max_nesting: int) -> bool:
    """True when markdown-it-py, reading the whole text, might not stop its blocks at line
    ``end`` as it did for the region's tokens ``tokens``: a top-level fence or HTML block
    is open up to ``end`` (the end of the region closed it), or the blocks are nested so
    deep that markdown-it-py skips everything after them to the end of what it reads."""
    for token in tokens:
        if token.level >= max_nesting - 1:
            return True
        if (
            token.level == 0
            and token.type in ("fence", "html_block")
            and token.map is not None
            and token.map[1] == end
        ):
            return True
    return False
