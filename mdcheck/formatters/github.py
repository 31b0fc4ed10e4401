"""``github``: GitHub Actions workflow commands, which annotate the pull request's diff.

Property values and messages are escaped as the Actions runner requires (``%``, CR, LF,
and in properties also ``:`` and ``,``).
"""

from __future__ import annotations

from mdcheck.diagnostic import Severity
from mdcheck.formatters.base import Formatter, Report, display_path

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    name = "github"
    description = "GitHub Actions workflow commands (::error file=…::message)"

    def render(self, report: Report) -> str:
        lines = []
        for d in report.diagnostics:
            properties = ",".join(
                f"{key}={escape_property(str(value))}"
                for key, value in (
                    ("file", display_path(d.path)),
                    ("line", d.span.line),
                    ("col", d.span.col),
                    ("endLine", d.span.end_line),
                    ("endColumn", d.span.end_col),
                    ("title", f"{d.code} {d.name}"),
                )
            )
            lines.append(f"::{_COMMANDS[d.severity]} {properties}::{escape_data(d.message)}")
        for error in report.errors:
            lines.append(f"::error ::{escape_data(error)}")
        return "\n".join(lines) + "\n" if lines else ""
