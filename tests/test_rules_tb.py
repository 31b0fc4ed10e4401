"""TB rules, driven by tests/fixtures/tb/ (see tests/harness.py), plus the sample article."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mdcheck.config import config_from_table
from mdcheck.markdown.document import Document
from mdcheck.run.engine import fix_document_text, lint_document
from tests.harness import FIXTURES, Case, cases, check_case, render

PREFIXES = ("TB",)


@pytest.mark.parametrize("case", cases("tb"), ids=lambda case: case.id)
def test_tb_fixture(case: Case) -> None:
    check_case(case, PREFIXES)


def lint(text: str, **table: object) -> list[str]:
    config = config_from_table({"select": ["TB"], **table}, None, "the top level")
    return [render(d) for d in lint_document(Document.from_text(text), config)]


def test_sample_article_has_complete_tables() -> None:
    text = (FIXTURES / "sample-article.md").read_bytes().decode("utf-8")
    doc = Document.from_text(text, "sample-article.md")
    assert [t.header.line for t in doc.tables.tables] == [28, 56, 83]
    assert lint(text) == []


def test_comparison_columns_alias_reaches_every_rule() -> None:
    text = "## Platforms\n\n| Platform | Benefits |\n|---|---|\n| Cloud | |\n| Cloud | x |\n"
    found = lint(text, **{"comparison-columns": {"route": ["Platform"], "advantage": ["Benefits"]}})
    assert [line.split(" ")[1] for line in found] == ["TB004", "TB002", "TB005"]


def test_rules_with_their_own_columns_read_headers_apart() -> None:
    # the header analysis is shared per document and column roles: in one run, a rule
    # configured with other roles must not see the headers as another rule read them
    text = "| Platform | Pros | Cons |\n|---|---|---|\n| Cloud | | x |\n"
    own = {"columns": {"advantage": ["Benefits"], "disadvantage": ["Risks"]}}
    found = lint(text, rules={"table-empty-cell": own})
    assert [line.split(" ")[1] for line in found] == ["TB004"]  # no route column
    found = lint(text, rules={"comparison-columns": own})
    assert [line.split(" ")[1] for line in found] == ["TB002"]  # the empty Pros cell


@pytest.mark.parametrize(
    ("heading", "announces"),
    [
        ("### 1.2 技术路线比较", True),
        ("## 技术方案对比分析", True),
        ("## 路线比较：GPU 与 TPU", True),
        ("## Technology comparison", True),
        ("## Approaches compared", True),
        ("## 比较成熟的技术路线", False),
        ("## 技术路线：对比度提升", False),
        ("## 技术路线：对比学习的进展", False),
        ("## Technology: VS Code extensions", False),
        ("## Technology", False),
        ("## Windows vs. POSIX", False),  # no role named, no comparison table elsewhere
    ],
)
def test_comparison_headings(heading: str, announces: bool) -> None:
    found = lint(f"# T\n\n{heading}\n\nProse only.\n")
    assert bool(found) is announces, found


def test_heading_keywords_are_configurable() -> None:
    text = "# T\n\n## 技术路线评测\n\nProse only.\n"
    assert lint(text) == []
    found = lint(text, rules={"TB006": {"heading-keywords": ["评测"]}})
    assert found == [
        '3:1-3:10 TB006 section "技术路线评测" announces a comparison ("评测") but has no'
        " comparison table (route / advantage / disadvantage columns); add one"
    ]


def test_rules_never_offer_to_change_cells() -> None:
    text = (FIXTURES / "tb" / "column-count.md").read_bytes().decode("utf-8")
    config = config_from_table({"select": ["TB"]}, None, "the top level")
    assert all(d.fix is None for d in lint_document(Document.from_text(text), config))


FRAGMENTS = [
    "| a | b |",
    "|---|---|",
    "| 技术路线 | 优势 | 劣势 |",
    "| --- | --- | --- |",
    "| x |",
    "text",
    "",
    "> ",
    "- ",
    "1. ",
    "    ",
    "## 技术路线比较",
    "---",
    "`a|b`",
    "\\|",
    "| | |",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3), max_size=10))
def test_fixes_keep_the_rendering_and_positions_stay_on_lines(parts: list[list[str]]) -> None:
    text = "\n".join("".join(line) for line in parts) + "\n"
    config = config_from_table({"select": ["TB"]}, None, "the top level")
    doc = Document.from_text(text)
    for diagnostic in lint_document(doc, config):
        span = diagnostic.span
        assert diagnostic.code.startswith("TB")
        assert span.end_col <= len(doc.lines[span.end_line - 1]) + 1
    fixed = fix_document_text(text, "-", config).text
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    assert parser.render(fixed) == parser.render(text)
