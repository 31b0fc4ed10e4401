"""The built packages and the pre-commit hooks, as an installing user gets them.

These build a wheel, install it into a fresh virtual environment and run pre-commit: they
need PyPI and take a minute, so they are marked slow (CI runs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow


def run(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env=env,
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = run(
        sys.executable, "-m", "build", "--no-isolation", "--wheel", "--sdist", "--outdir", out, ROOT
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def test_wheel_contains_every_schema_and_the_type_marker(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    shipped = {
        "mdcheck/schemas/" + p.relative_to(ROOT / "schemas").as_posix()
        for p in (ROOT / "schemas").rglob("*")
        if p.is_file()
    }
    assert shipped and shipped <= names
    assert "mdcheck/py.typed" in names


def test_sdist_contains_sources_schemas_and_tests(dist: Path) -> None:
    import tarfile

    [sdist] = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {
        "schemas/config.schema.json",
        "tests/fixtures/sample-article.md",
        "mdcheck/cli.py",
        "README.md",
    } <= names


def test_installed_wheel_runs_and_loads_its_schemas(dist: Path, tmp_path: Path) -> None:
    [wheel] = dist.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    proc = run(python, "-m", "pip", "install", "--quiet", wheel)
    assert proc.returncode == 0, proc.stderr[-2000:]
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SAMPLE, work / "sample-article.md")
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    checked = run(env_dir / "bin" / "mdcheck", "sample-article.md", cwd=work, env=clean_env)
    assert checked.returncode == 1
    assert "sample-article.md:100:4: error: DOC001 " in checked.stdout
    (work / "mdcheck.toml").write_text("unknown-key = 1\n", encoding="utf-8")
    bad_config = run(env_dir / "bin" / "mdcheck", "sample-article.md", cwd=work, env=clean_env)
    assert bad_config.returncode == 2
    assert "unknown key 'unknown-key'" in bad_config.stderr  # validated by the shipped schema
    location = run(
        python,
        "-c",
        "import mdcheck.util.resources as r; print(r.schemas_dir())",
        cwd=work,
        env=clean_env,
    )
    assert "site-packages/mdcheck/schemas" in location.stdout


def test_pre_commit_manifest_is_valid() -> None:
    proc = run(
        sys.executable, "-m", "pre_commit", "validate-manifest", ROOT / ".pre-commit-hooks.yaml"
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


GOOD_ARTICLE = """---
title: A clean article
date: 2025-02-18
description: A short article that passes every default rule.
---

# A clean article

Nothing to report here.
"""


def test_pre_commit_try_repo_fails_bad_and_passes_good(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    env.pop("PYTHONPATH", None)
    assert run("git", "init", "-q", cwd=project, env=env).returncode == 0
    (project / "good.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    (project / "bad.md").write_text("# Bad\n\nNo final newline", encoding="utf-8")
    run("git", "add", "good.md", "bad.md", cwd=project, env=env)
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT)]

    bad = run(*pre_commit, "mdcheck", "--files", "bad.md", cwd=project, env=env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.md:3:17: error: DOC001" in bad.stdout
    good = run(*pre_commit, "mdcheck", "--files", "good.md", cwd=project, env=env)
    assert good.returncode == 0, good.stdout + good.stderr

    fixed = run(*pre_commit, "mdcheck-fix", "--files", "bad.md", cwd=project, env=env)
    assert fixed.returncode == 1  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fixed.stdout
    assert (project / "bad.md").read_text(encoding="utf-8") == "# Bad\n\nNo final newline\n"

    # the hooks apply exclude and .gitignore to the files pre-commit names (--force-exclude)
    (project / "mdcheck.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (project / ".gitignore").write_text("generated/\n", encoding="utf-8")
    for name in ("drafts/wip.md", "generated/out.md"):
        (project / name).parent.mkdir()
        (project / name).write_text("# Bad\n\nNo final newline", encoding="utf-8")
    run(
        "git",
        "add",
        "-f",
        "mdcheck.toml",
        ".gitignore",
        "drafts",
        "generated",
        cwd=project,
        env=env,
    )
    (project / "bad.md").write_text("# Bad\n\nNo final newline", encoding="utf-8")
    run("git", "add", "bad.md", cwd=project, env=env)
    files = ("--files", "drafts/wip.md", "generated/out.md")
    skipped = run(*pre_commit, "mdcheck", *files, cwd=project, env=env)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    mixed = run(*pre_commit, "mdcheck", *files, "bad.md", cwd=project, env=env)
    assert mixed.returncode == 1, mixed.stdout + mixed.stderr
    assert "in 1 of 1 file." in mixed.stdout  # bad.md alone
    assert "drafts" not in mixed.stdout and "generated" not in mixed.stdout


def test_python_m_without_the_dependencies_says_so_in_one_line(tmp_path: Path) -> None:
    """``python -m mdcheck`` from a Python that lacks markdown-it-py: one line, exit 2."""
    blocker = (
        "import runpy, sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.partition('.')[0] == 'markdown_it':\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "sys.argv = ['mdcheck', sys.argv[1]]\n"
        "runpy.run_module('mdcheck', run_name='__main__', alter_sys=True)\n"
    )
    article = tmp_path / "a.md"
    article.write_text("# Title\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", blocker, str(article)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith("mdcheck: error: 'markdown_it' is not installed for ")
    assert run.stderr.count("\n") == 1
