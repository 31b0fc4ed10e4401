"""The command line's options beyond checking: help, severity in the text report,
--statistics, --show-fixes, --show-settings, init, colour, --fix on standard input, and
escaping of what the checked files contain."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mdcheck import cli_output
from mdcheck.config import load_config_file
from tests.conftest import SAMPLE, Run, run_subprocess

CliRunner = Callable[..., Run]


def test_help_lists_the_check_options(cli: CliRunner) -> None:
    run = cli("--help")
    assert run.code == 0
    for option in (
        "--select",
        "--fix",
        "--diff",
        "--format FORMAT",
        "--output-format",
        "--force-exclude",
        "--statistics",
        "--show-settings FILE",
        "init",
    ):
        assert option in run.out, option


def test_text_lines_carry_the_severity(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "mdcheck.toml").write_text(
        'select = ["DOC001", "HD002"]\nseverity = { HD002 = "info" }\n', encoding="utf-8"
    )
    path = tmp_path / "a.md"
    path.write_text("# A\n\n### B", encoding="utf-8")
    lines = cli(str(path)).out.splitlines()
    assert lines[:2] == [
        f"{path}:3:1: info: HD002 H3 follows H1 (line 1), skipping a level; make it an H2",
        f"{path}:3:6: error: DOC001 file does not end with a newline (fix: --fix adds one)",
    ]


def test_control_characters_from_the_file_are_escaped(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "mdcheck.toml").write_text('select = ["DOC001", "HD002"]\n', encoding="utf-8")
    path = tmp_path / "evil\x1b[31m\nname.md"
    path.write_text("# A\n\n### B\x1b[2J\x85", encoding="utf-8")
    run = cli(str(path))
    assert "\x1b" not in run.out and "\x85" not in run.out
    lines = run.out.splitlines()
    assert len(lines) == 3  # two findings and the summary: one line each
    assert lines[0].startswith(f"{tmp_path}/evil\\x1b[31m\\nname.md:3:1: warning: HD002 ")


def test_statistics_counts_per_code(cli: CliRunner) -> None:
    run = cli("--statistics", str(SAMPLE))
    assert run.code == 1
    assert run.out.splitlines()[:3] == [
        "3  HD003   [*] heading-number-missing (warning)",
        "1  CF001       fence-unclosed (error)",
        "1  CF002   [*] fence-wraps-document (error)",
    ]
    assert len(run.out.splitlines()) == 8  # 7 codes and the summary


def test_show_fixes_without_and_with_fix(cli: CliRunner, tmp_path: Path) -> None:
    copy = tmp_path / "sample.md"
    copy.write_bytes(SAMPLE.read_bytes())
    shown = cli("--show-fixes", "--select", "DOC001", str(copy)).out.splitlines()
    assert shown[1] == "    fix (safe): add a final newline"
    fixed = cli("--fix", "--unsafe-fixes", "--show-fixes", str(copy)).out.splitlines()
    start = fixed.index("Fixes applied:")
    assert fixed[start + 1 : start + 7] == [
        "     1  CF001",
        "     1  CF002",
        "     1  CF003",
        "     1  DOC001",
        "     1  FM002",
        "     3  HD003",
    ]


def test_show_settings_names_where_each_value_comes_from(cli: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "mdcheck.toml"
    config.write_text('ignore = ["TB"]\nfail-level = "error"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    run = cli("--show-settings", str(tmp_path / "a.md"), "--select", "TB,HD001")
    assert run.code == 0
    lines = run.out.splitlines()
    assert f"configuration: {config}" in lines
    assert 'select             = ["TB", "HD001"]  # command line' in lines
    assert f'ignore             = ["TB"]  # {config}' in lines
    assert f"fail-level         = error  # {config}" in lines
    assert "force-exclude      = false  # default" in lines
    assert lines[-2:] == ["enabled rules for this file (1):", "  HD001   single-h1 (warning)"]


def test_init_writes_a_valid_commented_config_once(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("init").code == 0
    text = (tmp_path / "mdcheck.toml").read_text(encoding="utf-8")
    assert text.count("\n# ") > 10
    config = load_config_file(tmp_path / "mdcheck.toml")
    assert config.fail_level.value == "warning" and config.exclude == ()
    again = cli("init")
    assert again.code == 2 and "already exists; not overwritten" in again.err
    assert (tmp_path / "mdcheck.toml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, False),  # not a terminal
        (("--color", "always"), {}, True),
        (("--color", "always"), {"NO_COLOR": "1"}, True),  # asked for explicitly
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_choices(
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    env: dict[str, str],
    coloured: bool,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out = cli(*args, "--select", "DOC001", str(SAMPLE)).out
    assert ("\033[31m" in out) is coloured


def test_fix_on_stdin_exits_0_once_the_text_is_written(tmp_path: Path) -> None:
    (tmp_path / "mdcheck.toml").write_text(
        'select = ["DOC001", "FM001"]\n[rules.front-matter-missing]\nrequired = true\n',
        encoding="utf-8",
    )
    proc = run_subprocess("--fix", "-", "--stdin-filename", "a.md", cwd=tmp_path, stdin=b"# T")
    assert proc.returncode == 0
    assert proc.stdout == b"# T\n"
    assert b"FM001" in proc.stderr  # what could not be fixed is still reported
    checked = run_subprocess("-", "--stdin-filename", "a.md", cwd=tmp_path, stdin=b"# T")
    assert checked.returncode == 1  # without --fix, findings fail as always


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "quiet", "count", "shown"),
    [
        ({}, False, 500, True),
        ({"CI": "true"}, False, 500, False),  # never in CI logs
        ({}, True, 500, False),
        ({}, False, 20, False),  # a short run needs no progress line
    ],
)
def test_progress_line_only_on_a_terminal_for_long_runs(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    env: dict[str, str],
    quiet: bool,
    count: int,
    shown: bool,
) -> None:
    for i in range(count):
        (tmp_path / f"{i}.md").write_bytes(b"")
    monkeypatch.delenv("CI", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with cli_output.progress(argparse.Namespace(quiet=quiet, paths=[str(tmp_path)])):
        pass
    expected = "mdcheck: checking files…\r\033[K" if shown else ""
    assert terminal.getvalue() == expected


def test_no_progress_line_when_standard_error_is_a_pipe(tmp_path: Path) -> None:
    for i in range(600):
        (tmp_path / f"{i}.md").write_bytes(b"# x\n")
    proc = run_subprocess("--select", "DOC001", "--no-cache", str(tmp_path))
    assert proc.returncode == 0 and proc.stderr == b""
