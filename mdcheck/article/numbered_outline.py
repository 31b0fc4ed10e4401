"""The numbered outline of a document: which headings carry a number, which should.

Built in one pass over ``doc.headings`` plus linear passes over the sibling groups:

1. Each top-level heading (not inside a blockquote or list) gets its parent (the nearest
   earlier heading of a lower level), its parsed number and whether its title is an exempt
   section (结语, References, …).
2. Numbers are *trusted* only when they read as section numbers in context: release
   numbers (``1.2.0 - 2024-01-01``) and groups that count down (changelogs) are ignored,
   and a bare ``3 Ways to …`` counts only when its siblings continue the same sequence.
3. Unnumbered headings get an *inferred* number only on strong evidence: numbered
   subsections that agree (``1.1``–``1.3`` under it), an exact gap among numbered siblings,
   or a level the configuration declares numbered.

The heading rules (HD003–HD006) read the result; nothing here reports.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any, NamedTuple

from mdcheck.article.numbering import HeadingNumber, format_number, parse_heading_number
from mdcheck.markdown.document import Document, Heading
from mdcheck.markdown.fences import code_tokens
from mdcheck.markdown.inline import strip_inline_markup
from mdcheck.markdown.sections import DEFAULT_EXEMPT, exempt_matcher
from mdcheck.util.cachedattr import cached_property

_CODE_HEADING = re.compile(r"[ \t]{0,3}#{2,6}[ \t]+")
_MARKUP_STARTS = frozenset("<[!*_`~\\")
_ATX_START = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")


class OutlineOptions(NamedTuple):
    """What the outline needs from the configuration."""

    exempt: tuple[str, ...] = DEFAULT_EXEMPT
    numbered_levels: frozenset[int] = frozenset()  # empty: inferred from the document
    roman: bool = False

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> OutlineOptions:
        exempt = tuple(settings.get("exempt") or DEFAULT_EXEMPT)
        exempt += tuple(settings.get("extend-exempt") or ())
        levels = frozenset(int(level) for level in settings.get("numbered-levels") or ())
        return cls(exempt, levels, bool(settings.get("roman", False)))


class Node:
    """One heading of the outline. (A plain class: a dataclass costs start-up time.)"""

    __slots__ = (
        "children",
        "evidence",
        "exempt",
        "heading",
        "inferred",
        "line",
        "number",
        "parent",
        "written",
    )

    def __init__(  # noqa: PLR0917  (built in one place, positionally, as the record it is)
        self,
        heading: Heading,
        parent: int | None,
        line: str,
        number: HeadingNumber | None,
        exempt: bool,
        written: bool,
    ) -> None:
        self.heading = heading
        self.parent = parent
        self.line = line  # the heading's (first) line as written
        self.number = number  # the trusted number, None when unnumbered or untrusted
        self.exempt = exempt
        self.written = written  # the text starts with a number, even one not trusted or editable
        self.children: list[int] = []
        self.inferred: tuple[int, ...] | None = None
        self.evidence = ""  # why the number was inferred, for messages

    @property
    def open(self) -> bool:
        """Unnumbered, and a number may be inferred for it."""
        return self.parts is None and not self.exempt and not self.written

    @property
    def level(self) -> int:
        return self.heading.level

    @property
    def text_col(self) -> int:
        """0-based column where the heading text starts on its line (asked only when a
        finding is reported, so not worked out for every heading)."""
        if self.heading.setext:
            return len(self.line) - len(self.line.lstrip())
        match = _ATX_START.match(self.line)
        return match.end() if match else len(self.line) - len(self.line.lstrip())

    @property
    def parts(self) -> tuple[int, ...] | None:
        """The number as written, else the inferred one."""
        return self.number.parts if self.number is not None else self.inferred

    @property
    def prefix(self) -> str:
        """The number prefix as written (with its separator and following spaces)."""
        if self.number is None:
            return ""
        return self.heading.text[self.number.prefix_start : self.number.prefix_end]


class Outline:
    """The outline: nodes in document order and sibling groups (children of one parent).

    A heading one level too deep (``####`` under ``##``) stays its parent's child, so a
    skipped level (HD002) does not also break the numbering of its siblings. (A plain
    class: a dataclass costs start-up time.)
    """

    def __init__(
        self,
        nodes: list[Node],
        groups: list[list[int]],
        options: OutlineOptions,
        uncertain: frozenset[int] = frozenset(),
    ) -> None:
        self.nodes = nodes
        self.groups = groups
        self.options = options
        self.uncertain = uncertain  # sections that may have lost headings to code

    @cached_property
    def templates(self) -> dict[tuple[int, int], int]:
        """(level, depth) -> the first node numbered so, and (level, 0) -> the first
        numbered node of the level: the style models. Only needed to write a number, so
        built on first use (the trusted numbers are settled by then)."""
        return _templates(self.nodes)

    def reliable(self, group: list[int]) -> bool:
        """False when a numbered heading may be missing from the group.

        A code block that contains lines such as ``### 2.2 …`` is most often a fence left
        open that swallowed the article's headings; the sequence and parent checks then
        stay silent near it and leave the report to the fence rules.
        """
        if not self.uncertain:
            return True  # the usual case: no code block holds heading lines
        parent = self.nodes[group[0]].parent
        if parent is not None and parent in self.uncertain:
            return False
        return not any(i in self.uncertain for i in group)

    @cached_property
    def usual_depths(self) -> list[int | None]:
        """For each group, the number depth most of its numbered headings use (the first
        one's on a tie), None when none is numbered. Read by HD004-HD006."""
        return [_usual_depth(self.nodes, group) for group in self.groups]

    def display(self, parts: tuple[int, ...], level: int) -> str:
        """How ``parts`` reads at ``level`` in the document's own style (``1.``, ``二、``)."""
        return self.format(parts, level).strip()

    def format(self, parts: tuple[int, ...], level: int, own: Node | None = None) -> str:
        """The prefix to write for ``parts`` at ``level``: ``own`` style, else the level's."""
        if own is not None and own.number is not None:
            return format_number(parts, own.number, own.prefix)
        index = self.templates.get((level, len(parts)))
        if index is None:
            index = self.templates.get((level, 0))
        if index is not None:
            node = self.nodes[index]
            assert node.number is not None
            return format_number(parts, node.number, node.prefix)
        return format_number(parts, *_default_template(len(parts) > 1))

    def text_offset(self, doc: Document, node: Node, offset_in_text: int) -> int:
        """Document offset of a position inside the heading text's first line."""
        return doc.offset(node.heading.line, node.text_col + offset_in_text + 1)


@functools.lru_cache(maxsize=2)
def _default_template(multi: bool) -> tuple[HeadingNumber, str]:
    """``1.`` for one-part numbers, ``1.1`` for longer ones, when a level has no model."""
    prefix = "1.1 " if multi else "1. "
    number = parse_heading_number(prefix + "x")
    assert number is not None
    return number, prefix


def build_outline(doc: Document, options: OutlineOptions) -> Outline:
    """The numbered outline of ``doc``: one pass over its headings, then the groups.
    HD003-HD006 of one document share one analysis (read-only)."""
    return doc.memo(("numbered_outline", options), lambda: _build_outline(doc, options))


def _build_outline(doc: Document, options: OutlineOptions) -> Outline:
    nodes: list[Node] = []
    stack: list[int] = []
    group_of: dict[int | None, list[int]] = {}
    exempt = exempt_matcher(options.exempt)
    token_at, roman = doc.block_token, options.roman
    for heading in doc.headings:
        text = heading.text
        if not text or token_at(heading.token_index).level != 0:
            continue
        while stack and nodes[stack[-1]].heading.level >= heading.level:
            stack.pop()
        parent = stack[-1] if stack else None
        number = parse_heading_number(text, roman=roman)
        written = number is not None or (
            text[:1] in _MARKUP_STARTS
            and parse_heading_number(strip_inline_markup(text), roman=roman) is not None
        )
        if number is not None and number.version_like:
            number = None
        title = number.title if number is not None else text
        index = len(nodes)
        line = doc.lines[heading.line - 1]
        nodes.append(Node(heading, parent, line, number, exempt(title), written))
        if parent is not None:
            nodes[parent].children.append(index)
        group_of.setdefault(parent, []).append(index)
        stack.append(index)
    groups = list(group_of.values())
    for group in groups:
        _trust(nodes, group)
    uncertain = _swallowed(doc, nodes, options.roman)
    outline = Outline(nodes, groups, options, uncertain)
    # Numbers are inferred only for open headings (unnumbered, not exempt); a group with
    # none, like most groups of numbered subsections, has nothing to infer or settle.
    candidates = [i for i, node in enumerate(nodes) if node.open]
    open_parents = {nodes[i].parent for i in candidates}
    open_groups = [group for parent, group in group_of.items() if parent in open_parents]
    order = reversed(candidates)  # children first: inference flows upwards
    pending = [i for i in order if not _infer_from_children(nodes, i, group_of[nodes[i].parent])]
    for index in pending:  # a lone subsection, now that earlier siblings may be inferred
        _infer_from_children(nodes, index, group_of[nodes[index].parent])
    for group in open_groups:
        _infer_lone_children(nodes, group)
    for group in groups if options.numbered_levels else open_groups:
        _settle_group(outline, group)  # parents first: prefixes flow downwards
    return outline


def _swallowed(doc: Document, nodes: list[Node], roman: bool) -> frozenset[int]:
    """The sections (and their ancestors) whose code blocks hold numbered heading lines."""
    uncertain: set[int] = set()
    if _only_heading_hashes(doc):
        return frozenset()
    code = [t for t in code_tokens(doc) if "#" in t.content]
    lines = [n.heading.line for n in nodes] if code else []
    for token in code:
        if token.map is None:
            continue
        for line in token.content.splitlines():
            match = _CODE_HEADING.match(line)
            if match is None:
                continue
            number = parse_heading_number(line[match.end() :], roman=roman)
            if number is None or number.bare or number.version_like:
                continue
            owner: int | None = bisect.bisect_right(lines, token.map[0] + 1) - 1
            while owner is not None and owner >= 0 and owner not in uncertain:
                uncertain.add(owner)
                owner = nodes[owner].parent
            break
    return frozenset(uncertain)


def _usual_depth(nodes: list[Node], group: list[int]) -> int | None:
    depths = [number.depth for i in group if (number := nodes[i].number) is not None]
    if not depths:
        return None
    if depths.count(depths[0]) == len(depths):
        return depths[0]  # the usual case: all alike, no need to count
    counts = Counter(depths)
    return max(counts, key=lambda depth: (counts[depth], -depths.index(depth)))


def _only_heading_hashes(doc: Document) -> bool:
    """True when every ``#`` of the text is part of an ATX heading's opening marker.

    Each ATX heading line holds at least its level in ``#`` characters, so equal counts
    leave no ``#`` for a code line to start with: no need to walk the tokens.
    """
    markers = sum(heading.level for heading in doc.headings if not heading.setext)
    return doc.text.count("#") == markers


def _trust(nodes: list[Node], group: list[int]) -> None:
    """Drop numbers that do not read as section numbers among these siblings."""
    numbered = [(i, number) for i in group if (number := nodes[i].number) is not None]
    if not numbered:
        return
    parent = nodes[group[0]].parent
    if parent is None or nodes[parent].number is None:
        for i, number in numbered:  # an outline starts at 1. or 1.1, a release number at 1.2.3
            if number.depth >= 3:
                nodes[i].number = None
        numbered = [(i, number) for i, number in numbered if number.depth < 3]
    values = [number.parts[-1] for _, number in numbered]
    falling = rising = 0
    for a, b in itertools.pairwise(values):
        if b < a:
            falling += 1
        elif b > a:
            rising += 1
    if falling > rising:  # 1.2, 1.1, 1.0: releases, newest first
        for i, _ in numbered:
            nodes[i].number = None
        return
    previous: int | None = None
    for position, (i, number) in enumerate(numbered):
        value = values[position]
        if number.bare:
            follows = previous is not None and value == previous + 1
            starts = (
                previous is None
                and value == 1
                and position + 1 < len(numbered)
                and values[position + 1] == 2
            )
            if not (follows or starts):
                nodes[i].number = None
                continue
        previous = value


def _templates(nodes: list[Node]) -> dict[tuple[int, int], int]:
    templates: dict[tuple[int, int], int] = {}
    for index, node in enumerate(nodes):
        number = node.number
        if number is not None:
            level = node.heading.level
            templates.setdefault((level, number.depth), index)
            templates.setdefault((level, 0), index)
    return templates


def _infer_from_children(nodes: list[Node], index: int, siblings: list[int]) -> bool:
    """Infer a number from subsections that agree (``1.1``, ``1.2`` under it mean ``1``).

    One subsection is enough when a sibling section is numbered or inferred. Returns False
    only when that sibling evidence was missing, so the caller may try again later.
    """
    node = nodes[index]
    if not node.open or (siblings == [index] and node.parent is None):
        return True  # the document's title is not a numbered section, whatever follows it
    numbers = [nodes[c].parts for c in node.children]
    multi = [p for p in numbers if p is not None and len(p) >= 2]
    if not multi or len({p[:-1] for p in multi}) != 1:
        return True
    if len(multi) < 2 and not any(nodes[s].parts is not None for s in siblings if s != index):
        return False
    first, last = _dotted(multi[0]), _dotted(multi[-1])
    node.inferred = multi[0][:-1]
    node.evidence = (
        f"inferred from its subsections {first}–{last}"
        if first != last
        else f"inferred from its subsection {first}"
    )
    return True


def _infer_lone_children(nodes: list[Node], group: list[int]) -> None:
    """Sections with one numbered subsection each (``1.1``, then ``2.1``): when two or more
    agree with their positions among the siblings, they confirm one another."""
    slots = [i for i in group if not nodes[i].exempt]
    found: list[tuple[int, tuple[int, ...]]] = []
    for position, index in enumerate(slots, start=1):
        node = nodes[index]
        if not node.open:
            continue
        lone = [nodes[c].parts for c in node.children]
        multi = [p for p in lone if p is not None and len(p) >= 2]
        if len(multi) == 1 and multi[0][-2] == position:
            found.append((index, multi[0]))
    if len(found) < 2:
        return
    for index, child in found:
        nodes[index].inferred = child[:-1]
        nodes[index].evidence = f"inferred from its subsection {_dotted(child)}"


def _dotted(parts: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in parts)


def _settle_group(outline: Outline, group: list[int]) -> None:
    # Each step runs only where it can change something: most groups have no inferred
    # number to gate and no open slot to fill.
    nodes = outline.nodes
    if any(nodes[i].inferred is not None for i in group):
        _gate_child_inferences(nodes, group)
    numbered = sum(1 for i in group if nodes[i].number is not None)
    if numbered >= 2 and any(nodes[i].open for i in group):
        open_slots = [i for i in group if nodes[i].parts is None and not nodes[i].exempt]
        if numbered > len(open_slots) and outline.reliable(group):
            _fill_gaps(outline, group)
    levels = outline.options.numbered_levels
    if levels and any(nodes[i].level in levels for i in group):
        _fill_configured(outline, group)


def _gate_child_inferences(nodes: list[Node], group: list[int]) -> None:
    """Keep a number inferred from subsections only where it fits among the siblings."""
    items = [i for i in group if nodes[i].parts is not None]
    values = [_last(nodes[i]) for i in items]
    increasing = all(b > a for a, b in itertools.pairwise(values))
    for position, i in enumerate(items):
        node = nodes[i]
        if node.inferred is not None and not increasing and values[position] != position + 1:
            node.inferred = None
            node.evidence = ""


def _last(node: Node) -> int:
    parts = node.parts
    assert parts is not None
    return parts[-1]


def _fill_gaps(outline: Outline, group: list[int]) -> None:
    """Number an unnumbered sibling that sits exactly in a gap of its siblings' numbers."""
    nodes = outline.nodes
    for position, i in enumerate(group):
        node = nodes[i]
        if not node.open:
            continue
        before = _neighbour(nodes, group, position, -1)
        after = _neighbour(nodes, group, position, 1)
        if after is None or nodes[after].parts is None:
            continue
        next_parts = nodes[after].parts
        assert next_parts is not None
        level = node.level
        if before is None and next_parts[-1] == 2:
            node.inferred = (*next_parts[:-1], 1)
            shown = outline.display(next_parts, level)
            node.evidence = f"the next section (line {nodes[after].heading.line}) is `{shown}`"
        elif before is not None and nodes[before].parts is not None:
            prev_parts = nodes[before].parts
            assert prev_parts is not None
            if next_parts[-1] == prev_parts[-1] + 2 and next_parts[:-1] == prev_parts[:-1]:
                node.inferred = (*prev_parts[:-1], prev_parts[-1] + 1)
                node.evidence = (
                    f"it sits between `{outline.display(prev_parts, level)}` "
                    f"(line {nodes[before].heading.line}) and "
                    f"`{outline.display(next_parts, level)}` (line {nodes[after].heading.line})"
                )


def _neighbour(nodes: list[Node], group: list[int], position: int, step: int) -> int | None:
    """The nearest sibling that is numbered (or inferred) or an open slot, skipping exempt."""
    position += step
    while 0 <= position < len(group):
        node = nodes[group[position]]
        if not node.exempt or node.parts is not None:
            return group[position]
        position += step
    return None


def _fill_configured(outline: Outline, group: list[int]) -> None:
    """At a level the configuration declares numbered, every non-exempt heading is."""
    nodes = outline.nodes
    levels = outline.options.numbered_levels
    level = nodes[group[0]].level
    prefix: tuple[int, ...] = ()
    sample = next((nodes[i].parts for i in group if nodes[i].parts is not None), None)
    parent = nodes[group[0]].parent
    if sample is not None:
        prefix = sample[:-1]
    elif level > min(levels) and parent is not None:
        prefix = nodes[parent].parts or ()
    previous = 0
    for i in group:
        node = nodes[i]
        if node.parts is not None:
            previous = _last(node)
            continue
        if not node.open or node.level not in levels:
            continue
        previous += 1
        node.inferred = (*prefix, previous)
        node.evidence = f"H{node.level} sections are numbered (numbered-levels)"
