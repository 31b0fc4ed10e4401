"""Numerals as heading numbers write them: Chinese, Roman, English words and letters.

Pure conversions both ways (``十一`` <-> 11, ``IV`` <-> 4, ``Three`` <-> 3, ``B`` <-> 2), read
by :mod:`mdcheck.article.numbering` to parse a heading's number and to write one.
"""

from __future__ import annotations

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERALS = "零〇一二三四五六七八九两十百千"
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ROMAN_LETTERS = frozenset(ROMAN)
_EN_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
EN_WORD_VALUES = {word: value for value, word in enumerate(_EN_WORDS) if value}


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral (``十一`` -> 11, ``二十`` -> 20, ``一百零五`` -> 105)."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[ch] != 0:
                return None  # two digits in a row (一二) is not a numeral
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            total += (1 if digit is None else digit) * unit
            digit = None
    return total + (digit or 0)


def roman_to_int(text: str) -> int | None:
    values = [ROMAN[ch] for ch in text]
    total = 0
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    if total <= 0 or int_to_roman(total) != text:
        return None
    return total


def int_to_roman(value: int) -> str:
    out = []
    for number, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def int_to_chinese(value: int) -> str:
    """Chinese numeral for 0-999 as used in headings (11 -> 十一, 20 -> 二十)."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return digits[tens] + "十" + (digits[ones] if ones else "")
    hundreds, rest = divmod(value, 100)
    tail = (
        ""
        if rest == 0
        else (
            "零" + digits[rest]
            if rest < 10
            else ("一" + int_to_chinese(rest) if rest < 20 else int_to_chinese(rest))
        )
    )
    return digits[hundreds] + "百" + tail


def english_to_int(word: str) -> int | None:
    """Value of an English number word (``One`` -> 1, ``twenty`` -> 20)."""
    return EN_WORD_VALUES.get(word.lower())


def int_to_english(value: int, model: str) -> str:
    """``value`` as an English word cased like ``model`` (``Three``, ``THREE``, ``three``);
    digits beyond twenty."""
    if not 0 < value < len(_EN_WORDS):
        return str(value)
    word = _EN_WORDS[value]
    if model.isupper():
        return word.upper()
    return word.capitalize() if model[:1].isupper() else word


def letter_to_int(letter: str) -> int:
    """``A`` -> 1, ``b`` -> 2: an appendix letter's position."""
    return ord(letter.upper()) - ord("A") + 1


def int_to_letter(value: int, model: str) -> str:
    """The letter at ``value`` (1 -> ``A``), cased like ``model``; digits beyond Z."""
    if not 0 < value <= 26:
        return str(value)
    letter = chr(ord("A") + value - 1)
    return letter if model.isupper() else letter.lower()
