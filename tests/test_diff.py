"""``--diff`` prints patches that ``git apply`` accepts and that equal what ``--fix`` writes."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mdcheck.formatters.diff import split_lines
from tests.conftest import SAMPLE, Run

CliRunner = Callable[..., Run]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CASES = {
    "no-final-newline.md": "# Title\n\ntext",
    "crlf no final newline.md": "# Title\r\n\r\ntext",
    "form feed and line separator.md": "# Title\n\ntext\x0cmore\u2028same line\n## b",
    "only a heading.md": "# T",
    "utf-8 bom.md": "\ufeff# T\n\ntext",
    "sample, copied ü.md": SAMPLE.read_text(encoding="utf-8"),
}


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
    )


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("unsafe", [False, True])
def test_every_diff_applies_with_git_and_equals_the_fix(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, unsafe: bool
) -> None:
    work, copy = tmp_path / "work", tmp_path / "copy"
    for folder in (work, copy):
        folder.mkdir()
        (folder / name).write_bytes(CASES[name].encode("utf-8"))
    monkeypatch.chdir(work)
    flags = ["--unsafe-fixes"] if unsafe else []
    diff = cli("--diff", *flags, "--no-cache", name)
    assert diff.code == 1 and diff.out.startswith(f"--- a/{name}\n+++ b/{name}\n")
    (tmp_path / "fix.patch").write_text(diff.out, encoding="utf-8", newline="")
    checked = git("apply", "--check", str(tmp_path / "fix.patch"), cwd=copy)
    assert checked.returncode == 0, checked.stderr + diff.out
    assert git("apply", str(tmp_path / "fix.patch"), cwd=copy).returncode == 0
    cli("--fix", *flags, "--no-cache", name)
    assert (copy / name).read_bytes() == (work / name).read_bytes()


def test_no_newline_marker_follows_a_last_line_without_newline(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text("# A", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("--diff", "--select", "DOC001", "a.md")
    assert run.out == (
        "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-# A\n\\ No newline at end of file\n+# A\n"
    )


def test_lines_split_at_newlines_only() -> None:
    assert split_lines("a\x0cb\u2028c\r\nd") == ["a\x0cb\u2028c\r\n", "d"]
    assert split_lines("a\n") == ["a\n"]
    assert split_lines("") == []
