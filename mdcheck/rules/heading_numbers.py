"""Section-numbering rules (HD003–HD006), read from the numbered outline.

All fixes here are unsafe: a heading's text (and so its anchor) changes. Edits touch only
the number prefix of a heading, written in the document's own style.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from mdcheck.article.numbering import format_number
from mdcheck.article.outline_model import Node, Outline
from mdcheck.diagnostic import Diagnostic, Edit
from mdcheck.markdown.document import Document
from mdcheck.rules.heading_base import UNSAFE_HINT as _UNSAFE
from mdcheck.rules.heading_base import OutlineRule


def _numbered_items(outline: Outline, group: list[int], depth: int | None) -> list[Node]:
    """The group's headings that carry a number (written or inferred) of the usual depth."""
    items = []
    for i in group:
        node = outline.nodes[i]
        parts = node.parts
        if parts is not None and (depth is None or len(parts) == depth):
            items.append(node)
    return items


class HeadingNumberMissing(OutlineRule):
    """A section is unnumbered where its subsections or siblings show it should be.

    **Why.** Trend articles number their sections (``## 1.``, ``## 一、``) and refer to
    them by number; generated text often drops a parent's number while keeping the
    children's, so ``### 1.1``–``### 1.3`` hang under an unnumbered ``## 生成式 AI``.

    **When.** Only on strong evidence, so unnumbered blogs, READMEs and changelogs are never
    reported: the numbered subsections agree on the parent's number (``1.1``–``1.3`` imply
    ``1.``), or the section sits exactly in a gap of its numbered siblings (between ``2.``
    and ``4.``), or the level is listed in ``numbered-levels``. Exempt sections (结语,
    参考文献, Conclusion, References, FAQ, … see ``exempt``) never need a number.

    **Example.** ``## 生成式 AI：从文本到多模态生成`` whose subsections are ``### 1.1 …``,
    ``### 1.2 …``: expected ``1.``.

    **Fix (unsafe: the heading text and its anchor change).** Insert the number in the
    style of the other numbered headings at that level (``1.``, ``一、``, ``（一）``…;
    ``1.`` when there are none), giving ``## 1. 生成式 AI：从文本到多模态生成``.

    **Options** (shared by HD003–HD006; top-level shorthands in brackets): ``exempt``
    [``heading-exempt``], ``extend-exempt`` [``heading-extend-exempt``],
    ``numbered-levels`` [``numbered-levels``], ``roman`` [``heading-roman-numerals``].
    """

    code = "HD003"
    name = "heading-number-missing"
    summary = "Section not numbered where its subsections or siblings are"

    def check_outline(self, doc: Document, outline: Outline) -> Iterator[Diagnostic]:
        for node in outline.nodes:
            if node.inferred is None:
                continue
            prefix = outline.format(node.inferred, node.level)
            line = node.heading.line
            span = doc.line_span(line, node.text_col + 1)
            yield self.unsafe(
                doc,
                span,
                f"section is not numbered; expected `{prefix.strip()}`, {node.evidence} {_UNSAFE}",
                [self.prefix_edit(doc, outline, node, prefix)],
                f"number the section `{prefix.strip()}`",
            )


