"""bench/precision.py: findings per code, files per code and a sample with source lines."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_precision", ROOT / "bench" / "precision.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.md").write_text("# A\n\nno final newline", encoding="utf-8")
    (site / "b.md").write_text("# B\n\n| x | y |\n| - | - |\n| 1 |\n\nEnd.\n", encoding="utf-8")
    (site / "c.md").write_text("# C\n\ntext", encoding="utf-8")
    (site / "README.md").write_text("Just text.\n", encoding="utf-8")
    # a configuration that turns everything off: the script ignores it by default
    (site / "mdcheck.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    return site


def test_report_counts_codes_and_files_and_shows_source_lines(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _script().main([str(corpus)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "4 files checked with the default settings, 3 findings"
    table = out[out.index("code     findings  files  name") + 1 :][:2]
    assert table == [
        "DOC001          2      2  final-newline",
        "TB001           1      1  table-column-count",
    ]
    at = out.index("== DOC001 final-newline: 2 findings in 2 files")
    assert out[at + 1] == "a.md:3:17: file does not end with a newline (fix: --fix adds one)"
    assert out[at + 2] == "        3 | no final newline"
    assert out[at + 3].startswith("c.md:3:5: ")
    assert out[-1] == "file kinds: page 3, project-file 1"


def test_sample_size_code_filter_and_json(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = tmp_path / "figures.json"
    assert (
        _script().main([str(corpus), "--code", "doc", "--sample", "1", "--json", str(figures)]) == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "4 files checked with the default settings, 2 findings"
    at = out.index("== DOC001 final-newline: 2 findings in 2 files")
    assert out[at + 1].startswith("a.md:3:17: ")
    assert out[at + 3] == ""
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert data["codes"] == {"DOC001": {"findings": 2, "files": 2}}
    assert data["kinds"] == {"page": 3, "project-file": 1}


def test_discovered_configuration_is_used_only_when_asked(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _script().main([str(corpus), "--discover-config"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "4 files checked with the default settings, 0 findings"
    )


def test_triage_table_has_a_row_per_finding(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _script().main([str(corpus), "--triage"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["| file | line | code | verdict | why |", "| --- | --- | --- | --- | --- |"]
    assert out[2:] == [
        "| a.md | 3 | DOC001 |  |  |",
        "| c.md | 3 | DOC001 |  |  |",
        "| b.md | 5 | TB001 |  |  |",
    ]
