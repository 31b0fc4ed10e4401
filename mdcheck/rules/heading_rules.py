"""Heading rules (HD): the title heading, level increments and section numbering.

HD001 and HD002 read ``doc.headings`` directly; HD003–HD006 read the numbered outline
(:mod:`mdcheck.article.numbered_outline`), built in one pass over the headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mdcheck.article.filekind import Kind
from mdcheck.diagnostic import Diagnostic, Span
from mdcheck.markdown.document import Document, Heading
from mdcheck.markdown.frontmatter import FrontMatterBlock
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.heading_numbers import (
    HeadingNumberMissing,
    HeadingNumberParent,
    HeadingNumberSequence,
    HeadingNumberStyle,
)
from mdcheck.rules.kinds import PROFILE_OPTIONS, KindRule
from mdcheck.util.lazyre import LazyPattern

_TITLE_KEY = LazyPattern(
    r"""^(?P<indent>[ \t]*)(?:title|"title"|'title')[ \t]*[:=][ \t]*(?P<v>.*)$"""
)
_HTML_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
_EMPTY_VALUES = {"", '""', "''", "~", "null", "Null", "NULL"}


def front_matter_title_line(doc: Document) -> int | None:
    """1-based line of a non-empty top-level ``title`` in the front matter, if any.

    Read from the parsed front matter (``doc.front_matter_data``); when the block cannot
    be parsed, a line scan finds ``title: …`` (or TOML ``title = …``) at the block's
    smallest key indentation, so a nested ``seo: {title: …}`` key never counts.
    """
    block = doc.front_matter
    if block is None:
        return None
    parsed = doc.front_matter_data
    if parsed is not None and isinstance(parsed.data, dict) and not parsed.partial:
        value = parsed.data.get("title")
        location = parsed.locations.get("/title")
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return location.value.line if location is not None else block.start_index + 1
    return _scan_title_line(doc, block)


def _scan_title_line(doc: Document, block: FrontMatterBlock) -> int | None:
    content = [i for i in block.content_indexes if doc.lines[i].strip()]
    if not content:
        return None
    indent = min(len(doc.lines[i]) - len(doc.lines[i].lstrip()) for i in content)
    for index in content:
        match = _TITLE_KEY.match(doc.lines[index])
        if (
            match
            and len(match.group("indent")) == indent
            and match.group("v").split(" #")[0].strip() not in _EMPTY_VALUES
        ):
            return index + 1
    return None


def _top_level(doc: Document) -> list[Heading]:
    """Headings of the document itself, not those quoted in blockquotes or lists."""
    return [h for h in doc.headings if doc.block_token(h.token_index).level == 0]


def _heading_span(doc: Document, heading: Heading) -> Span:
    line = doc.lines[heading.line - 1]
    return doc.line_span(heading.line, len(line) - len(line.lstrip()) + 1)


_H1_OPTIONS = (
    Option(
        "h1",
        {"enum": ["h1-or-title", "required", "optional", "forbidden-with-title"]},
        "h1-or-title",
        "What the document's title must be: an H1 or a front-matter title (default), "
        "a body H1, either or none, or no body H1 when the front matter has a title.",
    ),
)


class SingleH1(KindRule):
    """The document has more than one H1, or nothing that stands for its title.

    **Why.** The H1 is the page title: search engines, feed readers, screen readers and
    table-of-contents generators take the first one and treat the others as errors.
    A front-matter ``title`` is rendered by Jekyll/Hugo/Hexo themes as the page's H1, so a
    document with a ``title`` and no body H1 is complete; one with a ``title`` *and* a body
    H1 is the usual layout of generated articles and is fine too, unless the site says
    otherwise (option ``h1``).

    **Which files.** Articles (a profile applies, see ``docs/file-kinds.md``) are held to
    all of it. On other pages, a front-matter ``title`` is the page title, so H1s in the
    body are its top-level sections (a release post with one ``#`` per package): several
    are not reported; and a page with front matter but no Markdown heading (a home page
    made of HTML) takes its title from its layout, so it is not asked for one. READMEs,
    changelogs and other repository files, snippets and templates are not checked.

    **Example.** Two ``# …`` headings in one article; or a file that starts at ``## 1.``
    with no front-matter ``title``.

    **Fix.** None automatic: demote the extra H1 to H2 or split the document; add a
    ``# Title`` line or a ``title:`` key.

    **Options.** ``h1``: ``h1-or-title`` (default: an H1 or a front-matter ``title``
    must be there), ``required`` (a body H1 must be there), ``optional`` (only several H1s
    are reported), ``forbidden-with-title`` (with a front-matter ``title`` the body must not
    have an H1). An HTML ``<h1>`` block (a README banner) also stands for the title.
    The ``title`` is a top-level, non-empty ``title`` key of the front matter (when the
    block cannot be parsed, a top-level ``title:`` / ``title =`` line). Headings inside
    blockquotes, lists and code blocks are not counted.
    """

    code = "HD001"
    name = "single-h1"
    aliases = ("MD025", "single-title", "single-h1")
    summary = "More than one H1, or no H1 or front-matter title"

    options = (*_H1_OPTIONS, *PROFILE_OPTIONS)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        mode = self.settings["h1"]
        h1s = [h for h in _top_level(doc) if h.level == 1]
        kind = self.kind_of(doc)
        if not kind.is_content:
            return
        page = kind.kind is not Kind.ARTICLE and doc.front_matter is not None
        if page and front_matter_title_line(doc) is not None and mode != "forbidden-with-title":
            h1s = h1s[:1]  # the title is rendered above the body: body H1s are its sections
        for extra in h1s[1:]:
            yield self.report(
                doc,
                _heading_span(doc, extra),
                f"second H1 in the document (the first is on line {h1s[0].line}); "
                "keep one title: make this an H2 or split the document",
            )
        # the title's line is looked up only where it is needed: most documents have an H1
        title = front_matter_title_line(doc) if mode == "forbidden-with-title" and h1s else None
        if title is not None:
            yield self.report(
                doc,
                _heading_span(doc, h1s[0]),
                f"H1 duplicates the front-matter title (line {title}), which the site renders "
                "as the page title; remove the H1 (h1 = forbidden-with-title)",
            )
        if h1s or mode in ("optional", "forbidden-with-title") or not _has_body(doc):
            return
        if _html_h1(doc):
            return  # <h1 align="center">…</h1>, the usual README banner
        if page and mode != "required" and not _top_level(doc):
            return  # a page of HTML (a home page): its layout gives the title
        if mode == "required":
            message = "document has no H1; add a `# Title` line before the first section"
            yield self.report(doc, Span(1, 1, 1, 1), message + " (h1 = required)")
        elif front_matter_title_line(doc) is None:
            yield self.report(
                doc,
                Span(1, 1, 1, 1),
                "document has no H1 and no front-matter `title`; add a `# Title` line "
                "or a `title:` key",
            )


def _html_h1(doc: Document) -> bool:
    return any(
        _HTML_H1.search(doc.block_token(index).content) for index in doc.positions_of("html_block")
    )


def _has_body(doc: Document) -> bool:
    return any(line.strip() for line in doc.body_lines)


class HeadingIncrement(Rule):
    """A heading skips a level (an H4 straight after an H2).

    **Why.** The outline is a tree: a skipped level leaves a section without its parent,
    and tables of contents, screen readers and numbered outlines break. Generated articles
    often jump from ``##`` to ``####`` for a subsection.

    **Example.** ``## 1. 概述`` followed by ``#### 细节`` (should be ``###``).

    **Fix.** None automatic (changing a heading's level changes the document's structure):
    use the next level down. Going back up any number of levels is fine. Headings inside
    blockquotes, lists and code blocks are not counted.
    """

    code = "HD002"
    name = "heading-increment"
    aliases = ("MD001", "heading-increment")
    summary = "Heading level skipped"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        previous: Heading | None = None
        for heading in _top_level(doc):
            if previous is not None and heading.level > previous.level + 1:
                yield self.report(
                    doc,
                    _heading_span(doc, heading),
                    f"H{heading.level} follows H{previous.level} (line {previous.line}), "
                    f"skipping a level; make it an H{previous.level + 1}",
                )
            previous = heading


RULES: tuple[type[Rule], ...] = (
    SingleH1,
    HeadingIncrement,
    HeadingNumberMissing,
    HeadingNumberSequence,
    HeadingNumberParent,
    HeadingNumberStyle,
)
