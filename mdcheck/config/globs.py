"""Glob patterns for ``exclude``, ``per-file-ignores`` and ``overrides``.

Patterns are matched against paths relative to the configuration's folder, with ``/``
separators. ``*`` and ``?`` stay within one path segment, ``**`` spans segments, and a
pattern without a ``/`` matches a file or folder name at any depth (as in ``.gitignore``).
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    pattern = pattern.strip()
    anchored = "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            close = body.find("]", i + 1)
            if close == -1:
                out.append(re.escape(char))
                i += 1
            else:
                inner = body[i + 1 : close].replace("\\", "\\\\")
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append(f"[{inner}]")
                i = close + 1
        else:
            out.append(re.escape(char))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    # a pattern matches the path itself or anything below it (a folder)
    return re.compile(f"^{prefix}{''.join(out)}(?:/.*)?$")


def glob_match(pattern: str, relative_path: str) -> bool:
    """Whether a ``/``-separated relative path matches the pattern."""
    return compile_glob(pattern).match(relative_path) is not None
