"""The command line as a user sees it: output lines, exit codes, stdin, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DOC_ONLY, ROOT, SAMPLE, Run, run_subprocess

CliRunner = Callable[..., Run]

# These tests are about the command line itself; DOC001 stands for any rule.
pytestmark = pytest.mark.usefixtures("doc_only")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def test_sample_reports_final_newline_and_exits_1(cli: CliRunner) -> None:
    run = cli("--select", "DOC001", str(SAMPLE))
    assert run.code == 1
    assert run.out.splitlines()[0] == (
        f"{SAMPLE}:100:4: error: DOC001 file does not end with a newline (fix: --fix adds one)"
    )


def test_clean_file_exits_0_with_summary(cli: CliRunner, tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.md", "# Title\n\nText.\n")
    run = cli(str(clean))
    assert run.code == 0
    assert run.out == "No problems found in 1 file.\n"
    assert run.err == ""


def test_check_subcommand_is_the_default(cli: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.md", "# Title")
    assert cli("check", str(bad)).out == cli(str(bad)).out


def test_missing_path_is_one_line_exit_2_and_others_still_checked(
    cli: CliRunner, tmp_path: Path
) -> None:
    bad = write(tmp_path / "bad.md", "# Title")
    run = cli(str(tmp_path / "nope.md"), str(bad))
    assert run.code == 2
    assert run.err == f"mdcheck: error: {tmp_path / 'nope.md'}: no such file or folder\n"
    assert run.out.splitlines()[-1] == (
        "Found 1 problem (1 error) in 1 of 1 file. 1 fixable with --fix."
        " 1 path could not be checked."
    )
    assert f"{bad}:1:8: error: DOC001" in run.out


def test_directory_walk_skips_hidden_vendor_and_excluded(cli: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "docs" / "a.md", "# A")
    write(tmp_path / "docs" / "b.markdown", "# B")
    write(tmp_path / "docs" / "notes.txt", "# not markdown")
    write(tmp_path / ".hidden" / "c.md", "# C")
    write(tmp_path / "node_modules" / "d.md", "# D")
    write(tmp_path / "drafts" / "e.md", "# E")
    write(tmp_path / "mdcheck.toml", DOC_ONLY + 'exclude = ["drafts"]\n')
    run = cli("--quiet", str(tmp_path))
    paths = [line.split(":")[0] for line in run.out.splitlines()]
    assert paths == [str(tmp_path / "docs" / "a.md"), str(tmp_path / "docs" / "b.markdown")]


def test_explicit_path_is_linted_even_when_excluded(cli: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "mdcheck.toml", DOC_ONLY + 'exclude = ["drafts"]\n')
    draft = write(tmp_path / "drafts" / "e.md", "# E")
    assert cli("--quiet", str(draft)).out.startswith(f"{draft}:1:4: error: DOC001")


def test_output_is_sorted_by_path_line_column(cli: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "b.md", "# B")
    write(tmp_path / "a.md", "# A")
    run = cli("--quiet", str(tmp_path / "b.md"), str(tmp_path / "a.md"))
    assert [line.split(":")[0] for line in run.out.splitlines()] == [
        str(tmp_path / "a.md"),
        str(tmp_path / "b.md"),
    ]


def test_select_ignore_and_unknown_selector(cli: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.md", "# Title")
    assert cli("--ignore", "DOC", str(bad)).code == 0
    assert cli("--ignore", "final-newline", str(bad)).code == 0
    assert cli("--select", "DOC001", str(bad)).code == 1
    run = cli("--select", "XY9", str(bad))
    assert run.code == 2
    assert run.err == "mdcheck: error: --select: unknown rule code or name 'XY9'\n"


def test_exit_zero_and_fail_level(cli: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.md", "# Title")
    assert cli("--exit-zero", str(bad)).code == 0
    write(tmp_path / "mdcheck.toml", DOC_ONLY + 'severity = { DOC001 = "info" }\n')
    assert cli(str(bad)).code == 0
    assert cli("--fail-level", "info", str(bad)).code == 1


def test_fix_writes_once_and_second_run_is_noop(cli: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.md", "# Title\r\n\r\nText")
    run = cli("--fix", str(bad))
    assert run.code == 0
    assert "Fixed 1 problem in 1 file." in run.out
    assert bad.read_bytes() == b"# Title\r\n\r\nText\r\n"
    mtime = bad.stat().st_mtime_ns
    again = cli("--fix", str(bad))
    assert again.code == 0 and "Fixed 0 problems in 0 files." in again.out
    assert bad.stat().st_mtime_ns == mtime


def test_diff_shows_change_writes_nothing_and_exits_1(cli: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.md", "# Title")
    run = cli("--diff", str(bad))
    assert run.code == 1
    assert run.out.splitlines()[-2:] == ["-# Title", "+# Title"] or "+# Title" in run.out
    assert run.err == "1 file would be changed by --fix\n"
    assert bad.read_text() == "# Title"
    assert cli("--diff", str(write(tmp_path / "ok.md", "# ok\n"))).code == 0


def test_only_missing_paths_summary(cli: CliRunner, tmp_path: Path) -> None:
    run = cli(str(tmp_path / "nope.md"))
    assert (run.code, run.out) == (2, "1 path could not be checked.\n")


def test_diff_and_fix_together_is_a_usage_error(cli: CliRunner, tmp_path: Path) -> None:
    run = cli("--diff", "--fix", str(tmp_path))
    assert run.code == 2 and run.err.startswith("mdcheck: error: --diff and --fix")


def test_unknown_option_is_usage_error_without_traceback(cli: CliRunner) -> None:
    run = cli("--frobnicate")
    assert run.code == 2
    assert run.err.startswith("mdcheck: error: unrecognized arguments: --frobnicate")
    assert "Traceback" not in run.err


def test_rules_and_rule_commands(cli: CliRunner) -> None:
    listing = cli("rules")
    assert listing.code == 0
    assert "DOC001  final-newline" in listing.out
    page = cli("rule", "final-newline")
    assert page.code == 0
    assert page.out.startswith("DOC001 final-newline: File does not end with a newline\n")
    assert "**Fix (safe).**" in page.out
    unknown = cli("rule", "NOPE1")
    assert unknown.code == 2 and "unknown rule 'NOPE1'" in unknown.err


def test_output_file(cli: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.md", "# Title")
    report = tmp_path / "report.json"
    run = cli("--format", "json", "--output-file", str(report), str(bad))
    assert run.code == 1 and run.out == ""
    assert '"code": "DOC001"' in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("missing/report.json", "No such file or directory"),
        ("folder", "Is a directory"),
        ("locked/report.json", "Permission denied"),
    ],
)
def test_an_output_file_that_cannot_be_written_is_one_line_exit_2(
    cli: CliRunner, tmp_path: Path, where: str, reason: str
) -> None:
    bad = write(tmp_path / "bad.md", "# Title")
    (tmp_path / "folder").mkdir()
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if where.startswith("locked") and os.access(locked, os.W_OK):
        pytest.skip("the permission bits do not stop this user (root)")
    target = tmp_path / where
    run = cli("--output-file", str(target), str(bad))
    assert run.code == 2
    assert run.err == f"mdcheck: error: {target}: cannot write the report: {reason}\n"
    assert run.out == ""


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc")
def test_an_output_file_refused_even_to_root_is_one_line_exit_2(
    cli: CliRunner, tmp_path: Path
) -> None:
    bad = write(tmp_path / "bad.md", "# Title")
    run = cli("--output-file", "/proc/version", str(bad))
    assert run.code == 2
    assert run.err.startswith("mdcheck: error: /proc/version: cannot write the report: ")
    assert run.err.count("\n") == 1 and "internal error" not in run.err


def test_stdin_with_filename_reports_under_that_name(tmp_path: Path) -> None:
    proc = run_subprocess("-", "--stdin-filename", "docs/x.md", cwd=tmp_path, stdin=b"# T")
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines()[0] == (
        "docs/x.md:1:4: error: DOC001 file does not end with a newline (fix: --fix adds one)"
    )


def test_stdin_uses_config_found_from_stdin_filename(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "mdcheck.toml", DOC_ONLY + 'ignore = ["DOC001"]\n')
    proc = run_subprocess("-", "--stdin-filename", "docs/x.md", cwd=tmp_path, stdin=b"# T")
    assert proc.returncode == 0, proc.stdout


def test_stdin_fix_prints_fixed_text_on_stdout(tmp_path: Path) -> None:
    proc = run_subprocess("--fix", "-", cwd=tmp_path, stdin=b"# T\r\n\r\nx")
    assert proc.stdout == b"# T\r\n\r\nx\r\n"
    assert proc.returncode == 0
    assert b"Fixed 1 problem" in proc.stderr


def test_undecodable_file_is_a_finding_and_run_continues(cli: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "a.md"
    broken.write_bytes(b"# Title\n\ncaf\xe9\n")
    other = write(tmp_path / "b.md", "# B")
    run = cli("--quiet", str(broken), str(other))
    assert run.code == 1
    assert run.out.splitlines() == [
        f"{broken}:3:4: error: MC003 not valid UTF-8: byte 0xe9 at byte offset 12 (line 3);"
        " re-save the file as UTF-8",
        f"{other}:1:4: error: DOC001 file does not end with a newline (fix: --fix adds one)",
    ]


def test_utf8_bom_is_accepted_and_kept_by_fix(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf# Title")
    assert (
        cli("--quiet", str(path)).out
        == f"{path}:1:8: error: DOC001 file does not end with a newline (fix: --fix adds one)\n"
    )
    cli("--fix", str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf# Title\n"


def test_no_traceback_for_bad_config_in_subprocess(tmp_path: Path) -> None:
    write(tmp_path / "mdcheck.toml", "selct = ['DOC']\n")
    write(tmp_path / "a.md", "# A\n")
    proc = run_subprocess("a.md", cwd=tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "unknown key 'selct'" in err and "mdcheck.toml" in err


def test_version(cli: CliRunner) -> None:
    from mdcheck import __version__

    run = cli("--version")
    assert run.out == f"mdcheck {__version__}\n"


def test_the_command_delivers_its_whole_report_and_exit_code(tmp_path: Path) -> None:
    # the command exits without tearing the interpreter down: everything it printed must
    # still arrive, to a pipe as to a file, with the run's exit code
    for index in range(400):
        (tmp_path / f"doc{index:03d}.md").write_text(f"# Doc {index}\n\ntext  ", encoding="utf-8")
    run = run_subprocess("--select", "DOC,MC", "--jobs", "2", "--no-cache", str(tmp_path))
    lines = run.stdout.decode().splitlines()
    assert run.returncode == 1
    assert len(lines) == 401  # a DOC001 per file, then the summary
    assert lines[-1].startswith("Found 400 problems")
    report = tmp_path / "report.json"
    run = run_subprocess(
        "--select", "DOC,MC", "--no-cache", "--format", "json", "--output-file", str(report),
        str(tmp_path),
    )  # fmt: skip
    assert run.returncode == 1
    assert report.read_text(encoding="utf-8").rstrip().endswith("}")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # `mdcheck docs/ | head -1`: the pipe closes while the report is being written
    for index in range(2000):
        (tmp_path / f"doc{index:04d}.md").write_text("# Doc\n\ntext  ", encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "mdcheck", "--select", "DOC,MC", "--no-cache", str(tmp_path)]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert b" DOC001 file does not end with a newline" in proc.stdout.readline()
        proc.stdout.close()
        error = proc.stderr.read()
        proc.wait(timeout=120)
    assert b"Traceback" not in error and b"Exception" not in error, error
    assert proc.returncode in (0, 1)
