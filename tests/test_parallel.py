"""--jobs: worker processes give the same report, in the same order, as one process."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mdcheck.api import RunOptions, lint_paths
from mdcheck.config import ConfigResolver
from mdcheck.run import parallel
from tests.conftest import SAMPLE, Run

CliRunner = Callable[..., Run]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def make_tree(root: Path) -> None:
    """Clean, broken, CRLF, unreadable, suppressed and nested files, in several folders."""
    sample = SAMPLE.read_bytes()
    for index in range(12):
        folder = root / ("a" if index % 3 else "b") / f"sub{index % 2}"
        write(folder / f"doc{index:02d}.md", sample if index % 4 == 0 else f"# Doc {index}\n")
        write(folder / f"nonl{index:02d}.md", f"# No newline {index}\r\n\r\ntext")
    write(root / "a" / "latin1.md", "# Caf\xe9\n".encode("latin-1"))
    write(root / "a" / "binary.md", b"# x\x00y\n")
    write(root / "b" / "suppressed.md", "<!-- mdcheck-disable-file DOC001 -->\n# T")
    write(root / "c" / "mdcheck.toml", 'ignore = ["DOC001"]\n')
    write(root / "c" / "ignored.md", "# Ignored")


@pytest.fixture
def always_pool(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make even small runs use the pool; records the number of chunks of each pool."""
    monkeypatch.setattr(parallel, "PROBE_SECONDS", 0)
    pools: list[int] = []
    real = parallel._chunks

    def chunks(pending: list[tuple[int, int]], target: int) -> list[list[int]]:
        result = real(pending, target)
        pools.append(len(result))
        return result

    monkeypatch.setattr(parallel, "_chunks", chunks)
    return pools


def test_lint_paths_with_workers_equals_one_process(tmp_path: Path, always_pool: list[int]) -> None:
    make_tree(tmp_path)
    one = lint_paths([str(tmp_path)], ConfigResolver(cwd=tmp_path), jobs=1)
    many = lint_paths([str(tmp_path)], ConfigResolver(cwd=tmp_path), jobs=3)
    assert always_pool and always_pool[0] > 1  # the pool really ran, with several chunks
    assert [(r.path, r.diagnostics, r.error) for r in many] == [
        (r.path, r.diagnostics, r.error) for r in one
    ]
    assert [r.path for r in many] == sorted(r.path for r in many)
    codes = {d.code for r in many for d in r.diagnostics}
    assert {"DOC001", "MC003"} <= codes


def _work_with_the_collector_on(chunk: list[int]) -> Any:
    """The workers' task, failing when the worker runs with the collector off."""
    assert gc.isenabled(), "a worker runs with the cyclic garbage collector off"
    return _REAL_WORK(chunk)


_REAL_WORK = parallel._work


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers (Linux)")
def test_workers_run_with_the_collector_on_and_this_process_gets_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, always_pool: list[int]
) -> None:
    # This process pauses the collector while it takes the results in; the workers it
    # forks must not inherit the pause (a rule that crashes leaves a reference cycle).
    make_tree(tmp_path)
    monkeypatch.setattr(parallel, "_work", _work_with_the_collector_on)
    assert gc.isenabled()
    results = lint_paths([str(tmp_path)], ConfigResolver(cwd=tmp_path), jobs=2)
    assert always_pool and len(results) == 28
    assert gc.isenabled()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_cli_output_is_identical_for_any_job_count(
    cli: CliRunner, tmp_path: Path, always_pool: list[int], fmt: str
) -> None:
    make_tree(tmp_path)
    args = ("--no-cache", "--format", fmt, str(tmp_path), str(tmp_path / "missing.md"))
    one = cli("--jobs", "1", *args)
    many = cli("--jobs", "4", *args)
    assert always_pool
    assert (many.code, many.out, many.err) == (one.code, one.out, one.err)
    assert one.code == 2  # the missing path and the unreadable files


