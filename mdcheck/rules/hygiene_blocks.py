"""Block hygiene rules (HY030-HY032, HY035, HY041, HY046, HY048, HY055, HY058): the blank
lines around blocks, list markers, and consistent block styles.

They read the block tokens' line maps and the raw lines; none needs inline structure.
"""

from __future__ import annotations

from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.fences import body_fences
from mdcheck.rules.base import Option, Rule
from mdcheck.util.lazyre import LazyPattern

_QUOTE_PREFIX = LazyPattern(r"[ \t]*(?:>[ \t]?)+")
_ITEM_MARKER = LazyPattern(r"([ \t]*(?:>[ \t]?)*[ \t]*)([-*+]|\d{1,9}[.)])([ \t]*)(.?)")
_COMMENT = LazyPattern(r"\s*<!--.*-->\s*$")


def _quote_depth(line: str) -> int:
    match = _QUOTE_PREFIX.match(line)
    return match.group().count(">") if match else 0


def _blank(line: str) -> bool:
    """Blank, or blank inside block quotes (``>`` alone)."""
    return not line.replace(">", "").strip()


def _gap_before(doc: Document, index: int) -> bool:
    """True when line ``index`` (0-based) needs no blank line before it: the first line,
    after a blank (or hidden) line, after a line that is only an HTML comment (an
    annotation such as ``<!-- prettier-ignore -->``), or the first line of a block quote."""
    if index == 0:
        return True
    previous = doc.body_lines[index - 1]
    if _blank(previous) or _COMMENT.match(previous):
        return True
    return _quote_depth(previous) < _quote_depth(doc.lines[index])


def _blank_line_edit(doc: Document, index: int) -> Edit:
    """Insert a blank line before line ``index`` (0-based), inside the block quotes that
    hold both it and the line before it."""
    depth = _quote_depth(doc.lines[index])
    if index > 0:
        depth = min(depth, _quote_depth(doc.lines[index - 1]))
    prefix = ">" * depth
    start = doc.line_start(index + 1)
    return doc.edit(start, start, prefix + doc.dominant_eol)


