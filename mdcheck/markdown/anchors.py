"""Heading anchors as GitHub generates them, for checking ``#fragment`` links offline.

GitHub's algorithm (which markdownlint's MD051 follows): take the heading's rendered text,
lower-case it, drop every character that is not a letter, mark, number, connector
punctuation (``_``), space or hyphen, turn each space into ``-``, and append ``-1``, ``-2``
… to repeats. Chinese, Japanese and Korean characters are letters, so ``## 技术现状：概览``
gets the anchor ``技术现状概览``. A heading may also name its anchor (``{#custom-id}``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import TYPE_CHECKING

from mdcheck.markdown.inline import code_span_ranges
from mdcheck.util.lazyre import LazyPattern

if TYPE_CHECKING:
    from mdcheck.markdown.document import Document

_IMAGE = LazyPattern(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = LazyPattern(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_TAG = LazyPattern(r"</?[A-Za-z][^<>]*>")
_UNDERSCORE_EMPHASIS = LazyPattern(r"(?<!\w)_+(?=\S)|(?<=\S)_+(?!\w)")
_CUSTOM_ID = LazyPattern(r"\s*\{:?\s*#([\w-]+)[^}]*\}\s*$")
_KEPT_CATEGORIES = frozenset("LMN")


def heading_text(source: str) -> str:
    """The text a heading renders, from its inline source (markup removed)."""
    parts: list[str] = []
    position = 0
    spans = code_span_ranges(source) if "`" in source else []
    for start, end in spans:
        parts.append(_plain(source[position:start]))
        run = len(source[start:end]) - len(source[start:end].lstrip("`"))
        content = source[start + run : end - run]
        if content.startswith(" ") and content.endswith(" ") and content.strip():
            content = content[1:-1]
        parts.append(content)
        position = end
    parts.append(_plain(source[position:]))
    return "".join(parts)


def _plain(text: str) -> str:
    if "!" in text:
        text = _IMAGE.sub("", text)
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "_" in text:
        text = _UNDERSCORE_EMPHASIS.sub("", text)
    if "\\" in text:
        text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def slug(text: str) -> str:
    """GitHub's anchor for a heading's rendered text (before repeats are numbered)."""
    kept = [
        char
        for char in text.lower()
        if char in " -_" or unicodedata.category(char)[0] in _KEPT_CATEGORIES
    ]
    return "".join(kept).replace(" ", "-")


def heading_anchors(doc: Document) -> set[str]:
    """Every anchor the document's headings get (repeats numbered, custom ids too)."""

    def build() -> set[str]:
        anchors: set[str] = set()
        seen: dict[str, int] = {}
        for heading in doc.headings:
            source = heading.text
            custom = _CUSTOM_ID.search(source)
            if custom is not None:
                anchors.add(custom.group(1))
                source = source[: custom.start()]
            base = slug(heading_text(source).strip())
            count = seen.get(base, 0)
            seen[base] = count + 1
            anchors.add(base if count == 0 else f"{base}-{count}")
        return anchors

    return doc.memo("heading-anchors", build)
