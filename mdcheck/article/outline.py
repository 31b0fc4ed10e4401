"""Matching a document's outline against a profile.

Headings are compared by their title only: the number (``1.``, ``2.1``, ``二、``), inline
markup, case and surrounding punctuation are ignored, so an article matches whether or not
its numbering is right. Each heading at the profile's level is classified as one of the
profile's sections (by an accepted title first, then by a pattern); each heading one level
deeper under it as one of that section's subsections. The result is a list of
:class:`OutlineFinding` of four kinds (missing, order, unexpected, empty) that the ART rules
report.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from mdcheck.article.numbering import parse_heading_number
from mdcheck.article.profiles import Part, Profile, front_matter_values, title_count
from mdcheck.diagnostic import Span
from mdcheck.markdown.document import Document, Heading
from mdcheck.markdown.inline import normalize, strip_inline_markup

MISSING, ORDER, UNEXPECTED, EMPTY = "missing", "order", "unexpected", "empty"
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_BREAK_OR_COMMENT_STARTS = frozenset("-*_<")  # the first non-space character of either


# Numbers that only place a section (``1.``, ``第一章``) are not part of its title; a label
# that says what the section is (``Step 1``, ``第一步``, ``阶段二``) is.
_STRUCTURAL = frozenset(("", "章", "节", "部分", "篇", "条", "讲", "回", "卷"))


class OutlineFinding(NamedTuple):
    kind: str
    span: Span
    message: str


class Node(NamedTuple):
    """A heading of the outline, the profile part it matched (if any) and its children."""

    heading: Heading
    title: str
    part: int | None
    children: tuple[Node, ...] = ()


@functools.lru_cache(maxsize=4096)  # pure; the same titles recur across a series of articles
def heading_title(text: str) -> str:
    """A heading's title without its number and inline markup."""
    number = parse_heading_number(text)
    if (
        number is not None
        and number.title
        and (not number.bare or number.parts[0] < 100)
        and number.counter in _STRUCTURAL
    ):
        text = number.title
    return strip_inline_markup(text)


def classify(title: str, parts: Sequence[Part]) -> int | None:
    """The index of the part the title belongs to: an accepted title first, else the part
    whose pattern matches the longest text (so ``^结语`` beats a catch-all ``.``)."""
    key = normalize(title)
    if not key:
        return None
    for index, part in enumerate(parts):
        if key in part.title_keys:
            return index
    best: tuple[int, int] | None = None  # (match length, index): the longest match wins
    for index, part in enumerate(parts):
        match = part.pattern.search(key) if part.pattern is not None else None
        if match is not None and (best is None or len(match.group()) > best[0]):
            best = (len(match.group()), index)
    return best[1] if best is not None else None


@functools.lru_cache(maxsize=4096)  # pure; a series of articles repeats its titles
def _classify_in(profile: Profile, section: int | None, title: str) -> int | None:
    """:func:`classify` among the profile's sections (``section`` None) or among the
    subsections of one section; keyed by the profile, which hashes cheaply."""
    parts = profile.sections if section is None else profile.sections[section].subsections
    return classify(title, parts)


def build_outline(doc: Document, profile: Profile) -> list[Node]:
    """The headings at the profile's level, each with the highest headings inside it."""
    level = profile.level
    nodes: list[Node] = []
    headings = doc.headings
    for index, heading in enumerate(headings):
        if heading.level != level:
            continue
        title = heading_title(heading.text)
        part = _classify_in(profile, None, title)
        children: list[Node] = []
        inside: list[Heading] = []
        for position in range(index + 1, len(headings)):  # islice would walk from 0: n²
            child = headings[position]
            if child.level <= level:
                break
            inside.append(child)
        # the subsections are the highest headings inside (### normally, #### if skipped)
        top = min((child.level for child in inside), default=level + 1)
        for child in inside:
            if child.level == top:
                child_title = heading_title(child.text)
                found = _classify_in(profile, part, child_title) if part is not None else None
                children.append(Node(child, child_title, found))
        nodes.append(Node(heading, title, part, tuple(children)))
    return nodes


