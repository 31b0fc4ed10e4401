"""Processing one file: read it, lint it, fix it in memory, write it back.

This is the run loop's unit of work, shared by the serial and parallel runs, the command
line (standard input) and the public API. It may import the layers below it (config,
rules, markdown, util) and the rest of ``mdcheck.run``, never the face (api, cli, server).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mdcheck.config import Config, ConfigResolver
from mdcheck.diagnostic import Diagnostic, Span
from mdcheck.markdown.document import Document
from mdcheck.rules.meta import FileTooLarge, UnreadableFile
from mdcheck.run.engine import FixOutcome, fix_document_text, lint_document, paused_gc
from mdcheck.run.files import (
    FileChangedError,
    IgnoreFiles,
    NotRegularError,
    Source,
    TooLargeError,
    UnreadableError,
    decode,
    default_excluded,
    encode,
    file_kind,
    read_bytes,
    walk_markdown,
    write_atomically,
)

if TYPE_CHECKING:
    from mdcheck.run.cache import ResultCache


def lint_source(text: str, path: str, config: Config) -> list[Diagnostic]:
    """Lint Markdown text with an explicit configuration."""
    with paused_gc():  # the document is freed before the collector resumes
        return lint_document(Document.from_text(text, path), config)


def lint_source_for_cache(text: str, path: str, config: Config) -> tuple[list[Diagnostic], bool]:
    """:func:`lint_source`, and whether the result may be cached: not when a rule looked
    at other files (a link's target), whose existence the cache key does not cover."""
    with paused_gc():
        doc = Document.from_text(text, path)
        diagnostics = lint_document(doc, config)
        return diagnostics, not doc.memo("files-consulted", list)


def fix_source(text: str, path: str, config: Config, *, unsafe: bool = False) -> FixOutcome:
    """Apply the safe fixes (and the unsafe ones with ``unsafe``) until stable; keeps a BOM."""
    bom = text.startswith("\ufeff")
    outcome = fix_document_text(text[1:] if bom else text, path, config, unsafe=unsafe)
    if bom:
        return FixOutcome("\ufeff" + outcome.text, outcome.applied, outcome.remaining)
    return outcome


@dataclass(frozen=True)
class RunOptions:
    """What to do with each file: only lint, fix (safe or also unsafe), write or not."""

    fix: bool = False
    unsafe_fixes: bool = False
    write: bool = True


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file (or standard input)."""

    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str | None = None  # the file could not be processed at all (exit 2)
    original: str | None = None  # the text before fixes, when fixing
    fixed: str | None = None  # the text after fixes, when fixing
    applied: int = 0
    bom: bool = False  # the file starts with a byte-order mark (not part of the texts)
    cacheable: bool = True  # False when a rule looked at other files (LK001)

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original


def expand_paths(
    paths: Sequence[str], resolver: ConfigResolver, *, force_exclude: bool | None = None
) -> tuple[list[str], list[FileResult]]:
    """Files to lint and results for bad paths. Folders are walked (skipping what
    ``exclude``, ``.gitignore`` and ``.ignore`` skip, and the folders in ``SKIPPED_DIRS``);
    files named directly are checked unless ``force_exclude`` (default: the file's
    ``force-exclude`` setting) applies the same exclusions to them."""
    files: list[str] = []
    problems: list[FileResult] = []
    ignore = IgnoreFiles()
    for path in paths:
        if os.path.isdir(path):
            config = resolver.for_path(os.path.join(path, "-"))
            for found in walk_markdown(
                path,
                lambda p, folder: resolver.for_path(p).is_excluded(p, folder=folder),
                ignore if config.respect_gitignore else None,
            ):
                kind = _special_kind(found)
                if kind is None:
                    files.append(found)
                else:  # a pipe would wait for a writer forever; a device never ends
                    problems.append(FileResult(found, error=not_regular_message(found, kind)))
        elif os.path.exists(path) or os.path.islink(path):
            if not _force_excluded(path, resolver.for_path(path), ignore, force_exclude):
                files.append(path)
        else:
            problems.append(FileResult(path, error=f"{path}: no such file or folder"))
    return list(dict.fromkeys(files)), problems


def _force_excluded(
    path: str, config: Config, ignore: IgnoreFiles, force_exclude: bool | None
) -> bool:
    if not (config.force_exclude if force_exclude is None else force_exclude):
        return False
    if config.is_excluded(path):
        return True
    top = ignore.top(os.path.dirname(os.path.abspath(path)) or ".")
    if default_excluded(path, top):
        return True
    return config.respect_gitignore and ignore.ignored(path, top=top)


def _special_kind(path: str) -> str | None:
    """What a walked file is when it is not a regular file (links followed), else None."""
    try:
        return file_kind(os.stat(path).st_mode)
    except OSError:
        return None  # a dangling link: reading it reports the reason


def not_regular_message(path: str, kind: str) -> str:
    return f"{path}: {kind}, not a regular file; not read"


def process_file(
    path: str, config: Config, options: RunOptions, cache: ResultCache | None = None
) -> FileResult:
    """Read, lint, and with ``options.fix`` fix and write one file.

    With a ``cache`` (and not fixing), an unchanged file's earlier result is reused and a
    new result is recorded in it (written by ``cache.flush()``).
    """
    try:
        source = decode(read_bytes(path, size_limit(path, config)), path)
    except TooLargeError as exc:
        return _oversized(path, exc.size, config, exact=exc.exact)
    except IsADirectoryError:
        return FileResult(path, error=f"{path}: is a folder")
    except NotRegularError as exc:
        return FileResult(path, error=not_regular_message(path, exc.kind))
    except MemoryError:
        return FileResult(path, error=f"{path}: too large to read into memory; not checked")
    except OSError as exc:
        return FileResult(path, error=f"{path}: cannot read: {exc.strerror or exc}")
    except UnreadableError as exc:
        return unreadable_result(path, exc)
    if cache is not None and not options.fix:
        key = cache.key(path, config, source.raw)
        cached = cache.get(key, path)
        if cached is not None:
            return FileResult(path, cached)
        result = process_source(source, config, options)
        if result.cacheable:
            cache.put(key, path, result.diagnostics)
        return result
    result = process_source(source, config, options)
    if result.changed and options.write and result.fixed is not None:
        try:
            write_atomically(path, encode(source, result.fixed), expected=source.raw)
        except (FileChangedError, OSError) as exc:
            # nothing was written: report the findings of the text that is on disk
            error = str(exc)
            if not isinstance(exc, FileChangedError):
                error = f"{path}: cannot write: {exc.strerror or exc}"
            unfixed = tuple(lint_source(source.text, path, config))
            return FileResult(path, unfixed, error=error, original=result.original)
    return result


def unreadable_result(path: str, exc: UnreadableError) -> FileResult:
    rule = UnreadableFile()
    diagnostic = Diagnostic(
        code=rule.code,
        name=rule.name,
        message=exc.reason,
        severity=rule.severity,
        span=Span(exc.line, exc.col, exc.line, exc.col),
        path=path,
    )
    return FileResult(path, (diagnostic,))


def _size_rule(path: str, config: Config) -> FileTooLarge | None:
    """The file's MC005 rule, None when it is off."""
    return next((r for r in config.settings_for(path).rules if isinstance(r, FileTooLarge)), None)


def size_limit(path: str, config: Config) -> int | None:
    """The file's ``max-file-size`` in bytes (MC005), None when it has none."""
    rule = _size_rule(path, config)
    return rule.limit if rule is not None else None


def oversized_result(path: str, size: int, config: Config) -> FileResult | None:
    """An MC005 result when ``size`` (bytes) exceeds the file's ``max-file-size``, else None."""
    limit = size_limit(path, config)
    if limit is None or size <= limit:
        return None
    return _oversized(path, size, config)


def _oversized(path: str, size: int, config: Config, *, exact: bool = True) -> FileResult:
    rule = _size_rule(path, config)
    limit = rule.limit if rule is not None else None
    assert rule is not None and limit is not None  # the file is over the limit
    told = f"file is {_size(size)}, larger than" if exact else "file is larger than"
    diagnostic = Diagnostic(
        code=rule.code,
        name=rule.name,
        message=f"{told} the {_size(limit)} limit (max-file-size);"
        " not checked: raise the limit (0 = none) or exclude the file",
        severity=config.settings_for(path).severity.get(rule.code, rule.severity),
        span=Span(1, 1, 1, 1),
        path=path,
    )
    return FileResult(path, (diagnostic,))


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB" if size >= 1024 * 1024 else f"{size} bytes"


def process_source(source: Source, config: Config, options: RunOptions) -> FileResult:
    """Lint (and fix, in memory) already decoded text."""
    if not options.fix:
        diagnostics, cacheable = lint_source_for_cache(source.text, source.path, config)
        return FileResult(source.path, tuple(diagnostics), cacheable=cacheable)
    outcome = fix_source(source.text, source.path, config, unsafe=options.unsafe_fixes)
    return FileResult(
        source.path,
        tuple(outcome.remaining),
        original=source.text,
        fixed=outcome.text,
        applied=outcome.applied,
        bom=source.bom,
    )


def all_diagnostics(results: Iterable[FileResult]) -> list[Diagnostic]:
    return [d for result in results for d in result.diagnostics]