def test_fix_with_workers_writes_the_same_files(
    cli: CliRunner, tmp_path: Path, always_pool: list[int]
) -> None:
    make_tree(tmp_path / "one")
    make_tree(tmp_path / "many")
    first = cli("--fix", "--jobs", "1", str(tmp_path / "one"))
    second = cli("--fix", "--jobs", "3", str(tmp_path / "many"))
    assert always_pool
    assert second.code == first.code
    assert second.out.replace("/many/", "/one/") == first.out
    for path in sorted((tmp_path / "one").rglob("*.md")):
        twin = tmp_path / "many" / path.relative_to(tmp_path / "one")
        assert twin.read_bytes() == path.read_bytes()
    assert (tmp_path / "many" / "a" / "sub1" / "nonl01.md").read_bytes().endswith(b"text\r\n")


def test_tiny_runs_stay_in_this_process(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "_run_pool", no_pool)
    one = write(tmp_path / "one.md", "# One")
    assert "one.md:1:6: error: DOC001" in cli("--jobs", "8", "--no-cache", str(one)).out
    for index in range(5):  # several small files: less text than a pool is worth
        write(tmp_path / "small" / f"{index}.md", "# Small")
    run = cli("--jobs", "8", "--no-cache", str(tmp_path / "small"))
    assert run.out.count("DOC001") == 5


def test_files_answered_by_the_cache_do_not_start_a_pool(
    cli: CliRunner, tmp_path: Path, always_pool: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(6):
        write(tmp_path / "docs" / f"{index}.md", SAMPLE.read_bytes() if index % 2 else "# T")
    cache = str(tmp_path / "cache")
    first = cli("--jobs", "2", "--cache-dir", cache, str(tmp_path / "docs"))
    assert always_pool  # the first run needed workers

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "_run_pool", no_pool)
    second = cli("--jobs", "2", "--cache-dir", cache, str(tmp_path / "docs"))
    assert (second.code, second.out) == (first.code, first.out)


def test_files_the_cache_knows_nothing_about_are_not_read_to_look_them_up(
    cli: CliRunner, tmp_path: Path, always_pool: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up: list[str] = []
    real = parallel._lookup

    def lookup(cache: object, path: str, config: object) -> object:
        looked_up.append(path)
        return real(cache, path, config)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_lookup", lookup)
    for index in range(8):
        write(tmp_path / "docs" / f"{index}.md", f"# T{index}")
    cache = str(tmp_path / "cache")
    first = cli("--jobs", "2", "--cache-dir", cache, str(tmp_path / "docs"))
    assert looked_up == []  # an empty cache: no file is read twice
    for index in range(3):
        write(tmp_path / "docs" / f"{index}.md", f"# Changed {index}")
    write(tmp_path / "docs" / "new.md", "# New")
    second = cli("--jobs", "2", "--cache-dir", cache, str(tmp_path / "docs"))
    assert sorted(os.path.basename(p) for p in looked_up) == [f"{i}.md" for i in range(8)]
    assert second.out != first.out
    rerun = cli("--jobs", "2", "--no-cache", str(tmp_path / "docs"))
    assert (second.code, second.out) == (rerun.code, rerun.out)
    third = cli("--jobs", "2", "--cache-dir", cache, str(tmp_path / "docs"))
    assert (third.code, third.out) == (rerun.code, rerun.out)


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(cli: CliRunner, value: str) -> None:
    run = cli("--jobs", value, str(SAMPLE))
    assert run.code == 2
    assert run.err.startswith("mdcheck: error: argument --jobs: expected a whole number of at")
    assert repr(value) in run.err


def test_default_jobs_is_at_least_one() -> None:
    assert parallel.default_jobs() >= 1


def test_chunks_keep_order_and_cover_every_file() -> None:
    pending = [(0, 10), (2, 500), (3, 5), (7, 5), (9, 300)]
    chunks = parallel._chunks(pending, 1)
    assert [i for chunk in chunks for i in chunk] == [0, 2, 3, 7, 9]
    assert chunks == [[0, 2], [3, 7, 9]]


def test_chunks_shrink_towards_the_end_of_the_run() -> None:
    # equal files: each chunk takes a share of what is left, so a worker that finishes
    # early finds small chunks to take while the others finish theirs
    pending = [(index, 1000) for index in range(2000)]
    chunks = parallel._chunks(pending, 2)
    assert [i for chunk in chunks for i in chunk] == list(range(2000))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == 250  # 1/8 of all: 1/(4 x 2) of what is left
    assert sizes[-2] == 32  # the floor, 1/(32 x 2) of all, rounded up to whole files
    assert sizes[-1] <= 32
    assert 20 <= len(chunks) <= 30


def test_options_fix_never_reads_the_cache(tmp_path: Path) -> None:
    from mdcheck.run.cache import ResultCache

    class Exploding(ResultCache):
        def get(self, key: str, path: str) -> None:
            raise AssertionError("cache read while fixing")

    bad = write(tmp_path / "bad.md", "# Bad")
    results = lint_paths(
        [str(bad)],
        ConfigResolver(cwd=tmp_path),
        RunOptions(fix=True),
        jobs=2,
        cache=Exploding(tmp_path / "cache"),
    )
    assert results[0].applied == 1
    assert bad.read_text(encoding="utf-8") == "# Bad\n"
    assert not (tmp_path / "cache").exists()


def test_spawned_workers_give_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, always_pool: list[int]
) -> None:
    """Where fork is not used (macOS, Windows), configurations travel to fresh workers."""
    import multiprocessing

    make_tree(tmp_path)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    one = lint_paths([str(tmp_path)], ConfigResolver(cwd=tmp_path), jobs=1)
    many = lint_paths([str(tmp_path)], ConfigResolver(cwd=tmp_path), jobs=2)
    assert always_pool
    assert [(r.path, r.diagnostics) for r in many] == [(r.path, r.diagnostics) for r in one]


