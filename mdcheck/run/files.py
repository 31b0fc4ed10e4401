"""Reading, decoding, finding and writing files: all of mdcheck's file-system work."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

MARKDOWN_SUFFIXES = (".md", ".markdown")
# never walked into (hidden folders are not either): version control, virtual environments,
# installed packages, build output and dependencies, as ruff skips them
SKIPPED_DIRS = frozenset(
    {
        *(".git", ".hg", ".svn", ".bzr", ".tox", ".nox", ".venv", ".eggs"),
        *("venv", "node_modules", "__pycache__", "__pypackages__", "site-packages"),
        *("build", "dist", "_build", "buck-out"),
    }
)
IGNORE_FILES = (".gitignore", ".ignore")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class UnreadableError(Exception):
    """The file's bytes are not text mdcheck can check; carries a one-line reason."""

    def __init__(self, reason: str, line: int = 1, col: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.col = col


class Source(NamedTuple):
    """A file's decoded text (without a byte-order mark) and how to write it back."""

    path: str
    text: str
    encoding: str  # "utf-8", "utf-16-le" or "utf-16-be"
    bom: bool
    raw: bytes


def decode(raw: bytes, path: str) -> Source:
    """Decode UTF-8 (BOM optional) or BOM-marked UTF-16; raise UnreadableError otherwise."""
    if raw.startswith(_UTF16_BOMS):
        encoding = "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            return Source(path, raw[2:].decode(encoding), encoding, True, raw)
        except UnicodeDecodeError as exc:
            raise _decode_error(raw, exc.start + 2, "UTF-16") from None
    bom = raw.startswith(_UTF8_BOM)
    body = raw[3:] if bom else raw
    nul = body.find(b"\x00")
    if nul != -1:
        line, col = _byte_position(body, nul)
        raise UnreadableError(
            f"binary file (NUL byte at byte offset {nul + (3 if bom else 0)}); not checked",
            line,
            col,
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _decode_error(raw, exc.start + (3 if bom else 0), "UTF-8") from None
    return Source(path, text, "utf-8", bom, raw)


def _decode_error(raw: bytes, offset: int, encoding: str) -> UnreadableError:
    line, col = _byte_position(raw, offset, encoding)
    return UnreadableError(
        f"not valid {encoding}: byte 0x{raw[offset]:02x} at byte offset {offset}"
        f" (line {line}); re-save the file as UTF-8",
        line,
        col,
    )


def _byte_position(raw: bytes, offset: int, encoding: str = "UTF-8") -> tuple[int, int]:
    """1-based line and column (in characters, as the Document counts them) of a byte."""
    before = raw[:offset]
    if encoding == "UTF-16":
        order = "utf-16-le" if before.startswith(b"\xff\xfe") else "utf-16-be"
        text = before[2:].decode(order, errors="replace")
    else:
        text = before.removeprefix(_UTF8_BOM).decode("utf-8", errors="replace")
    lines = _LINE_BREAK.split(text)
    return len(lines), len(lines[-1]) + 1


def encode(source: Source, text: str) -> bytes:
    """Encode fixed text the way the original file was encoded."""
    if source.encoding.startswith("utf-16"):  # the BOM in the file's own byte order
        return "\ufeff".encode(source.encoding) + text.encode(source.encoding)
    data = text.encode("utf-8")
    return _UTF8_BOM + data if source.bom else data


class TooLargeError(Exception):
    """The file is larger than the size limit it was read with; what was read is dropped.

    ``exact`` is False when the size is only known to exceed the limit (a file that grew,
    a pipe): reading stops one byte past the limit.
    """

    def __init__(self, size: int, *, exact: bool = True) -> None:
        super().__init__(f"{size} bytes")
        self.size = size
        self.exact = exact


class NotRegularError(OSError):
    """The path is a device, socket or (found in a folder) named pipe: not read."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path}: {kind}")
        self.kind = kind


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CHUNK = 1 << 20


def file_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is, in words; None for a regular file."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """A file's bytes, read through one descriptor: its size is told by the same open
    file (no separate ``stat``), and Python's buffered file objects are not built, which
    costs more than reading a typical article. OSError propagates (IsADirectoryError for
    a folder, NotRegularError for a device or socket); TooLargeError when the file has
    more than ``limit`` bytes, which is also enforced while reading, so a file that grows
    or a pipe without end never fills the memory.

    The file is opened without blocking, so a device or socket is refused before any
    read; a named pipe given by name is then waited on like ``cat`` would (a folder's
    walk never passes one here, see ``expand_paths``).
    """
    descriptor = os.open(path, _READ_FLAGS | _NONBLOCK)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, os.strerror(21), path)
        kind = file_kind(info.st_mode)
        if kind is not None and not stat.S_ISFIFO(info.st_mode):
            raise NotRegularError(path, kind)
        if kind is not None:  # a pipe: wait for its writer, then read to its end
            os.close(descriptor)
            descriptor = os.open(path, _READ_FLAGS)
        elif limit is not None and info.st_size > limit:
            raise TooLargeError(info.st_size)
        else:
            data = os.read(descriptor, info.st_size + 1)
            if len(data) <= info.st_size:
                return data  # a short read of a regular file is its end
            return _read_rest(descriptor, [data], len(data), limit)
        return _read_rest(descriptor, [], 0, limit)
    finally:
        os.close(descriptor)


def _read_rest(descriptor: int, parts: list[bytes], size: int, limit: int | None) -> bytes:
    """Read on to the end (the file grew, or is a pipe), never past ``limit`` + 1 bytes."""
    while True:
        if limit is not None and size > limit:
            raise TooLargeError(size, exact=False)
        want = _CHUNK if limit is None else min(_CHUNK, limit + 1 - size)
        data = os.read(descriptor, want)
        if not data:
            return b"".join(parts)
        parts.append(data)
        size += len(data)


def read_source(path: str) -> Source:
    """Read and decode a file. OSError propagates; UnreadableError for bad bytes."""
    return decode(read_bytes(path), path)


def write_atomically(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same folder and a rename.

    A symbolic link is followed: its target is replaced and the link stays. Permissions,
    and the owner and group where the process may set them (root may; others keep the
    group when they belong to it), are kept. A file with more than one name (hard links)
    is rewritten in place instead, so every name sees the new text (see
    :func:`_write_in_place`). With ``expected``, the write is refused
    (``FileChangedError``) when the file no longer holds those bytes, so edits made
    meanwhile are never lost.
    """
    target = Path(os.path.realpath(path))
    if expected is not None and target.read_bytes() != expected:
        raise FileChangedError(f"{path}: changed on disk since it was read; not written")
    import tempfile  # only when fixing: a few milliseconds of every run's start-up

    info = target.stat()
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if info.st_nlink > 1:
            _write_in_place(target, data, expected)
            os.unlink(temporary)
            return
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        _keep_owner(temporary, info)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _keep_owner(path: str, info: os.stat_result) -> None:
    """Give ``path`` the owner and group of ``info`` as far as this process may."""
    if not hasattr(os, "chown"):
        return
    current = os.stat(path)
    if (current.st_uid, current.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(path, info.st_uid, info.st_gid)
    except OSError:
        with contextlib.suppress(OSError):  # not root: the group, when we belong to it
            os.chown(path, -1, info.st_gid)


def _write_in_place(target: Path, data: bytes, old: bytes | None) -> None:
    """Overwrite a hard-linked file's content through its own inode.

    The new text was first written to a temporary file (so the disk had room for it);
    if writing into the file fails, its old bytes are put back."""
    with open(target, "r+b") as out:
        try:
            out.write(data)
            out.truncate()
            out.flush()
            os.fsync(out.fileno())
        except OSError:
            if old is not None:
                out.seek(0)
                out.write(old)
                out.truncate()
                out.flush()
            raise


class FileChangedError(Exception):
    """The file changed on disk between reading and writing."""


class IgnoreFiles:
    """The ``.gitignore`` and ``.ignore`` files that apply to paths, each read once.

    A folder's two files are read as one list (``.ignore`` after ``.gitignore``, so it
    wins); a deeper folder's decision wins over its parents'. The files are looked for from
    the repository root (the nearest folder holding ``.git``) down; outside a repository,
    from the folder the walk starts in. Invalid lines are skipped, as git skips them.
    """

    def __init__(self) -> None:
        self._specs: dict[str, GitIgnoreSpec | None] = {}
        self._tops: dict[str, str] = {}

    def _spec(self, folder: str) -> GitIgnoreSpec | None:
        if folder not in self._specs:
            lines: list[str] = []
            for name in IGNORE_FILES:
                try:
                    with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                        lines += f.read().splitlines()
                except OSError:
                    continue
            self._specs[folder] = _compile_lines(lines) if lines else None
        return self._specs[folder]

    def top(self, folder: str) -> str:
        """The repository root above ``folder`` (absolute), or ``folder`` itself."""
        folder = os.path.abspath(folder)
        if folder not in self._tops:
            found = folder
            for candidate in (folder, *map(str, Path(folder).parents)):
                if os.path.exists(os.path.join(candidate, ".git")):
                    found = candidate
                    break
            self._tops[folder] = found
        return self._tops[folder]

    def ignored(self, path: str, *, folder: bool = False, top: str | None = None) -> bool:
        """Whether an ignore file between ``top`` and the path's folder ignores it."""
        absolute = os.path.abspath(path)
        parent = os.path.dirname(absolute)
        top = os.path.abspath(top) if top is not None else self.top(parent)
        current = parent
        while True:
            spec = self._spec(current)
            if spec is not None:
                relative = os.path.relpath(absolute, current).replace(os.sep, "/")
                decision = spec.check_file(relative + "/" if folder else relative)
                if decision.include is not None:
                    return bool(decision.include)
            if current == top or os.path.dirname(current) == current:
                return False
            current = os.path.dirname(current)


def _compile_lines(lines: list[str]) -> GitIgnoreSpec:
    import pathspec  # only when an ignore file exists

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except (ValueError, TypeError, re.error):  # git skips a bad line; so do we
        good = []
        for line in lines:
            try:
                pathspec.GitIgnoreSpec.from_lines([line])
            except (ValueError, TypeError, re.error):
                continue
            good.append(line)
        return pathspec.GitIgnoreSpec.from_lines(good)


def default_excluded(path: str, top: str) -> bool:
    """Whether a folder between ``top`` and ``path`` is one walks skip by default."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(top))
    if relative.startswith(os.pardir):
        return False
    parts = relative.split(os.sep)[:-1]
    return any(part in SKIPPED_DIRS or part.startswith(".") for part in parts if part != ".")


def walk_markdown(
    root: str,
    excluded: Callable[[str, bool], bool],
    ignore: IgnoreFiles | None = None,
) -> Iterator[str]:
    """Markdown files under ``root``, sorted, skipping hidden folders, the folders in
    ``SKIPPED_DIRS`` (version control, virtual environments, build output, dependencies),
    what ``excluded(path, is_folder)`` rejects and, given ``ignore``, what ``.gitignore``
    and ``.ignore`` files ignore.

    Symbolic links to folders are not followed, so link loops cannot trap the walk.
    """
    top = ignore.top(root) if ignore is not None else root

    def skipped(path: str, folder: bool) -> bool:
        if excluded(path, folder):
            return True
        return ignore is not None and ignore.ignored(path, folder=folder, top=top)

    for folder, dirs, names in os.walk(root, onerror=None, followlinks=False):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIPPED_DIRS
            and not d.startswith(".")
            and not skipped(os.path.join(folder, d), True)
        )
        for name in sorted(names):
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                candidate = os.path.join(folder, name)
                if not skipped(candidate, False):
                    yield candidate
