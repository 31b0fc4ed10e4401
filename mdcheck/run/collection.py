"""Checks over the files of one run, after each file was linted: GEN010 near-duplicates.

They read the files again (their text only, never the Markdown structure), so they give
the same result whether a file was linted here, in a worker, or answered by the cache.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from mdcheck.config import Config
from mdcheck.diagnostic import Diagnostic, Span
from mdcheck.markdown.frontmatter import locate_front_matter
from mdcheck.rules.duplicate_files import NearDuplicateFile
from mdcheck.run.files import UnreadableError, decode, read_bytes
from mdcheck.run.process import FileResult


def _rule(path: str, config: Config) -> NearDuplicateFile | None:
    settings = config.settings_for(path)
    return next((r for r in settings.rules if isinstance(r, NearDuplicateFile)), None)


def add_near_duplicates(
    results: list[FileResult], files: Sequence[str], configs: Sequence[Config]
) -> list[FileResult]:
    """``results`` with GEN010 findings added to the files that have a near duplicate."""
    checked = [(p, c, r) for p, c in zip(files, configs, strict=True) if (r := _rule(p, c))]
    if len(checked) < 2:
        return results
    from mdcheck.article.similarity import signature, similar_pairs

    signatures = []
    first_lines = []
    for path, _, rule in checked:
        text, line = _body(path)
        signatures.append(signature(text, rule.settings["min-words"]) if text else None)
        first_lines.append(line)
    threshold = min(float(rule.settings["threshold"]) for _, _, rule in checked)
    others: defaultdict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, j, score in similar_pairs(signatures, threshold):
        for a, b in ((i, j), (j, i)):
            if score >= checked[a][2].settings["threshold"]:
                others[a].append((score, b))
    if not others:
        return results
    found: dict[str, Diagnostic] = {}
    for index, matches in others.items():
        path, config, rule = checked[index]
        matches.sort(key=lambda match: (-match[0], checked[match[1]][0]))
        score, other = matches[0]
        more = len(matches) - 1
        shown = checked[other][0]  # as the run names it
        extra = f" (and {more} more file{'s' if more > 1 else ''})" if more else ""
        diagnostic = rule.report(
            _Located(path),  # type: ignore[arg-type]
            Span(first_lines[index], 1, first_lines[index], 1),
            f"this article is {int(score * 100)}% the same as {shown}{extra}; keep one of "
            "them or rewrite it",
        )
        severity = config.settings_for(path).severity.get(rule.code, diagnostic.severity)
        found[path] = dataclasses.replace(diagnostic, severity=severity)
    return [
        dataclasses.replace(
            result,
            diagnostics=tuple(
                sorted((*result.diagnostics, found[result.path]), key=lambda d: d.sort_key)
            ),
        )
        if result.path in found
        else result
        for result in results
    ]


class _Located:
    """What Rule.report reads of a document: its path."""

    def __init__(self, path: str) -> None:
        self.path = path


def _body(path: str) -> tuple[str, int]:
    """A file's text without its front matter, and the 1-based line where that starts."""
    try:
        text = decode(read_bytes(path), path).text
    except (OSError, UnreadableError):
        return "", 1  # reported by the per-file run
    lines = text.splitlines()
    block = locate_front_matter(lines)
    start = block.body_start if block is not None else 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    return "\n".join(lines[start:]), min(start, max(len(lines) - 1, 0)) + 1
