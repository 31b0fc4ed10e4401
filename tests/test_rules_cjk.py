"""CJK rules, driven by tests/fixtures/cjk/ (see tests/harness.py), and the emphasis fix
held to markdown-it-py: after it, the emphasis renders and the text is the same."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mdcheck.config import config_from_table
from mdcheck.markdown.document import Document
from mdcheck.run.engine import fix_document_text, lint_document
from tests.harness import Case, cases, check_case

PREFIXES = ("CJK",)
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAG = re.compile(r"<[^>]+>")


@pytest.mark.parametrize("case", cases("cjk"), ids=lambda case: case.id)
def test_cjk_fixture(case: Case) -> None:
    check_case(case, PREFIXES)


def _visible(html: str) -> str:
    return _TAG.sub("", html)


_WORDS = st.sampled_from(["注意", "过拟合", "模型", "数据", "ここ", "주의", "AI", "GPT-5", "A"])
_PUNCT = st.sampled_from(["：", "。", "，", "！", "？", ":", "、", "；", "）", "”", "」", "."])
_AFTER = st.sampled_from(["这里", "是指", "数据", "です", "여기", "来估计"])
_MARKERS = st.sampled_from(["**", "*", "__", "_"])


@settings(max_examples=400, deadline=None)
@given(_WORDS, _PUNCT, _AFTER, _MARKERS, st.sampled_from(["", "使用", "- ", "> ", "前文，"]))
def test_emphasis_fix_renders_the_same_text(
    word: str, punct: str, after: str, markers: str, lead: str
) -> None:
    source = f"{lead}{markers}{word}{punct}{markers}{after}\n"
    config = config_from_table({"select": ["CJK001"]}, None, "the top level")
    before_html = _MD.render(source)
    if "<em>" in before_html or "<strong>" in before_html:
        return  # CommonMark renders it already: nothing to find
    found = lint_document(Document.from_text(source, "t.md"), config)
    fixed = fix_document_text(source, "t.md", config).text
    if not found or found[0].fix is None:
        assert fixed == source
        return
    after_html = _MD.render(fixed)
    tag = "strong" if len(markers) == 2 else "em"
    assert f"<{tag}>" in after_html
    # exactly the same visible text: the markers gone, every other character kept
    assert _visible(after_html) == _visible(before_html).replace(markers, "")
    assert lint_document(Document.from_text(fixed, "t.md"), config) == []


def test_every_finding_shows_its_markers_in_markdown_it() -> None:
    """Precision: each CJK001 finding on the fixtures is text in markdown-it's output."""
    config = config_from_table({"select": ["CJK001"]}, None, "the top level")
    for case in cases("cjk"):
        text = case.text()
        lines = text.split("\n")
        for finding in lint_document(Document.from_text(text, case.id), config):
            span = finding.span
            line = lines[span.line - 1]
            marker = re.match(r"[*_]+", line[span.col - 1 :])
            assert marker is not None
            opening = line[span.col - 1 : span.col - 1 + len(marker.group()) + 1]
            assert opening in _visible(_MD.render(text)), (case.id, opening)


def test_inline_blocks_point_at_their_characters() -> None:
    from mdcheck.markdown.inline_blocks import inline_blocks

    paths = [case.path for case in cases("cjk")] + [case.path for case in cases("tb")]
    for path in paths:
        doc = Document.from_text(path.read_text(encoding="utf-8"), str(path))
        blocks = inline_blocks(doc)
        assert blocks
        for block in blocks:
            for index, char in enumerate(block.content):
                if char != "\n":
                    assert doc.text[block.offset(index)] == char, (path.name, block.content)


@pytest.mark.parametrize(
    "sentence",
    [
        "使用GPT-5生成文本,效果很好.",
        "生成式AI在2024年发展迅速!",
        "这是一个问题,需要解决.",
        "iOS设备上的Safari浏览器",
        "结果是:成功",
    ],
)
def test_always_mode_agrees_with_autocorrect(sentence: str) -> None:
    autocorrect = pytest.importorskip("autocorrect_py")
    config = config_from_table(
        {"select": ["CJK002", "CJK003"], "rules": {"cjk-latin-spacing": {"spacing": "always"}}},
        None,
        "the top level",
    )
    fixed = fix_document_text(sentence + "\n", "t.md", config).text
    assert fixed == autocorrect.format(sentence) + "\n"


def test_without_autocorrect_the_typography_rules_report_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mdcheck.rules import cjk_typography

    config = config_from_table({"select": ["CJK002", "CJK003"]}, None, "the top level")
    text = "生成式 AI 在 2024 年，使用GPT-5生成,效果好.\n"
    assert lint_document(Document.from_text(text, "t.md"), config) != []
    monkeypatch.setattr(cjk_typography, "_formatter", lambda: None)
    assert lint_document(Document.from_text(text, "t.md"), config) == []


def test_suppressions_and_selection_apply_to_cjk_rules() -> None:
    text = (
        "# 标题\n\n<!-- mdcheck-disable-next-line CJK003 -->\n这是一个问题,需要解决.\n\n"
        "<!-- mdcheck-disable-next-line emphasis-will-not-render -->\n**注意：**这里\n\n"
        "**提示：**那里,好.\n"
    )
    config = config_from_table({"select": ["CJK", "MC"]}, None, "the top level")
    found = [(d.code, d.span.line) for d in lint_document(Document.from_text(text, "t.md"), config)]
    assert found == [("CJK001", 9), ("CJK003", 9), ("CJK003", 9)]
    config = config_from_table({"select": ["CJK"], "ignore": ["CJK003"]}, None, "the top level")
    found = [(d.code, d.span.line) for d in lint_document(Document.from_text(text, "t.md"), config)]
    assert ("CJK003", 9) not in found
