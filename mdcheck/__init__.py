"""mdcheck: a linter and validator for structured Markdown articles."""

from __future__ import annotations

from mdcheck.api import (
    FileResult,
    FixOutcome,
    RunOptions,
    config_for_path,
    config_from_dict,
    fails,
    fix_text,
    lint_paths,
    lint_text,
    load_config,
    read_post,
)
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
    "FixOutcome",
    "RunOptions",
    "Severity",
    "Span",
    "__version__",
    "config_for_path",
    "config_from_dict",
    "fails",
    "fix_text",
    "lint_paths",
    "lint_text",
    "load_config",
    "read_post",
]
