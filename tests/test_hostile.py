"""Hostile inputs: each gives a clear outcome, never a traceback, and never stops the run.

Every test states the outcome a user sees: the exit code, the diagnostic (code, position,
message) or the one-line error. Tests that run every registered rule over the input keep
covering new rules as they are added.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mdcheck import api
from mdcheck.api import lint_paths, lint_text
from mdcheck.config import Config, ConfigResolver
from mdcheck.markdown.document import Document
from mdcheck.run import files, process
from mdcheck.run.files import UnreadableError, decode
from tests.conftest import ROOT, Run

ALL = Config(root=Path.cwd(), select=("ALL",))
Cli = Callable[..., Run]


@pytest.fixture
def cli(engine_cli: Cli) -> Cli:
    """The in-process runner for engine outcomes (DOC001 and MC rules by default)."""
    return engine_cli


def run_subprocess(*args: str | Path, cwd: Path, timeout: float = 120, stdin: bytes = b"") -> Run:
    """``python -m mdcheck ARGS`` in a fresh interpreter, with a hard time limit."""
    completed = subprocess.run(
        [sys.executable, "-m", "mdcheck", *map(str, args)],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return Run(
        completed.returncode,
        completed.stdout.decode("utf-8", errors="replace"),
        completed.stderr.decode("utf-8", errors="replace"),
    )


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def assert_no_traceback(text: str) -> None:
    assert "Traceback" not in text
    assert "internal error" not in text


# -- encodings and bytes ------------------------------------------------------------------


def test_invalid_utf8_reports_mc003_with_byte_offset_and_others_are_checked(
    tmp_path: Path, cli: Cli
) -> None:
    write(tmp_path / "a-bad.md", b"# Title\n\nok \xe4\xb8 broken\n")
    write(tmp_path / "b-good.md", "# Title")
    run = cli("check", tmp_path, "--no-color")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == (
        f"{tmp_path}/a-bad.md:3:4: error: MC003 not valid UTF-8: byte 0xe4 at byte offset 12"
        " (line 3); re-save the file as UTF-8"
    )
    assert lines[1].startswith(f"{tmp_path}/b-good.md:1:8: error: DOC001 ")
    assert_no_traceback(run.err)


@pytest.mark.parametrize(
    ("raw", "message", "position"),
    [
        (b"a\r\nb\rc\nd\xff", "not valid UTF-8: byte 0xff at byte offset 8 (line 4)", (4, 2)),
        (b"\xef\xbb\xbf\xe6\xa0\x87\xc0", "not valid UTF-8: byte 0xc0 at byte offset 6", (1, 2)),
        (b"\xff\xfea\x00\x00\xdc", "not valid UTF-16: byte 0x00 at byte offset 4", (1, 2)),
        (b"ok\n\x00", "binary file (NUL byte at byte offset 3); not checked", (2, 1)),
    ],
    ids=["mixed-endings", "after-bom", "utf16-lone-surrogate", "nul"],
)
def test_undecodable_bytes_are_located_like_document_lines(
    raw: bytes, message: str, position: tuple[int, int]
) -> None:
    with pytest.raises(UnreadableError) as caught:
        decode(raw, "x.md")
    assert caught.value.reason.startswith(message)
    assert (caught.value.line, caught.value.col) == position


def test_invalid_utf8_on_stdin_is_mc003(tmp_path: Path) -> None:
    run = run_subprocess("--select", "MC", "-", cwd=tmp_path, stdin=b"\xff\xff\n")
    assert run.code == 1
    assert run.out.startswith("-:1:1: error: MC003 not valid UTF-8: byte 0xff at byte offset 0")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_checked_and_fixed_in_utf16(
    tmp_path: Path, cli: Cli, encoding: str
) -> None:
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    path = write(tmp_path / "u16.md", bom + "# 标题\r\n\r\n正文".encode(encoding))
    run = cli("check", path)
    assert run.code == 1
    assert f"{path}:3:3: error: DOC001 file does not end with a newline" in run.out
    assert cli("check", "--fix", path).code == 0
    assert path.read_bytes().decode("utf-16") == "# 标题\r\n\r\n正文\r\n"


def test_binary_file_named_md_is_mc003_not_a_crash(tmp_path: Path, cli: Cli) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    path = write(tmp_path / "image.md", png)
    run = cli("check", path, "--fix")
    assert run.code == 1
    assert run.out.startswith(
        f"{path}:3:1: error: MC003 binary file (NUL byte at byte offset 8); not checked"
    )
    assert path.read_bytes() == png  # --fix never touches a file it could not read


def test_empty_file_is_clean(tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path / "empty.md", b"")
    run = cli("check", path)
    assert (run.code, run.out) == (0, "No problems found in 1 file.\n")
    assert lint_text("", config=ALL) == []


# -- size and shape -----------------------------------------------------------------------


def test_50_mb_file_is_refused_quickly_with_mc005(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "big.md"
    with path.open("wb") as handle:  # sparse: 50 MB of NULs costs no disk and is never read
        handle.truncate(50 * 1000 * 1000)
    write(tmp_path / "small.md", "# Small")
    started = time.monotonic()
    run = cli("check", tmp_path)
    assert time.monotonic() - started < 5
    assert run.code == 1
    assert run.out.splitlines()[0] == (
        f"{path}:1:1: error: MC005 file is 47.7 MiB, larger than the 10.0 MiB limit"
        " (max-file-size); not checked: raise the limit (0 = none) or exclude the file"
    )
    assert f"{tmp_path}/small.md:1:8: error: DOC001" in run.out
    assert cli("check", "--fix", tmp_path).code == 1
    assert path.stat().st_size == 50 * 1000 * 1000  # never read, never written


def test_max_file_size_is_configurable_and_zero_removes_it(tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path / "doc.md", "# Title\n\n" + "text " * 100 + "\n")
    write(tmp_path / "mdcheck.toml", "max-file-size = 100\n")
    run = cli("check", path)
    assert run.code == 1
    assert "MC005 file is 510 bytes, larger than the 100 bytes limit" in run.out
    write(tmp_path / "mdcheck.toml", "max-file-size = 0\n")
    assert cli("check", path).code == 0
    write(tmp_path / "mdcheck.toml", "max-file-size = 100\nignore = ['MC005']\n")
    assert cli("check", path).code == 0


def test_oversized_stdin_is_mc005(tmp_path: Path) -> None:
    write(tmp_path / "mdcheck.toml", "max-file-size = 10\n")
    run = run_subprocess("--select", "MC", "-", cwd=tmp_path, stdin=b"# A long enough title\n")
    assert run.code == 1
    assert run.out.startswith(
        "-:1:1: error: MC005 file is 22 bytes, larger than the 10 bytes limit"
    )


@pytest.mark.slow
def test_50_mb_article_is_checked_when_the_limit_is_lifted(tmp_path: Path) -> None:
    article = (Path(__file__).parent / "fixtures" / "sample-article.md").read_text("utf-8")
    block = article + "\n"
    copies = 50 * 1000 * 1000 // len(block.encode("utf-8")) + 1
    path = write(tmp_path / "big.md", block * copies)
    write(tmp_path / "mdcheck.toml", "max-file-size = 0\n")
    # The engine and the file-level rules: this checks that lifting the limit works, not how
    # every rule scales (that is measured in bench/), so the run stays around a minute.
    args = ("--select", "DOC,MC", "--format", "json", str(path))
    run = run_subprocess(*args, cwd=tmp_path, timeout=900)
    assert run.code in (0, 1), run.err
    assert_no_traceback(run.err)
    assert run.out.startswith("{")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_is_read_to_its_end(tmp_path: Path, cli: Cli) -> None:
    # what `mdcheck <(generate-article)` passes: a pipe whose size is 0 and whose data
    # arrives in pieces, with pauses in between
    pipe = tmp_path / "article.md"
    os.mkfifo(pipe)
    pieces = [b"# Title\n\n", b"x" * 200_000 + b"\n\n", "## 第二节\n\nend".encode()]

    def feed() -> None:
        with pipe.open("wb") as handle:
            for piece in pieces:
                handle.write(piece)
                handle.flush()
                time.sleep(0.05)

    writer = threading.Thread(target=feed)
    writer.start()
    run = cli("check", pipe)
    writer.join()
    assert run.err == ""
    assert run.out.splitlines()[0].startswith(f"{pipe}:7:4: error: DOC001 file does not end")


def test_a_file_that_grows_while_read_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "doc.md", "# Title\n")
    real_fstat = os.fstat

    def fstat_then_append(descriptor: int) -> os.stat_result:
        info = real_fstat(descriptor)
        with path.open("ab") as handle:  # appended after the size was told
            handle.write(b"\nmore text\n" * 10_000)
        return info

    monkeypatch.setattr(files.os, "fstat", fstat_then_append)
    assert files.read_bytes(str(path)) == b"# Title\n" + b"\nmore text\n" * 10_000


def test_read_bytes_tells_folders_and_sizes_over_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "doc.md", "# Title\n")
    assert files.read_bytes(str(path), limit=8) == b"# Title\n"
    with pytest.raises(files.TooLargeError) as raised:
        files.read_bytes(str(path), limit=7)
    assert raised.value.size == 8
    if sys.platform != "win32":  # Windows refuses to open a folder: PermissionError
        with pytest.raises(IsADirectoryError):
            files.read_bytes(str(tmp_path))


def test_10_mb_single_line(tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path / "line.md", "a" * 10_000_000)
    started = time.monotonic()
    run = cli("check", "--select", "ALL", path)
    assert time.monotonic() - started < 60
    assert run.code == 1
    assert f"{path}:1:10000001: error: DOC001 file does not end with a newline" in run.out
    assert "MC004" not in run.out


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("blockquotes", "> " * 10_000 + "deep\n", 1),
        ("blockquote lines", "".join(">" * n + " x\n" for n in range(1, 10_001, 50)), 3),
        ("bullet lists", "- " * 10_000 + "deep\n", 1),
        ("ordered lists", "1. " * 10_000 + "deep\n", 1),
        ("indented lists", "".join("  " * n + "- item\n" for n in range(1_000)), 50),
        ("mixed", "> - 1. " * 3_000 + "deep\n", 1),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else "",
)
def test_ten_thousand_nesting_levels_give_mc006(name: str, text: str, line: int) -> None:
    started = time.monotonic()
    found = lint_text("# Title\n\n" + text, config=ALL)
    assert time.monotonic() - started < 30
    assert [d.message for d in found if d.code == "MC004"] == []
    found = [d for d in found if d.code.startswith("MC")]
    assert [(d.code, d.span.line) for d in found] == [("MC006", line + 2)]
    assert found[0].message == (
        f"block quotes or lists nested more than 100 levels deep from line {line + 2};"
        " the content inside is not checked: reduce the nesting"
    )


def test_nesting_below_the_limit_is_not_reported() -> None:
    for text in ("> " * 90 + "fine\n", "".join("  " * n + "- item\n" for n in range(40))):
        assert [d.code for d in lint_text(text, config=ALL) if d.code.startswith("MC")] == []


_CONTAINERS = ("blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open")


@pytest.mark.parametrize("depth", [44, 47, 48, 49, 50, 93, 94, 95, 96, 97, 98, 99, 100, 120])
@pytest.mark.parametrize("unit", ["> ", "- ", "1. ", "> - "])
@pytest.mark.parametrize("content", ["text", "# h", "```\ncode", "| a | b |\n|---|---|\n| c | d |"])
def test_token_levels_stay_within_the_containers_and_a_table_cell(
    depth: int, unit: str, content: str
) -> None:
    # MC006 skips documents with too few containers to reach the limit on this bound
    prefix = unit * depth
    lines = content.split("\n")
    text = prefix + lines[0] + "\n" + "".join(">" * depth + " " + ln + "\n" for ln in lines[1:])
    doc = Document.from_text(text, "deep.md")
    containers = sum(len(doc.token_positions.get(kind, ())) for kind in _CONTAINERS)
    assert max(token.level for token in doc.tokens) <= containers + 4


def test_inline_nesting_does_not_recurse() -> None:
    doc = Document.from_text("[" * 10_000 + "x" + "](u)" * 10_000 + " " + "*" * 20_000 + "a\n")
    for token in doc.tokens:
        if token.type == "inline":
            doc.inline(token)  # markdown-it's maxNesting stops descent: no RecursionError


def test_table_with_10000_columns(tmp_path: Path) -> None:
    row = "|" + "".join(f" c{n} |" for n in range(10_000))
    text = f"# Wide\n\n{row}\n|{' --- |' * 10_000}\n{row}\n{row[:-40]}\n"
    started = time.monotonic()
    found = lint_text(text, config=ALL)
    assert time.monotonic() - started < 30
    assert all(d.code != "MC004" for d in found), found


# -- front matter ---------------------------------------------------------------------------

ALIAS_BOMB = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
title: bomb
---

# Bomb
"""


