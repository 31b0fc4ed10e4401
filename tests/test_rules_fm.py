"""FM rules, driven by tests/fixtures/fm/ (see tests/harness.py)."""

from __future__ import annotations

import pytest

from tests.harness import Case, cases, check_case

PREFIXES = ("FM",)


@pytest.mark.parametrize("case", cases("fm"), ids=lambda case: case.id)
def test_fm_fixture(case: Case) -> None:
    check_case(case, PREFIXES)
