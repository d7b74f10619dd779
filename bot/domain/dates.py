"""Dates with their precision: 2025, 2025-01 or 2025-01-20, as sources give them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.domain.errors import Phrased, brief, phrase

Precision = Literal["year", "month", "day"]

ACCEPTED = '"2025", "2025-01" or "2025-01-20"'
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_MAX_TEXT = 40  # "2025-01-20" with room for spaces; longer text is not read (nor cached)

# How far ahead of today a date may start: a release shown as tomorrow somewhere is today
# in another time zone. Anything later is a planned date, a typo, or a date read wrongly.
FUTURE_MARGIN = dt.timedelta(days=2)


class DateError(Phrased, ValueError):
    """A date that cannot be read; the message says what would be accepted."""


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to a year, a month or a day. Orders by its first possible day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def start(self) -> dt.date:
        """The first day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day the date can mean."""
        if self.day is not None:
            return self.start
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    @property
    def sort_key(self) -> str:
        """Sortable text: "2025-01-20", "2025-01-00" for a month, "2025-00-00" for a year."""
        return f"{self.year:04d}-{self.month or 0:02d}-{self.day or 0:02d}"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """How people read it: "20 Jan 2025", "Jan 2025", "2025"."""
        if self.day is not None:
            return f"{self.day} {calendar.month_abbr[self.month or 1]} {self.year}"
        if self.month is not None:
            return f"{calendar.month_abbr[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def from_sort_key(cls, key: str) -> PartialDate:
        year, month, day = (int(part) for part in key.split("-"))
        return cls(year, month or None, day or None)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)


def parse_date(value: object) -> PartialDate:
    """Read 2025, "2025-01", "2025-01-20" or a date; raise DateError naming what is accepted."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, bool):
        raise DateError(f"expected a date such as {ACCEPTED}, got {value!r}")
    if isinstance(value, int):
        if not 0 <= value <= 9999:
            raise DateError(f"cannot read {brief(value)} as a date; expected {ACCEPTED}")
        value = str(value)
    if not isinstance(value, str):
        raise DateError(f"expected a date such as {ACCEPTED}, got {type(value).__name__}")
    if len(value) > _MAX_TEXT:
        raise DateError(
            f"cannot read {brief(value)} as a date; expected {ACCEPTED}",
            phrase("date_unreadable", value=brief(value)),
        )
    return _parse_text(value)


def future_problem(date: PartialDate, today: dt.date) -> str | None:
    """Why `date` is refused as being in the future, or None: it may start at most
    FUTURE_MARGIN after `today` (a month or a year counts from its first day)."""
    if date.start <= today + FUTURE_MARGIN:
        return None
    return (
        f"{date} is in the future (today is {today.isoformat()}); give the date it became "
        f"public, not a planned one (at most {FUTURE_MARGIN.days} days ahead is accepted, "
        "for time zones)"
    )


@lru_cache(maxsize=8192)
def _parse_text(value: str) -> PartialDate:
    """The text branch of parse_date, cached: releases cluster on the same days."""
    text = value.strip()
    match = _DATE_RE.match(text)
    if not match:
        raise DateError(
            f"cannot read {value!r} as a date; expected {ACCEPTED}",
            phrase("date_unreadable", value=repr(value)),
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if not 1900 <= year <= 2999:
        raise DateError(
            f"year {year} in {value!r} is out of range; expected {ACCEPTED}",
            phrase("date_year", year=year, value=repr(value)),
        )
    if month is not None and not 1 <= month <= 12:
        raise DateError(
            f"month {month} in {value!r} does not exist; expected {ACCEPTED}",
            phrase("date_month", month=month, value=repr(value)),
        )
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(
                f"day {day} in {value!r} does not exist ({calendar.month_abbr[month]} {year} "
                f"has {last} days); expected {ACCEPTED}",
                phrase(
                    "date_day",
                    day=day,
                    value=repr(value),
                    month=PartialDate(year, month),
                    last=last,
                ),
            )
    return PartialDate(year, month, day)
