"""The result cache: reuse while nothing changed, miss when anything that matters did."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mdcheck.config import Config, load_config_file
from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity, Span
from mdcheck.markdown.document import Document
from mdcheck.rules.document_rules import FinalNewline
from mdcheck.run import process as api
from mdcheck.run.cache import KEEP_PER_PATH, SHARDS, ResultCache
from tests.conftest import SAMPLE, Run

CliRunner = Callable[..., Run]
ONLY = ("--select", "DOC001")  # other rules may find more in these small files


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.fixture
def lint_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths that were really linted (not answered by the cache)."""
    calls: list[str] = []
    real = api.process_source

    def counting(source: object, config: Config, options: api.RunOptions) -> api.FileResult:
        calls.append(source.path)  # type: ignore[attr-defined]
        return real(source, config, options)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "process_source", counting)
    return calls


def entries(cache: Path) -> list[str]:
    """The stored entries: one line each in the cache's pack files."""
    packs = sorted(cache.rglob("*.pack"))
    return [line for pack in packs for line in pack.read_text(encoding="utf-8").splitlines()]


def test_rerun_is_answered_by_the_cache_with_the_same_output(
    cli: CliRunner, tmp_path: Path, lint_calls: list[str]
) -> None:
    doc = write(tmp_path / "a.md", SAMPLE.read_text(encoding="utf-8"))
    cache = tmp_path / "cache"
    for fmt in ("text", "json"):
        lint_calls.clear()
        first = cli(*ONLY, "--format", fmt, "--cache-dir", str(cache), str(doc))
        second = cli(*ONLY, "--format", fmt, "--cache-dir", str(cache), str(doc))
        assert (second.code, second.out, second.err) == (first.code, first.out, first.err)
        assert lint_calls == ([str(doc)] if fmt == "text" else [])
    assert first.code == 1
    assert len(entries(cache)) == 1


def test_changed_content_is_linted_again(
    cli: CliRunner, tmp_path: Path, lint_calls: list[str]
) -> None:
    doc = write(tmp_path / "a.md", "# Title")
    cache = str(tmp_path / "cache")
    assert cli(*ONLY, "--cache-dir", cache, str(doc)).code == 1
    write(doc, "# Title\n")
    run = cli(*ONLY, "--cache-dir", cache, str(doc))
    assert run.code == 0
    assert lint_calls == [str(doc), str(doc)]


def test_changed_configuration_is_linted_again(
    cli: CliRunner, tmp_path: Path, lint_calls: list[str]
) -> None:
    doc = write(tmp_path / "a.md", "# Title")
    cache = str(tmp_path / "cache")
    assert cli(*ONLY, "--cache-dir", cache, str(doc)).code == 1
    write(tmp_path / "mdcheck.toml", 'ignore = ["DOC001"]\n')
    assert cli(*ONLY, "--cache-dir", cache, str(doc)).code == 0
    assert len(lint_calls) == 2
    (tmp_path / "mdcheck.toml").unlink()
    assert cli(*ONLY, "--cache-dir", cache, str(doc)).code == 1
    assert len(lint_calls) == 2  # the first run's entry answered
    assert cli(*ONLY, "--cache-dir", cache, "--ignore", "DOC001", str(doc)).code == 0
    assert len(lint_calls) == 3


def test_the_path_is_part_of_the_key(cli: CliRunner, tmp_path: Path) -> None:
    one = write(tmp_path / "one.md", "# Same")
    two = write(tmp_path / "two.md", "# Same")
    cache = str(tmp_path / "cache")
    cli(*ONLY, "--cache-dir", cache, str(one))
    run = cli(*ONLY, "--cache-dir", cache, str(two))
    assert run.out.startswith(f"{two}:1:7: error: DOC001 ")


def test_fingerprint_covers_settings_and_referenced_file_contents(tmp_path: Path) -> None:
    schema = write(tmp_path / "schema.json", '{"type": "object"}')
    config_file = write(tmp_path / "mdcheck.toml", 'ignore = ["DOC001"]\n')
    base = load_config_file(config_file)
    assert base.fingerprint == load_config_file(config_file).fingerprint  # stable
    other = Config(root=tmp_path, ignore=("DOC",))
    assert other.fingerprint != base.fingerprint
    referencing = Config(root=tmp_path, rule_options={"DOC001": {"schema": str(schema)}})
    before = referencing.fingerprint
    write(schema, '{"type": "array"}')
    after = Config(root=tmp_path, rule_options={"DOC001": {"schema": str(schema)}}).fingerprint
    assert before != after


