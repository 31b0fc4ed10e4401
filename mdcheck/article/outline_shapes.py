"""The causes behind a numbered outline's odd numbers, found once for HD004–HD006.

A number that does not follow its sibling has one of a few causes, and each is named at
the one heading where it starts:

- a *missing parent*: ``## 1.``, ``### 1.1``, ``### 1.2``, ``### 2.1``, ``### 2.2``, ``## 3.``
  (no ``## 2.`` heading): 2.1–2.2 sit under section 1, and section 2 is not a gap;
- a *heading at the wrong level*: ``### 1.1`` then ``#### 1.2``, whose number says sibling
  while its level says child;
- a *repeated block*: the outline starts again at 1 and repeats the numbers before it (the
  article pasted twice, every section again in English); the copy's numbers are not read;
- a numbering *continued across parents* (``### 国际新闻`` with ``#### 1.``–``#### 5.``, then
  ``### 国内新闻`` with ``#### 6.``…): a style, so the later group may start where the
  previous one ended;
- otherwise a gap, a repeat, a step back or a wrong start among siblings, counted per
  counter: ``第一部分`` and ``第1章`` at one level are two sequences.

A renumbering fix is offered only when it is certain and local: the one heading whose
number disagrees with every other sibling of its sequence, whose own subsections do not
agree with its written number.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

from mdcheck.article.numbered_outline import build_outline
from mdcheck.article.outline_model import Node, Outline, OutlineOptions
from mdcheck.markdown.document import Document

GAP, REPEAT, BACK, START, RESTART, COPY = "gap", "repeat", "back", "start", "restart", "copy"


class Misplaced(NamedTuple):
    """A run of numbered headings whose numbers belong elsewhere in the outline."""

    first: int  # node index of the run's first heading
    last: int  # node index of its last heading
    parent: int  # the heading they sit under
    missing: bool  # True: their own parent heading is missing; False: they are one level deep


class SequenceIssue(NamedTuple):
    """A heading whose number does not follow its sibling."""

    kind: str  # GAP, REPEAT, BACK, START, RESTART or COPY
    node: int
    previous: int | None  # the sibling it follows (node index), None at the start
    expected: tuple[int, ...]
    fixable: bool  # renumbering this heading alone makes its sequence whole
    copied_from: int | None = None  # COPY: the first heading of the block it repeats
    copy_end: int | None = None  # COPY: the last heading of the repeated block


class Shapes(NamedTuple):
    outline: Outline
    misplaced: dict[int, Misplaced]  # by the run's first node
    skipped: frozenset[int]  # nodes the sequence, parent and style checks leave alone
    issues: list[SequenceIssue]
    by_node: dict[int, SequenceIssue]
    troubled_groups: frozenset[int | None]  # parents (None: top) of groups with an issue

    def troubled(self, parent: int | None) -> bool:
        """True when the group under ``parent`` has a sequence issue."""
        return parent in self.troubled_groups


def outline_shapes(doc: Document, options: OutlineOptions) -> Shapes:
    """The shapes of ``doc``'s numbered outline, shared by HD003–HD006 (read-only)."""
    return doc.memo(("outline_shapes", options), lambda: _shapes(build_outline(doc, options)))


def _shapes(outline: Outline) -> Shapes:
    nodes = outline.nodes
    misplaced: dict[int, Misplaced] = {}
    skipped: set[int] = set()
    phantoms: dict[int, list[int]] = {}  # node -> sibling numbers that stand after it
    facts: dict[int | None, _Facts] = {}
    for group in outline.groups:
        parent = nodes[group[0]].parent
        if parent is not None and nodes[parent].parts is not None:
            _find_misplaced(outline, group, parent, misplaced, skipped, phantoms, facts)
    issues: list[SequenceIssue] = []
    last_of: dict[tuple[int, str], int] = {}  # (level, counter) -> last one-part value seen
    for group, depth in zip(outline.groups, outline.usual_depths, strict=True):
        if not outline.reliable(group):
            continue
        for counter in _counters(nodes, group, skipped):
            entries = _entries(outline, group, depth, counter, skipped, phantoms)
            _check_sequence(outline, group, counter, entries, last_of, skipped, issues)
    by_node = {issue.node: issue for issue in issues}
    troubled = frozenset(nodes[issue.node].parent for issue in issues)
    return Shapes(outline, misplaced, frozenset(skipped), issues, by_node, troubled)


