"""Which numbers of the outline to trust, and which to infer for unnumbered headings.

Numbers are *trusted* only when they read as section numbers in context: release numbers
(``1.2.0 - 2024-01-01``) and groups that count down (changelogs) are ignored, and a bare
``3 Ways to …`` counts only when its siblings continue the same sequence. Unnumbered
headings get an *inferred* number only on strong evidence: numbered subsections that agree
(``1.1``–``1.3`` under it), an exact gap among numbered siblings, or a level the
configuration declares numbered.
"""

from __future__ import annotations

import itertools

from mdcheck.article.numbering import HeadingNumber
from mdcheck.article.outline_model import Node, Outline


def trust(nodes: list[Node], group: list[int]) -> None:
    """Drop numbers that do not read as section numbers among these siblings. Each counter
    (plain numbers, ``第…部分``, ``第…章``, ``Step …``) is read on its own."""
    numbered = [(i, number) for i in group if (number := nodes[i].number) is not None]
    if not numbered:
        return
    counters = {number.counter for _, number in numbered}
    if len(counters) == 1:
        _trust_counter(nodes, group, numbered)
        return
    for counter in sorted(counters):
        own = [(i, number) for i, number in numbered if number.counter == counter]
        _trust_counter(nodes, group, own)


def _trust_counter(
    nodes: list[Node], group: list[int], numbered: list[tuple[int, HeadingNumber]]
) -> None:
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


def infer_from_children(nodes: list[Node], index: int, siblings: list[int]) -> bool:
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


def infer_lone_children(nodes: list[Node], group: list[int]) -> None:
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


def settle_group(outline: Outline, group: list[int]) -> None:
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
        if nodes[after].counter or (before is not None and nodes[before].counter):
            continue  # a gap among `Step 1`, `Step 3` is not filled with a plain `2.`
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
