"""Titles of generated articles: placeholders left for the title, and a body whose
title-like first heading is not the front-matter title."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from mdcheck.article.blocks import edge_blocks, prose
from mdcheck.article.phrases import Phrases, fold_phrase
from mdcheck.diagnostic import Span
from mdcheck.markdown.document import Document, Heading

# brackets and braces that wrap a placeholder: {{…}}, [...], 【…】, <…>, (…)
_WRAPPERS = re.compile(r"^[\s{\[【<(（\"'*#]+|[\s}\]】>)）\"'*:]+$")
_DATE_STEM = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[-_.]\w{1,3})?$|^\d+$")
_NUMBER = re.compile(
    r"^(?:\d+(?:\.\d+)*[.)、]?|[一二三四五六七八九十]+[、.]|第.{1,3}[章节部分])\s*"
)


class TitleFinding(NamedTuple):
    span: Span
    message: str


def _placeholder(text: str, phrases: Phrases) -> bool:
    folded = _WRAPPERS.sub("", fold_phrase(text))
    return bool(folded) and phrases.search(folded, whole=True) is not None


def is_placeholder(text: str) -> bool:
    """Whether a title is a placeholder by the default phrases."""
    return _placeholder(_NUMBER.sub("", text), Phrases("title"))


def placeholder_titles(doc: Document, phrases: Phrases) -> list[TitleFinding]:
    """The first heading and every H1 whose whole text is a placeholder; a front-matter
    title that is one, or that is the file name's date-like stem."""
    found: list[TitleFinding] = []
    data = doc.front_matter_data
    if data is not None and isinstance(data.data, dict):
        title = data.data.get("title")
        location = data.locations.get("/title") if isinstance(title, str) else None
        if isinstance(title, str) and title.strip() and location is not None:
            stem = Path(doc.path).stem if doc.path != "-" else ""
            if _placeholder(title, phrases):
                found.append(
                    TitleFinding(
                        location.value,
                        f'the front-matter title "{title.strip()}" is a placeholder; '
                        "write the article's title",
                    )
                )
            elif title.strip() == stem and _DATE_STEM.match(stem):
                found.append(
                    TitleFinding(
                        location.value,
                        f'the front-matter title "{title.strip()}" is the file name\'s stem, '
                        "not a title; write the article's title",
                    )
                )
    headings = doc.headings
    for position, heading in enumerate(headings):
        if position and heading.level != 1:
            continue
        source = doc.block_token(heading.token_index + 1).content
        text = prose(source)
        if not _placeholder(_NUMBER.sub("", text), phrases):
            continue
        raw = doc.lines[heading.line - 1]
        start = raw.find(source.strip()) if source.strip() else -1
        span = (
            doc.line_span(heading.line, start + 1, start + 1 + len(source.strip()))
            if start >= 0 and not heading.setext
            else doc.line_span(heading.line, 1)
        )
        found.append(
            TitleFinding(
                span,
                f'the heading "{text}" is a placeholder, not a title; write the real title',
            )
        )
    return found


def title_heading(doc: Document) -> Heading | None:
    """The heading that stands as the title of a body without an H1: the first block
    of the body, unnumbered, the only heading of its level, above all others, which
    include at least two numbered sections."""
    headings = doc.headings
    if not headings or any(h.level == 1 for h in headings):
        return None
    first = headings[0]
    blocks = [b for b in edge_blocks(doc, 3) if b.kind != "hr"]
    if not blocks or blocks[0].kind != "heading" or blocks[0].line != first.line:
        return None
    if any(h.level <= first.level for h in headings[1:]):
        return None
    numbered = sum(bool(_NUMBER.match(prose(h.text))) for h in headings[1:])
    if numbered < 2 or _NUMBER.match(prose(first.text)):
        return None  # the sections under a title are numbered in a generated article
    return first


def compare_key(text: str) -> str:
    """Titles compared without number, markup, width, case, spaces and punctuation."""
    folded = fold_phrase(_NUMBER.sub("", prose(text).strip()))
    return "".join(ch for ch in folded if ch.isalnum())
