"""DOC rules, driven by tests/fixtures/doc/ (see tests/harness.py)."""

from __future__ import annotations

import pytest

from tests.harness import Case, cases, check_case

PREFIXES = ("DOC",)


@pytest.mark.parametrize("case", cases("doc"), ids=lambda case: case.id)
def test_doc_fixture(case: Case) -> None:
    check_case(case, PREFIXES)
