"""The result cache: a file's diagnostics, reused while nothing that shaped them changed.

An entry's key is a SHA-256 over the mdcheck version (plus, for a source checkout, the
state of mdcheck's own modules), the effective configuration's fingerprint (which
includes the contents of schema and profile files it names), the file's path as given
and the SHA-256 of its bytes. Entries are small JSON files under
``<cache-dir>/v1/<key[:2]>/<key>.json``, each written to a temporary file and renamed into
place, so concurrent runs never see a half-written entry and at worst both write the same
one. An entry that cannot be read or parsed is a miss. Results with a crashed rule are
never stored; the cache is never used while fixing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
from pathlib import Path
from typing import Any

from mdcheck.config import Config
from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity, Span

DEFAULT_DIR_NAME = ".mdcheck_cache"
FORMAT = "v1"
CRASH_CODE = "MC004"
_README = (
    "This folder is mdcheck's result cache. It is safe to delete at any time;\n"
    "keep it between CI runs to make reruns fast (see docs/performance.md).\n"
)


class ResultCache:
    """Diagnostics by (mdcheck version, configuration, path, content)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        # entry paths are built as strings: pathlib costs more than the write on a big run
        self._entries = os.path.join(self.directory, FORMAT)
        self._prefixes: dict[Config, bytes] = {}  # by identity (Config has eq=False)
        self._folders: set[str] = set()
        self._counter = itertools.count()

    def key(self, path: str, config: Config, raw: bytes) -> str:
        """The entry key of a file's bytes under a configuration."""
        prefix = self._prefixes.get(config)
        if prefix is None:
            prefix = f"{code_fingerprint()}\0{_registry()}\0{config.fingerprint}\0".encode()
            self._prefixes[config] = prefix
        digest = hashlib.sha256(prefix)
        digest.update(path.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(hashlib.sha256(raw).digest())
        return digest.hexdigest()

    def _entry(self, key: str) -> str:
        return os.path.join(self._entries, key[:2], key + ".json")

    def get(self, key: str, path: str) -> tuple[Diagnostic, ...] | None:
        """The stored diagnostics (with ``path`` filled in), or None on a miss."""
        try:
            with open(self._entry(key), "rb") as handle:
                data = json.loads(handle.read())
            return tuple(_diagnostic(item, path) for item in data["d"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def put(self, key: str, diagnostics: tuple[Diagnostic, ...]) -> None:
        """Store diagnostics atomically; crashed results and write failures are skipped."""
        if any(d.code == CRASH_CODE for d in diagnostics):
            return
        target = self._entry(key)
        folder = os.path.dirname(target)
        data = json.dumps(
            {"d": [_encode(d) for d in diagnostics]}, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
        temporary = os.path.join(folder, f".{key}.{os.getpid()}.{next(self._counter)}.tmp")
        try:
            self._prepare(folder)
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError:
            return  # a read-only or full disk only costs speed
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _prepare(self, folder: str) -> None:
        """Create an entry folder; on first use mark the cache (CACHEDIR.TAG, .gitignore)."""
        if folder in self._folders:
            return
        if not self._folders:
            self.directory.mkdir(parents=True, exist_ok=True)
            files = {
                "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# mdcheck cache\n",
                ".gitignore": "*\n",
                "README.txt": _README,
            }
            for name, content in files.items():
                path = self.directory / name
                if not path.exists():
                    with contextlib.suppress(OSError):
                        path.write_text(content, encoding="utf-8")
        os.makedirs(folder, exist_ok=True)
        self._folders.add(folder)


def default_cache_dir(root: Path) -> Path:
    return root / DEFAULT_DIR_NAME


@functools.cache
def code_fingerprint() -> str:
    """mdcheck's version and the size and mtime of its modules (for source checkouts)."""
    from mdcheck import __version__

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for folder in (package, package / "rules", package.parent / "schemas"):
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".py", ".json")) and entry.is_file():
                stat = entry.stat()
                digest.update(f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _registry() -> str:
    """The registered rule classes (a plugin or a patched registry changes results)."""
    from mdcheck.rules import ALL_RULES

    return ",".join(f"{r.code}={r.__module__}.{r.__qualname__}" for r in ALL_RULES)


def _encode(d: Diagnostic) -> list[Any]:
    span = d.span
    fix = None
    if d.fix is not None:
        fix = [
            [[e.start, e.end, e.content, *_span(e.span)] for e in d.fix.edits],
            d.fix.applicability.value,
            d.fix.description,
        ]
    return [
        d.code,
        d.name,
        d.message,
        d.severity.value,
        _span(span),
        fix,
        [list(pair) for pair in d.extra],
    ]


def _span(span: Span) -> list[int]:
    return [span.line, span.col, span.end_line, span.end_col]


def _diagnostic(item: list[Any], path: str) -> Diagnostic:
    code, name, message, severity, span, fix, extra = item
    decoded_fix = None
    if fix is not None:
        edits, applicability, description = fix
        decoded_fix = Fix(
            tuple(Edit(e[0], e[1], e[2], Span(*e[3:7])) for e in edits),
            Applicability(applicability),
            description,
        )
    return Diagnostic(
        code=code,
        name=name,
        message=message,
        severity=Severity(severity),
        span=Span(*span),
        path=path,
        fix=decoded_fix,
        extra=tuple((str(k), str(v)) for k, v in extra),
    )
