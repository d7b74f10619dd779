"""Partial dates: a year, a month or a day, with impossible dates refused clearly."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.dates import DateError, PartialDate, future_problem, parse_date


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


@pytest.mark.parametrize(
    ("value", "future"),
    [
        ("2026-11-30", False),
        ("2026-12-02", False),  # two days ahead: today in another time zone
        ("2026-12-03", True),
        ("2026-12", False),  # a month counts from its first day
        ("2027", True),
        ("2999-01-01", True),
    ],
)
def test_dates_more_than_two_days_ahead_are_in_the_future(value: str, future: bool) -> None:
    problem = future_problem(parse_date(value), dt.date(2026, 11, 30))
    assert (problem is not None) == future
    if problem:
        assert problem.startswith(f"{value} is in the future (today is 2026-11-30)")


@pytest.mark.parametrize(
    "value", ["2025" * 10_000, 10**5000, -1, 99_999], ids=["long", "huge", "negative", "5-digit"]
)
def test_hostile_dates_are_refused_briefly(value: object) -> None:
    """Long text and huge integers are refused with a short message, and not cached."""
    with pytest.raises(DateError) as caught:
        parse_date(value)
    assert len(str(caught.value)) < 150
