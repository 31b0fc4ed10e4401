"""Glob patterns for ``exclude``, ``per-file-ignores`` and ``overrides``, and ignore files.

Patterns are ``.gitignore`` patterns (gitwildmatch, by pathspec), matched against paths
relative to the configuration's folder with ``/`` separators: ``*`` and ``?`` stay within
one path segment, ``**`` spans segments, a pattern without an inner ``/`` matches a file
or folder name at any depth, a trailing ``/`` matches folders only, a pattern matches
everything below a folder it matches, and in ``exclude`` a later ``!pattern`` takes a path
back in.

``.gitignore`` files are read by pathspec, the well-kept gitwildmatch implementation, so
that these patterns mean what they mean to git.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pathspec


@functools.lru_cache(maxsize=1024)
def compile_globs(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """One spec for a list of patterns; ``re.error`` for an invalid one (see
    :func:`glob_problems`, which configuration loading runs first). pathspec is
    imported here: a run with no patterns to match does not pay for it."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def glob_match(pattern: str, relative_path: str) -> bool:
    """Whether a ``/``-separated relative path matches the pattern (or lies below a
    folder it matches)."""
    return compile_globs((pattern.strip(),)).match_file(relative_path)


def globs_match(patterns: tuple[str, ...], relative_path: str) -> bool:
    """Whether the patterns, read in order as one ignore file, exclude the path."""
    return compile_globs(patterns).match_file(relative_path)


def invalid_glob(pattern: str) -> str | None:
    """Why a pattern cannot be used, or None when it can."""
    try:
        compile_globs((pattern.strip(),))
    except re.error as exc:
        return str(exc.msg if hasattr(exc, "msg") else exc)
    except (TypeError, ValueError) as exc:
        return str(exc)
    return None


def glob_problems(table: Mapping[str, Any]) -> list[str]:
    """One message per invalid pattern in a configuration table."""
    found: list[tuple[str, str]] = [("exclude", p) for p in _strings(table.get("exclude"))]
    found += [("per-file-ignores", p) for p in table.get("per-file-ignores", {}) or {}]
    for index, entry in enumerate(table.get("overrides", []) or []):
        if isinstance(entry, Mapping):
            found += [(f"overrides[{index}].files", p) for p in _strings(entry.get("files"))]
    problems = []
    for key, pattern in found:
        reason = invalid_glob(pattern)
        if reason is not None:
            problems.append(f"key '{key}': invalid glob {pattern!r} ({reason})")
    return problems


def _strings(value: object) -> Iterable[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
