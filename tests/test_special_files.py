"""Files that are not regular files: no hang, bounded memory, one line each, the run goes on."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mdcheck.run import files
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")


def run_limited(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m mdcheck ARGS`` with at most 1 GiB of address space and a time limit."""

    def limit() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "mdcheck", *map(str, args)],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=limit,
    )


def test_a_walked_folder_with_a_pipe_and_a_link_to_dev_zero(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n", encoding="utf-8")
    (docs / "b.md").write_text("# B", encoding="utf-8")  # DOC001
    os.mkfifo(docs / "pipe.md")
    (docs / "zero.md").symlink_to("/dev/zero")
    run = run_limited("check", "--select", "DOC001", "docs", cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    errors = sorted(line for line in run.stderr.splitlines() if line)
    assert errors == [
        f"mdcheck: error: {Path('docs') / 'pipe.md'}: a named pipe, not a regular file; not read",
        f"mdcheck: error: {Path('docs') / 'zero.md'}: a device, not a regular file; not read",
    ]
    first = run.stdout.splitlines()[0]
    assert first.startswith(f"{Path('docs') / 'b.md'}:1:4: ") and " DOC001 " in first


def test_a_device_named_on_the_command_line_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    (tmp_path / "ok.md").write_text("# A\n", encoding="utf-8")
    run = run_limited("check", "--select", "DOC001", "zero.md", "ok.md", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == "mdcheck: error: zero.md: a device, not a regular file; not read\n"


def test_a_pipe_is_read_no_further_than_the_size_limit(tmp_path: Path) -> None:
    pipe = tmp_path / "endless.md"
    os.mkfifo(pipe)
    written: list[int] = []

    def feed() -> None:
        try:
            with pipe.open("wb") as handle:
                for _ in range(64):
                    handle.write(b"x" * (1 << 20))
                    written.append(1)
        except BrokenPipeError:
            pass  # the reader stopped, as it should

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(files.TooLargeError) as raised:
        files.read_bytes(str(pipe), limit=3 << 20)
    writer.join(timeout=60)
    assert not raised.value.exact
    assert raised.value.size == (3 << 20) + 1
    assert len(written) < 64


def test_a_file_growing_past_the_limit_while_read_stops_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"# Title\n")
    real_fstat = os.fstat

    def fstat_then_append(descriptor: int) -> os.stat_result:
        info = real_fstat(descriptor)
        with path.open("ab") as handle:
            handle.write(b"y" * 5000)
        return info

    monkeypatch.setattr(files.os, "fstat", fstat_then_append)
    with pytest.raises(files.TooLargeError) as raised:
        files.read_bytes(str(path), limit=1000)
    assert (raised.value.size, raised.value.exact) == (1001, False)
