"""What ``--diff`` prints: a unified diff per changed file that ``git apply`` and ``patch``
accept.

Lines are split at ``\\n`` only (``str.splitlines`` also splits at form feeds, ``\\x1c`` to
``\\x1e``, ``\\x85`` and U+2028/U+2029, which would corrupt the patch), a ``\\r`` before it
stays part of the line, and a last line without a newline is followed by the
``\\ No newline at end of file`` marker. A UTF-8 byte-order mark stays on the first
line. (A UTF-16 file is binary to ``git``: its diff shows the change but does not apply.)
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator

NO_NEWLINE = "\\ No newline at end of file\n"


def split_lines(text: str) -> list[str]:
    """``text`` as lines that keep their ``\\n`` (the last one may have none)."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def patch_path(path: str) -> str:
    """The path as the patch names it: relative to the working folder when under it."""
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if not relative.startswith(os.pardir):
            path = relative
    return os.path.normpath(path).replace(os.sep, "/")


def unified_diff(original: str, fixed: str, path: str, *, bom: bool = False) -> Iterator[str]:
    """The lines of a ``git apply``-able diff from ``original`` to ``fixed``; with ``bom``,
    the file's UTF-8 byte-order mark is part of its first line, as ``git`` sees it."""
    name = patch_path(path)
    if bom:
        original, fixed = "\ufeff" + original, "\ufeff" + fixed
    for line in difflib.unified_diff(
        split_lines(original), split_lines(fixed), fromfile=f"a/{name}", tofile=f"b/{name}"
    ):
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n"
            yield NO_NEWLINE
