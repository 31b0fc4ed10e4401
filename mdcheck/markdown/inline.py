"""Text normalisation shared by rules that compare titles, headers and names."""

from __future__ import annotations

import functools
import re
import unicodedata

from mdcheck.markdown.inline_scan import plain_text

_SPACES = re.compile(r"\s+")
_BACKTICK_RUN = re.compile(r"`+")
_EDGE_PUNCTUATION = " \t:：;；,，.。!！?？、-—–|()（）[]【】\"'“”‘’«»<>《》*_`~#"


@functools.lru_cache(maxsize=4096)  # pure; headings and cells repeat across rules
def strip_inline_markup(text: str) -> str:
    """Plain text of an inline Markdown fragment, as CommonMark renders it (emphasis,
    code, links and images, autolinks, HTML, escapes and entities read by
    :func:`mdcheck.markdown.inline_scan.plain_text`), whitespace collapsed."""
    return plain_text(text)


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
