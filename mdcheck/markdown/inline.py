"""Text normalisation shared by rules that compare titles, headers and names."""

from __future__ import annotations

import functools
import operator
import re
import unicodedata

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"(`+)(.+?)\1")
_SPACES = re.compile(r"\s+")
_BACKTICK_RUN = re.compile(r"`+")
_MARKUP_CHARS = frozenset("[`*_~<\\")
_EDGE_PUNCTUATION = " \t:：;；,，.。!！?？、-—–|()（）[]【】\"'“”‘’«»<>《》*_`~#"

# Replacements that keep one group of each match. A template such as r"\1" is expanded
# by Python code for every match (on 3.11); a C-level callable does the same at C speed.
_GROUP_1 = operator.methodcaller("group", 1)
_GROUP_2 = operator.methodcaller("group", 2)


@functools.lru_cache(maxsize=4096)  # pure; headings and cells repeat across rules
def strip_inline_markup(text: str) -> str:
    """Plain text of an inline Markdown fragment: links, emphasis, code, HTML removed."""
    if _MARKUP_CHARS.isdisjoint(text):  # nothing any pattern below could match
        return _collapse_spaces(text)
    previous = None
    while previous != text:  # each pattern runs only when its markup character is there
        previous = text
        if "[" in text:
            text = _LINK.sub(_GROUP_1, text)
            text = _REF_LINK.sub(_GROUP_1, text)
        if "`" in text:
            text = _CODE.sub(_GROUP_2, text)
        if "*" in text or "_" in text or "~" in text:
            text = _EMPHASIS.sub(_GROUP_2, text)
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    text = text.replace("\\", "")
    return _collapse_spaces(text)


def _collapse_spaces(text: str) -> str:
    """``text`` stripped, each run of whitespace made one space: the same as
    ``_SPACES.sub(" ", text).strip()`` (``\\s`` and ``str.split`` agree on what is
    whitespace), several times faster on long text."""
    return " ".join(text.split())


@functools.lru_cache(maxsize=4096)  # pure; asked for the same titles by several rules
def normalize(text: str) -> str:
    """Comparable form: markup stripped, NFKC (full-width -> half-width), casefolded,
    whitespace collapsed, surrounding punctuation removed."""
    plain = unicodedata.normalize("NFKC", strip_inline_markup(text))
    plain = _SPACES.sub(" ", plain).strip(_EDGE_PUNCTUATION + " ")
    return plain.casefold()


def code_span_ranges(line: str) -> list[tuple[int, int]]:
    """0-based [start, end) ranges of the inline code spans on one line, backticks included.

    A span opens with a run of backticks and closes with the next run of the same length
    (CommonMark); an opener with no closer is plain text.
    """
    spans: list[tuple[int, int]] = []
    runs = list(_BACKTICK_RUN.finditer(line))
    index = 0
    while index < len(runs):
        opener = runs[index]
        closer = next(
            (j for j in range(index + 1, len(runs)) if len(runs[j].group()) == len(opener.group())),
            None,
        )
        if closer is None:
            index += 1
            continue
        spans.append((opener.start(), runs[closer].end()))
        index = closer + 1
    return spans
