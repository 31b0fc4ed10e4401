"""Finding the files to check: ignore files, default skips, exclude, --force-exclude."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mdcheck.config.globs import glob_match
from tests.conftest import Run

CliRunner = Callable[..., Run]


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def checked(cli: CliRunner, *args: str) -> list[str]:
    """The paths a run checked, from the jsonl report of a rule that fires on every file."""
    run = cli("--select", "DOC001", "--format", "jsonl", "--no-cache", *args)
    import json

    return sorted(json.loads(line)["path"] for line in run.out.splitlines())


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bad = "# x"  # no final newline: DOC001 on every file
    tree(
        tmp_path,
        {
            "docs/a.md": bad,
            "docs/gen/api.md": bad,
            "docs/notes.tmp.md": bad,
            "docs/sub/.gitignore": "local.md\n",
            "docs/sub/local.md": bad,
            "docs/sub/kept.md": bad,
            "build/out.md": bad,
            "dist/pkg.md": bad,
            "venv/lib/site.md": bad,
            "lib/site-packages/pkg/README.md": bad,
            "vendor/x.md": bad,
            ".gitignore": "docs/gen/\n*.tmp.md\n[z-a]\n",
            ".ignore": "vendor/\n",
        },
    )
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_walks_skip_ignore_files_and_build_folders(cli: CliRunner, project: Path) -> None:
    assert checked(cli, ".") == ["./docs/a.md", "./docs/sub/kept.md"]


def test_ignore_files_can_be_disregarded(cli: CliRunner, project: Path) -> None:
    assert checked(cli, "--no-respect-gitignore", ".") == [
        "./docs/a.md",
        "./docs/gen/api.md",
        "./docs/notes.tmp.md",
        "./docs/sub/kept.md",
        "./docs/sub/local.md",
        "./vendor/x.md",
    ]
    (project / "mdcheck.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert len(checked(cli, "docs")) == 5


def test_a_named_folder_is_walked_even_if_its_name_is_skipped(
    cli: CliRunner, project: Path
) -> None:
    assert checked(cli, "build") == ["build/out.md"]


def test_named_files_are_checked_unless_force_exclude(cli: CliRunner, project: Path) -> None:
    (project / "mdcheck.toml").write_text('exclude = ["docs/a.md"]\n', encoding="utf-8")
    named = [
        "docs/a.md",
        "docs/gen/api.md",
        "docs/sub/local.md",
        "build/out.md",
        "docs/sub/kept.md",
    ]
    assert checked(cli, *named) == sorted(named)
    assert checked(cli, "--force-exclude", *named) == ["docs/sub/kept.md"]
    (project / "mdcheck.toml").write_text(
        'exclude = ["docs/a.md"]\nforce-exclude = true\n', encoding="utf-8"
    )
    assert checked(cli, *named) == ["docs/sub/kept.md"]
    assert len(checked(cli, "--no-force-exclude", *named)) == 5


def test_only_excluded_files_named_is_a_clean_run(cli: CliRunner, project: Path) -> None:
    run = cli("--force-exclude", "docs/gen/api.md", "build/out.md")
    assert (run.code, run.out) == (0, "")
    assert run.err == "mdcheck: all 2 paths named are excluded (--force-exclude); nothing checked\n"


def test_a_folder_without_markdown_is_an_error(cli: CliRunner, project: Path) -> None:
    (project / "empty").mkdir()
    run = cli("empty")
    assert run.code == 2
    assert run.err == (
        "mdcheck: error: no Markdown files (*.md, *.markdown) found in empty; check the path,"
        " and the exclude, .gitignore and .ignore patterns that may skip them\n"
    )
    assert cli("docs/gen").code == 2  # everything in it is ignored


def test_exclude_negation_and_folder_patterns(cli: CliRunner, project: Path) -> None:
    (project / "mdcheck.toml").write_text(
        'exclude = ["docs/*", "!docs/a.md", "sub/"]\n', encoding="utf-8"
    )
    assert checked(cli, "docs") == ["docs/a.md"]


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("drafts", "drafts/a.md", True),
        ("drafts", "x/drafts/a.md", True),
        ("/drafts", "x/drafts/a.md", False),
        ("docs/*.md", "docs/a.md", True),
        ("docs/*.md", "docs/sub/a.md", False),
        ("docs/**/*.md", "docs/sub/a.md", True),
        ("*.md", "a/b/c.md", True),
        ("[ab].md", "b.md", True),
        ("[!ab].md", "c.md", True),
        ("a?.md", "a/.md", False),
    ],
)
def test_globs_are_gitignore_patterns(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


@pytest.mark.parametrize("key", ["exclude", "per-file-ignores", "overrides"])
def test_an_invalid_glob_is_a_configuration_error(cli: CliRunner, project: Path, key: str) -> None:
    config = {
        "exclude": 'exclude = ["[z-a]"]\n',
        "per-file-ignores": '[per-file-ignores]\n"[z-a]" = ["DOC001"]\n',
        "overrides": '[[overrides]]\nfiles = ["[z-a]"]\nignore = ["DOC001"]\n',
    }[key]
    (project / "mdcheck.toml").write_text(config, encoding="utf-8")
    run = cli("docs")
    where = {"overrides": "overrides[0].files"}.get(key, key)
    assert run.code == 2
    assert run.err == (
        f"mdcheck: error: {project / 'mdcheck.toml'}: key '{where}': invalid glob '[z-a]'"
        " (bad character range z-a)\n"
    )
