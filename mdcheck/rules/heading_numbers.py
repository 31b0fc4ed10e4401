"""Section-numbering rules (HD003–HD006), read from the numbered outline.

All fixes here are unsafe: a heading's text (and so its anchor) changes. Edits touch only
the number prefix of a heading, written in the document's own style.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from mdcheck.article.numbering import format_number
from mdcheck.article.outline_model import Node, Outline
from mdcheck.article.outline_shapes import (
    BACK,
    COPY,
    REPEAT,
    RESTART,
    START,
    Misplaced,
    SequenceIssue,
    outline_shapes,
)
from mdcheck.diagnostic import Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.rules.heading_base import UNSAFE_HINT as _UNSAFE
from mdcheck.rules.heading_base import OutlineRule


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
        skipped: frozenset[int] = frozenset()
        if any(node.inferred is not None for node in outline.nodes):
            skipped = outline_shapes(doc, self._outline_options).skipped
        for index, node in enumerate(outline.nodes):
            if node.inferred is None or index in skipped:
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
    """Numbered sibling sections skip a number, repeat one, go back, or do not start at 1.

    **Why.** Readers navigate by section numbers; a gap suggests a missing section, a
    repeat makes references ambiguous. Generated articles lose or duplicate sections when
    they are edited.

    **When.** Among sibling headings (the subsections of one parent) that are numbered, each
    number must be the previous one plus one, starting at 1 (or at 0 when the first one is
    ``0``). Each counter is its own sequence: plain numbers, ``第…部分`` and ``第…章``,
    ``Part …`` and ``Chapter …``, ``Step …`` (a labelled sequence may start anywhere:
    ``Day 5``). A group may also continue the previous group's numbers (``### 国际新闻`` with
    ``#### 1.``–``#### 5.``, then ``### 国内新闻`` with ``#### 6.``). Unnumbered and exempt
    siblings are skipped; a section HD003 would number counts with its expected number, and
    a section whose heading is missing or one level too deep (HD005) counts where its
    number says. When the outline starts again at 1 and repeats the numbers before it (a
    block pasted twice, every section again in English), one finding marks the start of the
    repeated block, and the copy's numbers are not checked. A group with fewer than two
    numbered headings is not checked (unless its level is in ``numbered-levels``), nor are
    release-number headings (``## 1.2.0 - 2024-01-01``) or lists that count down.

    **Example.** ``### 1.1``, ``### 1.2``, ``### 1.4``, ``### 1.5``: ``1.4`` follows ``1.2``.

    **Fix (unsafe).** Only when it is certain and local: when renumbering this one heading
    makes its whole sequence right (``1, 2, 2, 4``: the second ``2`` becomes ``3``) and its
    own subsections do not carry its written number. A gap that the following numbers
    continue (``1, 2, 4, 5``: a section missing, or the rest off by one) is reported
    without a fix: nothing later is shifted to absorb one error.

    **Options.** Those of HD003.
    """

    code = "HD004"
    name = "heading-number-sequence"
    summary = "Gap, repeat or wrong start among numbered sibling sections"

    def check_outline(self, doc: Document, outline: Outline) -> Iterator[Diagnostic]:
        shapes = outline_shapes(doc, self._outline_options)
        nodes = outline.nodes
        for issue in shapes.issues:
            node = nodes[issue.node]
            span = self.heading_span(doc, outline, node)
            if issue.kind == COPY:
                yield self.report(doc, span, _copy_message(outline, issue))
                continue
            if node.number is None:
                continue  # an inferred number out of line is HD003's to explain
            text = outline.format(issue.expected, node.level, node).strip()
            previous = nodes[issue.previous] if issue.previous is not None else None
            message = f"{_relation(outline, issue.kind, node, previous)}; expected `{text}`"
            if issue.fixable:
                edit = self.renumber(doc, outline, node, issue.expected)
                yield self.unsafe(
                    doc, span, f"{message} {_UNSAFE}", [edit], f"renumber to `{text}`"
                )
            else:
                yield self.report(doc, span, f"{message} {_NOT_LOCAL}")


_NOT_LOCAL = "(no automatic fix: renumbering this heading alone would not mend the sequence)"


def _copy_message(outline: Outline, issue: SequenceIssue) -> str:
    nodes = outline.nodes
    node = nodes[issue.node]
    assert issue.copied_from is not None and issue.copy_end is not None
    first, end = nodes[issue.copied_from], nodes[issue.copy_end]
    shown = _written(outline, node)
    return (
        f"the numbering starts again at `{shown}`: the headings from here to line "
        f"{end.heading.line} repeat the outline from line {first.heading.line}; a block "
        "pasted twice? remove the copy or give it its own parent heading"
    )


def _relation(outline: Outline, kind: str, node: Node, previous: Node | None) -> str:
    shown = f"section number `{node.prefix.strip()}`"
    if previous is None or kind == START:
        return f"{shown} starts the sequence at {_last(node)}"
    before = f"`{_written(outline, previous)}` (line {previous.heading.line})"
    if kind == REPEAT:
        return f"{shown} repeats the number of {before}"
    if kind == BACK:
        return f"{shown} goes back after {before}"
    if kind == RESTART:
        return f"{shown} starts the numbering again after {before}"
    return f"{shown} follows {before}"


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
        shapes = outline_shapes(doc, self._outline_options)
        for group, depth in zip(outline.groups, outline.usual_depths, strict=True):
            if not outline.reliable(group):
                continue
            first = nodes[group[0]]
            parent = nodes[first.parent] if first.parent is not None else None
            for index in group:
                if index in shapes.misplaced:
                    yield self._misplaced(doc, outline, shapes.misplaced[index])
            if parent is not None and parent.parts is not None:
                numbered = [
                    i for i in group if nodes[i].number is not None and i not in shapes.skipped
                ]
                used: set[tuple[int, ...] | None] | None = {nodes[i].parts for i in numbered}
                if shapes.troubled(parent.parent):
                    used = None  # the parent's own number is in doubt: no certain fix
                for position, index in enumerate(numbered, start=1):
                    node = nodes[index]
                    if len(numbered) < 2 and _last(node) != position:
                        continue  # a lone "### 3.5 Sonnet" is a name, not a misplaced 3.5
                    issue = shapes.by_node.get(first.parent) if first.parent is not None else None
                    if issue is not None and node.parts and node.parts[:-1] == issue.expected:
                        continue  # the parent's number is the odd one (HD004), not this one
                    own = shapes.by_node.get(index)
                    if own is not None and own.fixable and own.expected[:-1] == parent.parts:
                        continue  # HD004's fix gives it the right parent too
                    finding = self._under(doc, outline, node, parent, used)
                    if finding is not None:
                        yield finding
            else:
                kept = [i for i in group if i not in shapes.skipped]
                yield from self._off_depth(doc, outline, kept, depth)

    def _misplaced(self, doc: Document, outline: Outline, run: Misplaced) -> Diagnostic:
        nodes = outline.nodes
        node, last, parent = nodes[run.first], nodes[run.last], nodes[run.parent]
        several = run.last != run.first
        shown = f"`{node.prefix.strip()}`"
        if several:
            shown = f"`{node.prefix.strip()}`–`{last.prefix.strip()}`"
        where = f"`{_written(outline, parent)}` (line {parent.heading.line})"
        sections, sit, its = (
            ("sections", "sit", "their numbers say")
            if several
            else ("section", "sits", "its number says")
        )
        if run.missing:
            assert node.parts is not None
            section = outline.display(node.parts[:-1], parent.level)
            marks = "#" * parent.level
            message = (
                f"{sections} {shown} {sit} under {where}, but {its} section `{section}`, "
                f"whose heading is missing; add a `{marks} {section}` heading before line "
                f"{node.heading.line}, or renumber {shown}"
            )
        else:
            are, like, make = ("are", "their", "them") if several else ("is", "its", "it")
            kinds = f"H{node.level}s" if several else f"an H{node.level}"
            target = f"H{parent.level}s" if several else f"an H{parent.level}"
            message = (
                f"{sections} {shown} {are} {kinds} but numbered like {like} sibling {where}, "
                f"an H{parent.level}; make {make} {target}"
            )
        return self.report(doc, self.number_span(doc, outline, node), message)

    def _under(
        self,
        doc: Document,
        outline: Outline,
        node: Node,
        parent: Node,
        used: set[tuple[int, ...] | None] | None,
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
        message = f"section number {shown} does not belong under {where}; expected `{text}`"
        if used is None or want in used:  # a doubtful parent, or a repeated number
            return self.report(doc, self.number_span(doc, outline, node), message)
        return self.unsafe(
            doc,
            self.number_span(doc, outline, node),
            f"{message} {_UNSAFE}",
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
    numbers have the same number of parts and count the same thing (``第一部分`` and
    ``第1章`` are two counters, never compared), the style (Arabic, Chinese, parenthesised,
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
        buckets: dict[tuple[int, int, str], list[Node]] = {}
        skipped = outline_shapes(doc, self._outline_options).skipped
        for group, depth in zip(outline.groups, outline.usual_depths, strict=True):
            for i in group:
                node = outline.nodes[i]
                number = node.number
                if number is not None and number.depth == depth and i not in skipped:
                    buckets.setdefault((node.level, depth, number.counter), []).append(node)
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
