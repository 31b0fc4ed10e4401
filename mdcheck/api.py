"""The public, pure entry points. The command line, the language server and tests use these.

>>> from mdcheck import lint_text
>>> [d.code for d in lint_text("# Title")]
['DOC001']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mdcheck.config import Config, ConfigResolver
from mdcheck.diagnostic import Diagnostic
from mdcheck.run.engine import FixOutcome
from mdcheck.run.parallel import process_files
from mdcheck.run.process import (
    FileResult,
    RunOptions,
    expand_paths,
    fix_source,
    lint_source,
)

if TYPE_CHECKING:
    from mdcheck.run.cache import ResultCache

__all__ = ["FileResult", "FixOutcome", "RunOptions", "fix_text", "lint_paths", "lint_text"]


def _default_config() -> Config:
    return Config(root=Path.cwd())


def lint_text(text: str, path: str = "-", config: Config | None = None) -> list[Diagnostic]:
    """Lint Markdown text; ``path`` names it in diagnostics and for per-file settings."""
    return lint_source(text, path, config or _default_config())


def fix_text(
    text: str, path: str = "-", config: Config | None = None, *, unsafe: bool = False
) -> FixOutcome:
    """Apply the safe fixes (and the unsafe ones with ``unsafe=True``) until stable."""
    return fix_source(text, path, config or _default_config(), unsafe=unsafe)


def lint_paths(
    paths: Sequence[str],
    resolver: ConfigResolver | None = None,
    options: RunOptions | None = None,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
    force_exclude: bool | None = None,
) -> list[FileResult]:
    """Lint (and optionally fix) files and folders; results sorted by path.

    ``jobs`` > 1 spreads the files over worker processes (same results, same order);
    ``cache`` reuses earlier results of unchanged files (ignored while fixing);
    ``force_exclude`` applies ``exclude`` and ignore files to the files named in ``paths``
    too (default: each file's ``force-exclude`` setting).
    """
    resolver = resolver or ConfigResolver()
    options = options or RunOptions()
    files, problems = expand_paths(paths, resolver, force_exclude=force_exclude)
    configs = [resolver.for_path(path) for path in files]
    results = process_files(files, configs, options, jobs=jobs, cache=cache)
    return sorted(results + problems, key=lambda r: r.path)