def looks_like(doc: Document, profile: Profile) -> bool:
    """Whether the document is recognisably of this profile's kind without being told.

    True when at least two sections each hold subsections of two or more required kinds
    (e.g. a current-state and a comparison subsection) and one holds all of them.
    Asked by every ART rule of the same document: answered once.
    """
    return doc.memo(("outline.looks_like", profile), lambda: _looks_like(doc, profile))


def _looks_like(doc: Document, profile: Profile) -> bool:
    partial = complete = 0
    for node in _outline(doc, profile):
        if node.part is None:
            continue
        required = {i for i, sub in enumerate(profile.sections[node.part].subsections) if sub.min}
        kinds = {child.part for child in node.children if child.part in required}
        if len(required) >= 2 and len(kinds) >= 2:
            partial += 1
            complete += kinds == required
    return partial >= 2 and complete >= 1


def check_outline(doc: Document, profile: Profile) -> tuple[OutlineFinding, ...]:
    """Every outline finding of the document against the profile (ART001/2/3/6 each take
    their kind from this one analysis)."""
    return doc.memo(("outline.check", profile), lambda: _check_outline(doc, profile))


def _outline(doc: Document, profile: Profile) -> list[Node]:
    """:func:`build_outline`, once per document and profile (read-only)."""
    return doc.memo(("outline.build", profile), lambda: build_outline(doc, profile))


def _check_outline(doc: Document, profile: Profile) -> tuple[OutlineFinding, ...]:
    values = front_matter_values(doc)
    findings: list[OutlineFinding] = []
    h1 = next((h for h in doc.headings if h.level == 1), None)
    fm_title = values.get("title") if isinstance(values.get("title"), str) else None
    title_text = strip_inline_markup(h1.text) if h1 is not None else (fm_title or "")
    findings.extend(_title_findings(doc, profile, h1 is not None, bool(fm_title)))
    findings.extend(_lead_findings(doc, profile, h1))
    matcher = _Matcher(doc, profile, findings, title_count(title_text))
    nodes = _outline(doc, profile)
    anchor = h1.line if h1 is not None else 1
    matcher.match(nodes, profile.sections, None, anchor)
    return tuple(findings)


def _title_findings(
    doc: Document, profile: Profile, has_h1: bool, has_fm_title: bool
) -> list[OutlineFinding]:
    wanted = {
        "h1": (has_h1, "an H1 heading (# Title)"),
        "front-matter": (has_fm_title, "a front-matter title"),
        "h1-or-front-matter": (has_h1 or has_fm_title, "an H1 (# Title) or a front-matter title"),
    }.get(profile.title)
    if wanted is None or wanted[0]:
        return []
    return [
        OutlineFinding(
            MISSING,
            Span(1, 1, 1, 1 + len(doc.lines[0]) if doc.lines else 1),
            f"the article has no title; profile {profile.name} requires {wanted[1]}",
        )
    ]


def _lead_findings(doc: Document, profile: Profile, h1: Heading | None) -> list[OutlineFinding]:
    """An introduction is required and nothing stands between the title and section 1."""
    first = next((h for h in doc.headings if h.level == profile.level), None)
    if not profile.lead or first is None:
        return []
    start = h1.end_line if h1 is not None and h1.line < first.line else 0
    if has_content(doc.body_lines, start, first.line - 1):
        return []
    return [
        OutlineFinding(
            MISSING,
            doc.line_span(first.line),
            f"the article has no lead paragraph between its title and its first section "
            f'"{first.text}"; add an introduction under the title',
        )
    ]


def has_content(lines: Sequence[str], start: int = 0, stop: int | None = None) -> bool:
    """Whether any of ``lines[start:stop]`` holds text: blank lines, thematic breaks and
    comments do not. (Indexes rather than a slice: asked once per section, usually
    answered by the section's first lines.)"""
    for index in range(start, len(lines) if stop is None else min(stop, len(lines))):
        text = lines[index].strip()
        if not text:
            continue
        # a break starts with - * _ and a comment with <: any other text is content
        if text[0] not in _BREAK_OR_COMMENT_STARTS:
            return True
        line = lines[index]
        if not _THEMATIC_BREAK.match(line) and not _COMMENT.match(line):
            return True
    return False


