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

Steps 2 and 3 live in :mod:`mdcheck.article.outline_inference`, the data in
:mod:`mdcheck.article.outline_model`. The heading rules (HD003–HD006) read the result;
nothing here reports.
"""

from __future__ import annotations

import bisect
import re

from mdcheck.article.numbering import parse_heading_number
from mdcheck.article.outline_inference import (
    infer_from_children,
    infer_lone_children,
    settle_group,
    trust,
)
from mdcheck.article.outline_model import Node, Outline, OutlineOptions
from mdcheck.markdown.document import Document
from mdcheck.markdown.fences import code_tokens
from mdcheck.markdown.inline import strip_inline_markup
from mdcheck.markdown.sections import exempt_matcher

_CODE_HEADING = re.compile(r"[ \t]{0,3}#{2,6}[ \t]+")
_MARKUP_STARTS = frozenset("<[!*_`~\\")


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
        trust(nodes, group)
    uncertain = _swallowed(doc, nodes, options.roman)
    outline = Outline(nodes, groups, options, uncertain)
    # Numbers are inferred only for open headings (unnumbered, not exempt); a group with
    # none, like most groups of numbered subsections, has nothing to infer or settle.
    candidates = [i for i, node in enumerate(nodes) if node.open]
    open_parents = {nodes[i].parent for i in candidates}
    open_groups = [group for parent, group in group_of.items() if parent in open_parents]
    order = reversed(candidates)  # children first: inference flows upwards
    pending = [i for i in order if not infer_from_children(nodes, i, group_of[nodes[i].parent])]
    for index in pending:  # a lone subsection, now that earlier siblings may be inferred
        infer_from_children(nodes, index, group_of[nodes[index].parent])
    for group in open_groups:
        infer_lone_children(nodes, group)
    for group in groups if options.numbered_levels else open_groups:
        settle_group(outline, group)  # parents first: prefixes flow downwards
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


def _only_heading_hashes(doc: Document) -> bool:
    """True when every ``#`` of the text is part of an ATX heading's opening marker.

    Each ATX heading line holds at least its level in ``#`` characters, so equal counts
    leave no ``#`` for a code line to start with: no need to walk the tokens.
    """
    markers = sum(heading.level for heading in doc.headings if not heading.setext)
    return doc.text.count("#") == markers
