"""One reading of inline Markdown: what text it shows, and where each piece came from.

:func:`scan_inline` reads the inline source of a paragraph, heading or table cell the way
markdown-it-py's CommonMark inline parser does (code spans, backslash escapes, entities,
autolinks, raw HTML, links and images, ``*`` / ``_`` emphasis and ``~~`` strikethrough with
CommonMark's left- and right-flanking rules, Unicode punctuation included) and returns the
visible text as *pieces*, each with the source offsets it came from, plus every emphasis
delimiter run with its flanking and whether it was used as markup.

Every step is linear in the input: code spans are paired through a precomputed index of
backtick runs, link destinations and titles through arrays of next positions computed
right to left (:mod:`mdcheck.markdown.linktail`), and emphasis through markdown-it's own
bounded delimiter algorithm (:mod:`mdcheck.markdown.delimiters`). No regular expression
here can backtrack over more than one construct.

Differences from markdown-it-py, by design: a full or collapsed reference link
(``[text][label]``, ``[text][]``) counts as a link whatever the label, since the reference
definitions live elsewhere in the file (pass ``references`` to decide by label); link
destinations are not limited to 32 nested parentheses.
"""

from __future__ import annotations

import bisect
import re
from html.entities import html5
from typing import NamedTuple

from mdcheck.markdown.delimiters import Delimiter, flanking, process_delimiters
from mdcheck.markdown.linktail import LinkTails, normalize_label

TEXT, CODE, URL = "text", "code", "url"
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\x00-\x20]*)>")
_EMAIL = re.compile(
    r"<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>"
)
_SPECIAL = re.compile(r"[\\`*_~\[\]!<&]")  # where a construct may start
# an open or closing tag (CommonMark's grammar; each step is told by one character)
_VALUE = r"""(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*")"""
_ATTRIBUTE = r"(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*" + _VALUE + ")?)"
_TAG = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9-]*" + _ATTRIBUTE + r"*\s*/?>|/[A-Za-z][A-Za-z0-9-]*\s*>)"
)


class Piece(NamedTuple):
    """Visible text and where it came from: ``source[start:end]`` produced ``text``;
    ``verbatim`` when ``text`` is exactly that slice (so text[k] sits at start + k)."""

    kind: str  # TEXT, CODE (a code span's content) or URL (an autolink's)
    text: str
    start: int
    end: int
    verbatim: bool


class Run(NamedTuple):
    """A run of ``*``, ``_`` or ``~`` and how CommonMark reads it (``used``: how many of
    its characters became emphasis markup; the rest show as text)."""

    marker: str
    start: int
    length: int
    left: bool  # left-flanking
    right: bool  # right-flanking
    can_open: bool
    can_close: bool
    used: int
    scope: int  # runs pair only within one scope: the top level or one link's text


class Inline(NamedTuple):
    pieces: list[Piece]
    runs: list[Run]
    pairs: list[tuple[int, int]]  # (opening run, closing run) of each emphasis, by index

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def scan_inline(
    source: str, references: frozenset[str] | None = None, *, cjk_friendly: bool = False
) -> Inline:
    """The visible pieces and the delimiter runs of one inline source (``cjk_friendly``:
    see :func:`mdcheck.markdown.delimiters.flanking`)."""
    return _Scanner(source, references, cjk_friendly).run()


def plain_text(source: str) -> str:
    """The text ``source`` shows, whitespace runs made one space, stripped."""
    if _SPECIAL.search(source) is None:  # no markup: nothing to read
        return " ".join(source.split())
    return " ".join(scan_inline(source).text.split())


