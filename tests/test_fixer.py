"""The fix engine: non-overlapping edits, the fixed-point loop, BOM and line endings."""

from __future__ import annotations

from mdcheck import fix_text
from mdcheck.diagnostic import Applicability, Edit, Fix, Span
from mdcheck.run.edits import apply_fixes

SPAN = Span(1, 1, 1, 1)


def fix(*edits: tuple[int, int, str]) -> Fix:
    return Fix(tuple(Edit(s, e, c, SPAN) for s, e, c in edits), Applicability.SAFE)


def test_non_overlapping_edits_all_apply_in_any_order() -> None:
    text, count = apply_fixes("abcdef", [fix((4, 5, "E")), fix((0, 1, "A")), fix((2, 2, "+"))])
    assert (text, count) == ("Ab+cdEf", 3)


def test_overlapping_fix_is_skipped_whole() -> None:
    text, count = apply_fixes("abcdef", [fix((0, 3, "X")), fix((2, 4, "Y"), (5, 6, "Z"))])
    assert (text, count) == ("Xdef", 1)


def test_two_insertions_at_one_place_apply_one() -> None:
    assert apply_fixes("ab", [fix((1, 1, "x")), fix((1, 1, "y"))]) == ("axb", 1)


def test_fix_with_internally_overlapping_edits_is_refused() -> None:
    assert apply_fixes("abc", [fix((0, 2, "x"), (1, 3, "y"))]) == ("abc", 0)


def test_fix_text_reaches_a_fixed_point_and_keeps_bom_and_endings() -> None:
    from pathlib import Path

    from mdcheck.config import Config

    config = Config(root=Path.cwd(), select=("DOC",))
    outcome = fix_text("\ufeff# T\r\n\r\nx", config=config)
    assert outcome.text == "\ufeff# T\r\n\r\nx\r\n"
    assert outcome.applied == 1
    assert outcome.remaining == []
    assert fix_text(outcome.text, config=config).applied == 0


def test_unsafe_fixes_need_the_flag() -> None:
    from pathlib import Path

    from mdcheck.config import Config

    config = Config(root=Path.cwd(), select=("DOC",), fixes={"DOC001": "unsafe"})
    assert fix_text("# T", config=config).text == "# T"
    assert fix_text("# T", config=config, unsafe=True).text == "# T\n"


def test_second_byte_order_mark_is_text_and_edits_stay_exact() -> None:
    from pathlib import Path

    from mdcheck.config import Config

    config = Config(root=Path.cwd(), select=("DOC001",))
    assert fix_text("\ufeff\ufeffabc", config=config).text == "\ufeff\ufeffabc\n"