def test_yaml_alias_bomb_finishes_quickly(tmp_path: Path) -> None:
    front_matter = Document.from_text(ALIAS_BOMB).front_matter
    assert front_matter is not None and front_matter.closed  # the rules see it as front matter
    path = write(tmp_path / "bomb.md", ALIAS_BOMB)
    started = time.monotonic()
    run = run_subprocess("--select", "ALL", "--format", "json", path, cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 30
    assert run.code in (0, 1), run.err
    assert_no_traceback(run.err)


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/object:os.system",
    ],
)
def test_python_tags_in_front_matter_are_never_executed(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "executed"
    command = f"touch {marker}"
    text = f"---\ntitle: x\nboom: {tag} [{command!r}]\nother: {tag}\n  args: [{command!r}]\n"
    path = write(tmp_path / "evil.md", text + "---\n\n# Evil\n")
    front_matter = Document.from_text(path.read_text()).front_matter
    assert front_matter is not None and front_matter.closed
    run = run_subprocess("--select", "ALL", "--fix", "--unsafe-fixes", path, cwd=tmp_path)
    assert run.code in (0, 1), run.err
    assert_no_traceback(run.err)
    assert not marker.exists()


# -- the file system ------------------------------------------------------------------------


def test_symlink_loops_in_a_walked_folder(tmp_path: Path, cli: Cli) -> None:
    docs = tmp_path / "docs"
    write(docs / "real.md", "# Real")
    (docs / "loop").symlink_to(docs, target_is_directory=True)  # folder loop: not followed
    (docs / "a.md").symlink_to(docs / "b.md")  # file loop: a -> b -> a
    (docs / "b.md").symlink_to(docs / "a.md")
    run = cli("check", docs)
    assert run.code == 2
    assert run.out.splitlines()[0] == (
        f"{docs}/real.md:1:7: error: DOC001 file does not end with a newline (fix: --fix adds one)"
    )
    assert run.err.splitlines() == [
        f"mdcheck: error: {docs}/a.md: cannot read: Too many levels of symbolic links",
        f"mdcheck: error: {docs}/b.md: cannot read: Too many levels of symbolic links",
    ]


def test_unreadable_file_simulated(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = write(tmp_path / "secret.md", "# Secret\n")
    write(tmp_path / "open.md", "# Open")
    real_read = process.read_bytes

    def read_bytes(path: str, limit: int | None = None) -> bytes:
        if Path(path).name == "secret.md":
            raise PermissionError(13, "Permission denied", path)
        return real_read(path, limit)

    monkeypatch.setattr(process, "read_bytes", read_bytes)
    run = cli("check", tmp_path)
    assert run.code == 2
    assert run.err == f"mdcheck: error: {secret}: cannot read: Permission denied\n"
    assert f"{tmp_path}/open.md:1:7: error: DOC001" in run.out


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads files without read permission; see test_unreadable_file_simulated",
)
def test_unreadable_file_real_permissions(tmp_path: Path, cli: Cli) -> None:
    secret = write(tmp_path / "secret.md", "# Secret\n")
    secret.chmod(0)
    try:
        run = cli("check", secret)
    finally:
        secret.chmod(0o644)
    assert run.code == 2
    assert run.err == f"mdcheck: error: {secret}: cannot read: Permission denied\n"


def test_path_that_disappears_during_the_run(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = write(tmp_path / "a-gone.md", "# Gone\n")
    write(tmp_path / "b-stays.md", "# Stays")
    real_expand = api.expand_paths

    def expand_then_delete(paths: object, resolver: object, **options: object) -> object:
        found = real_expand(paths, resolver, **options)  # type: ignore[arg-type]
        gone.unlink()
        return found

    monkeypatch.setattr(api, "expand_paths", expand_then_delete)
    run = cli("check", tmp_path)
    assert run.code == 2
    assert run.err == f"mdcheck: error: {gone}: cannot read: No such file or directory\n"
    assert f"{tmp_path}/b-stays.md:1:8: error: DOC001" in run.out


def test_file_deleted_between_read_and_write_is_reported(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "doc.md", "# Doc")
    other = write(tmp_path / "other.md", "# Other")
    real_read = process.read_bytes

    def read_then_delete(name: str, limit: int | None = None) -> bytes:
        source = real_read(name, limit)
        if Path(name) == path:
            path.unlink()
        return source

    monkeypatch.setattr(process, "read_bytes", read_then_delete)
    run = cli("check", "--fix", tmp_path)
    assert run.code == 2
    assert run.err == f"mdcheck: error: {path}: cannot write: No such file or directory\n"
    assert not path.exists()
    assert other.read_text() == "# Other\n"
    assert list(tmp_path.iterdir()) == [other]  # no temporary file left behind


def test_paths_with_spaces_and_non_ascii_names(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "my notes" / "趋势 文章"
    path = write(folder / "第一章 Überblick ✨.md", "# 标题")
    run = cli("check", tmp_path / "my notes", "--format", "json")
    assert run.code == 1
    assert f'"path": "{path}"' in run.out
    assert cli("check", "--fix", path).code == 0
    assert path.read_text("utf-8") == "# 标题\n"


def test_directory_given_as_config(tmp_path: Path, cli: Cli) -> None:
    write(tmp_path / "doc.md", "# Doc\n")
    run = cli("check", "--config", tmp_path, tmp_path / "doc.md")
    assert (run.code, run.out) == (2, "")
    assert run.err == f"mdcheck: error: {tmp_path}: is a folder, not a configuration file\n"


def test_one_bad_path_never_stops_the_others_and_the_worst_outcome_wins(
    tmp_path: Path, cli: Cli
) -> None:
    write(tmp_path / "clean.md", "# Clean\n")
    write(tmp_path / "finding.md", "# Finding")
    write(tmp_path / "binary.md", b"\x00\x01")
    missing = tmp_path / "missing.md"
    assert cli("check", tmp_path / "clean.md").code == 0
    assert cli("check", tmp_path / "clean.md", tmp_path / "finding.md").code == 1
    assert cli("check", tmp_path / "clean.md", tmp_path / "binary.md").code == 1
    run = cli("check", tmp_path, missing)
    assert run.code == 2
    assert run.err == f"mdcheck: error: {missing}: no such file or folder\n"
    codes = [line.split(" ")[2] for line in run.out.splitlines()[:-1]]
    assert codes == ["MC003", "DOC001"]


def test_lint_paths_api_reports_every_file(tmp_path: Path) -> None:
    write(tmp_path / "a.md", b"\xff")
    write(tmp_path / "b.md", "# B")
    resolver = ConfigResolver(cwd=tmp_path)
    write(tmp_path / "mdcheck.toml", "select = ['DOC001', 'MC']\n")
    results = lint_paths([str(tmp_path), str(tmp_path / "nope.md")], resolver)
    assert [(Path(r.path).name, r.error is not None) for r in results] == [
        ("a.md", False),
        ("b.md", False),
        ("nope.md", True),
    ]
    assert [d.code for r in results for d in r.diagnostics] == ["MC003", "DOC001"]
