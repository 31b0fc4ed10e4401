"""A reader for the plainest configuration files, so that most runs need not import tomllib.

Importing and setting up tomllib costs more start-up time than linting a typical file. Most
configuration files are a few top-level ``key = value`` lines: this module reads exactly
those, where the value is a string without escapes (``"…"`` or ``'…'``), ``true``, ``false``,
a decimal integer (``max-file-size = 20_000_000``) or a one-line array of such strings, and
answers None for anything else (tables, other value types, escapes, non-ASCII text, a key
given twice, a syntax error), which tomllib then reads and reports on. What it does read, it
reads as tomllib would.
"""

from __future__ import annotations

import re
from typing import Any

_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_BLANKS = " \t"  # TOML whitespace; other white space is an error for tomllib to report
_QUOTES = "\"'"
# a TOML decimal integer: no leading zero, an underscore only between two digits
_INTEGER = re.compile(r"[+-]?(?:0|[1-9](?:_?[0-9])*)")


class _NotFlat(Exception):
    """The text is not in the subset this module reads."""


def read_flat_toml(raw: bytes) -> dict[str, Any] | None:
    """The table of a flat TOML file, or None when the file is not that simple."""
    if not raw.isascii():
        return None
    text = raw.decode("ascii").replace("\r\n", "\n")
    if any((ch < " " and ch not in "\t\n") or ch == "\x7f" for ch in text):
        return None  # control characters (a lone CR too): tomllib says where they may not be
    data: dict[str, Any] = {}
    try:
        for raw_line in text.split("\n"):
            line = raw_line.strip(_BLANKS)
            if not line or line.startswith("#"):
                continue
            key, equals, value = line.partition("=")
            key = key.rstrip(_BLANKS)
            if not equals or not key or not set(key) <= _KEY_CHARS or key in data:
                return None
            data[key] = _value(value.lstrip(_BLANKS))
    except _NotFlat:
        return None
    return data


def _value(text: str) -> str | bool | int | list[str]:
    if (number := _INTEGER.match(text)) is not None:
        _end(text[number.end() :])  # a float, a date or a hex number: left to tomllib
        return int(number.group().replace("_", ""))
    if text.startswith(("true", "false")):
        word = "true" if text.startswith("true") else "false"
        _end(text[len(word) :])
        return word == "true"
    if text.startswith("["):
        return _array(text)
    string, rest = _string(text)
    _end(rest)
    return string


def _array(text: str) -> list[str]:
    """A one-line array of strings: ``["a", 'b',]``."""
    items: list[str] = []
    rest = text[1:].lstrip(_BLANKS)
    while not rest.startswith("]"):
        item, rest = _string(rest)
        items.append(item)
        rest = rest.lstrip(_BLANKS)
        if rest.startswith(","):
            rest = rest[1:].lstrip(_BLANKS)
        elif not rest.startswith("]"):
            raise _NotFlat
    _end(rest[1:])
    return items


def _string(text: str) -> tuple[str, str]:
    """A string without escapes at the start of ``text``, and the text after it."""
    quote = text[:1]
    if not quote or quote not in _QUOTES:
        raise _NotFlat
    end = text.find(quote, 1)
    if end < 0 or text.startswith(quote * 2):  # unclosed, or '' / "" (maybe a multi-line)
        raise _NotFlat
    string = text[1:end]
    if "\\" in string:
        raise _NotFlat
    return string, text[end + 1 :]


def _end(rest: str) -> None:
    """What follows a value: nothing, or a comment."""
    rest = rest.lstrip(_BLANKS)
    if rest and not rest.startswith("#"):
        raise _NotFlat
