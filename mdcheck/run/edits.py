"""Applying fixes' text edits: non-overlapping edits, in order, in one pass."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

from mdcheck.diagnostic import Edit, Fix


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply the fixes whose edits do not overlap an earlier accepted fix's edits."""
    accepted: list[Edit] = []  # kept sorted by (start, end)
    count = 0
    for fix in sorted(fixes, key=lambda f: min((e.start, e.end) for e in f.edits)):
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(_overlaps(a, b) for a, b in itertools.pairwise(edits)):
            continue
        if any(_overlaps_any(edit, accepted) for edit in edits):
            continue
        for edit in edits:
            bisect.insort(accepted, edit, key=lambda e: (e.start, e.end))
        count += 1
    pieces: list[str] = []
    position = 0
    for edit in accepted:
        pieces.append(text[position : edit.start])
        pieces.append(edit.content)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), count


def _overlaps_any(edit: Edit, accepted: list[Edit]) -> bool:
    index = bisect.bisect_left(accepted, (edit.start, edit.end), key=lambda e: (e.start, e.end))
    neighbours = accepted[max(index - 1, 0) : index + 1]
    return any(_overlaps(edit, other) for other in neighbours)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True  # two insertions at one place: their order would be arbitrary
    return a.start < b.end and b.start < a.end
