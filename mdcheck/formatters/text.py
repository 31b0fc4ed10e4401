"""``text``: one ``path:line:col: CODE message`` line per finding, then a summary.

The line shape is what Vim's default ``errorformat``, Emacs compilation mode and VS Code's
``$eslint-compact``-style problem matchers read without configuration.
"""

from __future__ import annotations

from mdcheck.diagnostic import Severity
from mdcheck.formatters.base import Formatter, Report, display_path

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD = "\033[1m"
_RESET = "\033[0m"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextFormatter(Formatter):
    name = "text"
    description = "path:line:col: CODE message, one per line, and a summary"

    def render(self, report: Report) -> str:
        lines = []
        path, shown = None, ""  # a file's diagnostics come together: its path shown once
        for d in report.diagnostics:
            if d.path is not path:
                path, shown = d.path, display_path(d.path)
            span = d.span
            if report.color:
                where = f"{_BOLD}{shown}:{span.line}:{span.col}:{_RESET}"
                lines.append(f"{where} {_COLORS[d.severity]}{d.code}{_RESET} {d.message}")
            else:
                lines.append(f"{shown}:{span.line}:{span.col}: {d.code} {d.message}")
        if not report.quiet:
            lines.append(self.summary(report))
        return "\n".join(lines) + "\n" if lines else ""

    def summary(self, report: Report) -> str:
        counts = report.counts()
        total = sum(counts.values())
        files = sum(1 for r in report.results if not r.error)
        parts: list[str] = []
        if report.fixing:
            applied = sum(r.applied for r in report.results)
            changed = sum(1 for r in report.results if r.changed)
            parts.append(f"Fixed {_plural(applied, 'problem')} in {_plural(changed, 'file')}.")
        if total:
            detail = ", ".join(
                _plural(counts[s], s.value)
                for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
                if counts[s]
            )
            with_findings = len({d.path for d in report.diagnostics})
            remaining = "remaining " if report.fixing else ""
            parts.append(
                f"Found {_plural(total, remaining + 'problem')} ({detail})"
                f" in {with_findings} of {_plural(files, 'file')}."
            )
            safe, unsafe = report.fixable()
            if safe and not report.fixing:
                hint = f"{safe} fixable with --fix"
                if unsafe:
                    hint += f" ({unsafe} more with --unsafe-fixes)"
                parts.append(hint + ".")
            elif unsafe and not report.unsafe_fixes:
                parts.append(f"{unsafe} fixable with --fix --unsafe-fixes.")
        elif files or not report.errors:
            parts.append(f"No problems found in {_plural(files, 'file')}.")
        if report.errors:
            parts.append(f"{_plural(len(report.errors), 'path')} could not be checked.")
        return " ".join(parts)
