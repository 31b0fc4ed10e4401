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
