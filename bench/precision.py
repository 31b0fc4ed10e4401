"""Measure precision: run mdcheck with its default settings over folders of real Markdown.

    python bench/precision.py ../shared/corpora/public-docs
    python bench/precision.py DIR ... --sample 10       # more findings shown per code
    python bench/precision.py DIR --code FM005 --all    # every finding of one code
    python bench/precision.py DIR --triage > rows.md    # a triage table to fill in

Every rule that is on by default runs, with the default settings: configuration files found
in the folders are ignored (``--discover-config`` uses them), so the figures say what a new
user sees on the first ``mdcheck .``. The report gives, per code, the number of findings and
of files, then a sample of findings with the source line each points at, spread over as
many files as possible, so that a person can read them and decide which are true. It ends
with how many files of each kind (``mdcheck/article/filekind.py``) were checked.

Paths are shown relative to the folder named on the command line. The exit status is 0
whatever was found (2 for a bad argument or configuration).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mdcheck.api import lint_paths
from mdcheck.article.filekind import classify
from mdcheck.config import Config, ConfigError, ConfigResolver
from mdcheck.diagnostic import Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.run.files import UnreadableError, decode, read_bytes
from mdcheck.run.process import FileResult, RunOptions


class DefaultSettings(ConfigResolver):
    """The default configuration for every file, whatever configuration files exist."""

    def __init__(self) -> None:
        super().__init__()
        self._config = Config(root=Path.cwd())

    def for_path(self, path: str) -> Config:
        return self._config


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="folders or files of real Markdown")
    parser.add_argument("--sample", type=int, default=5, help="findings shown per code")
    parser.add_argument("--all", action="store_true", help="show every finding")
    parser.add_argument("--code", action="append", default=[], help="only these codes")
    parser.add_argument("--triage", action="store_true", help="print a triage table")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument(
        "--discover-config", action="store_true", help="use configuration files found"
    )
    args = parser.parse_args(argv)
    missing = [path for path in args.paths if not os.path.exists(path)]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    resolver = ConfigResolver() if args.discover_config else DefaultSettings()
    try:
        results = lint_paths(args.paths, resolver, RunOptions(), jobs=args.jobs)
    except ConfigError as exc:
        print(f"precision: error: {exc}", file=sys.stderr)
        return 2
    wanted = {code.upper() for code in args.code}
    found = [
        d
        for result in results
        for d in result.diagnostics
        if not wanted or d.code in wanted or d.code[:2] in wanted or d.code[:3] in wanted
    ]
    kinds = _kinds(results)
    shown = None if args.all else args.sample
    if args.triage:
        print(_triage(found, args.paths))
    else:
        print(_report(results, found, kinds, args.paths, shown))
    if args.json:
        by_code = collections.Counter(d.code for d in found)
        files = _files_per_code(found)
        figures = {
            "files": len(results),
            "findings": len(found),
            "codes": {code: {"findings": n, "files": files[code]} for code, n in by_code.items()},
            "kinds": kinds,
        }
        Path(args.json).write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    return 0


def _files_per_code(found: Sequence[Diagnostic]) -> dict[str, int]:
    files: dict[str, set[str]] = collections.defaultdict(set)
    for d in found:
        files[d.code].add(d.path)
    return {code: len(paths) for code, paths in files.items()}


def _kinds(results: Sequence[FileResult]) -> dict[str, int]:
    """How many files of each kind were checked, with the default settings."""
    counts: collections.Counter[str] = collections.Counter()
    for result in results:
        if result.error is not None:
            continue
        try:
            source = decode(read_bytes(result.path, None), result.path)
        except (OSError, UnreadableError):
            continue
        counts[classify(Document.from_text(source.text, result.path)).kind.value] += 1
    return dict(counts.most_common())


def _display(path: str, roots: Sequence[str]) -> str:
    absolute = os.path.abspath(path)
    for root in roots:
        top = os.path.abspath(root)
        if os.path.isdir(top) and (absolute == top or absolute.startswith(top + os.sep)):
            return os.path.relpath(absolute, top)
    return path


def _source_line(path: str, line: int) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            for number, text in enumerate(handle, 1):
                if number == line:
                    return text.rstrip("\r\n")
    except OSError:
        pass
    return ""


def _spread(found: Sequence[Diagnostic], count: int | None) -> list[Diagnostic]:
    """``count`` findings, from as many different files as possible, in path order."""
    ordered = sorted(found, key=lambda d: (d.path, d.span.line, d.span.col))
    if count is None or len(ordered) <= count:
        return ordered
    if count <= 0:
        return []
    by_file: dict[str, list[Diagnostic]] = collections.defaultdict(list)
    for d in ordered:
        by_file[d.path].append(d)
    paths = sorted(by_file)
    step = max(len(paths) / count, 1.0)
    picked = [by_file[paths[int(i * step)]][0] for i in range(min(count, len(paths)))]
    rest = (d for d in ordered if d not in picked)
    while len(picked) < count:
        picked.append(next(rest))
    return sorted(picked, key=lambda d: (d.path, d.span.line, d.span.col))


def _report(
    results: Sequence[FileResult],
    found: Sequence[Diagnostic],
    kinds: dict[str, int],
    roots: Sequence[str],
    shown: int | None,
) -> str:
    errors = [r for r in results if r.error is not None]
    lines = [
        f"{len(results)} files checked with the default settings, {len(found)} findings"
        + (f", {len(errors)} files could not be checked" if errors else "")
    ]
    by_code = collections.Counter(d.code for d in found)
    files = _files_per_code(found)
    names = {d.code: d.name for d in found}
    if by_code:
        lines += ["", f"{'code':<8}{'findings':>9}{'files':>7}  name"]
        for code, count in sorted(by_code.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"{code:<8}{count:>9}{files[code]:>7}  {names[code]}")
    for code in sorted(by_code, key=lambda c: (-by_code[c], c)):
        picked = _spread([d for d in found if d.code == code], shown)
        lines += ["", f"== {code} {names[code]}: {by_code[code]} findings in {files[code]} files"]
        for d in picked:
            where = f"{_display(d.path, roots)}:{d.span.line}:{d.span.col}"
            lines.append(f"{where}: {d.message}")
            lines.append(f"    {d.span.line:>5} | {_source_line(d.path, d.span.line)}")
    for result in errors:
        lines.append(f"error: {result.error}")
    if kinds:
        lines += ["", "file kinds: " + ", ".join(f"{kind} {n}" for kind, n in kinds.items())]
    return "\n".join(lines)


def _triage(found: Sequence[Diagnostic], roots: Sequence[str]) -> str:
    rows = ["| file | line | code | verdict | why |", "| --- | --- | --- | --- | --- |"]
    for d in sorted(found, key=lambda d: (d.code, d.path, d.span.line)):
        rows.append(f"| {_display(d.path, roots)} | {d.span.line} | {d.code} |  |  |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
