"""CommonMark's emphasis delimiters: flanking, and pairing openers with closers.

A run of ``*``, ``_`` or ``~`` is *left-flanking* when the character after it is not
whitespace, and either not punctuation or preceded by whitespace or punctuation; it is
*right-flanking* the other way round. The start and end of the text count as whitespace;
punctuation is ASCII punctuation or any character of the Unicode categories P and S
(CommonMark 0.31, markdown-it-py 4). ``*`` opens when left-flanking and closes when
right-flanking; ``_`` only where that does not split a word (it opens when left-flanking
and not right-flanking or after punctuation, and closes the mirror way).

:func:`process_delimiters` is markdown-it's ``balance_pairs`` (with its ``jumps`` and
``openersBottom`` bounds, which keep it linear), including the rule of three.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from mdcheck.markdown.cjk import is_cjk

# markdown-it's isWhiteSpace: tab, line feed, vertical tab, form feed, carriage return,
# space, no-break space, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000
_WHITESPACE = frozenset("\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000") | frozenset(
    map(chr, range(0x2000, 0x200B))
)
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def is_space(ch: str) -> bool:
    return ch in _WHITESPACE


def is_punct(ch: str) -> bool:
    """ASCII punctuation or a Unicode punctuation or symbol character."""
    if ch in _ASCII_PUNCT:
        return True
    if ch.isascii():
        return False
    return unicodedata.category(ch)[0] in "PS"


def flanking(
    before: str, after: str, marker: str, cjk_friendly: bool = False
) -> tuple[bool, bool, bool, bool]:
    """(left-flanking, right-flanking, can open, can close) of a run of ``marker`` between
    the characters ``before`` and ``after`` (a space at either end of the text).

    With ``cjk_friendly``, a CJK character (letter or full-width punctuation) on either
    side of the run lifts the condition on punctuation inside it (the change the
    CJK-friendly emphasis proposals make to CommonMark): ``**注意：**这里`` and
    ``Google**「计划」**而`` then pair, as their writers meant."""
    before_punct, after_punct = is_punct(before), is_punct(after)
    before_space, after_space = is_space(before), is_space(after)
    before_outer, after_outer = before_space or before_punct, after_space or after_punct
    if cjk_friendly:  # a CJK character on either side lifts the punctuation condition
        cjk = is_cjk(before) or is_cjk(after)
        before_outer = before_outer or cjk
        after_outer = after_outer or cjk
    left = not after_space and (not after_punct or before_outer)
    right = not before_space and (not before_punct or after_outer)
    if marker == "_":
        return (
            left,
            right,
            left and (not right or before_punct),
            right and (not left or after_punct),
        )
    return left, right, left, right


@dataclass(slots=True)
class Delimiter:
    """One delimiter: a single ``*`` / ``_`` character, or a ``~~`` pair."""

    marker: str
    start: int  # source offset
    width: int  # characters: 1, or 2 for ~~
    length: int  # the whole run's length, for the rule of three (0: none)
    can_open: bool
    can_close: bool
    run: int  # index of its run
    item: int  # index of its place in the scanner's output
    end: int = -1  # on an opener, its closer's index; -2 on a closer that was taken
    scope: int = -1  # set when its scope has been processed

    @property
    def matched(self) -> bool:
        """Used as markup: an opener with a closer, or a closer taken by one."""
        return self.end != -1


def process_delimiters(delims: list[Delimiter], indexes: Sequence[int]) -> None:
    """Pair the openers and closers among ``delims[i] for i in indexes`` (one scope, in
    order), as markdown-it does; a paired opener gets ``end``, a paired closer -2."""
    seq = [delims[i] for i in indexes]
    if not seq:
        return
    openers_bottom: dict[str, list[int]] = {}
    header = 0
    last_item = -2
    jumps: list[int] = []
    for closer_idx, closer in enumerate(seq):
        jumps.append(0)
        if seq[header].marker != closer.marker or last_item != closer.item - 1:
            header = closer_idx
        last_item = closer.item
        if not closer.can_close:
            continue
        bottoms = openers_bottom.setdefault(closer.marker, [-1] * 6)
        slot = (3 if closer.can_open else 0) + closer.length % 3
        min_opener = bottoms[slot]
        opener_idx = header - jumps[header] - 1
        new_min = opener_idx
        while opener_idx > min_opener:
            opener = seq[opener_idx]
            if opener.marker != closer.marker:
                opener_idx -= jumps[opener_idx] + 1
                continue
            if opener.can_open and opener.end == -1:
                odd = (
                    (opener.can_close or closer.can_open)
                    and (opener.length + closer.length) % 3 == 0
                    and (opener.length % 3 != 0 or closer.length % 3 != 0)
                )
                if not odd:
                    last_jump = (
                        jumps[opener_idx - 1] + 1
                        if opener_idx > 0 and not seq[opener_idx - 1].can_open
                        else 0
                    )
                    jumps[closer_idx] = closer_idx - opener_idx + last_jump
                    jumps[opener_idx] = last_jump
                    closer.can_open = False
                    closer.end = -2
                    opener.end = indexes[closer_idx]
                    opener.can_close = False
                    new_min = -1
                    last_item = -2
                    break
            opener_idx -= jumps[opener_idx] + 1
        if new_min != -1:
            bottoms[slot] = new_min
