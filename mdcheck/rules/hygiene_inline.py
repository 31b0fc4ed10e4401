"""Inline hygiene rules (HY033-HY039, HY044, HY045, HY049, HY050, HY054): markup inside
paragraphs that renders wrongly or inconsistently.

They read :func:`mdcheck.markdown.inlineindex.inline_index` (one scan per document) and the
emphasis delimiters paired once by :func:`emphasis_runs`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.inlineindex import (
    BARE_URL,
    MASK,
    InlineIndex,
    Segment,
    inline_index,
    mask_match,
)
from mdcheck.rules.base import Rule
from mdcheck.util.lazyre import LazyPattern

_RUN = LazyPattern(r"\*+|_+")
_TRAILING = ".,:;!?'\"*_~"


class Pair(NamedTuple):
    """A pair of emphasis delimiters on one line (offsets in the segment's text)."""

    segment: Segment
    char: str
    length: int
    open_start: int
    close_start: int
    space_after_open: bool  # `** bold**`: spaces after the opener
    space_before_close: bool  # `**bold **`: spaces before the closer


_SPACED_RUN = LazyPattern(r"[*_][ \t]|[ \t][*_]")


def emphasis_runs(doc: Document, *, spaced_only: bool = False) -> list[Pair]:
    """The pairs of emphasis delimiters of the document's prose, found once; with
    ``spaced_only``, only lines where a delimiter touches a space are read (the pairs
    with spaces inside are all there, the others may not be)."""
    key = ("emphasis-pairs", spaced_only)
    return doc.memo(key, lambda: _pairs(inline_index(doc), spaced_only))


def _pairs(index: InlineIndex, spaced_only: bool) -> list[Pair]:
    pairs: list[Pair] = []
    for segment in index.segments:
        prose = segment.prose
        if "*" not in prose and "_" not in prose:
            continue
        if spaced_only and _SPACED_RUN.search(prose) is None:
            continue
        if "://" in prose:  # a bare URL's underscores are not emphasis
            prose = BARE_URL.sub(mask_match, prose)
        for line_start, line in _cells(prose, segment.starts):
            _pair_line(segment, line_start, line, pairs)
    return pairs


def uses_both_markers(doc: Document) -> bool:
    """Whether the prose has both ``*`` and ``_`` (else no emphasis style can differ)."""
    segments = inline_index(doc).segments
    return any("*" in s.prose for s in segments) and any("_" in s.prose for s in segments)


def _cells(prose: str, starts: list[int]) -> Iterator[tuple[int, str]]:
    """Each line of a segment, split at table pipes (emphasis never crosses a cell)."""
    for number, start in enumerate(starts):
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(prose)
        line = prose[start:end]
        if "|" not in line:
            yield start, line
            continue
        offset = start
        for cell in line.split("|"):
            yield offset, cell
            offset += len(cell) + 1


def _pair_line(segment: Segment, base: int, line: str, pairs: list[Pair]) -> None:
    if "*" not in line and "_" not in line:
        return
    pending: dict[str, tuple[int, bool]] = {}  # run -> (start, loose)
    for match in _RUN.finditer(line):
        run = match.group()
        if len(run) > 3:
            continue
        start, end = match.span()
        before = line[start - 1] if start else " "
        after = line[end] if end < len(line) else " "
        space_before = before.isspace() or before == MASK
        space_after = after.isspace()
        if run[0] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case: never emphasis
        if space_before and space_after:
            kind = "loose"
        elif space_after:
            kind = "close"
        elif space_before:
            kind = "open"
        else:
            kind = "either"
        if kind == "open":
            pending[run] = (start, False)
            continue
        opened = pending.pop(run, None)
        if opened is None:
            if kind in ("loose", "either"):
                pending[run] = (start, kind == "loose")
            continue
        open_start, open_loose = opened
        content = line[open_start + len(run) : start]
        if not content.strip() or MASK * 3 in content:
            continue
        pairs.append(
            Pair(
                segment,
                run[0],
                len(run),
                base + open_start,
                base + start,
                open_loose and content[:1].isspace(),
                kind == "loose" and content[-1:].isspace(),
            )
        )


class NoSpaceInEmphasis(Rule):
    """Spaces just inside emphasis markers: ``** bold**``, ``*斜体 *``.

    **Why.** CommonMark does not treat a marker followed (opening) or preceded (closing)
    by a space as emphasis, so the asterisks show up literally. Frequent in generated
    text.

    **Example.** ``这是 ** 重点 ** 内容`` renders the asterisks.

    **Fix (unsafe: the text becomes emphasis).** Remove the spaces inside the markers.
    """

    code = "HY037"
    name = "space-in-emphasis"
    summary = "Spaces inside emphasis markers"
    fixable = True
    aliases = ("MD037", "no-space-in-emphasis")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for pair in emphasis_runs(doc, spaced_only=True):
            if not (pair.space_after_open or pair.space_before_close):
                continue
            text = pair.segment.text
            inner_start = pair.open_start + pair.length
            inner = text[inner_start : pair.close_start]
            edits: list[Edit] = []
            base = _segment_offset(doc, pair.segment)
            if pair.space_after_open:
                stripped = len(inner) - len(inner.lstrip())
                edits.append(doc.edit(base + inner_start, base + inner_start + stripped, ""))
            if pair.space_before_close:
                stripped = len(inner) - len(inner.rstrip())
                edits.append(
                    doc.edit(base + pair.close_start - stripped, base + pair.close_start, "")
                )
            marker = pair.char * pair.length
            yield self.report(
                doc,
                doc.span(base + pair.open_start, base + pair.close_start + pair.length),
                f"spaces inside {marker} … {marker}: the markers show literally; remove "
                "the spaces next to them",
                edits=edits,
                applicability=Applicability.UNSAFE,
                fix_description="remove the spaces inside the emphasis markers",
            )


def _segment_offset(doc: Document, segment: Segment) -> int:
    return doc.line_start(segment.first + 1)


class NoSpaceInCode(Rule):
    """Spaces just inside a code span's backticks: `` ` code` ``, `` `code ` ``.

    **Why.** The spaces become part of the code (CommonMark strips only one space from
    each side, and only when both sides have one). A single space on each side is
    allowed when the code begins or ends with a backtick, as the specification intends.

    **Fix (unsafe: the code text changes).** Remove the spaces.
    """

    code = "HY038"
    name = "space-in-code"
    summary = "Spaces inside code span backticks"
    fixable = True
    aliases = ("MD038", "no-space-in-code")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for span in inline_index(doc).code_spans:
            raw = span.raw
            run = len(raw) - len(raw.lstrip("`"))
            content = raw[run:-run]
            if not content.strip() or "\n" in content:
                continue
            left = len(content) - len(content.lstrip(" "))
            right = len(content) - len(content.rstrip(" "))
            core = content.strip(" ")
            if left == 1 and right == 1:
                continue  # stripped by CommonMark: `` `x` `` and ` a ` render without them
            if left == 1 and core.startswith("`"):
                left = 0
            if right == 1 and core.endswith("`"):
                right = 0
            if not left and not right:
                continue
            start = doc.offset(span.line, span.col)
            keep_left = 1 if core.startswith("`") else 0
            keep_right = 1 if core.endswith("`") else 0
            fixed = "`" * run + " " * keep_left + core + " " * keep_right + "`" * run
            yield self.report(
                doc,
                Span(span.line, span.col, span.end_line, span.end_col),
                f"spaces inside code span {raw!s}; remove them",
                edits=[doc.edit(start, start + len(raw), fixed)],
                applicability=Applicability.UNSAFE,
                fix_description="remove the spaces inside the backticks",
            )


class NoSpaceInLinks(Rule):
    """Spaces just inside a link's brackets: ``[ 官方文档 ](…)``.

    **Why.** The spaces are part of the link and are underlined with it.

    **Fix (unsafe: the rendered text changes).** Remove the spaces.
    """

    code = "HY039"
    name = "space-in-link-text"
    summary = "Spaces inside link text"
    fixable = True
    aliases = ("MD039", "no-space-in-links")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for link in inline_index(doc).links:
            text = link.text
            if link.image or link.kind == "shortcut" or not text.strip() or "\n" in text:
                continue
            if text == text.strip():
                continue
            start = doc.offset(link.text_line, link.text_col)
            yield self.report(
                doc,
                Span(link.line, link.col, link.end_line, link.end_col),
                f"spaces inside link text [{text}]; remove them",
                edits=[doc.edit(start, start + len(text), text.strip())],
                applicability=Applicability.UNSAFE,
                fix_description="remove the spaces inside the brackets",
            )


class BareUrl(Rule):
    """A URL written as plain text: ``see https://example.com``.

    **Why.** CommonMark does not turn it into a link (some renderers do, some do not), and
    a URL directly followed by Chinese text or punctuation is often linked with that text
    glued on. URLs in code, link destinations, autolinks ``<…>`` and HTML are not reported.

    **Fix (unsafe: the text becomes a link).** Wrap it in angle brackets: the URL ends at
    the first space, non-ASCII character (``，``、``。``) or trailing punctuation.
    """

    code = "HY034"
    name = "bare-url"
    summary = "Bare URL used"
    fixable = True
    aliases = ("MD034", "no-bare-urls")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for segment in inline_index(doc).segments:
            if "://" not in segment.prose:
                continue
            for match in BARE_URL.finditer(segment.prose):
                start = match.start()
                url = _trim_url(match.group())
                if len(url) <= len("https://"):
                    continue
                base = _segment_offset(doc, segment) + start
                yield self.report(
                    doc,
                    doc.span(base, base + len(url)),
                    f"bare URL {_shown(url)}; wrap it in <…> or make it a [text](…) link",
                    edits=[
                        doc.edit(base, base, "<"),
                        doc.edit(base + len(url), base + len(url), ">"),
                    ],
                    applicability=Applicability.UNSAFE,
                    fix_description="wrap the URL in angle brackets",
                )


def _shown(url: str) -> str:
    return url if len(url) <= 60 else url[:59] + "…"


def _trim_url(url: str) -> str:
    for index, char in enumerate(url):
        if ord(char) > 127:
            url = url[:index]
            break
    while url and url[-1] in _TRAILING + ")]":
        if url[-1] in ")]":
            opener = "(" if url[-1] == ")" else "["
            if url.count(opener) >= url.count(url[-1]):
                break
        url = url[:-1]
    return url


RULES: tuple[type[Rule], ...] = (BareUrl, NoSpaceInEmphasis, NoSpaceInCode, NoSpaceInLinks)