def test_the_pool_starts_only_when_the_rest_would_take_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[int] = []
    monkeypatch.setattr(parallel, "_run_pool", lambda *a, **k: pools.append(1) or [])
    for index in range(6):
        write(tmp_path / f"{index}.md", "# T\n")
    resolver = ConfigResolver(cwd=tmp_path)
    monkeypatch.setattr(parallel, "POOL_WORTH_SECONDS", 3600.0)
    assert len(lint_paths([str(tmp_path)], resolver, jobs=2)) == 6
    assert pools == []
    monkeypatch.setattr(parallel, "POOL_WORTH_SECONDS", 0.0)
    monkeypatch.setattr(parallel, "PROBE_SECONDS", 1e-9)
    lint_paths([str(tmp_path)], resolver, jobs=2)
    assert pools == [1]  # two files timed here, four left for the workers


def test_the_probe_stops_once_the_pool_clearly_pays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handed: list[int] = []
    monkeypatch.setattr(
        parallel, "_run_pool", lambda *a, pending, **k: handed.append(len(pending)) or []
    )
    for index in range(6):
        write(tmp_path / f"{index}.md", "# T\n")
    monkeypatch.setattr(parallel, "PROBE_SECONDS", 3600.0)  # never stop for time
    monkeypatch.setattr(parallel, "POOL_WORTH_SECONDS", 1e-12)  # any work pays
    lint_paths([str(tmp_path)], ConfigResolver(cwd=tmp_path), jobs=2)
    assert handed == [4]  # the first file and one timed file here, the rest to the pool


def test_pool_pays_estimates_from_the_measured_rate() -> None:
    rest = [(5, 3 * 1024), (6, 4 * 1024)]  # 9 KiB with the per-file overhead
    assert parallel._pool_pays(rest, None)
    assert not parallel._pool_pays(rest, 0.2 / (9 * 1024))
    assert parallel._pool_pays(rest, 0.3 / (9 * 1024))