class HeadingNumberSequence(OutlineRule):
    """Numbered sibling sections skip a number, repeat one, or do not start at 1.

    **Why.** Readers navigate by section numbers; a gap suggests a missing section, a
    repeat makes references ambiguous. Generated articles lose or duplicate sections when
    they are edited.

    **When.** Among sibling headings (the subsections of one parent) that are numbered, each
    number must be the previous one plus one, starting at 1 (or at 0 when the first one is
    ``0``). Unnumbered and exempt siblings are skipped; a section HD003 would number counts
    with its expected number. A group with fewer than two numbered headings is not checked
    (unless its level is in ``numbered-levels``), nor are release-number headings
    (``## 1.2.0 - 2024-01-01``) or lists that count down.

    **Example.** ``## 1.``, ``## 2.``, ``## 4.``: ``4.`` skips ``3.``.

    **Fix (unsafe).** Renumber this section and the following siblings from the expected
    number on, in their own style; subsection prefixes follow via HD005.

    **Options.** Those of HD003.
    """

    code = "HD004"
    name = "heading-number-sequence"
    summary = "Gap, repeat or wrong start among numbered sibling sections"

    def check_outline(self, doc: Document, outline: Outline) -> Iterator[Diagnostic]:
        configured = outline.options.numbered_levels
        for group, depth in zip(outline.groups, outline.usual_depths, strict=True):
            written = sum(1 for i in group if outline.nodes[i].number is not None)
            if written < 2 and not (
                written and any(outline.nodes[i].level in configured for i in group)
            ):
                continue
            if not outline.reliable(group):
                continue
            parent = outline.nodes[group[0]].parent
            prefix = outline.nodes[parent].parts if parent is not None else None
            items = _numbered_items(outline, group, depth)
            yield from self._check_items(doc, outline, items, prefix)

    def _check_items(
        self, doc: Document, outline: Outline, items: list[Node], prefix: tuple[int, ...] | None
    ) -> Iterator[Diagnostic]:
        """Report a number that neither follows its predecessor nor matches its position.

        So ``1, 2, 4, 5`` is reported once (at ``4``), and the fix renumbers the rest.
        """
        values = [_last(node) for node in items]
        start = 0 if values and values[0] == 0 else 1
        if values == list(range(start, start + len(values))):
            return  # the usual case: 1, 2, 3, … leaves nothing to report
        for position, node in enumerate(items):
            value = values[position]
            previous = items[position - 1] if position else None
            follows = previous is not None and value == values[position - 1] + 1
            if node.number is None or follows or value == start + position:
                continue
            edits: list[Edit | None] = []
            for offset, later in enumerate(items[position:]):
                want = _expected(later, start + position + offset, prefix)
                if later.number is not None and later.parts != want:
                    edits.append(self.renumber(doc, outline, later, want))
            want = _expected(node, start + position, prefix)
            text = outline.format(want, node.level, node).strip()
            yield self.unsafe(
                doc,
                self.number_span(doc, outline, node),
                f"{_relation(outline, node, previous)}; expected `{text}` {_UNSAFE}",
                edits,
                f"renumber from `{text}`",
            )


def _expected(node: Node, value: int, prefix: tuple[int, ...] | None) -> tuple[int, ...]:
    """``node``'s number with last part ``value``, under the parent's number if it has one."""
    parts = node.parts
    assert parts is not None
    if prefix is not None and len(parts) == len(prefix) + 1:
        return (*prefix, value)
    return (*parts[:-1], value)


def _relation(outline: Outline, node: Node, previous: Node | None) -> str:
    shown = f"section number `{node.prefix.strip()}`"
    value = _last(node)
    if previous is None:
        return f"{shown} starts the sequence at {value}"
    before = f"`{_written(outline, previous)}` (line {previous.heading.line})"
    last = _last(previous)
    if value == last:
        return f"{shown} repeats the number of {before}"
    if value < last:
        return f"{shown} goes back after {before}"
    return f"{shown} leaves a gap after {before}"


def _last(node: Node) -> int:
    parts = node.parts
    assert parts is not None
    return parts[-1]


def _written(outline: Outline, node: Node) -> str:
    if node.number is not None:
        return node.prefix.strip()
    assert node.inferred is not None
    return outline.display(node.inferred, node.level)