class _Scanner:
    def __init__(self, src: str, references: frozenset[str] | None, cjk: bool) -> None:
        self.src = src
        self.cjk = cjk
        self.references = references
        self.n = len(src)
        # output items: a Piece, or an index into self.delims (a delimiter's characters)
        self.items: list[Piece | int] = []
        self.delims: list[Delimiter] = []
        self.run_info: list[tuple[str, int, int, bool, bool, bool, bool]] = []
        self.brackets: list[list[int]] = []  # [item index, delimiter index, is_image, active]
        self.scopes = 0
        self.no_html_after: dict[str, int] = {}  # a closing "-->", "?>", "]]>" absent past here
        self.link_tails: LinkTails | None = None
        self.tick_runs: list[tuple[int, int]] | None = None

    # -- precomputed next positions (right to left, linear) -------------------------

    def _prepare_ticks(self) -> list[tuple[int, int]]:
        """Backtick runs (maximal), and for each length the runs that have it, in order."""
        runs = [(m.start(), m.end()) for m in re.finditer(r"`+", self.src)]
        self.tick_runs = runs
        self.tick_run_at = {start: k for k, (start, _) in enumerate(runs)}
        by_length: dict[int, list[int]] = {}
        for k, (start, end) in enumerate(runs):
            by_length.setdefault(end - start, []).append(k)
        self.tick_by_length = by_length
        return runs

    # -- the scan ---------------------------------------------------------------------

    def run(self) -> Inline:
        src, n = self.src, self.n
        pos = 0
        text_start = 0
        search = _SPECIAL.search
        while pos < n:
            found = search(src, pos)
            if found is None:
                break
            pos = found.start()
            consumed = self._special(pos, text_start)
            if consumed < 0:
                pos += 1
                continue
            pos = text_start = consumed
        self._flush(text_start, n)
        self._process_scope(0)
        return self._finish()

    def _flush(self, start: int, end: int) -> None:
        if start < end:
            self.items.append(Piece(TEXT, self.src[start:end], start, end, True))

    def _special(self, pos: int, text_start: int) -> int:
        """Read the construct at ``pos``; return the position after it, or -1 when the
        character there is plain text."""
        src = self.src
        ch = src[pos]
        if ch == "\\":
            nxt = src[pos + 1 : pos + 2]
            if nxt in _ASCII_PUNCT and nxt:
                self._flush(text_start, pos)
                self.items.append(Piece(TEXT, nxt, pos + 1, pos + 2, True))
                return pos + 2
            if nxt == "\n":  # a hard line break
                self._flush(text_start, pos)
                self.items.append(Piece(TEXT, "\n", pos + 1, pos + 2, True))
                return pos + 2
            return -1
        if ch == "`":
            return self._code_span(pos, text_start)
        if ch in "*_~":
            return self._delimiter_run(pos, text_start)
        if ch == "[" or (ch == "!" and src[pos + 1 : pos + 2] == "["):
            self._flush(text_start, pos)
            width = 1 if ch == "[" else 2
            self.items.append(Piece(TEXT, src[pos : pos + width], pos, pos + width, True))
            self.brackets.append([len(self.items) - 1, len(self.delims), width == 2, 1])
            return pos + width
        if ch == "]":
            return self._close_bracket(pos, text_start)
        if ch == "<":
            return self._angle(pos, text_start)
        if ch == "&":
            match = _ENTITY.match(src, pos)
            if match is None:
                return -1
            decoded = _decode_entity(match.group())
            if decoded is None:
                return -1
            self._flush(text_start, pos)
            self.items.append(Piece(TEXT, decoded, pos, match.end(), False))
            return match.end()
        return -1

    def _code_span(self, pos: int, text_start: int) -> int:
        tick_runs = self.tick_runs if self.tick_runs is not None else self._prepare_ticks()
        k = self.tick_run_at.get(pos)
        if k is None:  # a run whose first backtick was escaped: the rest opens
            k = self.tick_run_at[pos - 1]
        end = tick_runs[k][1]
        same = self.tick_by_length.get(end - pos, [])
        later = bisect.bisect_right(same, k)
        if later == len(same):  # no closing run: the backticks are text
            self._flush(text_start, pos)
            self.items.append(Piece(TEXT, self.src[pos:end], pos, end, True))
            return end
        close_start, close_end = tick_runs[same[later]]
        raw = self.src[end:close_start]
        content = raw.replace("\n", " ")
        inner_start = end
        if len(content) >= 2 and content[0] == " " and content[-1] == " " and content.strip(" "):
            content = content[1:-1]
            inner_start += 1
        self._flush(text_start, pos)
        self.items.append(Piece(CODE, content, inner_start, close_start, "\n" not in raw))
        return close_end

    def _delimiter_run(self, pos: int, text_start: int) -> int:
        src, n = self.src, self.n
        marker = src[pos]
        end = pos
        while end < n and src[end] == marker:
            end += 1
        length = end - pos
        if marker == "~" and length < 2:
            return -1
        self._flush(text_start, pos)
        before = src[pos - 1] if pos > 0 else " "
        after = src[end] if end < n else " "
        left, right, can_open, can_close = flanking(before, after, marker, self.cjk)
        run_index = len(self.run_info)
        self.run_info.append((marker, pos, length, left, right, can_open, can_close))
        if marker == "~":
            offset = pos
            if length % 2:
                self.items.append(Piece(TEXT, "~", pos, pos + 1, True))
                offset += 1
            while offset < end:
                self._push_delim(offset, 2, 0, run_index)
                offset += 2
        else:
            for offset in range(pos, end):
                self._push_delim(offset, 1, length, run_index)
        return end

    def _push_delim(self, start: int, width: int, length: int, run: int) -> None:
        marker, _, _, _, _, can_open, can_close = self.run_info[run]
        self.items.append(len(self.delims))
        item = len(self.items)
        self.delims.append(
            Delimiter(
                marker=marker,
                start=start,
                width=width,
                length=length,
                can_open=can_open,
                can_close=can_close,
                run=run,
                item=item,
            )
        )

    def _angle(self, pos: int, text_start: int) -> int:
        src = self.src
        match = _AUTOLINK.match(src, pos) or _EMAIL.match(src, pos)
        if match is not None:
            self._flush(text_start, pos)
            self.items.append(Piece(URL, match.group(1), pos + 1, match.end() - 1, True))
            return match.end()
        end = self._html_end(pos)
        if end < 0:
            return -1
        self._flush(text_start, pos)
        self.items.append(Piece(TEXT, "", pos, end, False))  # shows nothing
        return end

    def _html_end(self, pos: int) -> int:
        """The end of the raw HTML (tag, comment, processing instruction, declaration,
        CDATA) at ``pos``, or -1. The forms that run to a closing string remember where
        that string is absent, so that no later ``<`` searches for it again."""
        src = self.src
        nxt = src[pos + 1 : pos + 2]
        if ("a" <= nxt.lower() <= "z" and nxt.isascii()) or nxt == "/":
            match = _TAG.match(src, pos)
            return match.end() if match is not None else -1
        if src.startswith("<!--", pos):
            if src.startswith(("<!-->", "<!--->"), pos):
                return src.index(">", pos) + 1
            return self._html_until(pos + 4, "-->")
        if src.startswith("<![CDATA[", pos):
            return self._html_until(pos + 9, "]]>")
        if nxt == "?":
            return self._html_until(pos + 2, "?>")
        if nxt == "!" and "a" <= src[pos + 2 : pos + 3].lower() <= "z":
            return self._html_until(pos + 2, ">")
        return -1

    def _html_until(self, start: int, closing: str) -> int:
        if start >= self.no_html_after.get(closing, self.n + 1):
            return -1
        found = self.src.find(closing, start)
        if found < 0:
            self.no_html_after[closing] = start
            return -1
        return found + len(closing)

    # -- links ------------------------------------------------------------------------

    def _close_bracket(self, pos: int, text_start: int) -> int:
        if not self.brackets:
            return -1
        item_index, delim_index, is_image, active = self.brackets[-1]
        if not active:
            self.brackets.pop()
            return -1
        if self.link_tails is None:
            self.link_tails = LinkTails(self.src, self.references)
        opener_piece = self.items[item_index]
        assert isinstance(opener_piece, Piece)
        after = self.link_tails.tail(pos + 1, opener_piece.end)
        if after < 0:
            self.brackets.pop()
            return -1
        self._flush(text_start, pos)
        self.brackets.pop()
        opener = self.items[item_index]
        assert isinstance(opener, Piece)
        # markdown-it reads a link's text up to its "]" as if the text ended there, and
        # an image's description as a text of its own: the edges count as whitespace
        self._reflank(delim_index, opener.end if is_image else -1, pos)
        self._process_scope(delim_index)  # the link text: a scope of its own
        self.items[item_index] = Piece(TEXT, "", opener.start, opener.end, False)
        self.items.append(Piece(TEXT, "", pos, after, False))  # the link's end
        if not is_image:  # no link inside a link
            for bracket in self.brackets:
                if not bracket[2]:
                    bracket[3] = 0
        return after

    def _reflank(self, first: int, start: int, end: int) -> None:
        src = self.src
        for delim in self.delims[first:]:
            if delim.scope >= 0:
                continue
            marker, run_start, length, *_ = self.run_info[delim.run]
            run_end = run_start + length
            if run_end != end and run_start != start:
                continue
            before = " " if run_start == start else src[run_start - 1] if run_start else " "
            after = " " if run_end == end else src[run_end] if run_end < self.n else " "
            left, right, can_open, can_close = flanking(before, after, marker, self.cjk)
            self.run_info[delim.run] = (marker, run_start, length, left, right, can_open, can_close)
            delim.can_open, delim.can_close = can_open, can_close

    def _process_scope(self, first: int) -> None:
        """Pair the delimiters from ``first`` on that no link's text has taken."""
        inner = [d for d in range(first, len(self.delims)) if self.delims[d].scope < 0]
        process_delimiters(self.delims, inner)
        for d in inner:
            self.delims[d].scope = self.scopes
        self.scopes += 1

    # -- the result -------------------------------------------------------------------

    def _finish(self) -> Inline:
        pieces: list[Piece] = []
        for item in self.items:
            if isinstance(item, Piece):
                if item.text:
                    pieces.append(item)
                continue
            delim = self.delims[item]
            if not delim.matched:  # shows as text
                end = delim.start + delim.width
                pieces.append(Piece(TEXT, self.src[delim.start : end], delim.start, end, True))
        used = [0] * len(self.run_info)
        scope = [0] * len(self.run_info)
        for delim in self.delims:
            scope[delim.run] = delim.scope
            if delim.matched:
                used[delim.run] += delim.width
        runs = [Run(*info, used[k], scope[k]) for k, info in enumerate(self.run_info)]
        pairs: dict[tuple[int, int], None] = {}  # in order, each once
        for delim in self.delims:
            if delim.end >= 0:
                pairs[delim.run, self.delims[delim.end].run] = None
        return Inline(_merge(pieces), runs, list(pairs))


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Adjacent verbatim text pieces joined into one (each text joined once: linear)."""
    merged: list[Piece] = []
    group: list[Piece] = []

    def close() -> None:
        if len(group) == 1:
            merged.append(group[0])
        elif group:
            text = "".join(piece.text for piece in group)
            merged.append(Piece(TEXT, text, group[0].start, group[-1].end, True))
        group.clear()

    for piece in pieces:
        joins = piece.kind == TEXT and piece.verbatim
        if group and not (joins and group[-1].end == piece.start):
            close()
        if joins:
            group.append(piece)
        else:
            merged.append(piece)
    close()
    return merged


def _decode_entity(entity: str) -> str | None:
    if entity[1] == "#":
        digits = entity[2:-1]
        code = int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return "\ufffd"
        return chr(code)
    return html5.get(entity[1:])


__all__ = [
    "CODE",
    "TEXT",
    "URL",
    "Inline",
    "Piece",
    "Run",
    "normalize_label",
    "plain_text",
    "scan_inline",
]
