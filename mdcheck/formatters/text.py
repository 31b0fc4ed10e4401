"""``text``: one ``path:line:col: severity: CODE message`` line per finding, then a summary.

The line shape is the GNU one that Vim's ``errorformat`` (``%t`` reads the severity), Emacs
compilation mode (which colours ``warning:`` and ``info:`` lines by kind) and VS Code
problem matchers read; the severity tells which lines fail the run (at or above the fail
level, ``warning`` by default). Control characters and line breaks from the checked files
(in paths and in messages that quote the text) are printed escaped (``\\n``, ``\\x1b``), so
one finding is always one line and nothing reaches the terminal as a control sequence.
"""

from __future__ import annotations

import re
from collections import Counter

from mdcheck.diagnostic import Diagnostic, Severity
from mdcheck.formatters.base import Formatter, Report, display_path

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD = "\033[1m"
_RESET = "\033[0m"
_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def printable(text: str) -> str:
    """``text`` with control characters and line breaks escaped (a tab stays)."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(
        lambda m: (
            _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}")
            if ord(m.group()) < 0x100
            else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextFormatter(Formatter):
    name = "text"
    description = "path:line:col: severity: CODE message, one per line, and a summary"

    def render(self, report: Report) -> str:
        lines = self.statistics(report) if report.statistics else self.findings(report)
        if report.show_fixes and report.fixed_codes:
            lines += self.fixed(report)
        if not report.quiet:
            lines.append(self.summary(report))
        return "\n".join(lines) + "\n" if lines else ""

    def findings(self, report: Report) -> list[str]:
        lines = []
        path, shown = None, ""  # a file's diagnostics come together: its path shown once
        for d in report.diagnostics:
            if d.path is not path:
                path, shown = d.path, printable(display_path(d.path))
            lines.append(self.line(d, shown, report.color))
            if report.show_fixes and d.fix is not None and d.fix.description:
                kind = d.fix.applicability.value
                lines.append(f"    fix ({kind}): {printable(d.fix.description)}")
        return lines

    def line(self, d: Diagnostic, shown: str, color: bool) -> str:
        span, message = d.span, printable(d.message)
        if color:
            where = f"{_BOLD}{shown}:{span.line}:{span.col}:{_RESET}"
            level = f"{_COLORS[d.severity]}{d.severity.value}:{_RESET}"
            return f"{where} {level} {_BOLD}{d.code}{_RESET} {message}"
        return f"{shown}:{span.line}:{span.col}: {d.severity.value}: {d.code} {message}"

    def statistics(self, report: Report) -> list[str]:
        """``--statistics``: one line per code, most frequent first."""
        counts: Counter[str] = Counter()
        about: dict[str, tuple[str, Severity, bool]] = {}
        for d in report.diagnostics:
            counts[d.code] += 1
            fixable = d.fix is not None or about.get(d.code, ("", d.severity, False))[2]
            about[d.code] = (d.name, d.severity, fixable)
        width = len(str(max(counts.values(), default=0)))
        lines = []
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            name, severity, fixable = about[code]
            mark = "[*]" if fixable else "   "
            lines.append(f"{count:>{width}}  {code:<7} {mark} {name} ({severity.value})")
        return lines

    def fixed(self, report: Report) -> list[str]:
        """``--fix --show-fixes``: how many fixes of each code were applied."""
        assert report.fixed_codes is not None
        lines = ["Fixes applied:"]
        for code, count in sorted(report.fixed_codes.items()):
            lines.append(f"  {count:>4}  {code}")
        return lines

    def summary(self, report: Report) -> str:
        counts = report.counts()
        total = sum(counts.values())
        files = sum(1 for r in report.results if not r.error or r.diagnostics)  # checked
        parts: list[str] = []
        if report.fixing:
            applied = sum(r.applied for r in report.results)
            changed = sum(1 for r in report.results if r.changed)
            parts.append(f"Fixed {_plural(applied, 'problem')} in {_plural(changed, 'file')}.")
        if total:
            detail = ", ".join(_plural(counts[s], s.value) for s in _ORDER if counts[s])
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
