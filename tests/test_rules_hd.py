"""HD rules, driven by tests/fixtures/hd/ (see tests/harness.py), plus clean-document checks."""

from __future__ import annotations

import pytest

from mdcheck.config import config_from_table
from mdcheck.markdown.document import Document
from mdcheck.run.engine import lint_document
from tests.harness import FIXTURES, Case, cases, check_case

PREFIXES = ("HD",)


@pytest.mark.parametrize("case", cases("hd"), ids=lambda case: case.id)
def test_hd_fixture(case: Case) -> None:
    check_case(case, PREFIXES)


def _hd(text: str, **table: object) -> list[str]:
    config = config_from_table({"select": ["HD"], **table}, None, "the top level")
    doc = Document.from_text(text, "t.md")
    return [f"{d.span.line} {d.code}" for d in lint_document(doc, config)]


def test_sample_article_gets_hd003_on_its_three_sections_only() -> None:
    text = (FIXTURES / "sample-article.md").read_bytes().decode("utf-8")
    assert _hd(text) == ["14 HD003", "42 HD003", "71 HD003"]


CLEAN = {
    "commonmark-style": "# Title\n\n## Intro\n\nText.\n\n### Details\n\n## Usage\n\n## License\n",
    "keep-a-changelog": (
        "# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2024-01-01\n\n### Added\n\n"
        "## [1.1.0] - 2023-12-01\n\n### Fixed\n"
    ),
    "bare-changelog": "# Changes\n\n## 1.2.0\n\n## 1.1.2\n\n## 1.1\n\n## 1.0\n",
    "years": "# Plan\n\n## 2024 Roadmap\n\n## 2025 Roadmap\n\n## 2023 Review\n",
    "listicle": "# Post\n\n## 3 Ways to Win\n\n## 10 Tips\n\n## 7 Habits\n",
    "decimals": "# Bench\n\n## 1.5x faster\n\n## 2.0 beta notes\n\n## 3.5 Sonnet\n",
    "times": "# Day\n\n## 9:00 Doors\n\n## 10:30 Talk\n\n## 14:00 Panel\n",
    "chinese-unnumbered": "# 标题\n\n## 背景\n\n### 市场\n\n## 十大趋势\n\n## 三体读后感\n",
    "bilingual-numbered": (
        "# 报告 Report\n\n## 一、背景 Background\n\n### 1.1 市场\n\n### 1.2 技术\n\n"
        "## 二、展望 Outlook\n\n### 2.1 机会\n\n## 参考文献 References\n"
    ),
    "restart-under-unnumbered": "# T\n\n## Setup\n\n### 1. Install\n\n### 2. Configure\n\n"
    "## Use\n\n### 1. Run\n\n### 2. Inspect\n",
    "chapter-file": "# Chapter one\n\n## 1.1 Scope\n\n## 1.2 Terms\n\n## 1.3 Layout\n",
    "model-name": "# T\n\n## 1. Models\n\n### 3.5 Sonnet\n\n## 2. Chips\n\n### 2.1 GPUs\n",
    "anchored-numbers": (
        '# T\n\n## <a id="a"></a>1. Intro\n\n### 1.1 x\n\n## [2. Setup](#s)\n\n### 2.1 x\n'
    ),
    "html-h1-banner": '<h1 align="center">Project</h1>\n\n<p>Badges</p>\n\n## Install\n',
    "front-matter-title": "---\ntitle: Post\n---\n\nText.\n\n## One\n\n## Two\n",
    "quoted-headings": (
        "# T\n\n> # Quoted\n>\n> ## 5. Quoted\n\n- # In a list\n\n## 1. A\n\n## 2. B\n"
    ),
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_documents_have_no_heading_findings(name: str) -> None:
    assert _hd(CLEAN[name]) == []


def test_top_level_shorthands_set_the_option_of_every_numbering_rule() -> None:
    text = "# T\n\n## A\n\n## B\n\n## 展望\n"
    assert _hd(text, **{"numbered-levels": [2]}) == ["3 HD003", "5 HD003", "7 HD003"]
    assert _hd(text, **{"numbered-levels": [2], "heading-extend-exempt": ["展望"]}) == [
        "3 HD003",
        "5 HD003",
    ]


@pytest.mark.parametrize(
    ("front_matter", "title_counts"),
    [
        ("title: Post", True),
        ("  title: Post\n  date: 2024-01-01", True),
        ('title: ""', False),
        ("title:", False),
        ("seo:\n  title: Nested", False),
        ("Title: Case matters in YAML", False),
    ],
)
def test_front_matter_title_stands_for_the_h1(front_matter: str, title_counts: bool) -> None:
    text = f"---\n{front_matter}\n---\n\n## Section\n"
    assert _hd(text) == ([] if title_counts else ["1 HD001"])
