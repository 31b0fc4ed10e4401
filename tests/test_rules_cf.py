"""CF rules, driven by tests/fixtures/cf/ (see tests/harness.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdcheck.api import fix_text, lint_text
from mdcheck.config import Config, config_from_table
from mdcheck.markdown.document import Document
from tests.harness import FIXTURES, Case, cases, check_case

PREFIXES = ("CF001", "CF002", "CF003")


@pytest.mark.parametrize("case", cases("cf"), ids=lambda case: case.id)
def test_cf_fixture(case: Case) -> None:
    check_case(case, PREFIXES)


# -- whole-file behaviour a user sees ------------------------------------------------------

SAMPLE = FIXTURES / "sample-article.md"


def _config(table: dict[str, object]) -> Config:
    return config_from_table(table, None, "the top level")


def test_unsafe_fix_unwraps_the_sample_leaving_the_body_byte_for_byte() -> None:
    original = SAMPLE.read_bytes().decode("utf-8")
    lines = original.split("\n")
    assert lines[6].strip() == "```markdown" and lines[99] == "```"
    fence_and_front_matter = _config({"select": ["FM", "CF", "DOC"]})
    fixed = fix_text(original, str(SAMPLE), fence_and_front_matter, unsafe=True).text
    assert "```" not in fixed
    assert fixed.endswith("\n") and not fixed.endswith("\n\n")
    body = "\n".join(lines[7:99]) + "\n"  # the article between the wrapper lines
    assert fixed.endswith("\n" + body)  # before it: the front matter (its own rules)
    assert fix_text(fixed, str(SAMPLE), fence_and_front_matter, unsafe=True).text == fixed


def test_sample_fixed_with_all_default_rules_renders_as_intended() -> None:
    original = SAMPLE.read_bytes().decode("utf-8")
    lines = original.split("\n")
    fixed = fix_text(original, str(SAMPLE), unsafe=True).text
    doc = Document.from_text(fixed)
    assert doc.front_matter is not None and doc.front_matter.start_index == 0
    assert doc.wrapper is None
    body = lines[7:99]
    for index, number in ((13, 1), (41, 2), (70, 3)):  # HD003 numbers the three sections
        assert body[index - 7].startswith("## ")
        body[index - 7] = f"## {number}. " + body[index - 7][3:]
    assert fixed.endswith("\n" + "\n".join(body) + "\n")
    assert not any(d.code.startswith("CF") for d in lint_text(fixed))
    assert fix_text(fixed, str(SAMPLE), unsafe=True).text == fixed


def test_safe_fix_leaves_the_wrapper_unless_promoted() -> None:
    text = "```markdown\n# Title\n\n## 1. Part\n\nText.\n```\n"
    assert fix_text(text, "-", _config({"select": ["CF"]})).text == text
    promoted = _config({"select": ["CF"], "fixes": {"CF002": "safe"}})
    assert fix_text(text, "-", promoted).text == "# Title\n\n## 1. Part\n\nText.\n"


def test_language_missing_is_off_by_default() -> None:
    text = "# Title\n\n```\ncode\n```\n"
    assert [d.code for d in lint_text(text) if d.code.startswith("CF")] == []
    enabled = _config({"extend-select": ["CF004"]})
    assert [d.code for d in lint_text(text, "-", enabled) if d.code.startswith("CF")] == ["CF004"]


@pytest.mark.parametrize(
    ("text", "wrapper"),
    [
        ("```markdown\n# T\n\ntext\n```\n", (0, 4)),
        ("\n\n```md\n# T\n```\n\n", (2, 4)),
        ("    ```markdown\n# T\n\n## 1. A\n```", (0, 4)),
        ("```markdown\n# T\n\ntext\n", (0, None)),
        ("```\n# T\n\n## 1. A\n```\n", (0, 4)),
        ("```\n---\ntitle: x\n---\ntext\n```\n", (0, 5)),
        ("````\n# T\n\n```sh\nls\n```\n\n| a | b |\n|---|---|\n````\n", (0, 9)),
        ("```markdown\n# T\n\n```py\nx\n```\n\n## 2. B\n```\n", (0, 8)),
        ("```markdown\n# T\n\n## 1. A\n\ntext\n```\n\nBye.\n", (0, 6)),
        ("```python\n# T\n```\n", None),  # a real language is never a wrapper
        ("```\npip install x\n```\n\n# Usage\n\n```py\nimport x\n```\n", None),
        ("```\n# comment\nls\n```\n", None),  # shell comments are not headings
        ("```markdown\n# Hello\n```\n\nThat was a heading.\n", None),
        ("# Title\n\n```markdown\n# T\n```\n", None),  # not at the start of the body
        ("```markdown\n```\n", None),  # nothing inside
    ],
)
def test_wrapper_detection(text: str, wrapper: tuple[int, int | None] | None) -> None:
    found = Document.from_text(text).wrapper
    assert (None if found is None else (found.open_index, found.close_index)) == wrapper


def test_front_matter_inside_the_wrapper_is_the_front_matter() -> None:
    doc = Document.from_text("```markdown\n\n---\ntitle: x\n---\n# T\n```\n")
    assert doc.front_matter is not None
    assert (doc.front_matter.start_index, doc.front_matter.end_index) == (2, 4)
    fixed = fix_text(doc.text, "-", _config({"select": ["CF"]}), unsafe=True).text
    assert fixed == "---\ntitle: x\n---\n# T\n"


def test_other_rules_see_the_wrapped_article_with_real_line_numbers() -> None:
    doc = Document.from_text(SAMPLE.read_bytes().decode("utf-8"))
    assert [(h.level, h.line) for h in doc.headings][:3] == [(1, 8), (2, 14), (3, 16)]
    assert not any(t.type in ("fence", "code_block") for t in doc.tokens)


def test_clean_bilingual_article_has_no_fence_or_hygiene_findings() -> None:
    text = (FIXTURES / "cf" / "clean-bilingual-article.md").read_text(encoding="utf-8")
    config = _config({"select": ["CF001", "CF002", "CF003", "DOC002", "DOC003"]})
    assert [d.code for d in lint_text(text, "clean.md", config)] == []


_ARTICLE_BLOCKS = st.sampled_from(
    [
        [""],
        ["Text."],
        ["正文，包含中文。"],
        ["- item", "1. **要点**：说明"],
        ["| 技术路线 | 优势 | 劣势 |", "| --- | --- | --- |", "| A | 快 | 贵 |"],
        ["### 1.1 小节"],
        ["    indented code"],
        ["```python", "# a comment", "```"],
        ["~~~", "plain", "~~~"],
    ]
)


@given(
    blocks=st.lists(_ARTICLE_BLOCKS, max_size=8),
    opener=st.sampled_from(["```markdown", "```md", "````markdown", "            ```markdown"]),
    eol=st.sampled_from(["\n", "\r\n"]),
    closed=st.booleans(),
)
def test_unwrap_keeps_the_article_byte_for_byte(
    blocks: list[list[str]], opener: str, eol: str, closed: bool
) -> None:
    lines = ["# 标题", "", "## 一、章节"] + [line for block in blocks for line in block]
    article = eol.join(lines) + eol
    closer = opener.strip().split("m")[0] if closed else ""
    text = opener + eol + article + (closer + eol if closer else "")
    config = _config({"select": ["CF002"]})
    assert fix_text(text, "-", config, unsafe=True).text == article
