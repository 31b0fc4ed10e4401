"""Which script a character belongs to, as far as the CJK rules need to know: Han
ideographs, Japanese kana, Korean Hangul, and the full-width punctuation around them.
Compared by code point: a regular-expression class this wide costs milliseconds to
compile at start-up."""

from __future__ import annotations

_HAN = (
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3134F),  # extensions B-G
)
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))


def _within(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in ranges)


def is_han(ch: str) -> bool:
    return ch >= "\u3400" and _within(ch, _HAN)


def is_kana(ch: str) -> bool:
    return ch >= "\u3040" and _within(ch, _KANA)


def is_hangul(ch: str) -> bool:
    return ch >= "\u1100" and _within(ch, _HANGUL)


def is_cjk(ch: str) -> bool:
    """A Han, kana or Hangul letter, or CJK / full-width punctuation."""
    if ch < "\u1100":
        return False
    return (
        is_han(ch)
        or is_kana(ch)
        or is_hangul(ch)
        or "\u3000" <= ch <= "\u303f"  # CJK symbols and punctuation
        or "\uff00" <= ch <= "\uffef"  # full-width forms
    )


def has_cjk(text: str) -> bool:
    if text.isascii():
        return False
    return any(map(is_cjk, text))


def has_japanese_or_korean(text: str) -> bool:
    """Kana or Hangul in the text: Japanese or Korean, whose spacing and punctuation
    conventions differ from Chinese ones."""
    if text.isascii():
        return False
    return any(is_kana(ch) or is_hangul(ch) for ch in text)
