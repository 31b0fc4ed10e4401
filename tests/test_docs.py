"""Documentation generated from the rules stays in step with them."""

from __future__ import annotations

from mdcheck.ruledoc import reference_markdown
from mdcheck.rules import ALL_RULES
from tests.conftest import ROOT


def test_rule_reference_is_up_to_date() -> None:
    shipped = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert shipped == reference_markdown(), "run: python -m mdcheck.ruledoc"


def test_every_rule_has_metadata_and_documentation() -> None:
    codes = [rule.code for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for rule in ALL_RULES:
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.summary and not rule.summary.endswith(".")
        assert len(rule.documentation().splitlines()) >= 3, rule.code


def _distribution_name() -> str:
    import re

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^name = "([^"]+)"', text, re.MULTILINE)
    assert match
    return match.group(1)


def test_install_lines_install_this_project() -> None:
    """Every ``pip install NAME`` in the README and docs names the distribution that
    pyproject.toml builds (``mdcheck`` on PyPI is another project)."""
    import re
    import shlex

    name = _distribution_name()
    assert name != "mdcheck"
    seen = 0
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for line in re.findall(r"pip install ([^\n`]+)", text):
            for word in shlex.split(line.split("#")[0]):
                if word.startswith("-") or word.startswith("."):
                    continue
                requirement = re.split(r"[\[=<>~! ]", word, maxsplit=1)[0]
                assert requirement == name, f"{page.name}: pip install {line}"
                seen += 1
    assert seen >= 3


def test_pre_commit_rev_and_action_pin_name_this_version() -> None:
    from mdcheck.version import __version__

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"rev: v{__version__}\n" in readme
    assert f"mdcheck-lint=={__version__}" in readme
    major = __version__.split(".")[0]
    assert f"mdcheck/mdcheck@v{major}" in readme
