"""mdcheck: a linter and validator for structured Markdown articles.

The public names are imported on first use, so that ``python -m mdcheck`` reaches the
command line (which explains a missing dependency in one line) before anything heavy loads.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mdcheck.version import __version__

if TYPE_CHECKING:
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

_HOMES = {
    **dict.fromkeys(
        (
            "FileResult",
            "FixOutcome",
            "RunOptions",
            "config_for_path",
            "config_from_dict",
            "fails",
            "fix_text",
            "lint_paths",
            "lint_text",
            "load_config",
            "read_post",
        ),
        "mdcheck.api",
    ),
    **dict.fromkeys(("Config", "ConfigError", "ConfigResolver"), "mdcheck.config"),
    **dict.fromkeys(
        ("Applicability", "Diagnostic", "Edit", "Fix", "Severity", "Span"), "mdcheck.diagnostic"
    ),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'mdcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


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