def _block_maps(doc: Document, *kinds: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, level) of every block token of ``kinds``."""
    tokens = doc.block_tokens
    for position in doc.positions_of(*kinds):
        token = tokens[position] or doc.block_token(position)
        if token.map is not None:
            yield token.map[0], token.map[1], token.level


class _BlanksAround(Rule):
    """Shared by HY031, HY032 and HY058: a block needs a blank line on each side."""

    fixable = True
    what = "block"
    may_open_item = True  # the block may be a list item's first block, on its marker line

    def blocks(self, doc: Document) -> Iterator[tuple[int, int, int]]:
        raise NotImplementedError

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        lines = doc.body_lines
        for first, last, level in self.blocks(doc):
            safety = Applicability.SAFE if level == 0 else Applicability.UNSAFE
            if not _gap_before(doc, first) and not (
                self.may_open_item and _starts_item(lines[first])
            ):
                yield self.report(
                    doc,
                    doc.line_span(first + 1),
                    f"no blank line before this {self.what} (fix: --fix adds one)",
                    edits=[_blank_line_edit(doc, first)],
                    applicability=safety,
                    fix_description="add a blank line before",
                )
            after = last + 1
            if (
                after < len(lines)
                and not _blank(lines[after])
                and not _blank(lines[last])
                and not _COMMENT.match(lines[after])
                and _quote_depth(lines[after]) >= _quote_depth(lines[last])
            ):
                yield self.report(
                    doc,
                    doc.line_span(last + 1),
                    f"no blank line after this {self.what} (fix: --fix adds one)",
                    edits=[_blank_line_edit(doc, after)],
                    applicability=safety,
                    fix_description="add a blank line after",
                )


def _starts_item(line: str) -> bool:
    """The block begins on a list item's marker line (the item's first block)."""
    match = _ITEM_MARKER.match(line)
    return match is not None and bool(match.group(3)) and not line.lstrip(" >").startswith("```")


class BlanksAroundFences(_BlanksAround):
    """A fenced code block is not surrounded by blank lines.

    **Why.** Some renderers (kramdown, older Markdown) do not recognise a fence that
    touches a paragraph, and the source is harder to read.

    **Fix (safe outside lists and quotes).** Add the blank line. Inside a list item the
    fix is unsafe: the blank line can make a tight list loose.

    **Options.** ``list-items`` (default true): also check fences inside list items.
    """

    code = "HY031"
    name = "blanks-around-fences"
    summary = "Fenced code block not surrounded by blank lines"
    aliases = ("MD031", "blanks-around-fences")
    options = (Option("list-items", {"type": "boolean"}, True, "also check fences in list items"),)
    what = "code fence"

    def blocks(self, doc: Document) -> Iterator[tuple[int, int, int]]:
        for fence in body_fences(doc):
            if fence.close_index is None:
                continue  # unclosed: CF001 says so
            line = doc.lines[fence.open_index]
            in_item = fence.in_container and (
                (
                    _ITEM_MARKER.match(line) is not None
                    and not line.lstrip(" >").startswith(("`", "~"))
                )
                or line[:1] in " \t"
            )
            if in_item and not self.settings["list-items"]:
                continue
            yield fence.open_index, fence.close_index, 1 if fence.in_container else 0


class BlanksAroundLists(_BlanksAround):
    """A list is not surrounded by blank lines.

    **Why.** Generated text often runs a list straight on from the sentence that
    introduces it (``主要特点：`` then ``- …``). CommonMark still sees a list, but other
    renderers (kramdown, many static-site themes) read the lines as one paragraph, and a
    heading or fence right after a list is easy to miss. Lists inside list items are not
    checked.

    **Fix (safe).** Add the blank line (inside block quotes, a ``>`` line).
    """

    code = "HY032"
    name = "blanks-around-lists"
    summary = "List not surrounded by blank lines"
    aliases = ("MD032", "blanks-around-lists")
    what = "list"
    may_open_item = False

    def blocks(self, doc: Document) -> Iterator[tuple[int, int, int]]:
        lines = doc.body_lines
        for first, end, level in _block_maps(doc, "bullet_list_open", "ordered_list_open"):
            if (
                level > 0
                and _ITEM_MARKER.match(lines[first])
                and not _QUOTE_PREFIX.match(lines[first])
            ):
                continue  # a nested list (inside a list item)
            if level > 0 and lines[first][:1] in " \t" and not _QUOTE_PREFIX.match(lines[first]):
                continue
            last = end - 1
            while last > first and _blank(lines[last]):
                last -= 1
            yield first, last, 0  # in a block quote too: a quoted blank line is safe


class BlanksAroundTables(_BlanksAround):
    """A table is not surrounded by blank lines.

    **Why.** A table that touches the paragraph above is read as text by renderers
    without GitHub's extension rules, and a line right after a table's last row is
    another row, not a paragraph.

    **Fix (safe outside lists and quotes).** Add the blank line.
    """

    code = "HY058"
    name = "blanks-around-tables"
    summary = "Table not surrounded by blank lines"
    aliases = ("MD058", "blanks-around-tables")
    what = "table"

    def blocks(self, doc: Document) -> Iterator[tuple[int, int, int]]:
        lines = doc.body_lines
        for first, end, level in _block_maps(doc, "table_open"):
            last = end - 1
            while last > first and _blank(lines[last]):
                last -= 1
            yield first, last, level


class ListMarkerSpace(Rule):
    """The number of spaces after a list marker is not the configured one.

    **Why.** ``-   item`` and ``1.  item`` indent the item's text differently from its
    neighbours; with more than four spaces the text becomes a code block.

    **Fix (safe for one-line items).** Set the spaces to the configured number; for a
    longer item the fix is unsafe, since its other lines' indentation is left as is.

    **Options.** ``ul-single``, ``ol-single``, ``ul-multi``, ``ol-multi`` (each default
    1): spaces for items of lists whose items are all one paragraph (single) or not.
    """

    code = "HY030"
    name = "list-marker-space"
    summary = "Spaces after list marker"
    fixable = True
    aliases = ("MD030", "list-marker-space")
    options = tuple(
        Option(name, {"type": "integer", "minimum": 1}, 1, f"spaces after the marker ({name})")
        for name in ("ul-single", "ol-single", "ul-multi", "ol-multi")
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        settings = self.settings
        need_multi = (
            settings["ul-single"] != settings["ul-multi"]
            or settings["ol-single"] != settings["ol-multi"]
        )
        multi = _multi_paragraph_items(doc) if need_multi else set()
        for first, _end, one_line in doc.item_maps():
            line = doc.lines[first]
            match = _ITEM_MARKER.match(line)
            if match is None or not match.group(4) or "\t" in match.group(3):
                continue
            spaces = len(match.group(3))
            if spaces >= 5 or spaces == 0:
                continue  # 5+: the text is an indented code block; 0: not this item's marker
            ordered = match.group(2)[-1] in ".)"
            kind = ("ol" if ordered else "ul") + ("-multi" if first in multi else "-single")
            wanted = settings[kind]
            if spaces == wanted:
                continue
            start = doc.line_start(first + 1) + match.end(2)
            safe = one_line and spaces > wanted
            yield self.report(
                doc,
                Span(first + 1, match.end(2) + 1, first + 1, match.end(3) + 1),
                f"{spaces} spaces after the list marker {match.group(2)}; use {wanted}"
                + (" (fix: --fix)" if safe else ""),
                edits=[doc.edit(start, start + spaces, " " * wanted)],
                applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
                fix_description=f"use {wanted} space(s) after the marker",
            )


def _multi_paragraph_items(doc: Document) -> set[int]:
    """First lines of the items of lists in which some item holds more than one block."""
    found: set[int] = set()
    lists: list[tuple[list[int], list[bool]]] = []  # per open list: item lines, multi
    items: list[list[int]] = []  # per open item: [level, direct child blocks]
    for token in doc.tokens:
        kind = token.type
        if items and token.level == items[-1][0] + 1 and token.nesting >= 0:
            items[-1][1] += 1
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(([], [False]))
        elif kind in ("bullet_list_close", "ordered_list_close") and lists:
            lines, multi = lists.pop()
            if multi[0]:
                found.update(lines)
        elif kind == "list_item_open" and lists and token.map is not None:
            lists[-1][0].append(token.map[0])
            items.append([token.level, 0])
        elif kind == "list_item_close" and items:
            _level, count = items.pop()
            if count > 1 and lists:
                lists[-1][1][0] = True
    return found


RULES: tuple[type[Rule], ...] = (
    ListMarkerSpace,
    BlanksAroundFences,
    BlanksAroundLists,
    BlanksAroundTables,
)
