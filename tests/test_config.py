"""Configuration discovery, precedence, validation messages and per-file settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mdcheck.config import ConfigError, ConfigResolver, load_config_file
from mdcheck.diagnostic import Applicability, Severity
from tests.conftest import Run

CliRunner = Callable[..., Run]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_discovery_walks_up_and_nearest_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.mdcheck]\nignore = ["DOC001"]\n')
    write(tmp_path / "sub" / "mdcheck.toml", "fail-level = 'error'\n")
    resolver = ConfigResolver(cwd=tmp_path)
    top = resolver.for_path(str(tmp_path / "a.md"))
    deep = resolver.for_path(str(tmp_path / "sub" / "deeper" / "b.md"))
    assert top.source == tmp_path / "pyproject.toml" and top.ignore == ("DOC001",)
    assert deep.source == tmp_path / "sub" / "mdcheck.toml"
    assert deep.ignore == () and deep.fail_level is Severity.ERROR


def test_precedence_within_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.mdcheck]\n")
    write(tmp_path / "mdcheck.toml", "")
    write(tmp_path / ".mdcheck.toml", "")
    assert ConfigResolver(cwd=tmp_path).for_path("a.md").source == tmp_path / ".mdcheck.toml"


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.mdcheck]\nignore = ['DOC']\n")
    write(tmp_path / "pkg" / "pyproject.toml", "[project]\nname = 'x'\n")
    config = ConfigResolver(cwd=tmp_path).for_path(str(tmp_path / "pkg" / "a.md"))
    assert config.source == tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("selct = ['DOC']\n", "unknown key 'selct' in the top level"),
        ("select = 'DOC'\n", "key 'select' must be an array of strings, got 'DOC'"),
        ("fail-level = 'fatal'\n", "key 'fail-level' must be one of 'error', 'warning', 'info'"),
        ("severity = { DOC001 = 'loud' }\n", "key 'severity.DOC001' must be one of"),
        ("ignore = ['XY123']\n", "key 'ignore': unknown rule code or name 'XY123'"),
        ("per-file-ignores = { 'a/*' = ['NOPE'] }\n", "unknown rule code or name 'NOPE'"),
        ("fixes = { DOC001 = 'maybe' }\n", "key 'fixes.DOC001' must be one of"),
        ("[[overrides]]\nignore = ['DOC']\n", "'files' is a required property"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_invalid_configuration_names_file_and_key(
    tmp_path: Path, content: str, message: str
) -> None:
    path = write(tmp_path / "mdcheck.toml", content)
    with pytest.raises(ConfigError) as info:
        load_config_file(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_pyproject_errors_name_the_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.mdcheck]\nfoo = 1\n")
    with pytest.raises(ConfigError, match=r"unknown key 'foo' in \[tool.mdcheck\]"):
        load_config_file(path)


def test_directory_as_config_is_a_clear_error(cli: CliRunner, tmp_path: Path) -> None:
    run = cli("--config", str(tmp_path), str(tmp_path))
    assert run.code == 2
    assert run.err == f"mdcheck: error: {tmp_path}: is a folder, not a configuration file\n"


def test_missing_explicit_config(cli: CliRunner, tmp_path: Path) -> None:
    run = cli("--config", str(tmp_path / "none.toml"), str(tmp_path))
    assert run.code == 2
    assert run.err.endswith("none.toml: configuration file does not exist\n")


def test_explicit_config_overrides_discovery(cli: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "mdcheck.toml", "select = ['DOC']\nignore = ['DOC001']\n")
    other = write(tmp_path / "elsewhere" / "strict.toml", "select = ['DOC']\n")
    md = write(tmp_path / "a.md", "# A")
    assert cli(str(md)).code == 0
    assert cli("--config", str(other), str(md)).code == 1


def test_per_file_ignores_and_overrides(tmp_path: Path) -> None:
    write(
        tmp_path / "mdcheck.toml",
        "per-file-ignores = { 'legacy/**' = ['DOC001'] }\n"
        "[[overrides]]\nfiles = ['notes/*.md']\nseverity = { DOC001 = 'info' }\n",
    )
    config = ConfigResolver(cwd=tmp_path).for_path(str(tmp_path / "a.md"))
    assert (
        "DOC001" not in config.settings_for(str(tmp_path / "legacy" / "x" / "a.md")).enabled_codes
    )
    assert "DOC001" in config.settings_for(str(tmp_path / "a.md")).enabled_codes
    notes = config.settings_for(str(tmp_path / "notes" / "n.md"))
    assert notes.severity["DOC001"] is Severity.INFO
    assert config.settings_for(str(tmp_path / "a.md")).severity["DOC001"] is Severity.ERROR


def test_select_replaces_defaults_and_extend_select_adds(tmp_path: Path) -> None:
    path = write(tmp_path / "mdcheck.toml", "select = ['MC']\nextend-select = ['DOC001']\n")
    settings = load_config_file(path).settings_for(str(tmp_path / "a.md"))
    expected = {"DOC001", "MC001", "MC002", "MC003", "MC004", "MC005", "MC006"}
    assert expected == settings.enabled_codes


def test_fix_applicability_overrides(tmp_path: Path) -> None:
    path = write(tmp_path / "mdcheck.toml", "fixes = { DOC = 'unsafe' }\n")
    config = load_config_file(path)
    assert config.fix_applicability("DOC001", Applicability.SAFE) is Applicability.UNSAFE
    off = load_config_file(write(tmp_path / "b.toml", "fixes = { DOC001 = 'off' }\n"))
    assert off.fix_applicability("DOC001", Applicability.SAFE) is None


def test_demoted_fix_needs_unsafe_fixes(cli: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "mdcheck.toml", "select = ['DOC']\nfixes = { DOC001 = 'unsafe' }\n")
    md = write(tmp_path / "a.md", "# A")
    run = cli("--fix", str(md))
    assert md.read_text() == "# A"
    assert "1 fixable with --fix --unsafe-fixes." in run.out
    cli("--fix", "--unsafe-fixes", str(md))
    assert md.read_text() == "# A\n"


def test_shipped_config_schema_matches_the_rules() -> None:
    import json

    from mdcheck.config import config_schema
    from mdcheck.util.resources import schemas_dir

    shipped = json.loads((schemas_dir() / "config.schema.json").read_text(encoding="utf-8"))
    assert shipped == config_schema(), "run: python -m mdcheck.ruledoc"


@pytest.mark.parametrize("where", ["top", "override"])
def test_a_rules_own_option_wins_over_the_top_level_key(where: str) -> None:
    from mdcheck.api import lint_text
    from mdcheck.config import config_from_table

    text = "# Title\n\nno sections here\n"
    table: dict[str, object] = {"select": ["ART001"], "profile": "trend-article"}
    assert [d.code for d in lint_text(text, "a.md", config_from_table(table, None, "x"))]
    own = {"profile": "trend-article", "rules": {"ART001": {"profile": "none"}}}
    if where == "top":
        table.update(own)
    else:
        table["overrides"] = [{"files": ["*.md"], **own}]
    assert lint_text(text, "a.md", config_from_table(table, None, "x")) == []
