"""What a check run prints besides the report: --diff's patches, the no-files message,
side outputs named by environment variables, the fixes applied by code, and a progress
line on a terminal."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator

from mdcheck.config import ConfigResolver
from mdcheck.run.process import FileResult

EXIT_OK, EXIT_ERROR = 0, 2
PROGRESS_THRESHOLD = 500  # files: fewer are checked before a progress line would help


def nothing_to_check(paths: list[str]) -> int:
    """No file was found: an error (a wrong path must not pass CI), unless every path was
    a file that --force-exclude skipped (pre-commit passing only excluded files)."""
    if all(os.path.isfile(path) for path in paths):
        print(
            f"mdcheck: all {len(paths)} paths named are excluded (--force-exclude);"
            " nothing checked",
            file=sys.stderr,
        )
        return EXIT_OK
    shown = ", ".join(paths)
    print(
        f"mdcheck: error: no Markdown files (*.md, *.markdown) found in {shown};"
        " check the path, and the exclude, .gitignore and .ignore patterns that may skip them",
        file=sys.stderr,
    )
    return EXIT_ERROR


def append_side_outputs(outputs: dict[str, str]) -> None:
    """Append each text to the file its environment variable names, when it is set."""
    for variable, text in outputs.items():
        target = os.environ.get(variable)
        if not target:
            continue
        try:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            print(f"mdcheck: warning: cannot write {variable} ({target}): {exc}", file=sys.stderr)


def fixed_codes(results: list[FileResult], resolver: ConfigResolver) -> dict[str, int]:
    """Fixes applied by code: what was found before fixing less what remains."""
    from collections import Counter

    from mdcheck.api import lint_text

    fixed: Counter[str] = Counter()
    for result in results:
        if not result.changed or result.original is None:
            continue
        before = Counter(
            d.code for d in lint_text(result.original, result.path, resolver.for_path(result.path))
        )
        before.subtract(d.code for d in result.diagnostics)
        fixed.update({code: n for code, n in before.items() if n > 0})
    return dict(fixed)


@contextlib.contextmanager
def progress(ns: argparse.Namespace) -> Iterator[None]:
    """A "checking…" line on standard error while a long run works: only on a terminal,
    never in CI (``CI`` set), with --quiet or when the report goes to the terminal's
    standard error anyway."""
    show = (
        not ns.quiet
        and sys.stderr.isatty()
        and not os.environ.get("CI")
        and enough_files(ns.paths or ["."])
    )
    if show:
        sys.stderr.write("mdcheck: checking files…")
        sys.stderr.flush()
    try:
        yield
    finally:
        if show:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def enough_files(paths: list[str]) -> bool:
    """Whether the folders named hold at least PROGRESS_THRESHOLD entries (counted
    lazily, stopping at the threshold)."""
    seen = 0
    for path in paths:
        if not os.path.isdir(path):
            continue
        for _folder, _dirs, names in os.walk(path):
            seen += len(names)
            if seen >= PROGRESS_THRESHOLD:
                return True
    return False


def print_diffs(results: list[FileResult]) -> int:
    from mdcheck.formatters.diff import unified_diff  # --diff only

    changed = 0
    for result in results:
        if not result.changed or result.original is None or result.fixed is None:
            continue
        changed += 1
        sys.stdout.writelines(
            unified_diff(result.original, result.fixed, result.path, bom=result.bom)
        )
    if changed:
        print(
            f"{changed} file{'s' if changed != 1 else ''} would be changed by --fix",
            file=sys.stderr,
        )
    return changed