def _counters(nodes: list[Node], group: list[int], skipped: set[int]) -> list[str]:
    seen: dict[str, None] = {}
    for i in group:
        if nodes[i].parts is not None and i not in skipped:
            seen.setdefault(nodes[i].counter)
    return list(seen)


def _find_misplaced(  # noqa: PLR0917  (one pass, filling the three records)
    outline: Outline,
    group: list[int],
    parent: int,
    misplaced: dict[int, Misplaced],
    skipped: set[int],
    phantoms: dict[int, list[int]],
    facts: dict[int | None, _Facts],
) -> None:
    """Subsections numbered for a section whose heading is missing, or for their parent's
    own sibling (a heading one level too deep)."""
    nodes = outline.nodes
    parent_node = nodes[parent]
    pp = parent_node.parts
    assert pp is not None
    written, following = _sibling_facts(outline, parent_node.parent, facts)
    numbered = [i for i in group if nodes[i].number is not None]
    # A heading one level too deep: `### 1.1` then `#### 1.2`, `#### 1.3` (then `### 1.4`).
    run: list[int] = []
    for i in numbered:
        parts = nodes[i].parts
        assert parts is not None
        want = (*pp[:-1], pp[-1] + len(run) + 1)
        if parts != want or parts in written or nodes[i].counter != parent_node.counter:
            break
        run.append(i)
    after = following.get(parent)
    fits = after is None or (nodes[after].parts or (0,))[-1] == pp[-1] + len(run) + 1
    if run and fits:  # the parent's next numbered sibling, if any, comes right after
        values = [pp[-1] + k for k in range(1, len(run) + 1)]
        _record(misplaced, skipped, phantoms, run, parent, values, missing=False)
        return
    # A missing parent: `## 1.` with `### 1.1`, `### 1.2`, then `### 2.1`, `### 2.2`.
    current = pp
    position = 0
    while position < len(numbered):
        parts = nodes[numbered[position]].parts
        assert parts is not None
        prefix = parts[:-1]
        if len(parts) != len(pp) + 1 or prefix == current:
            position += 1
            continue
        follows = prefix[:-1] == pp[:-1] and prefix[-1] == current[-1] + 1
        if not follows or parts[-1] != 1 or prefix in written:
            return  # a wrong parent, reported heading by heading
        end = position
        while end + 1 < len(numbered) and _prefix(nodes[numbered[end + 1]]) == prefix:
            end += 1
        run = numbered[position : end + 1]
        _record(misplaced, skipped, phantoms, run, parent, [prefix[-1]], missing=True)
        current = prefix
        position = end + 1


def _prefix(node: Node) -> tuple[int, ...] | None:
    parts = node.parts
    return parts[:-1] if parts is not None else None


def _sibling_facts(outline: Outline, key: int | None, facts: dict[int | None, _Facts]) -> _Facts:
    """The numbers a group holds and each member's next numbered sibling, worked out once
    per group (many subsection groups share one group of parents)."""
    found = facts.get(key)
    if found is None:
        nodes = outline.nodes
        numbered = [i for i in outline.group_of[key] if nodes[i].parts is not None]
        following = dict(itertools.pairwise(numbered))
        found = facts[key] = ({nodes[i].parts for i in numbered}, following)
    return found


_Facts = tuple[set[tuple[int, ...] | None], dict[int, int]]


