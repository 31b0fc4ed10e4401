"""Inline suppression comments and the findings about them (MC001, MC002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdcheck import lint_text
from mdcheck.config import Config

# DOC001 (final newline) stands for any rule here.
DOC_ONLY = Config(root=Path.cwd(), select=("DOC", "MC"))


def found(text: str) -> list[str]:
    diagnostics = lint_text(text, config=DOC_ONLY)
    return [f"{d.span.line}:{d.span.col} {d.code} {d.message}" for d in diagnostics]


NO_NEWLINE = "DOC001 file does not end with a newline (fix: --fix adds one)"


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- mdcheck-disable-file DOC001 -->",
        "<!-- mdcheck-disable-file final-newline -->",
        "<!-- mdcheck-disable-file DOC -->",
        "<!-- mdcheck-disable-file -->",
        "<!--mdcheck-disable-file DOC001-->",
    ],
)
def test_disable_file_forms(comment: str) -> None:
    assert found(f"{comment}\n\n# T") == []


def test_disable_next_line_skips_blank_lines() -> None:
    assert found("# T\n\n<!-- mdcheck-disable-next-line DOC001 -->\n\ntext") == []


def test_disable_next_line_only_covers_that_line() -> None:
    text = "<!-- mdcheck-disable-next-line DOC001 -->\n# T\n\ntext"
    assert found(text) == [
        "1:1 MC002 mdcheck-disable-next-line DOC001 suppressed nothing; remove it",
        f"4:5 {NO_NEWLINE}",
    ]


def test_disable_enable_range() -> None:
    inside = "<!-- mdcheck-disable DOC001 -->\n# T\n\ntext"
    assert found(inside) == []
    closed = "<!-- mdcheck-disable DOC001 -->\n# T\n<!-- mdcheck-enable DOC001 -->\n\ntext"
    assert found(closed) == [
        "1:1 MC002 mdcheck-disable DOC001 suppressed nothing; remove it",
        f"5:5 {NO_NEWLINE}",
    ]


def test_unknown_code_is_reported() -> None:
    assert found("<!-- mdcheck-disable-line XY999 -->\n") == [
        "1:1 MC001 suppression names unknown code 'XY999' ('mdcheck rules' lists them)"
    ]


def test_comments_in_code_blocks_are_text() -> None:
    text = "```\n<!-- mdcheck-disable-file -->\n```\n\nlast"
    assert found(text) == [f"5:5 {NO_NEWLINE}"]


def test_unused_not_reported_for_disabled_rules() -> None:
    config = Config(root=Path.cwd(), select=("DOC", "MC"), ignore=("DOC001",))
    diagnostics = lint_text("<!-- mdcheck-disable-next-line DOC001 -->\n# T\n", config=config)
    assert diagnostics == []


def test_suppression_position_is_the_comment() -> None:
    diagnostics = lint_text("Text <!-- mdcheck-disable-line DOC001 --> here\n", config=DOC_ONLY)
    assert [(d.code, d.span.line, d.span.col, d.span.end_col) for d in diagnostics] == [
        ("MC002", 1, 6, 42)
    ]


def test_comment_inside_inline_code_is_an_example() -> None:
    text = "Write `<!-- mdcheck-disable-next-line XY1 -->` above the line.\n\nlast"
    assert found(text) == [f"3:5 {NO_NEWLINE}"]


def test_comment_in_inline_code_after_a_span_that_crosses_lines() -> None:
    text = (
        "Use `a span that\ncrosses lines`, then `<!-- mdcheck-disable-file XY1 -->` as text.\n\nx"
    )
    assert found(text) == [f"4:2 {NO_NEWLINE}"]
