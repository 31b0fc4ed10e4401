"""The Python API for pipelines: validated configurations, path-based lookup, fails(),
read_post()."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest
import yaml

import mdcheck
from mdcheck import Config, ConfigError, Severity
from tests.conftest import SAMPLE


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"select": ("XX999",)},
            "Config: select: unknown rule code or name 'XX999' ('mdcheck rules' lists them)",
        ),
        ({"select": "HD"}, "Config: select must be a tuple or list of strings, got 'HD'"),
        ({"ignore": ("HD", 3)}, "Config: ignore must hold strings, got 3"),
        ({"severity": {"HD": "loud"}}, "Config: severity['HD'] must be 'error', 'warning'"),
        ({"fixes": {"CF002": "yes"}}, "Config: fixes['CF002'] must be 'safe', 'unsafe' or 'off'"),
        (
            {"per_file_ignores": {"a/**": ("ZZ1",)}},
            "Config: per_file_ignores['a/**']: unknown rule code or name 'ZZ1'",
        ),
    ],
)
def test_a_config_built_in_python_is_validated(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Config(root=Path("."), **changes)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_config_from_a_dict_or_a_file(tmp_path: Path) -> None:
    config = mdcheck.config_from_dict({"select": ["DOC001"], "fail-level": "error"}, tmp_path)
    assert config.select == ("DOC001",) and config.root == tmp_path
    assert [d.code for d in mdcheck.lint_text("# x", "a.md", config)] == ["DOC001"]
    with pytest.raises(ConfigError, match="unknown key 'selct'"):
        mdcheck.config_from_dict({"selct": ["DOC001"]})
    (tmp_path / "mdcheck.toml").write_text('select = ["HD"]\n', encoding="utf-8")
    assert mdcheck.load_config(tmp_path / "mdcheck.toml").select == ("HD",)


def test_lint_text_uses_the_configuration_of_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "mdcheck.toml").write_text('select = ["DOC001"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = "# x\n\n### y"
    assert [d.code for d in mdcheck.lint_text(text, "sub/x.md")] == ["DOC001"]
    assert mdcheck.config_for_path("sub/x.md").source == (tmp_path / "sub" / "mdcheck.toml")
    assert "HD002" in {d.code for d in mdcheck.lint_text(text, "other/x.md")}
    assert mdcheck.fix_text(text, "sub/x.md").text == "# x\n\n### y\n"


def test_fails_follows_the_fail_level() -> None:
    config = Config(root=Path("."), select=("FM001",), rule_options={"FM001": {"required": True}})
    found = mdcheck.lint_text("# x\n", config=config)
    assert [d.severity for d in found] == [Severity.WARNING]
    assert mdcheck.fails(found)
    assert not mdcheck.fails(found, "error")
    assert not mdcheck.fails(found, Config(root=Path("."), fail_level=Severity.ERROR))
    assert not mdcheck.fails([])


def test_read_post_reads_the_sample_as_it_was_meant() -> None:
    with pytest.raises(yaml.YAMLError):  # python-frontmatter alone cannot read it
        frontmatter.load(str(SAMPLE))
    post = mdcheck.read_post(SAMPLE)
    assert isinstance(post, frontmatter.Post)
    assert post.metadata == {
        "title": "2024 年人工智能领域的三大发展趋势分析",
        "date": "2025-02-18",
        "description": "Generated from 2025-02-17.md",
    }
    assert post.content.startswith("# 2024 年人工智能领域的三大发展趋势分析\n\n2024 年，")
    assert "```markdown" not in post.content and not post.content.endswith("```")
    assert post.content.endswith("让我们共同迎接 AI 时代的全新篇章！")
    assert mdcheck.read_post(str(SAMPLE)).content == post.content  # a path as a string
    text = SAMPLE.read_text(encoding="utf-8")
    assert mdcheck.read_post(text).metadata == post.metadata  # the text itself


def test_read_post_of_an_unclosed_front_matter() -> None:
    post = mdcheck.read_post("---\ntitle: Hello\ndate: 2025-01-01\n\n# Hello\n\nText.\n")
    assert post.metadata.get("title") == "Hello"
    assert post.content.startswith("# Hello")


def test_the_names_pipelines_need_are_exported() -> None:
    for name in ("FixOutcome", "fails", "read_post", "load_config", "config_from_dict"):
        assert name in mdcheck.__all__ and hasattr(mdcheck, name)
