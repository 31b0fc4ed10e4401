"""The file-kind model: which kind of file a document is, as the rules see it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdcheck.article.filekind import Kind, ProfileChoice, classify
from mdcheck.article.profiles import default_profile
from mdcheck.markdown.document import Document

SAMPLE = Path(__file__).parent / "fixtures" / "sample-article.md"
PAGE = "---\ntitle: Commands\n---\n\nText.\n"
PLAIN = "# Title\n\nText.\n"


def kind(path: str, text: str, choice: ProfileChoice | None = None) -> Kind:
    doc = Document.from_text(text, path)
    return (classify(doc) if choice is None else classify(doc, choice)).kind


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("README.md", PLAIN, Kind.PROJECT_FILE),
        ("pkg/readme.markdown", PLAIN, Kind.PROJECT_FILE),
        ("README.zh-CN.md", PLAIN, Kind.PROJECT_FILE),
        ("README_en.md", PLAIN, Kind.PROJECT_FILE),
        ("CHANGELOG.md", PLAIN, Kind.PROJECT_FILE),
        ("docs/CONTRIBUTING.md", PLAIN, Kind.PROJECT_FILE),
        ("CODE_OF_CONDUCT.md", PLAIN, Kind.PROJECT_FILE),
        ("AGENTS.md", PLAIN, Kind.PROJECT_FILE),
        ("CLAUDE.md", PLAIN, Kind.PROJECT_FILE),
        ("LICENSE.md", PLAIN, Kind.PROJECT_FILE),
        # with front matter, a README is a page of the site that publishes it
        ("docs/readme.md", PAGE, Kind.PAGE),
        ("docs/intro.snippet.md", PLAIN, Kind.PARTIAL),
        ("site/_includes/note.md", PLAIN, Kind.PARTIAL),
        ("docs/_partials/install.md", PAGE, Kind.PARTIAL),
        ("docs/_sidebar.md", PLAIN, Kind.PARTIAL),
        ("content/posts/_index.md", PAGE, Kind.PAGE),
        ("content/shared/_index.md", "---\nheadless: true\n---\n", Kind.PARTIAL),
        ("content/a/index.md", "---\n_build:\n  render: never\n---\nx\n", Kind.PARTIAL),
        ("content/b/index.md", "---\nbuild:\n  render: false\n---\nx\n", Kind.PARTIAL),
        ("archetypes/default.md", PAGE, Kind.TEMPLATE),
        (".github/ISSUE_TEMPLATE/bug.md", PAGE, Kind.TEMPLATE),
        (".github/pull_request_template.md", PLAIN, Kind.TEMPLATE),
        ("{{cookiecutter.name}}/docs/index.md", PLAIN, Kind.TEMPLATE),
        ("posts/new.md", '---\ntitle: "{{ replace .Name "-" " " }}"\n---\n', Kind.TEMPLATE),
        ("docs/commands.md", PAGE, Kind.PAGE),
        ("docs/readme-first-steps.md", PLAIN, Kind.PAGE),
        ("notes.md", PLAIN, Kind.PAGE),
        ("-", PLAIN, Kind.PAGE),
    ],
)
def test_kind_by_path_and_front_matter(path: str, text: str, expected: Kind) -> None:
    assert kind(path, text) is expected


def test_the_sample_is_recognised_as_a_trend_article() -> None:
    found = classify(Document.from_text(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE)))
    assert found.kind is Kind.ARTICLE
    assert found.profile is not None and found.profile.name == "trend-article"
    assert found.describe() == "article (profile trend-article): recognised by its outline"


def test_the_sample_under_another_name_is_still_an_article() -> None:
    # the name decides only for files without front matter; the sample has some
    assert kind("README.md", SAMPLE.read_text(encoding="utf-8")) is Kind.ARTICLE


def test_a_configured_profile_makes_pages_articles_but_not_project_files() -> None:
    choice = ProfileChoice(default_profile(), key="trend-article")
    assert kind("docs/commands.md", PAGE, choice) is Kind.ARTICLE
    assert kind("README.md", PLAIN, choice) is Kind.PROJECT_FILE
    assert kind("_includes/a.md", PLAIN, choice) is Kind.PARTIAL


def test_front_matter_profile_wins_over_the_name() -> None:
    text = "---\nprofile: trend-article\n---\n# T\n"
    assert kind("_includes/a.md", text) is Kind.ARTICLE


def test_profile_none_keeps_a_recognisable_article_a_page() -> None:
    choice = ProfileChoice(off=True, key="none")
    assert kind(str(SAMPLE), SAMPLE.read_text(encoding="utf-8"), choice) is Kind.PAGE
    text = SAMPLE.read_text(encoding="utf-8").replace("title:", "profile: none\n            title:")
    assert kind(str(SAMPLE), text) is Kind.PAGE
