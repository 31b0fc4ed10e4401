"""The result cache: a file's diagnostics, reused while nothing that shaped them changed.

An entry's key is a SHA-256 over the mdcheck version (plus, for a source checkout, the
state of mdcheck's own modules), the effective configuration's fingerprint (which
includes the contents of schema and profile files it names), the file's path as given
and the SHA-256 of its bytes.

Entries live in SHARDS pack files, ``<cache-dir>/v2/<n>.pack``, the shard chosen by the
file's path. Creating a file costs far more than writing a few kilobytes on many file
systems, so a run does not write one file per checked file: it collects its new entries
and, at the end (:meth:`ResultCache.flush`), rewrites each shard that gained some. A shard
is rewritten whole, to a temporary file renamed into place, under an advisory lock where
the platform has one: concurrent runs never see a half-written shard and keep each
other's entries. Each line of a shard is one entry, ``<path digest> <key> <diagnostics as
JSON>``; a line that cannot be read is a miss, and a shard that is not UTF-8 is empty. A
path keeps its newest KEEP_PER_PATH entries, so an edited file replaces its old results
instead of piling them up. Results with a crashed rule are never stored; the cache is
never used while fixing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mdcheck.config import Config
from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity, Span

DEFAULT_DIR_NAME = ".mdcheck_cache"
FORMAT = "v2"
#: Pack files per cache: a run that checked a few files rewrites a few small shards, and a
#: first run over a whole repository creates this many files, not one per checked file.
SHARDS = 16
#: Entries kept per path (a few configurations or versions of one file, e.g. two branches).
KEEP_PER_PATH = 4
CRASH_CODE = "MC004"
_README = (
    "This folder is mdcheck's result cache. It is safe to delete at any time;\n"
    "keep it between CI runs to make reruns fast (see docs/performance.md).\n"
)

#: A new entry, ready to be written: (shard, path digest, key, diagnostics as JSON).
Entry = tuple[int, str, str, str]


class ResultCache:
    """Diagnostics by (mdcheck version, configuration, path, content).

    :meth:`get` reads a shard the first time one of its paths is looked up; :meth:`put`
    only records the entry, and :meth:`flush` writes what was recorded. Worker processes
    hand their recorded entries to the main process (:meth:`take` and :meth:`add`), which
    flushes once.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        # built as strings: pathlib costs more than the work on a big run
        self._folder = os.path.join(self.directory, FORMAT)
        self._prefixes: dict[Config, bytes] = {}  # by identity (Config has eq=False)
        self._shards: dict[int, dict[str, str]] = {}  # shard -> key -> diagnostics JSON
        self._paths: dict[int, set[str]] = {}  # shard -> digests of the paths it holds
        self._new: list[Entry] = []

    # -- keys and lookups -----------------------------------------------------------------

    def key(self, path: str, config: Config, raw: bytes) -> str:
        """The entry key of a file's bytes under a configuration."""
        prefix = self._prefixes.get(config)
        if prefix is None:
            prefix = f"{code_fingerprint()}\0{_registry()}\0{config.fingerprint}\0".encode()
            self._prefixes[config] = prefix
        digest = hashlib.sha256(prefix)
        digest.update(_encode_path(path))
        digest.update(b"\0")
        digest.update(hashlib.sha256(raw).digest())
        if b"profile" in raw:  # a profile file named in the front matter shapes the result
            digest.update(b"\0")
            digest.update(front_matter_profile_digest(path, raw))
        return digest.hexdigest()

    def knows(self, path: str) -> bool:
        """Whether any entry is stored for ``path``: if not, a lookup would miss, and the
        file need not be read to compute its key."""
        shard, digest = _place(path)
        self._load(shard)
        return digest in self._paths[shard]

    def get(self, key: str, path: str) -> tuple[Diagnostic, ...] | None:
        """The stored diagnostics (with ``path`` filled in), or None on a miss."""
        shard, _ = _place(path)
        stored = self._load(shard).get(key)
        if stored is None:
            return None
        try:
            return tuple(_diagnostic(item, path) for item in json.loads(stored))
        except (ValueError, KeyError, TypeError, IndexError):
            return None

    def _load(self, shard: int) -> dict[str, str]:
        entries = self._shards.get(shard)
        if entries is None:
            entries, paths = {}, set()
            for digest, key, payload in _read_shard(self._shard_file(shard)):
                entries[key] = payload
                paths.add(digest)
            self._shards[shard], self._paths[shard] = entries, paths
        return entries

    def _shard_file(self, shard: int) -> str:
        return os.path.join(self._folder, f"{shard:x}.pack")

    # -- storing --------------------------------------------------------------------------

    def put(self, key: str, path: str, diagnostics: tuple[Diagnostic, ...]) -> None:
        """Record diagnostics for :meth:`flush`; crashed results are skipped."""
        if any(d.code == CRASH_CODE for d in diagnostics):
            return
        payload = _ENCODER.encode([_encode(d) for d in diagnostics])
        shard, digest = _place(path)
        self._new.append((shard, digest, key, payload))

    def take(self) -> list[Entry]:
        """The entries recorded since the last call, no longer recorded here."""
        taken, self._new = self._new, []
        return taken

    def add(self, entries: Iterable[Entry]) -> None:
        """Record entries that another process made (see :meth:`take`)."""
        self._new.extend(entries)

    def flush(self) -> None:
        """Write the recorded entries into their shards; failures only cost speed."""
        if not self._new:
            return
        by_shard: dict[int, list[Entry]] = {}
        for entry in self.take():
            by_shard.setdefault(entry[0], []).append(entry)
        try:
            self._prepare()
        except OSError:
            return  # a read-only or full disk, or a file where the folder should be
        with _locked(os.path.join(self._folder, ".lock")):
            for shard, entries in sorted(by_shard.items()):
                self._write_shard(shard, entries)

    def _write_shard(self, shard: int, entries: list[Entry]) -> None:
        target = self._shard_file(shard)
        # Re-read the shard: another run may have written it since it was loaded here.
        kept: dict[str, dict[str, str]] = {}  # path digest -> key -> payload, oldest first
        for digest, key, payload in _read_shard(target):
            kept.setdefault(digest, {})[key] = payload
        for _, digest, key, payload in entries:
            versions = kept.setdefault(digest, {})
            versions.pop(key, None)  # re-added below as the newest
            versions[key] = payload
        lines = []
        for digest, versions in kept.items():
            for key in list(versions)[-KEEP_PER_PATH:]:
                lines.append(f"{digest} {key} {versions[key]}\n")
        data = "".join(lines).encode("utf-8", "surrogatepass")  # paths may carry surrogates
        unique = f"{os.getpid()}.{os.urandom(4).hex()}"
        temporary = os.path.join(self._folder, f".{shard:x}.{unique}.tmp")
        try:
            with open(temporary, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _prepare(self) -> None:
        """Create the cache folder; on first use mark it (CACHEDIR.TAG, .gitignore)."""
        if not os.path.isdir(self._folder):
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
            os.makedirs(self._folder, exist_ok=True)


def default_cache_dir(root: Path) -> Path:
    return root / DEFAULT_DIR_NAME


def front_matter_profile_digest(path: str, raw: bytes) -> bytes:
    """The SHA-256 of the profile file a file's front matter names (``profile: p.json``,
    relative to the file's folder), of its absence, or empty when it names none."""
    from mdcheck.article.profiles import front_matter_values, is_profile_path
    from mdcheck.markdown.document import Document

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return b""
    reference = front_matter_values(Document(text, path)).get("profile")
    if not isinstance(reference, str) or not is_profile_path(reference.strip()):
        return b""
    target = os.path.join(os.path.dirname(path), reference.strip())
    try:
        with open(target, "rb") as handle:
            return hashlib.sha256(handle.read()).digest() + target.encode("utf-8", "replace")
    except OSError as exc:
        return f"missing {target} {exc.errno}".encode("utf-8", "replace")


def _encode_path(path: str) -> bytes:
    return path.encode("utf-8", "surrogatepass")


def _place(path: str) -> tuple[int, str]:
    """(shard, digest) of a path as given."""
    digest = hashlib.sha256(_encode_path(path)).hexdigest()[:16]
    return int(digest[0], 16) % SHARDS, digest


def _read_shard(file: str) -> Iterator[tuple[str, str, str]]:
    """(path digest, key, payload) of each well-formed line; nothing if unreadable."""
    try:
        with open(file, "rb") as handle:
            text = handle.read().decode("utf-8", "surrogatepass")
    except (OSError, UnicodeDecodeError):
        return
    for line in text.split("\n"):
        parts = line.split(" ", 2)
        if len(parts) == 3 and len(parts[0]) == 16 and len(parts[1]) == 64:
            yield parts[0], parts[1], parts[2]


@contextlib.contextmanager
def _locked(file: str) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``file`` where the platform offers one."""
    try:
        import fcntl
    except ImportError:  # Windows: concurrent flushes may drop each other's new entries
        yield
        return
    try:
        handle = os.open(file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):  # e.g. a file system without locks
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


@functools.cache
def code_fingerprint() -> str:
    """mdcheck's version and the size and mtime of its modules (for source checkouts)."""
    from mdcheck.version import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    folders = [package.parent / "schemas"]
    folders += sorted(Path(root) for root, _, _ in os.walk(package) if "__pycache__" not in root)
    for folder in folders:  # every subpackage: a rule's analysis lives outside rules/
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


# one encoder for every entry: json.dumps with options builds a new one per call
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _encode(d: Diagnostic) -> list[Any]:
    span = d.span
    fix = None
    if d.fix is not None:
        fix = [
            [[e.start, e.end, e.content, *_span(e.span)] for e in d.fix.edits],
            d.fix.applicability._value_,
            d.fix.description,
        ]
    return [
        d.code,
        d.name,
        d.message,
        d.severity._value_,  # (the member's own field: .value is a Python-level property)
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
