"""ART005 finds the file's date wherever the path holds it (file name or bundle folder)."""

from __future__ import annotations

import pytest

TEXT = "---\ntitle: x\ndate: 2025-02-18\n---\n\n# x\n"


def _art005(path: str) -> list[str]:
    from mdcheck.api import lint_text
    from mdcheck.config import config_from_table

    config = config_from_table({"select": ["ART005"]}, None, "x")
    return [f"{d.span.line}:{d.span.col} {d.message}" for d in lint_text(TEXT, path, config)]


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("2025-02-17-post.md", "2025-02-17-post.md"),
        ("_posts/2025-02-17.md", "2025-02-17.md"),
        ("content/2025-02-17-slug/index.md", "2025-02-17-slug/index.md"),
        ("content/2025-02-17-slug/_index.md", "2025-02-17-slug/_index.md"),
    ],
)
def test_dated_paths_are_compared(path: str, shown: str) -> None:
    assert _art005(path) == [
        f"3:7 front-matter date 2025-02-18 disagrees with the file name {shown} (2025-02-17); "
        "make them the same (fix: --unsafe-fixes sets 2025-02-17)"
    ]


@pytest.mark.parametrize(
    "path",
    ["post.md", "2025/02/17/post.md", "2025-02-17-slug/post.md", "notes-2025-02-17.md", "-"],
)
def test_paths_without_a_leading_date_are_left_alone(path: str) -> None:
    assert _art005(path) == []