def _record(  # noqa: PLR0917  (the three records of one run)
    misplaced: dict[int, Misplaced],
    skipped: set[int],
    phantoms: dict[int, list[int]],
    run: list[int],
    parent: int,
    values: list[int],
    *,
    missing: bool,
) -> None:
    """Note the run, leave it out of the checks, and let the parent's sequence count the
    numbers it stands for (so `## 3.` after a missing `## 2.` is no gap)."""
    misplaced[run[0]] = Misplaced(run[0], run[-1], parent, missing)
    skipped.update(run)
    phantoms.setdefault(parent, []).extend(values)


class _Entry(NamedTuple):
    value: int
    node: int | None  # None: a number that stands for a missing or mis-levelled heading


def _entries(  # noqa: PLR0917  (the group and what is known about it)
    outline: Outline,
    group: list[int],
    depth: int | None,
    counter: str,
    skipped: set[int],
    phantoms: dict[int, list[int]],
) -> list[_Entry]:
    nodes = outline.nodes
    entries: list[_Entry] = []
    for i in group:
        node = nodes[i]
        parts = node.parts
        if parts is None or i in skipped or node.counter != counter:
            continue
        if depth is not None and len(parts) != depth and not counter:
            continue
        entries.append(_Entry(parts[-1], i))
        entries.extend(_Entry(value, None) for value in phantoms.get(i, ()))
    return entries


def _check_sequence(  # noqa: PLR0917  (one sequence of one group)
    outline: Outline,
    group: list[int],
    counter: str,
    entries: list[_Entry],
    last_of: dict[tuple[int, str], int],
    skipped: set[int],
    issues: list[SequenceIssue],
) -> None:
    nodes = outline.nodes
    real = [e.node for e in entries if e.node is not None]
    if not real:
        return
    level = nodes[group[0]].level
    one_part = all(len(nodes[i].parts or ()) == 1 for i in real)
    key = (level, counter)
    before = last_of.get(key)
    values = [e.value for e in entries]
    if one_part:
        last_of[key] = values[-1]
    written = sum(1 for i in real if nodes[i].number is not None)
    configured = level in outline.options.numbered_levels
    if written < 2 and not (written and configured):
        return
    if counter:
        start = values[0]  # `Part 2`, `Day 5`, `第3章`: a label may start anywhere
    elif values[0] == 0:
        start = 0
    elif one_part and before is not None and values[0] == before + 1:
        start = values[0]  # continued from the previous group: `#### 6.` under a new `###`
    else:
        start = 1
    if values == list(range(start, start + len(values))):
        return  # the usual case
    run = 0  # where the current run of numbers began
    repairs: dict[int, tuple[int, int] | None] = {}
    for position, entry in enumerate(entries):
        value = values[position]
        if position == run and value == start:
            continue
        if position > run and value in (values[position - 1] + 1, start + position - run):
            continue  # follows its sibling, or the sibling before it was the odd one
        if entry.node is None:
            continue
        if position > run and value == start and values[position - 1] >= start:
            copy = _copy(outline, group, entries, run, position)
            if copy is not None:
                issues.append(copy)
                skipped.update(_copy_nodes(outline, copy))
                run = position
                continue
        if run not in repairs:  # once per run: a long broken run stays linear
            repairs[run] = _only_repair(values[run:], None if counter else start)
        issue = _issue(outline, entries, values, run, position, start, repairs[run])
        issues.append(issue)
        if issue.kind == RESTART:
            run = position


