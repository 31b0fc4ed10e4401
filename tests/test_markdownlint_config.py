"""A project's markdownlint configuration is read when no mdcheck configuration applies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mdcheck.config import ConfigError, ConfigResolver
from mdcheck.config.markdownlint_files import strip_jsonc

# H1, a skipped level (HD002 = MD001), a second H1 (HD001 = MD025), a hidden character (DOC002,
# no markdownlint counterpart)
TEXT = "# 标题\n\n### Skipped\n\nzero\u200bwidth\n\n# Second title\n"


def codes(tmp_path: Path) -> list[str]:
    from mdcheck import lint_text

    resolver = ConfigResolver(cwd=tmp_path)
    config = resolver.for_path(str(tmp_path / "docs" / "a.md"))
    found = lint_text(TEXT, "docs/a.md", config)
    return sorted({d.code for d in found if d.code in ("DOC002", "HD001", "HD002")})


def write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_without_any_configuration_the_defaults_apply(tmp_path: Path) -> None:
    write(tmp_path, "docs/a.md", TEXT)
    assert codes(tmp_path) == ["DOC002", "HD001", "HD002"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".markdownlint.json", '{"MD001": false}'),
        (".markdownlint.jsonc", '{\n  // no skipped-level check\n  "heading-increment": false,\n}'),
        (".markdownlint.yaml", "MD001: false\n"),
        (".markdownlint.yml", "headings: false\nMD025: true\n"),
        (".markdownlint-cli2.jsonc", '{"config": {"MD001": false}, "ignores": ["vendor/**"]}'),
        (".markdownlint-cli2.yaml", "config:\n  MD001: false\n"),
    ],
)
def test_markdownlint_files_switch_rules(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path, name, text)
    assert codes(tmp_path) == ["DOC002", "HD001"]


def test_default_false_turns_off_only_markdownlint_rules(tmp_path: Path) -> None:
    write(tmp_path, ".markdownlint.json", '{"default": false, "MD025": true}')
    assert codes(tmp_path) == ["DOC002", "HD001"]


def test_an_mdcheck_configuration_wins(tmp_path: Path) -> None:
    write(tmp_path, ".markdownlint.json", '{"default": false}')
    write(tmp_path, "mdcheck.toml", 'select = ["HD"]\n')
    assert codes(tmp_path) == ["HD001", "HD002"]


def test_extends_is_followed_and_the_file_wins(tmp_path: Path) -> None:
    write(tmp_path, "base.json", '{"MD001": false, "MD025": false}')
    write(tmp_path, ".markdownlint.json", '{"extends": "base.json", "MD025": true}')
    assert codes(tmp_path) == ["DOC002", "HD001"]


def test_unknown_keys_and_parameters_are_warnings(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".markdownlint.json",
        json.dumps({"MD025": {"front_matter_title": ""}, "no-such-rule": True}),
    )
    config = ConfigResolver(cwd=tmp_path).for_path(str(tmp_path / "docs" / "a.md"))
    assert [w.split(": ", 1)[1] for w in config.warnings] == [
        "MD025 parameter 'front_matter_title' has no counterpart in mdcheck's HD001"
        " (single-h1); ignored",
        "unknown key 'no-such-rule' (not a markdownlint rule, alias or tag); ignored",
    ][::-1]


def test_the_command_line_prints_the_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mdcheck.cli import main

    write(tmp_path, ".markdownlint.json", '{"no-such-rule": true}')
    md = write(tmp_path, "docs/a.md", TEXT)
    main(["check", "--config", str(tmp_path / ".markdownlint.json"), str(md)])
    err = capsys.readouterr().err
    assert "mdcheck: warning: " in err and "unknown key 'no-such-rule'" in err


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (".markdownlint.json", "{", "not valid JSON at line 1"),
        (".markdownlint.yaml", "a: [", "not valid YAML"),
        (".markdownlint.json", "[1]", "expected an object"),
        (".markdownlint.cjs", "module.exports = {}", "JavaScript configuration cannot be read"),
    ],
)
def test_unreadable_files_are_configuration_errors(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    write(tmp_path, name, text)
    with pytest.raises(ConfigError, match=message):
        codes(tmp_path)


def test_parameters_with_wrong_types_are_configuration_errors(tmp_path: Path) -> None:
    write(tmp_path, ".markdownlint.json", '{"MD025": {"h1": 3}}')
    with pytest.raises(ConfigError):
        codes(tmp_path)


def test_jsonc_comments_and_trailing_commas() -> None:
    text = '{"a": "x // not a comment", /* c */ "b": [1, 2, // z\n],\n}'
    assert json.loads(strip_jsonc(text)) == {"a": "x // not a comment", "b": [1, 2]}
