"""Flat ``key: value`` front matter read without a YAML parser.

Most front matter is a handful of one-line keys (``title: "…"``, ``date: 2025-02-18``,
``description: …``). Reading those does not need PyYAML: importing it costs about a tenth
of a single-file run, and parsing through it costs more than the checks that follow.
:func:`read_flat` reads exactly that shape and answers None for anything else (nesting,
lists, comments, escapes, numbers, booleans, tabs, unusual characters ...), so the caller
falls back to the real loader. Whenever it answers, the data, duplicate keys and value
positions are the ones :func:`mdcheck.markdown.yamlsafe.load_yaml` gives through libyaml.
"""

from __future__ import annotations

import re

#: line, key, key start, key end, value, value start, value end (columns on that line)
FlatEntry = tuple[int, str, int, int, str, int, int]

# A key that YAML reads as a plain string: letters first, no spaces, no bool/null word.
_LINE = re.compile(r"(?P<indent> *)(?P<key>[A-Za-z_][A-Za-z0-9_-]{0,200}):(?P<gap> +)(?P<value>.*)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Plain words YAML 1.1 resolves to booleans or null (compared in lower case, with some spare).
_WORDS = frozenset({"yes", "no", "y", "n", "true", "false", "on", "off", "null", "~"})


def read_flat(text: str) -> list[FlatEntry] | None:
    """The entries of a flat one-line-per-key mapping, or None when unsure.

    Values are the strings YAML would load: double- or single-quoted text without
    escapes or inner quotes, a plain scalar that starts with a letter (or any non-ASCII
    character) and cannot be read as anything but a string, or a ``YYYY-MM-DD`` date (its
    ISO string is its text, also for an impossible date that YAML keeps as text).
    """
    if "[" in text or "{" in text or "#" in text:
        return None  # flow collections and comments: leave them to the parser
    entries: list[FlatEntry] = []
    indent = -1
    for number, line in enumerate(text.split("\n")):
        if not line.strip(" "):
            if line and not line.isprintable():
                return None
            continue
        match = _LINE.fullmatch(line)
        if match is None or not line.isprintable():  # isprintable: no tab, no odd breaks
            return None
        if indent == -1:
            indent = len(match.group("indent"))
        key = match.group("key")
        if len(match.group("indent")) != indent or key.lower() in _WORDS:
            return None
        value = _scalar(match.group("value"))
        if value is None:
            return None
        start = match.start("value")
        content, length = value
        entries.append((number, key, indent, indent + len(key), content, start, start + length))
    return entries or None


def _scalar(raw: str) -> tuple[str, int] | None:
    """A value's loaded string and its length in the line, or None when unsure."""
    source = raw.rstrip(" ")
    if not source:
        return None
    first = source[0]
    if first in "\"'":
        inner = source[1:-1]
        if len(source) < 2 or source[-1] != first or first in inner or "\\" in inner:
            return None
        return inner, len(source)
    if first.isascii() and not first.isalpha():
        return (source, len(source)) if _DATE.fullmatch(source) else None
    if ": " in source or source.endswith(":") or source.lower() in _WORDS:
        return None
    return source, len(source)
