"""Near-duplicate texts across files: MinHash signatures and banded candidate pairs.

A text's shingles are runs of five tokens (words of letters and digits; each CJK
character is a token), hashed with CRC-32. Its signature keeps, for each of ``BINS``
ranges of the hash values, the smallest hash falling in it (one-permutation MinHash: one
hash per shingle, so a text costs one pass). Two signatures agree in a bin with a
probability close to the Jaccard similarity of the shingle sets. Candidate pairs are the
files that agree on all bins of at least one band of ``ROWS`` bins (locality-sensitive
hashing): the work grows with the number of files and the pairs that really are similar,
not with the number of all pairs; each candidate is then scored on the whole signature.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

BINS = 64
ROWS = 4  # bins per band: 16 bands; a pair at 0.8 similarity is a candidate 99.9% of times
SHINGLE = 5
#: A band shared by more files than this is boilerplate that every page carries (a
#: generated footer), not a sign of duplicates: its bucket yields no candidates, which
#: keeps the pairs linear in the number of files.
MAX_BUCKET = 64
_SPAN = (1 << 32) // BINS
_TOKENS = re.compile(r"[^\W\d_]+|\d+|[\u3400-\u9fff\uf900-\ufaff]", re.UNICODE)
_CJK_RUN = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])")

Signature = tuple[int, ...]  # BINS values; -1 for a bin no shingle fell in


def tokens(text: str) -> list[str]:
    """Words in lower case, each CJK character a token of its own."""
    return _TOKENS.findall(_CJK_RUN.sub(r" \1 ", text.casefold()))


def signature(text: str, min_tokens: int) -> Signature | None:
    """The text's signature; None when it has fewer than ``min_tokens`` tokens (a stub
    page is no article to compare)."""
    words = tokens(text)
    if len(words) < max(min_tokens, SHINGLE):
        return None
    bins = [-1] * BINS
    for start in range(len(words) - SHINGLE + 1):
        value = zlib.crc32(" ".join(words[start : start + SHINGLE]).encode())
        slot = value // _SPAN
        if bins[slot] < 0 or value < bins[slot]:
            bins[slot] = value
    return tuple(bins)


def similarity(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity: the share of agreeing bins among those that at
    least one of the texts filled."""
    filled = agreeing = 0
    for x, y in zip(a, b, strict=True):
        if x < 0 and y < 0:
            continue
        filled += 1
        agreeing += x == y
    return agreeing / filled if filled else 0.0


def similar_pairs(
    signatures: Sequence[Signature | None], threshold: float
) -> list[tuple[int, int, float]]:
    """(i, j, similarity) with i < j of the signatures at least ``threshold`` similar."""
    buckets: defaultdict[tuple[int, Signature], list[int]] = defaultdict(list)
    for index, sig in enumerate(signatures):
        if sig is None:
            continue
        for band in range(0, BINS, ROWS):
            rows = sig[band : band + ROWS]
            if all(value >= 0 for value in rows):
                buckets[(band, rows)].append(index)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        if 1 < len(members) <= MAX_BUCKET:
            candidates.update(itertools.combinations(members, 2))
    found = []
    for i, j in sorted(candidates):
        a, b = signatures[i], signatures[j]
        assert a is not None and b is not None  # only signed texts are in buckets
        score = similarity(a, b)
        if score >= threshold:
            found.append((i, j, score))
    return found
