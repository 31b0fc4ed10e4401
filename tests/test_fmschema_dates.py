"""The front-matter ``date`` format accepts exactly the dates ``datetime.date`` accepts."""

from __future__ import annotations

import datetime

import pytest

from mdcheck.schema.fmschema import is_date


def _datetime_accepts(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("year", ["0000", "0001", "1900", "2000", "2023", "2024", "2100", "9999"])
def test_every_month_and_day_as_datetime(year: str) -> None:
    for month in range(14):
        for day in range(33):
            value = f"{year}-{month:02d}-{day:02d}"
            assert is_date(value) == _datetime_accepts(value), value


@pytest.mark.parametrize(
    "value",
    ["2024-01-01\n", "２０２４-０１-０１", "٢٠٢٤-٠١-٠١", "20240101", "2024-W01-1", "2024-1-01"],
)
def test_other_shapes_are_not_dates(value: str) -> None:
    assert not is_date(value)


@pytest.mark.parametrize(
    "value",
    [
        "2025-02-18T\u0660\u0669:30:00Z",  # Arabic-Indic digits
        "\uff12025-02-18T09:30:00Z",  # a full-width digit
        "2025-02-18T09:30:00Z\n",
        "2025-02-18T09:30:00.\u0661Z",
    ],
)
def test_date_times_take_ascii_digits_and_nothing_after(value: str) -> None:
    from mdcheck.schema.fmschema import is_date_time

    assert not is_date_time(value)
    assert not is_date("2025-02-18\n") and not is_date("2025-02-\u0661\u0668")


def test_a_plain_date_time_is_still_one() -> None:
    from mdcheck.schema.fmschema import is_date_time

    assert is_date_time("2025-02-18T09:30:00.5+08:00")
