"""Front matter: the locator, safe and bounded loading, schemas and configuration."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdcheck.api import fix_text, lint_text
from mdcheck.cli import main
from mdcheck.config import Config, ConfigError, config_from_table
from mdcheck.diagnostic import Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.frontmatter import locate_front_matter
from mdcheck.markdown.yamlsafe import load_yaml
from mdcheck.rules.frontmatter_data import normalise_title
from mdcheck.schema.fmschema import compiled_validator, default_schema_path, is_date, is_date_time

FIXTURES = Path(__file__).parent / "fixtures"


def fm_findings(text: str, config: Config | None = None) -> list[tuple[str, int, str]]:
    return [
        (d.code, d.span.line, d.message)
        for d in lint_text(text, "a.md", config)
        if d.code.startswith("FM")
    ]


# -- locating the block -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: x\n---\n# T", (0, 2, True)),
        ("---\ntitle: x\n...\n# T", (0, 2, True)),
        ("+++\ntitle = 'x'\n+++\n", (0, 2, True)),
        ("---\r\ntitle: x\r\n---\r\n", (0, 2, True)),
        ("---\n---\n# T", (0, 1, True)),
        ("\n\n    ---\n    title: x\n    ---\n", (2, 4, True)),
        # unclosed: ends at the last key line, the body's thematic break is not the close
        ("---\ntitle: x\ndate: 1\n\n# T\n\nText: more text.\n\n---\n", (0, 2, False)),
        ("---\n   title: x\n\n   ```markdown\n# T\n", (0, 1, False)),
        ("---\ntitle: x\n2024 年，AI 继续发展。\n---\n", (0, 1, False)),
        ("---\ndescription: >\n  folded\n  text\ntags:\n  - a\n---\n", (0, 6, True)),
        ("---\nnote: |\n  ---\n  text\ntitle: x\n---\n", (0, 5, True)),
        ("---\ntags:\n  - a\n  ---\n\n# T\n", (0, 3, True)),
    ],
)
def test_locator_finds_the_block(text: str, expected: tuple[int, int, bool]) -> None:
    block = locate_front_matter(text.replace("\r\n", "\n").split("\n"))
    assert block is not None
    assert (block.start_index, block.end_index, block.closed) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# Title\n\n---\ntitle: x\n---\n",
        "---\n\nA paragraph after a thematic break.\n",
        "---\n\n---\n",
        "\n\n---\nNot front matter\n---\n",
        "    ---\n\n    code\n",
        "",
        "***\ntitle: x\n***\n",
    ],
)
def test_locator_leaves_other_text_alone(text: str) -> None:
    assert locate_front_matter(text.split("\n")) is None


def test_unclosed_block_does_not_swallow_the_body() -> None:
    text = "---\ntitle: T\ndate: 2025-02-18\ndescription: D.\n\n# T\n\nIntro: text.\n\n---\n"
    findings = lint_text(text, "a.md")
    assert [(d.code, d.span.line) for d in findings if d.code.startswith("FM")] == [("FM003", 1)]
    from mdcheck.markdown.document import Document

    doc = Document.from_text(text)
    assert [h.line for h in doc.headings] == [6]
    assert doc.body_lines[7] == "Intro: text."


# -- safety -------------------------------------------------------------------------------


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "---\ntitle: Bomb\n" + "\n".join(lines) + "\n---\n\n# Bomb\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_alias_bomb(), "expands to more than 20,000 values"),
        ("---\na: &a [*a]\n---\n", "an alias refers to the value that contains it"),
        ("---\nd: " + "[" * 300_000 + "]" * 300_000 + "\n---\n", "characters long"),
        ("---\nd: " + "[" * 100 + "]" * 100 + "\n---\n", "nests more than 64 levels"),
        ("---\nd:\n" + "- " * 120_000 + "x\n---\n", "nests more than 64 levels"),
        (
            "---\ntitle: x\n" + "".join(f"k{i}: {'v' * 70}\n" for i in range(40_000)) + "---\n",
            "characters long (limit 262,144); shorten it",
        ),
    ],
    ids=["alias-bomb", "recursive-alias", "huge-flow", "deep-flow", "deep-dashes", "megabytes"],
)
def test_hostile_front_matter_finishes_fast_with_bounded_memory(text: str, message: str) -> None:
    findings = fm_findings(text)
    assert [(code, line) for code, line, _ in findings if code == "FM004"] == [("FM004", 1)]
    assert message in next(m for code, _, m in findings if code == "FM004")
    tracemalloc.start()
    try:
        fm_findings(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20 + 40 * len(text)


def test_python_tags_are_reported_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "created"
    text = f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\n# T\n'
    findings = fm_findings(text)
    assert findings[0][:2] == ("FM004", 2)
    assert "the tag '!!python/object/apply:os.system' is not allowed" in findings[0][2]
    assert not marker.exists()


def test_yaml_problem_positions_are_in_the_file() -> None:
    text = '---\n    title: "a "b" c"\n    date: 2025-02-18\n---\n'
    result = load_yaml('    title: "a "b" c"\n')
    assert result.problem is not None
    (found,) = [d for d in lint_text(text, "a.md") if d.code == "FM004"]
    assert (found.span.line, found.span.col) == (2, 16)
    assert 'a " inside a "-quoted value ends it early' in found.message


def test_value_locations_are_a_mapping_in_the_file() -> None:
    text = "---\n  title: Hello\n  tags:\n    - a\n---\n# Hello\n"
    parsed = Document.from_text(text, "a.md").front_matter_data
    assert parsed is not None
    locations = parsed.locations
    assert list(locations) == ["", "/title", "/tags", "/tags/0"]
    assert "/title" in locations and "/missing" not in locations
    assert locations.get("/missing") is None
    title = locations["/title"]
    assert title.key == Span(2, 3, 2, 8)
    assert title.value == Span(2, 10, 2, 15)
    assert locations["/tags/0"].key is None
    assert dict(locations)["/tags/0"].value == Span(4, 7, 4, 8)


# -- schema -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date", "date_time"),
    [
        ("2025-02-18", True, False),
        ("2025-02-30", False, False),
        ("2025-2-18", False, False),
        ("18/02/2025", False, False),
        ("2025-02-18T09:30:00Z", False, True),
        ("2025-02-18t09:30:00.123+08:00", False, True),
        ("2025-02-18T09:30:00", False, False),
        ("2025-02-18T24:00:00Z", False, False),
        ("2025-02-18 09:30:00Z", False, False),
    ],
)
def test_date_formats_need_no_optional_package(value: str, date: bool, date_time: bool) -> None:
    assert (is_date(value), is_date_time(value)) == (date, date_time)


@pytest.mark.parametrize(
    "value",
    ["2025-02-18", "2025-02-18 09:30:00", "2025-02-18T09:30:00+08:00", '"2025-02-18T09:30:00Z"'],
)
def test_yaml_dates_validate_as_iso_strings(value: str) -> None:
    text = f"---\ntitle: T\ndate: {value}\ndescription: D.\n---\n\n# T\n"
    assert fm_findings(text) == []


def test_json_output_carries_the_pointer(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "fm" / "wrong-date.md"
    argv = ["--select", "FM005", "--format", "json", "--config", str(path.with_suffix(".toml"))]
    assert main([*argv, str(path)]) == 1
    diagnostics = json.loads(capsys.readouterr().out)["diagnostics"]
    assert diagnostics[0]["data"] == {
        "pointer": "/date",
        "keyword": "format",
        "expected": "a date (YYYY-MM-DD) or an RFC 3339 date-time (e.g. 2025-02-18T09:30:00+08:00)",
        "schema": "trend-article.frontmatter.schema.json",
    }
    assert [d["data"]["pointer"] for d in diagnostics] == ["/date", "/draft", "/tags"]


def test_a_page_is_checked_against_the_page_schema_and_the_report_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = FIXTURES / "fm" / "wrong-date.md"  # not a trend article without the profile
    assert main(["--select", "FM005", "--format", "json", str(path)]) == 1
    diagnostics = json.loads(capsys.readouterr().out)["diagnostics"]
    assert [(d["data"]["pointer"], d["data"]["schema"]) for d in diagnostics] == [
        ("/date", "page.frontmatter.schema.json")
    ]


def test_validators_are_compiled_once_per_schema() -> None:
    path = str(default_schema_path())
    assert compiled_validator(path) is compiled_validator(path)


def test_fixed_sample_parses_and_validates_except_the_placeholder() -> None:
    text = (FIXTURES / "sample-article.md").read_text(encoding="utf-8")
    fixed = fix_text(text, "sample-article.md").text
    findings = fm_findings(fixed)
    assert [(code, line) for code, line, _ in findings] == [("FM005", 4)]
    assert "generator placeholder" in findings[0][2]


# -- configuration ------------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_schema_per_glob(tmp_path: Path) -> None:
    _write(tmp_path / "news.schema.json", '{"type": "object", "required": ["source"]}')
    config = config_from_table(
        {"overrides": [{"files": ["news/*.md"], "front-matter-schema": "news.schema.json"}]},
        tmp_path / "mdcheck.toml",
        "the top level",
    )
    text = "---\ntitle: T\ndate: 2025-02-18\ndescription: D.\n---\n\n# T\n"
    news = lint_text(text, str(tmp_path / "news" / "a.md"), config)
    assert [d.message for d in news] == [
        "front matter has no 'source' key, which the schema requires; add it"
    ]
    assert lint_text(text, str(tmp_path / "blog" / "a.md"), config) == []


@pytest.mark.parametrize(
    ("schema", "error"),
    [
        (None, "file does not exist (set by front-matter-schema)"),
        ("{not json", "not valid JSON"),
        ('{"type": 5}', "not a valid JSON Schema at type"),
        ("[1]", "not a JSON Schema (the top level must be an object)"),
    ],
)
def test_bad_schema_is_a_one_line_configuration_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    schema: str | None,
    error: str,
) -> None:
    if schema is not None:
        _write(tmp_path / "fm.schema.json", schema)
    _write(tmp_path / "mdcheck.toml", 'front-matter-schema = "fm.schema.json"\n')
    _write(tmp_path / "a.md", "---\ntitle: T\n---\n# T\n")
    monkeypatch.chdir(tmp_path)
    assert main(["a.md"]) == 2
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1
    assert stderr.startswith("mdcheck: error: front-matter schema ")
    assert error in stderr


def test_bad_schema_raises_config_error_when_the_rule_is_built(tmp_path: Path) -> None:
    config = config_from_table(
        {"front-matter-schema": "missing.json"}, tmp_path / "mdcheck.toml", "the top level"
    )
    with pytest.raises(ConfigError, match=r"missing\.json: file does not exist"):
        lint_text("# T\n", "a.md", config)


def test_heavy_imports_wait_until_needed() -> None:
    code = (
        "import sys, mdcheck.rules, mdcheck.markdown.document;"
        "print(sorted(m for m in ('yaml', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- title comparison ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("2024 年人工智能趋势", "2024年人工智能趋势"),
        ("AI 芯片（2024）：路线", "AI芯片(2024):路线"),
        ("“路线之争”", '"路线之争"'),
        ("Three  trends in\tAI", "Three trends in AI"),
        ("ＡＩ　Trends", "AI Trends"),
    ],
)
def test_titles_compare_after_normalising(title: str, heading: str) -> None:
    assert normalise_title(title) == normalise_title(heading)


def test_a_title_and_an_h1_are_not_an_error_by_themselves() -> None:
    text = "---\ntitle: Three trends\ndate: 2025-02-18\ndescription: D.\n---\n\n# Three trends\n"
    assert fm_findings(text) == []


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('title: "a "b" c"\n', 0, 'a " inside a "-quoted value ends it early'),
        ("title: a: b\n", 0, "a ': ' inside an unquoted value; put the value in quotes"),
        ('title: "abc\n', 1, "a quoted value or a bracket is never closed"),
        ("tags:\n\t- a\n", 1, "a tab is used for indentation; use spaces"),
        ("title: @me\n", 0, "a value starts with the reserved character '@'"),
        ('title: "\\q"\n', 0, "an unknown backslash escape in a double-quoted value"),
    ],
)
@pytest.mark.parametrize("libyaml", [True, False])
def test_yaml_reasons_in_plain_words(
    monkeypatch: pytest.MonkeyPatch, text: str, line: int, reason: str, libyaml: bool
) -> None:
    import yaml

    if not libyaml:
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    problem = load_yaml(text).problem
    assert problem is not None
    assert problem.reason.startswith(reason)
    assert problem.pos[0] == line


_LINES = [
    "---",
    "+++",
    "...",
    "            ---",
    "title: x",
    '    title: "a "b" c"',
    "date: 2025-02-18",
    "  - item",
    "tags:",
    "description: |",
    "\tkey: tab",
    "title = 'toml'",
    "# Heading",
    "Prose: with a colon.",
    "2024 年，AI 继续发展。",
    "```markdown",
    "```",
    "",
    "a: &a [*a]",
    "!!python/object:os.system",
]


@given(
    st.lists(st.sampled_from(_LINES), max_size=14),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_any_arrangement_is_handled_and_fixes_are_stable(
    lines: list[str], eol: str, final: bool
) -> None:
    text = eol.join(lines) + (eol if final and lines else "")
    config = config_from_table({"select": ["FM", "MC"]}, None, "the top level")
    findings = lint_text(text, "a.md", config)
    assert not [d for d in findings if d.code.startswith("MC")]
    fixed = fix_text(text, "a.md", config, unsafe=True).text
    assert fix_text(fixed, "a.md", config, unsafe=True).text == fixed
    assert fixed.replace("\r", "").replace("\n", "").replace(" ", "").replace("\t", "").count(
        "title"
    ) == text.count("title")


@pytest.mark.parametrize(
    ("name", "kind", "schema"),
    [
        ("sample-article.md", "kind: article (profile trend-article)", "trend-article"),
        ("fm/wrong-date.md", "kind: page", "page.frontmatter.schema.json"),
    ],
)
def test_show_settings_names_the_kind_and_the_schema(
    name: str, kind: str, schema: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--show-settings", str(FIXTURES / name)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(kind) for line in lines)
    assert any(line.startswith("front-matter schema: " + schema) for line in lines)
