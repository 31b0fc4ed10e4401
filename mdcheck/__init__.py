"""mdcheck: a linter and validator for structured Markdown articles."""

from __future__ import annotations

from mdcheck.api import FileResult, RunOptions, fix_text, lint_paths, lint_text
from mdcheck.config import Config, ConfigError, ConfigResolver
from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity, Span
from mdcheck.version import __version__

__all__ = [
    "Applicability",
    "Config",
    "ConfigError",
    "ConfigResolver",
    "Diagnostic",
    "Edit",
    "FileResult",
    "Fix",
    "RunOptions",
    "Severity",
    "Span",
    "__version__",
    "fix_text",
    "lint_paths",
    "lint_text",
]