class HeadingNumberParent(OutlineRule):
    """A subsection's number does not belong to its parent, or has the wrong depth.

    **Why.** ``### 1.2`` under ``## 2.`` tells the reader the subsection belongs to
    section 1; it was usually copied or moved without renumbering.

    **When.** A multi-part number (``2.1``, ``1.1.1``) under a numbered (or HD003-inferred)
    parent must be the parent's number plus one part. Chinese and Arabic numbers compare by
    value, so ``### 2.1`` under ``## 二、`` is right, and one-part numbers that restart
    under each parent (``## 一、`` then ``### 1.``) are fine. A lone numbered subsection is
    checked only when its last part is 1 (a lone ``### 3.5 Sonnet`` is a name). Among
    siblings whose parent
    has no number, a heading whose number has a different depth from most of its siblings
    (``## 2.1`` among ``## 1.``, ``## 2.``) is reported too.

    **Example.** ``## 2. AI 芯片`` followed by ``### 1.2 技术路线``: expected ``2.2``.

    **Fix (unsafe).** Replace the prefix with the parent's number, keeping the last part.
    A depth mismatch has no automatic fix (the heading level or the number may be wrong).

    **Options.** Those of HD003.
    """

    code = "HD005"
    name = "heading-number-parent"
    summary = "Subsection number does not match its parent section"

    def check_outline(self, doc: Document, outline: Outline) -> Iterator[Diagnostic]:
        nodes = outline.nodes
        for group, depth in zip(outline.groups, outline.usual_depths, strict=True):
            if not outline.reliable(group):
                continue
            first = nodes[group[0]]
            parent = nodes[first.parent] if first.parent is not None else None
            if parent is not None and parent.parts is not None:
                numbered = [nodes[i] for i in group if nodes[i].number is not None]
                for position, node in enumerate(numbered, start=1):
                    if len(numbered) < 2 and _last(node) != position:
                        continue  # a lone "### 3.5 Sonnet" is a name, not a misplaced 3.5
                    finding = self._under(doc, outline, node, parent)
                    if finding is not None:
                        yield finding
            else:
                yield from self._off_depth(doc, outline, group, depth)

    def _under(
        self, doc: Document, outline: Outline, node: Node, parent: Node
    ) -> Diagnostic | None:
        """The finding for ``node`` under ``parent``, if any. (A function, not a generator:
        asked of every numbered subsection, it most often finds nothing.)"""
        number = node.number
        if number is None or number.depth < 2 or parent.parts is None:
            return None
        if number.depth == len(parent.parts) + 1 and number.parts[:-1] == parent.parts:
            return None
        shown = f"`{node.prefix.strip()}`"
        where = f"`{_written(outline, parent)}` (line {parent.heading.line})"
        if parent.number is None:
            expected = _written(outline, parent)
            where = f"the unnumbered section on line {parent.heading.line} (expected `{expected}`)"
        if number.depth != len(parent.parts) + 1:
            return self.report(
                doc,
                self.number_span(doc, outline, node),
                f"section number {shown} has {number.depth} parts under {where}; "
                f"use a {len(parent.parts) + 1}-part number or change the heading level",
            )
        want = (*parent.parts, number.parts[-1])
        text = outline.format(want, node.level, node).strip()
        return self.unsafe(
            doc,
            self.number_span(doc, outline, node),
            f"section number {shown} does not belong under {where}; expected `{text}` {_UNSAFE}",
            [self.renumber(doc, outline, node, want)],
            f"renumber to `{text}`",
        )

    def _off_depth(
        self, doc: Document, outline: Outline, group: list[int], depth: int | None
    ) -> Iterator[Diagnostic]:
        numbered = [outline.nodes[i] for i in group if outline.nodes[i].number is not None]
        usual = [n for n in numbered if n.number is not None and n.number.depth == depth]
        if depth is None or len(usual) < 2 or len(usual) * 2 <= len(numbered):
            return
        for node in numbered:
            assert node.number is not None
            if node.number.depth != depth:
                yield self.report(
                    doc,
                    self.number_span(doc, outline, node),
                    f"section number `{node.prefix.strip()}` has {node.number.depth} parts "
                    f"while the other H{node.level} sections here have {depth} "
                    f"(`{usual[0].prefix.strip()}`, line {usual[0].heading.line}); "
                    "change the heading level or the number",
                )


class HeadingNumberStyle(OutlineRule):
    """Sections at one heading level are numbered in mixed styles or separators.

    **Why.** ``## 1.`` next to ``## 2、`` or ``## 三、`` looks careless and breaks tools
    that parse section numbers. Different styles at different levels are normal and fine
    (``## 一、`` with ``### 1.1``).

    **When.** Among the numbered headings of one level (anywhere in the document) whose
    numbers have the same number of parts, the style (Arabic, Chinese, parenthesised,
    第…章, Roman) and separator (``.``, ``、``, ``)``, none) used by most of them — or
    by the first, on a tie — is the level's style; the others are reported.

    **Example.** ``## 1. 背景``, ``## 2、现状``: ``2、`` should be ``2.``.

    **Fix (unsafe).** Rewrite the number prefix in the level's style, keeping its value.

    **Options.** Those of HD003.
    """

    code = "HD006"
    name = "heading-number-style"
    summary = "Mixed numbering styles or separators at one heading level"

    def check_outline(self, doc: Document, outline: Outline) -> Iterator[Diagnostic]:
        buckets: dict[tuple[int, int], list[Node]] = {}
        for group, depth in zip(outline.groups, outline.usual_depths, strict=True):
            for i in group:
                node = outline.nodes[i]
                if node.number is not None and node.number.depth == depth:
                    buckets.setdefault((node.level, depth), []).append(node)
        for bucket in buckets.values():
            markers = [node.number.marker for node in bucket if node.number is not None]
            if markers.count(markers[0]) == len(markers):
                continue  # the usual case: one style
            counts = Counter(markers)
            usual = max(counts, key=lambda m: (counts[m], -markers.index(m)))
            model = bucket[markers.index(usual)]
            assert model.number is not None
            for node in bucket:
                assert node.number is not None
                if node.number.marker == usual:
                    continue
                prefix = format_number(node.number.parts, model.number, model.prefix)
                yield self.unsafe(
                    doc,
                    self.number_span(doc, outline, node),
                    f"numbering style `{node.prefix.strip()}` differs from the H{node.level} "
                    f"style `{model.prefix.strip()}` (line {model.heading.line}); "
                    f"expected `{prefix.strip()}` {_UNSAFE}",
                    [self.prefix_edit(doc, outline, node, prefix)],
                    f"write the number as `{prefix.strip()}`",
                )
