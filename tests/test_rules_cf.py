"""CF rules, driven by tests/fixtures/cf/ (see tests/harness.py)."""

from __future__ import annotations

import pytest

from tests.harness import Case, cases, check_case

PREFIXES = ("CF001", "CF002", "CF003")


@pytest.mark.parametrize("case", cases("cf"), ids=lambda case: case.id)
def test_cf_fixture(case: Case) -> None:
    check_case(case, PREFIXES)