class _Matcher:
    def __init__(
        self,
        doc: Document,
        profile: Profile,
        findings: list[OutlineFinding],
        announced: tuple[int, str] | None,
    ) -> None:
        self.doc = doc
        self.profile = profile
        self.findings = findings
        self.announced = announced
        self.positions = _heading_positions(doc)

    def add(self, kind: str, heading: Heading | Span, message: str) -> None:
        span = heading if isinstance(heading, Span) else self.doc.line_span(heading.line)
        self.findings.append(OutlineFinding(kind, span, message))

    def match(
        self, nodes: Sequence[Node], parts: Sequence[Part], label: str | None, anchor: int
    ) -> None:
        """Match ``nodes`` against ``parts``; ``anchor`` is the line a missing part of the
        whole group is reported on (the title, or the owning section's heading)."""
        noun = "section" if label is None else "subsection"
        prefix = "" if label is None else f"{label}: "
        kept = _longest_ordered(nodes, parts)
        if self.profile.strict:
            allowed = ", ".join(part.name for part in parts)
            for node in nodes:
                if node.part is None:
                    self.add(
                        UNEXPECTED,
                        node.heading,
                        f'{prefix}{noun} "{node.heading.text}" is not part of profile '
                        f"{self.profile.name} (allowed: {allowed}); rename or remove it",
                    )
        for position, node in enumerate(nodes):
            if node.part is not None and position not in kept:
                self._order(
                    nodes=nodes, parts=parts, kept=kept, position=position, prefix=prefix, noun=noun
                )
        present: list[list[Node]] = [[] for _ in parts]
        for node in nodes:
            if node.part is not None:
                present[node.part].append(node)
        for index, part in enumerate(parts):
            count = len(present[index])
            in_range = part.min <= count and (part.max is None or count <= part.max)
            if in_range and not (label is None and part.count_from_title):
                continue  # the usual case: nothing for _count to report
            self._count(
                nodes=nodes,
                parts=parts,
                kept=kept,
                index=index,
                present=present[index],
                label=label,
                anchor=anchor,
            )
        ordinals: dict[int, int] = {}
        for node in nodes:
            if node.part is None:
                continue
            part = parts[node.part]
            ordinals[node.part] = ordinals.get(node.part, 0) + 1
            if self._is_empty(node.heading):
                self.add(
                    EMPTY,
                    node.heading,
                    f'{prefix}{part.name} {noun} "{node.heading.text}" has no content before '
                    "the next heading; write it or remove the heading",
                )
            if part.subsections:
                name = (
                    f"section {ordinals[node.part]}"
                    if part.repeated
                    else f"the {part.name} section"
                )
                self.match(node.children, part.subsections, name, node.heading.line)

    def _order(
        self,
        *,
        nodes: Sequence[Node],
        parts: Sequence[Part],
        kept: set[int],
        position: int,
        prefix: str,
        noun: str,
    ) -> None:
        node = nodes[position]
        assert node.part is not None
        own = f'{parts[node.part].name} {noun} "{node.heading.text}"'
        before = [p for p in kept if p < position and (nodes[p].part or 0) > node.part]
        after = [p for p in kept if p > position and (nodes[p].part or 0) < node.part]
        if before:
            other, relation, move = nodes[max(before)], "comes after", "before"
        else:
            other, relation, move = nodes[min(after)], "comes before", "after"
        assert other.part is not None
        self.add(
            ORDER,
            node.heading,
            f'{prefix}{own} {relation} {parts[other.part].name} {noun} "{other.heading.text}" '
            f"(line {other.heading.line}); the profile puts {parts[node.part].name} {move} "
            f"{parts[other.part].name}, move it",
        )

    def _count(
        self,
        *,
        nodes: Sequence[Node],
        parts: Sequence[Part],
        kept: set[int],
        index: int,
        present: list[Node],
        label: str | None,
        anchor: int,
    ) -> None:
        part = parts[index]
        count = len(present)
        noun = "section" if label is None else "subsection"
        owner = "the article" if label is None else label
        plural = "s" if count != 1 else ""
        if label is None and part.count_from_title and self.announced and count:
            wanted, words = self.announced
            if count != wanted:
                kind = MISSING if count < wanted else UNEXPECTED
                self.add(
                    kind,
                    present[-1].heading,
                    f'the title announces {wanted} ("{words}") but the article has {count} '
                    f"{part.name} section{plural}; "
                    + ("add the missing ones" if count < wanted else "remove the extra ones"),
                )
                return
        if count == 0 and part.min > 0:
            where, span = self._where(nodes, parts, kept, index, anchor)
            self.add(
                MISSING,
                span if label is None else self.doc.line_span(anchor),
                f"{owner} has no {part.name} {noun} ({part.display()}); {where}",
            )
        elif count < part.min:
            self.add(
                MISSING,
                present[-1].heading,
                f"{owner} has {count} {part.name} {noun}{plural}; profile "
                f"{self.profile.name} requires at least {part.min}",
            )
        elif part.max is not None and count > part.max:
            for extra in present[part.max :]:
                self.add(
                    UNEXPECTED,
                    extra.heading,
                    f"{'' if label is None else label + ': '}{part.name} {noun} "
                    f'"{extra.heading.text}" repeats; profile {self.profile.name} allows '
                    f"{part.max}, merge or remove it",
                )

    def _where(
        self,
        nodes: Sequence[Node],
        parts: Sequence[Part],
        kept: set[int],
        index: int,
        anchor: int,
    ) -> tuple[str, Span]:
        ordered = [nodes[p] for p in sorted(kept)]
        previous = [n for n in ordered if n.part is not None and n.part < index]
        following = [n for n in ordered if n.part is not None and n.part > index]
        if previous:
            heading = previous[-1].heading
            return f'add it after "{heading.text}" (line {heading.line})', self.doc.line_span(
                heading.line
            )
        if following:
            heading = following[0].heading
            return f'add it before "{heading.text}" (line {heading.line})', self.doc.line_span(
                heading.line
            )
        return f"add it as a level-{self.profile.level} heading", self.doc.line_span(anchor)

    def _is_empty(self, heading: Heading) -> bool:
        headings = self.doc.headings
        position = self.positions[heading.token_index]
        following = headings[position + 1] if position + 1 < len(headings) else None
        if following is not None and following.level > heading.level:
            return False
        stop = following.line - 1 if following is not None else len(self.doc.lines)
        return not has_content(self.doc.body_lines, heading.end_line, stop)


