"""Link rules (LK001-LK003, HY042, HY051-HY053, HY059), driven by tests/fixtures/lk/."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdcheck.config import config_from_table
from mdcheck.markdown.anchors import heading_text, slug
from mdcheck.run.cache import ResultCache
from mdcheck.run.process import RunOptions, process_file
from tests.harness import Case, cases, check_case

PREFIXES = ("LK", "HY042", "HY051", "HY052", "HY053", "HY059")


@pytest.mark.parametrize("case", cases("lk"), ids=lambda case: case.id)
def test_lk_fixture(case: Case) -> None:
    check_case(case, PREFIXES)


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("技术发展现状：概览", "技术发展现状概览"),
        ("Node.js 版本", "nodejs-版本"),
        ("Install `mdcheck` _quickly_", "install-mdcheck-quickly"),
        ("snake_case [link](x) & more", "snake_case-link--more"),
        ("What's new in 2.0?", "whats-new-in-20"),
    ],
)
def test_github_anchors(heading: str, anchor: str) -> None:
    assert slug(heading_text(heading)) == anchor


def test_a_result_that_depends_on_a_link_target_is_not_cached(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page\n\n![图](chart.png)\n", encoding="utf-8")
    config = config_from_table({"select": ["LK001"]}, None, "the top level")
    cache = ResultCache(tmp_path / "cache")
    first = process_file(str(page), config, RunOptions(), cache)
    assert [d.code for d in first.diagnostics] == ["LK001"]
    (tmp_path / "chart.png").write_bytes(b"png")
    second = process_file(str(page), config, RunOptions(), cache)
    assert second.diagnostics == ()
