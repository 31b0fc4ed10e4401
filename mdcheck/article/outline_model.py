"""The numbered outline's data: its nodes (one per heading), sibling groups and options.

:mod:`mdcheck.article.numbered_outline` builds it and :mod:`mdcheck.article.outline_inference`
settles its numbers; the heading rules (HD003–HD006) read it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any, NamedTuple

from mdcheck.article.numbering import HeadingNumber, format_number, parse_heading_number
from mdcheck.markdown.document import Document, Heading
from mdcheck.markdown.sections import DEFAULT_EXEMPT
from mdcheck.util.cachedattr import cached_property

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
    def counter(self) -> str:
        """What the number counts: ``""`` for a plain (or inferred) number, else the label
        word or chapter unit (``step``, ``章``)."""
        return self.number.counter if self.number is not None else ""

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
        return templates_of(self.nodes)

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
    def group_of(self) -> dict[int | None, list[int]]:
        """Parent node (None at the top) -> the group of its children."""
        return {self.nodes[group[0]].parent: group for group in self.groups}

    @cached_property
    def usual_depths(self) -> list[int | None]:
        """For each group, the number depth most of its numbered headings use (the first
        one's on a tie), None when none is numbered. Read by HD004-HD006."""
        return [usual_depth(self.nodes, group) for group in self.groups]

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


def usual_depth(nodes: list[Node], group: list[int]) -> int | None:
    depths = [number.depth for i in group if (number := nodes[i].number) is not None]
    if not depths:
        return None
    if depths.count(depths[0]) == len(depths):
        return depths[0]  # the usual case: all alike, no need to count
    counts = Counter(depths)
    return max(counts, key=lambda depth: (counts[depth], -depths.index(depth)))


def templates_of(nodes: list[Node]) -> dict[tuple[int, int], int]:
    """The style models: plain numbers first, a label (``Step 1``) only where a level has
    no plain number."""
    templates: dict[tuple[int, int], int] = {}
    plain = [i for i, node in enumerate(nodes) if node.number and not node.number.counter]
    labelled = [i for i, node in enumerate(nodes) if node.number and node.number.counter]
    for index in plain + labelled:
        node = nodes[index]
        number = node.number
        if number is not None:
            level = node.heading.level
            templates.setdefault((level, number.depth), index)
            templates.setdefault((level, 0), index)
    return templates