def _heading_positions(doc: Document) -> dict[int, int]:
    """Position in ``doc.headings`` of each heading, by its token index."""
    return doc.memo(
        "outline.heading_positions",
        lambda: {heading.token_index: i for i, heading in enumerate(doc.headings)},
    )


def _longest_ordered(nodes: Sequence[Node], parts: Sequence[Part]) -> set[int]:
    """Positions of the classified nodes kept in profile order (the rest are out of order).

    The longest subsequence whose part indexes never decrease; a repeated part weighs
    slightly more, so that a single moved section is the one reported, and ties keep the
    earlier headings.
    """
    positions = [i for i, node in enumerate(nodes) if node.part is not None]
    keys = [nodes[i].part or 0 for i in positions]
    if all(a <= b for a, b in itertools.pairwise(keys)):
        return set(positions)  # the usual case: already in order, every heading is kept
    weights = [1000 + (1 if parts[k].repeated else 0) for k in keys]
    best: list[int] = []
    back: list[int | None] = []
    # for each part index seen so far: the best score of a run ending in it, and the
    # earliest position reaching that score (so ties keep the earlier headings)
    top: dict[int, tuple[int, int]] = {}
    for i, key in enumerate(keys):
        score, previous = weights[i], None
        candidates = [found for part, found in top.items() if part <= key]
        if candidates:
            reached, j = max(candidates, key=lambda found: (found[0], -found[1]))
            score, previous = reached + weights[i], j
        best.append(score)
        back.append(previous)
        if key not in top or score > top[key][0]:
            top[key] = (score, i)
    if not best:
        return set()
    end: int | None = max(range(len(best)), key=lambda i: (best[i], -i))
    kept: set[int] = set()
    while end is not None:
        kept.add(positions[end])
        end = back[end]
    return kept