def _issue(  # noqa: PLR0917
    outline: Outline,
    entries: list[_Entry],
    values: list[int],
    run: int,
    position: int,
    start: int,
    repair: tuple[int, int] | None,
) -> SequenceIssue:
    nodes = outline.nodes
    index = entries[position].node
    assert index is not None
    node = nodes[index]
    parts = node.parts
    assert parts is not None
    value = values[position]
    previous = _previous_heading(entries, position)
    want = start if position == run else values[position - 1] + 1
    fixable = (
        node.number is not None
        and repair is not None
        and repair[0] == position - run
        and not _children_agree(outline, node)
    )
    if fixable:
        assert repair is not None
        want = repair[1]
    if position == run:
        kind = START
    elif fixable or value != start:
        last = values[position - 1]
        kind = REPEAT if value == last else (BACK if value < last else GAP)
    else:
        kind = RESTART
    prefix = parts[:-1]
    parent = node.parent
    parent_parts = outline.nodes[parent].parts if parent is not None else None
    if parent_parts is not None and len(parts) == len(parent_parts) + 1:
        prefix = parent_parts  # `### 1.2` as the first under `## 二、` should be `2.1`
    return SequenceIssue(kind, index, previous, (*prefix, want), fixable)


def _only_repair(values: list[int], start: int | None) -> tuple[int, int] | None:
    """(position, value) of the one change that makes ``values`` a run ``s, s+1, …``, or
    None when there is no such change or more than one (``2, 2`` under a label that may
    start anywhere: ``1, 2`` or ``2, 3``). ``start`` None: the run may start anywhere."""
    if start is not None:
        candidates = {start}
    else:
        candidates = {values[0]} | ({values[1] - 1} if len(values) > 1 else set())
    repairs = set()
    for first in candidates:
        wrong: list[int] = []
        for i, value in enumerate(values):
            if value != first + i:
                wrong.append(i)
                if len(wrong) > 1:
                    break  # two changes needed: stop early, a long broken run stays linear
        if len(wrong) == 1:
            repairs.add((wrong[0], first + wrong[0]))
    return repairs.pop() if len(repairs) == 1 else None


def _children_agree(outline: Outline, node: Node) -> bool:
    """True when a numbered subsection carries ``node``'s written number (``### 5.1`` under
    ``## 5.``): the number may be right and its siblings wrong, so no fix is certain."""
    parts = node.parts
    assert parts is not None
    for child in node.children:
        child_parts = outline.nodes[child].parts
        if child_parts is not None and child_parts[: len(parts)] == parts:
            return len(child_parts) > len(parts)
    return False


def _previous_heading(entries: list[_Entry], position: int) -> int | None:
    """The nearest real heading before ``position`` (phantom numbers are skipped)."""
    for back in range(position - 1, -1, -1):
        node = entries[back].node
        if node is not None:
            return node
    return None


def _copy(
    outline: Outline, group: list[int], entries: list[_Entry], run: int, position: int
) -> SequenceIssue | None:
    """A COPY issue when the numbers from ``position`` on repeat those of the run before.

    The two blocks are walked side by side and the walk stops at the first difference or
    at the end of the earlier block, so the cost is bounded by the run, not the document.
    """
    nodes = outline.nodes
    first, again = entries[run].node, entries[position].node
    assert first is not None and again is not None
    level = nodes[group[0]].level
    a, b = first, again
    shared = 0
    last = again
    while a < again and b < len(nodes) and (b == again or nodes[b].level >= level):
        while a < again and nodes[a].parts is None:
            a += 1
        while b < len(nodes) and nodes[b].parts is None and nodes[b].level >= level:
            b += 1
        if a >= again or b >= len(nodes) or nodes[b].level < level:
            break
        if (nodes[a].level, nodes[a].parts) != (nodes[b].level, nodes[b].parts):
            break
        shared += 1
        last = b
        a += 1
        b += 1
    if shared < 2:
        return None
    previous = _previous_heading(entries, position)
    parts = nodes[again].parts
    assert parts is not None
    return SequenceIssue(COPY, again, previous, parts, False, first, last)


def _copy_nodes(outline: Outline, issue: SequenceIssue) -> range:
    """The headings of a repeated block: from its start to its last repeated heading and
    that heading's subsections."""
    nodes = outline.nodes
    assert issue.copy_end is not None
    end = issue.copy_end + 1
    while end < len(nodes) and nodes[end].level > nodes[issue.copy_end].level:
        end += 1
    return range(issue.node, end)