def test_cached_diagnostics_keep_fixes_and_data(tmp_path: Path) -> None:
    span = Span(2, 3, 2, 9)
    diagnostic = Diagnostic(
        code="XY001",
        name="example",
        message="héllo 世界 😀",
        severity=Severity.INFO,
        span=span,
        path="a.md",
        fix=Fix((Edit(10, 16, "新", span), Edit(20, 20, "\r\n", span)), Applicability.UNSAFE, "d"),
        extra=(("expected", "1.2"), ("found", "1.3")),
    )
    cache = ResultCache(tmp_path)
    cache.put("ab" + "0" * 62, "a.md", (diagnostic,))
    cache.flush()
    (restored,) = ResultCache(tmp_path).get("ab" + "0" * 62, "a.md") or ()
    assert restored == diagnostic
    assert restored.extra == diagnostic.extra


def test_a_crashed_rule_is_never_cached(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(self: FinalNewline, doc: Document) -> Iterator[Diagnostic]:
        raise RuntimeError("boom")

    monkeypatch.setattr(FinalNewline, "check", crash)
    doc = write(tmp_path / "a.md", "# Title")
    cache = tmp_path / "cache"
    run = cli(*ONLY, "--cache-dir", str(cache), str(doc))
    assert run.code == 2
    assert "MC004 rule DOC001 (final-newline) failed: RuntimeError: boom" in run.out
    assert entries(cache) == []
    monkeypatch.undo()
    assert "DOC001 file does not end" in cli(*ONLY, "--cache-dir", str(cache), str(doc)).out


@pytest.mark.parametrize("flag", ["--fix", "--diff"])
def test_fixing_neither_reads_nor_writes_the_cache(
    cli: CliRunner, tmp_path: Path, flag: str, lint_calls: list[str]
) -> None:
    doc = write(tmp_path / "a.md", "# Title")
    cache = tmp_path / "cache"
    cli(*ONLY, "--cache-dir", str(cache), str(doc))
    stored = entries(cache)
    cli(*ONLY, flag, "--cache-dir", str(cache), str(doc))
    assert len(lint_calls) == 2
    assert entries(cache) == stored
    expected = "# Title\n" if flag == "--fix" else "# Title"
    assert doc.read_text(encoding="utf-8") == expected


def test_no_cache_creates_nothing(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", "# Title")
    assert cli(*ONLY, "--no-cache", "a.md").code == 1
    assert not (tmp_path / ".mdcheck_cache").exists()


def test_default_folder_is_at_the_project_root(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", "# Title")
    cli(*ONLY, "a.md")
    marker = tmp_path / ".mdcheck_cache" / "CACHEDIR.TAG"
    signature = "Signature: 8a477f597d28d172789f06886806bc55"
    assert marker.read_text(encoding="utf-8").startswith(signature)
    assert (tmp_path / ".mdcheck_cache" / ".gitignore").read_text(encoding="utf-8") == "*\n"
    project = tmp_path / "project"
    write(project / "mdcheck.toml", "")
    write(project / "docs" / "b.md", "# B")
    monkeypatch.chdir(project / "docs")
    cli(*ONLY, "b.md")
    assert len(entries(project / ".mdcheck_cache")) == 1
    assert not (project / "docs" / ".mdcheck_cache").exists()


def test_a_damaged_entry_is_a_miss_and_is_replaced(
    cli: CliRunner, tmp_path: Path, lint_calls: list[str]
) -> None:
    doc = write(tmp_path / "a.md", "# Title")
    cache = tmp_path / "cache"
    first = cli(*ONLY, "--cache-dir", str(cache), str(doc))
    (pack,) = cache.rglob("*.pack")
    good = pack.read_bytes()
    digest, key, payload = good.decode("utf-8").rstrip("\n").split(" ", 2)
    damages = [
        b"",
        b"{not json",
        good[: len(good) // 2],  # cut in the middle of the diagnostics
        f'{digest} {key} [["DOC001"]]\n'.encode(),
        f"{digest} {key} [1, 2]\n".encode(),
        f"{digest} {key[:-1]} {payload}\n".encode(),  # a key of the wrong length
        b"\xff\xfe" + good,  # not UTF-8
    ]
    for damage in damages:
        pack.write_bytes(damage)
        assert cli(*ONLY, "--cache-dir", str(cache), str(doc)).out == first.out
    assert len(lint_calls) == 1 + len(damages)
    assert pack.read_bytes() == good
    assert cli(*ONLY, "--cache-dir", str(cache), str(doc)).out == first.out
    assert len(lint_calls) == 1 + len(damages)  # the rewritten entry answered


def test_an_unusable_cache_folder_only_costs_speed(cli: CliRunner, tmp_path: Path) -> None:
    blocker = write(tmp_path / "not-a-folder", "a file where the cache folder should be")
    doc = write(tmp_path / "a.md", "# Title")
    run = cli(*ONLY, "--cache-dir", str(blocker), str(doc))
    assert run.code == 1
    assert run.err == ""
    assert f"{doc}:1:8: error: DOC001" in run.out


def _put_many(directory: str, seed: int) -> None:
    cache = ResultCache(Path(directory))
    span = Span(1, 1, 1, 2)
    diagnostic = Diagnostic("DOC001", "final-newline", f"m{seed}", Severity.ERROR, span, "x")
    for index in range(200):
        path = f"{seed}/{index}.md"
        cache.put(f"{seed:032x}{index:032x}", path, (diagnostic,) * (index % 5))
        if index % 20 == 19:
            cache.flush()


@pytest.mark.skipif(
    sys.platform == "win32", reason="no advisory lock there: concurrent writes may drop entries"
)
def test_concurrent_writers_keep_each_others_entries(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_put_many, args=(str(tmp_path), n)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    cache = ResultCache(tmp_path)
    for seed in range(4):
        for index in range(200):
            found = cache.get(f"{seed:032x}{index:032x}", f"{seed}/{index}.md")
            assert found is not None and len(found) == index % 5
            assert all(d.message == f"m{seed}" for d in found)
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert len(list((tmp_path / "v2").glob("*.pack"))) <= SHARDS


def test_a_run_writes_a_few_pack_files_not_one_file_per_checked_file(
    cli: CliRunner, tmp_path: Path
) -> None:
    for index in range(60):
        write(tmp_path / "docs" / f"{index}.md", f"# Title {index}")
    cache = tmp_path / "cache"
    first = cli(*ONLY, "--jobs", "2", "--cache-dir", str(cache), str(tmp_path / "docs"))
    assert first.out.count("DOC001") == 60
    assert len(entries(cache)) == 60
    packs = list((cache / "v2").glob("*.pack"))
    assert 1 < len(packs) <= SHARDS
    assert sorted(p.name for p in cache.iterdir()) == [
        ".gitignore",
        "CACHEDIR.TAG",
        "README.txt",
        "v2",
    ]


def test_an_edited_file_replaces_its_oldest_entries(
    cli: CliRunner, tmp_path: Path, lint_calls: list[str]
) -> None:
    doc = tmp_path / "a.md"
    cache = str(tmp_path / "cache")
    for version in range(KEEP_PER_PATH + 3):
        write(doc, f"# Version {version}")
        cli(*ONLY, "--cache-dir", cache, str(doc))
    assert len(entries(tmp_path / "cache")) == KEEP_PER_PATH
    calls = len(lint_calls)
    cli(*ONLY, "--cache-dir", cache, str(doc))  # the newest is kept ...
    write(doc, "# Version 0")
    cli(*ONLY, "--cache-dir", cache, str(doc))  # ... the oldest is not
    assert len(lint_calls) == calls + 1


def test_paths_that_are_not_utf8_are_cached(
    cli: CliRunner, tmp_path: Path, lint_calls: list[str]
) -> None:
    if sys.platform == "darwin" or os.name == "nt":
        pytest.skip("the file system needs names that are valid Unicode")
    name = os.fsdecode(b"caf\xe9.md")  # Latin-1 bytes: a surrogate in the str
    doc = write(tmp_path / name, "# Title")
    cache = str(tmp_path / "cache")
    first = cli(*ONLY, "--cache-dir", cache, str(doc))
    second = cli(*ONLY, "--cache-dir", cache, str(doc))
    assert (second.code, second.out) == (first.code, first.out)
    assert len(lint_calls) == 1


def test_editing_a_profile_named_in_front_matter_is_linted_again(
    cli: CliRunner, tmp_path: Path, lint_calls: list[str]
) -> None:
    profile = {
        "name": "p",
        "sections": [
            {"name": "intro", "titles": ["Intro"]},
            {"name": "outro", "titles": ["Outro"]},
        ],
    }
    write(tmp_path / "p.json", json.dumps(profile))
    doc = write(tmp_path / "a.md", "---\nprofile: p.json\n---\n# T\n\n## Intro\n\ntext\n")
    cache = str(tmp_path / "cache")
    args = ("--select", "ART001", "--cache-dir", cache, str(doc))
    first = cli(*args)
    assert "ART001" in first.out and "Outro" in first.out
    assert cli(*args).out == first.out
    assert lint_calls == [str(doc)]  # the second run was answered by the cache
    write(
        tmp_path / "p.json",
        json.dumps({"name": "p", "sections": [{"name": "intro", "titles": ["Intro"]}]}),
    )
    second = cli(*args)
    assert second.code == 0, second.out
    assert second.out == cli(*args[:-3], "--no-cache", str(doc)).out
    assert lint_calls[1] == str(doc)
    (tmp_path / "p.json").unlink()
    third = cli(*args)
    assert third.code == 2 and "profile file does not exist" in third.err + third.out
