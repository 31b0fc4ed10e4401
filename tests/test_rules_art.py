"""ART rules, driven by tests/fixtures/art/ (see tests/harness.py)."""

from __future__ import annotations

import pytest

from tests.harness import Case, cases, check_case

PREFIXES = ("ART",)


@pytest.mark.parametrize("case", cases("art"), ids=lambda case: case.id)
def test_art_fixture(case: Case) -> None:
    check_case(case, PREFIXES)


REFUSALS = [
    "抱歉，这个问题未找到相关结果。",
    "很抱歉，我无法回答这个问题。",
    "对不起，目前没有相关信息。",
    "作为一个 AI 语言模型，我不能预测未来。",
    "As an AI language model, I cannot browse the internet.",
    "As an AI developed by OpenAI, I cannot do that.",
    "I'm sorry, but I can't help with that.",
    "I’m sorry, but I cannot write this article.",
    "I apologize, but I cannot complete this request.",
    "Sorry, I can't generate that content.",
    "Unfortunately, I am unable to provide this article.",
    "未找到相关结果",
]
NOT_REFUSALS = [
    "Sorry for the long silence: here is what changed this year.",
    "I'm sorry to say the Windows build is experimental.",
    "抱歉久等了，本周的更新如下。",
    "Error handling follows the usual conventions.",
    "Unfortunately the API changed again.",
    "The phrase “As an AI language model” became a meme in 2023.",
]


def _art004(text: str, path: str = "post.md") -> list[str]:
    from mdcheck.api import lint_text
    from mdcheck.config import config_from_table

    config = config_from_table({"select": ["ART004"]}, None, "x")
    return [d.message for d in lint_text(text, path, config)]


@pytest.mark.parametrize("body", REFUSALS)
def test_refusal_bodies_are_reported(body: str) -> None:
    for text in (f"{body}\n", f"---\ntitle: x\n---\n\n# 标题\n\n{body}\n"):
        found = _art004(text)
        assert len(found) == 1
        assert found[0].startswith("the body is a refusal or error message (")


@pytest.mark.parametrize("body", NOT_REFUSALS)
def test_prose_is_not_a_refusal(body: str) -> None:
    assert _art004(f"# Title\n\n{body}\n") == []
    assert _art004(f"---\ntitle: x\n---\n\n{body}\n\nMore text follows here.\n") == []


def test_a_404_page_may_apologise() -> None:
    text = "---\nlayout: x\n---\n\nWe're sorry, but that page does not exist.\n"
    assert _art004(text, "404.md") == []
    assert _art004(text, "post.md") != []
