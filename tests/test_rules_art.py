"""ART rules, driven by tests/fixtures/art/ (see tests/harness.py)."""

from __future__ import annotations

import pytest

from tests.harness import Case, cases, check_case

PREFIXES = ("ART",)


@pytest.mark.parametrize("case", cases("art"), ids=lambda case: case.id)
def test_art_fixture(case: Case) -> None:
    check_case(case, PREFIXES)
