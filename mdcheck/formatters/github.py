"""``github``: GitHub Actions workflow commands, which annotate the pull request's diff.

GitHub shows at most 10 error and 10 warning annotations (and 10 notices) per step, so the
findings are ordered most severe first and each level's first 10 become annotations; the
rest are printed as plain ``path:line:col: CODE message`` lines, so the log still has
them. A closing notice gives the totals. When ``GITHUB_STEP_SUMMARY`` is set, a Markdown
table of every finding by code and by file is appended to the job summary.

Property values and messages are escaped as the Actions runner requires (``%``, CR, LF,
and in properties also ``:`` and ``,``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from mdcheck.diagnostic import Diagnostic, Severity
from mdcheck.formatters.base import (
    Formatter,
    Report,
    display_path,
    relative_to_root,
    repository_root,
)

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ANNOTATIONS_PER_LEVEL = 10  # what GitHub displays per step and level
SUMMARY_ROWS = 500  # findings listed one by one in the job summary (it is capped at 1 MiB)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _most_severe_first(report: Report) -> list[Diagnostic]:
    # stable: within a level, the report's own order (path, line, column)
    return sorted(report.diagnostics, key=lambda d: -d.severity.rank)


def _annotation(d: Diagnostic, root: Path) -> str:
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (
            ("file", relative_to_root(d.path, root) or display_path(d.path)),
            ("line", d.span.line),
            ("col", d.span.col),
            ("endLine", d.span.end_line),
            ("endColumn", d.span.end_col),
            ("title", f"{d.code} {d.name}"),
        )
    )
    return f"::{_COMMANDS[d.severity]} {properties}::{escape_data(d.message)}"


def _plain(d: Diagnostic, root: Path) -> str:
    path = relative_to_root(d.path, root) or display_path(d.path)
    where = f"{path}:{d.span.line}:{d.span.col}"
    return escape_data(f"{where}: {d.severity.value}: {d.code} {d.message}")


def _totals(report: Report) -> str:
    counts = report.counts()
    total = sum(counts.values())
    if not total:
        return f"no problems in {_plural(len(report.results), 'file')}"
    detail = ", ".join(
        _plural(counts[s], s.value)
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    )
    return f"{_plural(total, 'problem')} ({detail})"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class GithubFormatter(Formatter):
    name = "github"
    description = "GitHub Actions annotations (most severe first) and a job summary table"

    def render(self, report: Report) -> str:
        lines = []
        shown: Counter[Severity] = Counter()
        hidden = 0
        root = repository_root()
        for d in _most_severe_first(report):
            if shown[d.severity] < ANNOTATIONS_PER_LEVEL:
                shown[d.severity] += 1
                lines.append(_annotation(d, root))
            else:
                hidden += 1
                lines.append(_plain(d, root))
        for error in report.errors:
            lines.append(f"::error title=mdcheck::{escape_data(error)}")
        if report.diagnostics or report.errors:
            note = f"mdcheck: {_totals(report)}"
            if hidden:
                note += (
                    f"; {hidden} not annotated (GitHub shows {ANNOTATIONS_PER_LEVEL} of each"
                    " level per step): they are listed above and in the job summary"
                )
            lines.append(f"::notice title=mdcheck::{escape_data(note)}")
        return "\n".join(lines) + "\n" if lines else ""

    def side_outputs(self, report: Report) -> dict[str, str]:
        return {"GITHUB_STEP_SUMMARY": step_summary(report)}


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    flat = " ".join(text.split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def step_summary(report: Report) -> str:
    """The job summary: totals, a table by code, a table by file, then each finding."""
    diagnostics = report.diagnostics
    root = repository_root()

    def shown(path: str) -> str:
        return _cell(relative_to_root(path, root) or display_path(path))

    out = ["## mdcheck", "", f"{_totals(report).capitalize()}.", ""]
    if report.errors:
        out += [f"{len(report.errors)} paths could not be checked:", ""]
        out += [f"- {_cell(error)}" for error in report.errors] + [""]
    if not diagnostics:
        return "\n".join(out) + "\n"
    by_code: Counter[tuple[str, str, str]] = Counter(
        (d.code, d.name, d.severity.value) for d in diagnostics
    )
    out += ["| code | rule | severity | findings |", "| --- | --- | --- | ---: |"]
    for (code, name, severity), count in sorted(by_code.items()):
        out.append(f"| `{code}` | {name} | {severity} | {count} |")
    by_file: dict[str, Counter[str]] = {}
    for d in diagnostics:
        by_file.setdefault(shown(d.path), Counter())[d.code] += 1
    out += ["", "| file | findings | codes |", "| --- | ---: | --- |"]
    for path, codes in sorted(by_file.items()):
        listed = ", ".join(
            f"`{code}` ×{n}" if n > 1 else f"`{code}`" for code, n in sorted(codes.items())
        )
        out.append(f"| {path} | {sum(codes.values())} | {listed} |")
    out += ["", "<details><summary>Every finding</summary>", ""]
    out += ["| file | line:col | code | severity | message |", "| --- | --- | --- | --- | --- |"]
    for d in diagnostics[:SUMMARY_ROWS]:
        out.append(
            f"| {shown(d.path)} | {d.span.line}:{d.span.col} | `{d.code}` |"
            f" {d.severity.value} | {_cell(d.message)} |"
        )
    if len(diagnostics) > SUMMARY_ROWS:
        out.append(f"\n… and {len(diagnostics) - SUMMARY_ROWS} more (see the step's log).")
    out += ["", "</details>", ""]
    return "\n".join(out)
