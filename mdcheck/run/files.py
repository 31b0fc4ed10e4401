"""Reading, decoding, finding and writing files: all of mdcheck's file-system work."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

MARKDOWN_SUFFIXES = (".md", ".markdown")
SKIPPED_DIRS = frozenset({".git", "node_modules", "__pycache__", ".hg", ".svn", ".tox", ".venv"})
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
    """The file is larger than the size limit it was read with; nothing was read."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """A file's bytes, read through one descriptor: its size is told by the same open
    file (no separate ``stat``), and Python's buffered file objects are not built, which
    costs more than reading a typical article. OSError propagates (IsADirectoryError for
    a folder); TooLargeError when the file has more than ``limit`` bytes."""
    descriptor = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, os.strerror(21), path)
        if limit is not None and info.st_size > limit:
            raise TooLargeError(info.st_size)
        data = os.read(descriptor, info.st_size + 1)
        if len(data) <= info.st_size and stat.S_ISREG(info.st_mode):
            return data  # a short read of a regular file is its end
        parts = [data]
        while data:  # the file grew, or is a pipe or device: read to the end
            data = os.read(descriptor, 1 << 20)
            parts.append(data)
        return b"".join(parts)
    finally:
        os.close(descriptor)


def read_source(path: str) -> Source:
    """Read and decode a file. OSError propagates; UnreadableError for bad bytes."""
    return decode(read_bytes(path), path)


def write_atomically(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same folder and a rename.

    A symbolic link is followed: its target is replaced and the link stays. Permissions
    are kept. With ``expected``, the write is refused (``FileChangedError``)
    when the file no longer holds those bytes, so edits made meanwhile are never lost.
    """
    target = Path(os.path.realpath(path))
    if expected is not None and target.read_bytes() != expected:
        raise FileChangedError(f"{path}: changed on disk since it was read; not written")
    import tempfile  # only when fixing: a few milliseconds of every run's start-up

    mode = stat.S_IMODE(target.stat().st_mode)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class FileChangedError(Exception):
    """The file changed on disk between reading and writing."""


def walk_markdown(root: str, excluded: Callable[[str], bool]) -> Iterator[str]:
    """Markdown files under ``root``, skipping hidden, VCS and excluded folders, sorted.

    Symbolic links to folders are not followed, so link loops cannot trap the walk.
    """
    for folder, dirs, names in os.walk(root, onerror=None, followlinks=False):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIPPED_DIRS
            and not d.startswith(".")
            and not excluded(os.path.join(folder, d))
        )
        for name in sorted(names):
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                candidate = os.path.join(folder, name)
                if not excluded(candidate):
                    yield candidate
