"""``--fix`` writes safely: atomically, keeping what the file was, and never over a change.

Each test drives the command line end to end (``mdcheck check --fix``) and looks at the
bytes on disk afterwards.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from mdcheck.run import files, process
from mdcheck.run.files import FileChangedError, write_atomically
from tests.conftest import Run, run_subprocess

Cli = Callable[..., Run]


@pytest.fixture
def cli(engine_cli: Cli) -> Cli:
    """The in-process runner for engine outcomes (DOC001 and MC rules by default)."""
    return engine_cli


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    ("original", "fixed"),
    [
        (b"# T\n\ntext", b"# T\n\ntext\n"),
        (b"# T\r\n\r\ntext", b"# T\r\n\r\ntext\r\n"),
        (b"# T\r\rtext", b"# T\r\rtext\r"),
        (b"# T\r\n\r\nmixed\ntext", b"# T\r\n\r\nmixed\ntext\r\n"),
        (b"\xef\xbb\xbf# \xe6\xa0\x87\xe9\xa2\x98", b"\xef\xbb\xbf# \xe6\xa0\x87\xe9\xa2\x98\n"),
        (
            "\ufeff# 标题\r\n正文".encode("utf-16-le"),
            "\ufeff# 标题\r\n正文\r\n".encode("utf-16-le"),
        ),
        ("\ufeff# 标题\n正文".encode("utf-16-be"), "\ufeff# 标题\n正文\n".encode("utf-16-be")),
    ],
    ids=["lf", "crlf", "cr", "mixed", "utf8-bom", "utf16-le", "utf16-be"],
)
def test_fix_keeps_line_endings_bom_and_encoding(
    tmp_path: Path, cli: Cli, original: bytes, fixed: bytes
) -> None:
    path = write(tmp_path / "doc.md", original)
    run = cli("check", "--fix", path)
    assert run.code == 0, run.out + run.err
    assert path.read_bytes() == fixed
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o444])
def test_fix_keeps_permissions(tmp_path: Path, cli: Cli, mode: int) -> None:
    path = write(tmp_path / "doc.md", b"# T")
    path.chmod(mode)
    assert cli("check", "--fix", path).code == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_bytes() == b"# T\n"


def test_fix_through_a_symbolic_link_keeps_the_link(tmp_path: Path, cli: Cli) -> None:
    target = write(tmp_path / "real.md", b"# T")
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    assert cli("check", "--fix", link).code == 0
    assert link.is_symlink()
    assert target.read_bytes() == b"# T\n"


def test_nothing_is_written_when_nothing_changes(tmp_path: Path, cli: Cli) -> None:
    clean = write(tmp_path / "clean.md", b"# Clean\n")
    past = 1_000_000_000_000_000_000
    os.utime(clean, ns=(past, past))
    before = clean.stat()
    run = cli("check", "--fix", clean)
    assert (run.code, run.out) == (0, "Fixed 0 problems in 0 files. No problems found in 1 file.\n")
    after = clean.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = write(tmp_path / "a-edited.md", b"# A")
    other = write(tmp_path / "b-other.md", b"# B")
    real_read = process.read_bytes

    def read_then_edit(name: str, limit: int | None = None) -> bytes:
        source = real_read(name, limit)
        if Path(name) == edited:
            edited.write_bytes(b"# A, edited meanwhile")
        return source

    monkeypatch.setattr(process, "read_bytes", read_then_edit)
    run = cli("check", "--fix", tmp_path)
    assert run.code == 2
    assert run.err == f"mdcheck: error: {edited}: changed on disk since it was read; not written\n"
    assert edited.read_bytes() == b"# A, edited meanwhile"
    assert other.read_bytes() == b"# B\n"  # the other file is still fixed
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
@pytest.mark.parametrize("stage", ["fsync", "chmod", "replace"])
def test_a_failure_between_write_and_rename_leaves_the_file_intact(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, stage: str, failure: BaseException
) -> None:
    original = b"# Title\r\n\r\n" + "正文 ".encode() * 1000
    path = write(tmp_path / "doc.md", original)

    def fail(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(files.os, stage, fail)
    run = cli("check", "--fix", path)
    if isinstance(failure, KeyboardInterrupt):
        assert run.code == 130
    else:
        assert run.code == 2
        assert run.err == f"mdcheck: error: {path}: cannot write: No space left on device\n"
    assert path.read_bytes() == original
    assert leftovers(tmp_path) == []


def test_write_atomically_refuses_a_changed_file(tmp_path: Path) -> None:
    path = write(tmp_path / "doc.md", b"now")
    with pytest.raises(FileChangedError, match="changed on disk since it was read"):
        write_atomically(str(path), b"new", expected=b"before")
    assert path.read_bytes() == b"now"


def test_stdin_fix_never_writes_a_file(tmp_path: Path, cli: Cli) -> None:
    named = write(tmp_path / "named.md", b"# On disk")
    args = ("--select", "DOC001", "--fix", "--stdin-filename", str(named), "-")
    run = run_subprocess(*args, cwd=tmp_path, stdin=b"# In")
    assert (run.returncode, run.stdout) == (0, b"# In\n")
    assert named.read_bytes() == b"# On disk"


def test_fix_keeps_every_name_of_a_hard_linked_file(tmp_path: Path, cli: Cli) -> None:
    doc = write(tmp_path / "doc.md", b"# Title")
    other = tmp_path / "other-name.md"
    os.link(doc, other)
    inode = doc.stat().st_ino
    run = cli("check", "--fix", doc)
    assert run.code == 0, run.out + run.err
    assert doc.read_bytes() == other.read_bytes() == b"# Title\n"
    assert doc.stat().st_ino == inode and doc.stat().st_nlink == 2
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_fix_run_by_root_keeps_the_owner_and_group(tmp_path: Path, cli: Cli) -> None:
    doc = write(tmp_path / "doc.md", b"# Title")
    os.chown(doc, 12345, 23456)
    doc.chmod(0o640)
    assert cli("check", "--fix", doc).code == 0
    info = doc.stat()
    assert doc.read_bytes() == b"# Title\n"
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o640)


def test_keep_owner_keeps_the_group_when_the_owner_cannot_be_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "doc.md", b"x")
    calls: list[tuple[int, int]] = []

    def chown(_: str, uid: int, gid: int) -> None:
        calls.append((uid, gid))
        if uid != -1:
            raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "chown", chown)
    wanted = os.stat_result((0o100644, 0, 0, 1, 4242, 4343, 1, 0, 0, 0))
    files._keep_owner(str(path), wanted)
    assert calls == [(4242, 4343), (-1, 4343)]


def test_after_a_failed_write_the_report_is_of_the_text_on_disk(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "doc.md", b"# Title")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    run = cli("check", "--fix", path)
    assert run.code == 2
    assert run.err == f"mdcheck: error: {path}: cannot write: No space left on device\n"
    first, summary = run.out.splitlines()
    assert first.startswith(f"{path}:1:8: ") and "DOC001 file does not end" in first
    assert summary.startswith("Fixed 0 problems in 0 files. Found 1 remaining problem (")
    assert summary.endswith(" in 1 of 1 file. 1 path could not be checked.")
    assert path.read_bytes() == b"# Title"
