"""The public, pure entry points. The command line, the language server and tests use these.

>>> from mdcheck import lint_text
>>> [d.code for d in lint_text("# Title")]
['DOC001']

Configuration: without a ``config``, :func:`lint_text` and :func:`fix_text` use the one
that applies to ``path`` (found as the command line finds it: walking up from the path's
folder, see :func:`config_for_path`). :func:`load_config` and :func:`config_from_dict`
build a validated :class:`Config` from a file or a dict shaped like ``[tool.mdcheck]``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdcheck.config import Config, ConfigResolver, config_from_table, load_config_file
from mdcheck.diagnostic import Diagnostic, Severity
from mdcheck.run.collection import add_near_duplicates
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
    import frontmatter

    from mdcheck.run.cache import ResultCache

__all__ = [
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
]


def config_for_path(path: str | os.PathLike[str]) -> Config:
    """The configuration that applies to ``path`` (which need not exist): the first
    ``.mdcheck.toml``, ``mdcheck.toml`` or ``pyproject.toml`` with ``[tool.mdcheck]``
    walking up from its folder, else the defaults. ConfigError when that file is invalid."""
    name = os.fspath(path)
    return ConfigResolver().for_path(name)


def load_config(path: str | os.PathLike[str]) -> Config:
    """A configuration file, validated (ConfigError with a one-line message otherwise)."""
    return load_config_file(Path(path))


def config_from_dict(
    table: Mapping[str, Any], root: str | os.PathLike[str] | None = None
) -> Config:
    """A configuration from a dict with the keys of ``[tool.mdcheck]`` (``"select"``,
    ``"per-file-ignores"``, ``"rules"`` …), validated against the same schema as a file;
    globs and relative paths are anchored at ``root`` (default: the working folder)."""
    source = Path(root, "mdcheck.toml") if root is not None else None
    config = config_from_table(table, source, "the configuration")
    if source is None:
        return config
    import dataclasses

    return dataclasses.replace(config, source=None)


def _config_for(path: str, config: Config | None) -> Config:
    if config is not None:
        return config
    if path == "-":
        return Config(root=Path.cwd())
    return config_for_path(path)


def lint_text(text: str, path: str = "-", config: Config | None = None) -> list[Diagnostic]:
    """Lint Markdown text; ``path`` names it in diagnostics and, without ``config``, picks
    the configuration that applies to it (:func:`config_for_path`)."""
    return lint_source(text, path, _config_for(path, config))


def fix_text(
    text: str, path: str = "-", config: Config | None = None, *, unsafe: bool = False
) -> FixOutcome:
    """Apply the safe fixes (and the unsafe ones with ``unsafe=True``) until stable;
    the configuration is chosen as in :func:`lint_text`."""
    return fix_source(text, path, _config_for(path, config), unsafe=unsafe)


def fails(
    diagnostics: Iterable[Diagnostic], fail_level: Severity | str | Config = Severity.WARNING
) -> bool:
    """Whether any diagnostic is at or above the fail level (a Severity, its name, or a
    Config's ``fail_level``): what makes the command line exit 1."""
    if isinstance(fail_level, Config):
        level = fail_level.fail_level
    elif isinstance(fail_level, Severity):
        level = fail_level
    else:
        level = Severity.parse(fail_level)
    return any(d.severity.rank >= level.rank for d in diagnostics)


def read_post(source: str | os.PathLike[str]) -> frontmatter.Post:
    """The article as it was meant, as a python-frontmatter ``Post``: the front matter found
    even when it is indented or never closed (read with mdcheck's safe YAML reader; values
    are JSON types, so dates stay strings) and the content without a document-wide wrapper
    fence (```` ```markdown ````) or the front matter. ``source`` is a path (an
    ``os.PathLike``, or a string naming an existing file and holding no line break) or the
    text itself. The text is otherwise unchanged: no other fix is applied."""
    import frontmatter

    from mdcheck.markdown.document import Document
    from mdcheck.run.files import read_source

    name = os.fspath(source)
    if not isinstance(source, str) or ("\n" not in name and os.path.isfile(name)):
        text, path = read_source(name).text, name
    else:
        text, path = name, "-"
    meant = Config(root=Path.cwd(), select=("FM002", "CF002"), fixes={"CF002": "safe"})
    doc = Document.from_text(fix_source(text, path, meant).text, path)
    read = doc.front_matter_data
    metadata = read.data if read is not None and isinstance(read.data, dict) else {}
    start = doc.front_matter.body_start if doc.front_matter is not None else 0
    hidden = doc.hidden_lines
    body = [line for index, line in enumerate(doc.lines) if index >= start and index not in hidden]
    post = frontmatter.Post("\n".join(body).strip("\n"))
    post.metadata.update(metadata)
    return post


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
    results = add_near_duplicates(results, files, configs)  # over the whole run
    return sorted(results + problems, key=lambda r: r.path)
