"""What every formatter receives, and the base class."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from mdcheck.diagnostic import Applicability, Diagnostic, Severity
from mdcheck.run.process import FileResult


class Report(NamedTuple):
    """A finished run: every file's result and how the run was asked for."""

    results: Sequence[FileResult]
    fixing: bool = False
    unsafe_fixes: bool = False
    color: bool = False
    quiet: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for result in self.results for d in result.diagnostics]

    @property
    def errors(self) -> list[str]:
        return [result.error for result in self.results if result.error]

    def counts(self) -> dict[Severity, int]:
        # counted by the severities' string values: an enum member's hash is computed in
        # Python, and a run may report tens of thousands of findings
        tally = Counter(diagnostic.severity.value for diagnostic in self.diagnostics)
        return {severity: tally[severity.value] for severity in Severity}

    def fixable(self) -> tuple[int, int]:
        """(safe, unsafe) fixable diagnostic counts."""
        safe = unsafe = 0
        for diagnostic in self.diagnostics:
            if diagnostic.fix is None:
                continue
            if diagnostic.fix.applicability is Applicability.SAFE:
                safe += 1
            else:
                unsafe += 1
        return safe, unsafe


class Formatter:
    """Turns a :class:`Report` into text. Subclasses register under ``name``."""

    name: ClassVar[str]
    description: ClassVar[str]

    def render(self, report: Report) -> str:
        raise NotImplementedError


def display_path(path: str) -> str:
    """Paths as given, with forward slashes (stable across platforms)."""
    return path.replace("\\", "/")
