"""Releases (models) and events in date order, a page at a time, with filters.

Dates live in the store as sort keys ("2025-01-20", "2025-01-00" for a month, "2025-00-00"
for a year), so a partial date sorts at its first possible day, before the dated entries of
that month or year. Filters use the same rule: `since` keeps entries whose first possible
day is on or after it, `until` keeps entries whose first possible day is on or before the
last day it can mean ("2025-01" is through 31 January). Every query runs on the indexes
models(released), models(lab_id, released), events(date) and events(lab_id, date), and a page
is fetched on its own with LIMIT/OFFSET. Nothing is cut off at "now".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.domain.dates import ACCEPTED, DateError, PartialDate, parse_date
from bot.domain.errors import ModelRadarError, phrase
from bot.domain.models import EVENT_KINDS, MODEL_KINDS
from bot.store import Store
from bot.store import timeline as queries

PAGE_SIZE = 10
MARK_WINDOW_DAYS = 7
EntityKind = Literal["model", "event"]
# What `kind` accepts: all models, all events, or one model or event kind.
KINDS: tuple[str, ...] = (
    "models",
    "events",
    *MODEL_KINDS,
    *(kind for kind in EVENT_KINDS if kind not in MODEL_KINDS),
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a timeline: a model's release or an event."""

    entity: EntityKind
    slug: str
    name: str
    lab: str
    lab_name: str
    date: PartialDate
    kind: str | None

    @property
    def day_precise(self) -> bool:
        return self.date.precision == "day"


@dataclass(frozen=True, slots=True)
class Mark:
    """An entry of the other lab within the window: `gap_days` > 0 when it came later."""

    other: Entry
    gap_days: int


@dataclass(frozen=True, slots=True)
class Line:
    entry: Entry
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True, slots=True)
class Month:
    """Entries of one month (`month` None: known only to the year)."""

    year: int
    month: int | None
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Query:
    """What a timeline shows; `lab` and `vs` are lab slugs already resolved."""

    lab: str | None = None
    vs: str | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    kind: str | None = None
    lab_names: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Page:
    query: Query
    lines: tuple[Line, ...]
    number: int
    pages: int
    total: int
    page_size: int = PAGE_SIZE

    @property
    def months(self) -> list[Month]:
        """The page's lines grouped by month, in order."""
        groups: list[Month] = []
        for line in self.lines:
            key = (line.entry.date.year, line.entry.date.month)
            if groups and (groups[-1].year, groups[-1].month) == key:
                last = groups[-1]
                groups[-1] = Month(last.year, last.month, (*last.lines, line))
            else:
                groups.append(Month(key[0], key[1], (line,)))
        return groups

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


# ---------------------------------------------------------------- reading the options


def parse_bound(text: str | None, option: str) -> PartialDate | None:
    """Read `since`/`until` as typed; a ModelRadarError says what to type instead."""
    if text is None or not str(text).strip():
        return None
    try:
        return parse_date(str(text).strip())
    except DateError as exc:
        raise ModelRadarError(
            f"`{option}`: {exc}. Type a year, a month or a day, such as {ACCEPTED}.",
            phrase("bad_date", option=option, reason=exc.said or str(exc)),
        ) from None


def check_kind(kind: str | None) -> str | None:
    if kind is None or not kind.strip():
        return None
    value = kind.strip().lower()
    if value not in KINDS:
        raise ModelRadarError(
            f"`kind` {kind!r} is not one of: {', '.join(KINDS)}. Type one of these, "
            "or leave it out for everything.",
            phrase("timeline_kind", kind=repr(kind), kinds=KINDS),
        )
    return value


def make_query(
    *,
    lab: str | None = None,
    vs: str | None = None,
    since: str | PartialDate | None = None,
    until: str | PartialDate | None = None,
    kind: str | None = None,
    lab_names: dict[str, str] | None = None,
) -> Query:
    """Check the options together: `vs` needs `lab`, and `since` may not be after `until`."""
    since_date = since if isinstance(since, PartialDate) else parse_bound(since, "since")
    until_date = until if isinstance(until, PartialDate) else parse_bound(until, "until")
    if since_date and until_date and since_date.start > until_date.end:
        raise ModelRadarError(
            f"`since` ({since_date}) is after `until` ({until_date}). Type an earlier "
            f"`since` or a later `until`, for example since: {until_date} until: {since_date}.",
            phrase("since_after_until", since=str(since_date), until=str(until_date)),
        )
    if vs and not lab:
        raise ModelRadarError(
            "`vs` compares a second lab with `lab`: give both, for example "
            "lab: deepseek vs: moonshot.",
            phrase("vs_needs_lab"),
        )
    if vs and vs == lab:
        raise ModelRadarError(
            f"`lab` and `vs` are both {lab!r}: pick two different labs, for example "
            "lab: deepseek vs: moonshot.",
            phrase("same_labs", lab=repr(lab)),
        )
    return Query(lab, vs, since_date, until_date, check_kind(kind), dict(lab_names or {}))


