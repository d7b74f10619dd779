"""Partial dates: a year, a month or a day, with impossible dates refused clearly."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.dates import DateError, PartialDate, parse_date


def test_precision_follows_what_is_given() -> None:
    """2025, 2025-01 and 2025-01-20 keep their precision and order by their first day."""
    year, month, day = parse_date(2025), parse_date("2025-01"), parse_date("2025-01-20")
    assert (year.precision, month.precision, day.precision) == ("year", "month", "day")
    assert year.sort_key == "2025-00-00" and month.sort_key == "2025-01-00"
    assert day.iso() == "2025-01-20" and day.human() == "20 Jan 2025"
    assert month.end == dt.date(2025, 1, 31) and year.end == dt.date(2025, 12, 31)
    assert PartialDate.from_sort_key(month.sort_key) == month
    assert parse_date(dt.date(2024, 12, 26)) == PartialDate(2024, 12, 26)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2025-13-40", "month 13"),
        ("2025-02-30", "day 30"),
        ("2025-02-29", "has 28 days"),
        ("20250120", "cannot read"),
        ("1850", "out of range"),
        ("yesterday", "cannot read"),
        ("2025/01/20", "cannot read"),
        (None, "expected a date"),
    ],
)
def test_impossible_dates_name_the_problem(value: object, fragment: str) -> None:
    """An impossible date says which part is wrong and what would be accepted."""
    with pytest.raises(DateError) as caught:
        parse_date(value)
    assert fragment in str(caught.value)
    assert "2025-01-20" in str(caught.value)


def test_leap_day_is_accepted() -> None:
    """29 February exists in leap years."""
    assert parse_date("2024-02-29").day == 29
