"""What every formatter receives, and the base class."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
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
    statistics: bool = False  # text: a count per code instead of each finding
    show_fixes: bool = False  # text: each fix's description; with --fix, what was fixed
    fixed_codes: Mapping[str, int] | None = None  # with --fix --show-fixes: fixes by code

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

    def side_outputs(self, report: Report) -> dict[str, str]:
        """Text to append to files named by environment variables (such as GitHub's
        ``GITHUB_STEP_SUMMARY``), by variable name; the command line appends each one
        when its variable is set."""
        return {}


def display_path(path: str) -> str:
    """Paths as given, with forward slashes (stable across platforms)."""
    return path.replace("\\", "/")


def repository_root(start: str | None = None) -> Path:
    """The folder CI tools resolve report paths against: the nearest folder at or above
    ``start`` (default: the working folder) holding ``.git``, else ``start`` itself."""
    here = Path(os.path.abspath(start or os.getcwd()))
    for folder in (here, *here.parents):
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
    return here


def relative_to_root(path: str, root: Path) -> str | None:
    """``path`` as a normalised ``/``-separated path under ``root`` (``docs/../docs/a.md``
    becomes ``docs/a.md``), or None when it lies outside ``root``."""
    absolute = os.path.normpath(os.path.abspath(path))
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")