def lower_key(since: PartialDate) -> str:
    """The smallest sort key whose first possible day is on or after `since`'s first day."""
    start = since.start
    if start.month == 1 and start.day == 1:
        return f"{start.year:04d}-00-00"
    if start.day == 1:
        return f"{start.year:04d}-{start.month:02d}-00"
    return start.isoformat()


def upper_key(until: PartialDate) -> str:
    """The largest sort key whose first possible day is on or before `until`'s last day."""
    return until.end.isoformat()


def _entry(row: Any) -> Entry:
    return Entry(
        entity=row["entity"],
        slug=row["slug"],
        name=row["name"],
        lab=row["lab"],
        lab_name=row["lab_name"],
        date=PartialDate.from_sort_key(row["day"]),
        kind=row["kind"],
    )


# ---------------------------------------------------------------- the timeline


def _bounds(query: Query) -> tuple[str | None, str | None]:
    lo = lower_key(query.since) if query.since else None
    hi = upper_key(query.until) if query.until else None
    return lo, hi


def _labs(query: Query) -> list[str] | None:
    if query.lab is None:
        return None
    return [query.lab] if query.vs is None else [query.lab, query.vs]


async def count(store: Store, query: Query) -> int:
    lo, hi = _bounds(query)
    return await queries.count(store, _labs(query), lo, hi, query.kind)


async def page(store: Store, query: Query, number: int = 1, *, strict: bool = False) -> Page:
    """Page `number` (from 1) of the timeline, with its total. Out of range: the nearest
    page, or a ModelRadarError when `strict` (the terminal's --page).

    One query reads the page and its total (the labs' ids looked up inside it); only an
    empty page past the first costs a separate count and a second read."""
    lo, hi = _bounds(query)
    labs = _labs(query)

    async def read(at: int) -> tuple[list[Entry], int | None]:
        rows = await queries.page_rows(
            store, labs, lo, hi, query.kind, limit=PAGE_SIZE, offset=(at - 1) * PAGE_SIZE
        )
        return [_entry(row) for row in rows], (int(rows[0]["total"]) if rows else None)

    asked = max(1, number)
    entries, total = await read(asked)
    if total is None:  # an empty timeline, or a page past its end
        total = 0 if asked == 1 else await count(store, query)
    pages = max(1, -(-total // PAGE_SIZE))
    if strict and not 1 <= number <= pages:
        raise ModelRadarError(
            f"There is no page {number}: this timeline has {pages} "
            f"page{'s' if pages != 1 else ''}. Type a page from 1 to {pages}."
        )
    number = min(asked, pages)
    if number != asked:
        entries, _ = await read(number)
    lines = await _marked(store, query, entries) if query.vs else [Line(e) for e in entries]
    return Page(query, tuple(lines), number, pages, total)


async def all_entries(store: Store, query: Query, *, newest: int | None = None) -> list[Entry]:
    """The entries the query keeps, in order; with `newest`, only the last that many (the
    chart draws at most a readable number)."""
    lo, hi = _bounds(query)
    offset = 0
    if newest is not None:
        offset = max(0, await count(store, query) - newest)
    rows = await queries.entry_rows(
        store, _labs(query), lo, hi, query.kind, limit=newest, offset=offset
    )
    return [_entry(row) for row in rows]


def _shift(day: dt.date, days: int) -> str:
    try:
        return (day + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return "0000-00-00" if days < 0 else "9999-99-99"


async def _marked(store: Store, query: Query, entries: list[Entry]) -> list[Line]:
    """Mark each day-precise entry that lies within MARK_WINDOW_DAYS of an entry of the other
    lab (the other lab's entries are read once, for the page's span plus the window)."""
    dated = [e for e in entries if e.day_precise]
    if not dated:
        return [Line(e) for e in entries]
    lo = _shift(min(e.date.start for e in dated), -MARK_WINDOW_DAYS)
    hi = _shift(max(e.date.start for e in dated), MARK_WINDOW_DAYS)
    rows = await queries.page_rows(store, _labs(query), lo, hi, query.kind)
    near = [e for e in map(_entry, rows) if e.day_precise]
    return [Line(e, marks_for(e, near)) for e in entries]


def marks_for(
    entry: Entry, others: Sequence[Entry], window_days: int = MARK_WINDOW_DAYS
) -> tuple[Mark, ...]:
    """Entries of another lab within the window of `entry`, nearest first (day precision only:
    a date known only to a month cannot be within a week of anything)."""
    if not entry.day_precise:
        return ()
    day = entry.date.start
    marks = [
        Mark(other, (other.date.start - day).days)
        for other in others
        if other.lab != entry.lab
        and other.day_precise
        and abs((other.date.start - day).days) <= window_days
    ]
    marks.sort(key=lambda m: (abs(m.gap_days), m.other.entity != "model", m.other.name))
    return tuple(marks)
