"""Coincidences: releases (models and events) by different labs within a few days of each other.

Only day-precise dates take part. A date known only to a month or a year ("2025-01",
"2026") cannot be said to fall within N days of another, so such entries are skipped and
counted in `Coincidences.skipped` rather than matched at their first possible day.

An event linked to a model of its own lab released the same day ("DeepSeek-R1 released",
beside the DeepSeek-R1 model) is that model's release again; it is left out so that one
coincidence does not show up once per announcement of it. Papers and reports on other days
stay in.

Finding pairs sorts the entries once by date and sweeps a window over them from the newest
day, so the work is O(n log n + pairs made) (plus, without `lab`, a lab's own entries that
share a window), never a comparison of all pairs; with a limit it stops at the newest ones,
and the total is counted by bisection without making the pairs.
"""

from __future__ import annotations

import asyncio
import bisect
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import repeat
from operator import itemgetter
from typing import Any

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError
from bot.domain.gc import gc_paused
from bot.services.timeline import Entry, lower_key, parse_bound
from bot.store import Store
from bot.store import coincidences as queries
from bot.store.coincidences import SweepRow

DEFAULT_WINDOW_DAYS = 7
MAX_WINDOW_DAYS = 365
# Sweeps over more entries than this run in a worker thread (about 10 ms of work).
THREAD_ABOVE = 2000


@dataclass(frozen=True, slots=True)
class Pair:
    """Two entries of different labs; `first` is the `lab` side when a lab was asked for,
    else the earlier one. `gap_days` is how many days apart they are (0: the same day)."""

    first: Entry
    second: Entry
    gap_days: int

    @property
    def newest(self) -> PartialDate:
        return max(self.first.date, self.second.date)


@dataclass(frozen=True, slots=True)
class Coincidences:
    window_days: int
    pairs: tuple[Pair, ...]
    lab: str | None = None
    vs: str | None = None
    since: PartialDate | None = None
    skipped: int = 0
    lab_names: dict[str, str] = field(default_factory=dict, compare=False)
    total: int | None = None
    offset: int = 0
    """How many newer pairs come before these (a later page)."""

    @property
    def count(self) -> int:
        """Every pair found, including those beyond the limit asked for."""
        return len(self.pairs) if self.total is None else self.total


def check_window(window_days: int | None) -> int:
    if window_days is None:
        return DEFAULT_WINDOW_DAYS
    if not 0 <= window_days <= MAX_WINDOW_DAYS:
        raise ModelRadarError(
            f"`window_days` {window_days} is out of range: type a number of days from 0 "
            f"(the same day) to {MAX_WINDOW_DAYS}; {DEFAULT_WINDOW_DAYS} is the default."
        )
    return window_days


def _order(entry: Entry) -> tuple[int, bool, str, str]:
    return (entry.date.start.toordinal(), entry.entity != "model", entry.name, entry.slug)


def _sides(
    entries: Iterable[Entry], lab: str | None, vs: str | None
) -> tuple[list[Entry], list[Entry]]:
    """The day-precise entries, sorted: (lab's, the others it may pair with); without a lab,
    both sides are every entry."""
    dated = sorted((e for e in entries if e.day_precise), key=_order)
    if lab is None:
        return dated, dated
    mine = [e for e in dated if e.lab == lab]
    theirs = [e for e in dated if e.lab != lab and (vs is None or e.lab == vs)]
    return mine, theirs


def _day(entry: Entry) -> int:
    return entry.date.start.toordinal()


# One pair found by the sweep: (index on the first side, index on the second side, gap).
# An entry's place in the timeline: (day ordinal, is an event, name, slug).
OrderKey = tuple[int, bool, str, str]
Found = tuple[int, int, int]


def _sweep(
    mine_days: Sequence[int],
    mine_labs: Sequence[Hashable],
    their_days: Sequence[int] | None,
    window_days: int,
    limit: int | None,
) -> list[list[Found]]:
    """The pairs as indices, grouped by the later day, newest group first; stops after the
    group that reaches `limit`. Days are sorted; entries of one day may be in any order.

    Without a lab (`their_days` None) there is one side: (j, i, gap) with j < i and labs
    that differ. With a lab: (index in mine, index in theirs, gap)."""
    by_day_mine: dict[int, list[int]] = {}
    for index, day in enumerate(mine_days):
        by_day_mine.setdefault(day, []).append(index)
    by_day_theirs: dict[int, list[int]] = {}
    if their_days is not None:
        for index, day in enumerate(their_days):
            by_day_theirs.setdefault(day, []).append(index)
    groups: list[list[Found]] = []
    made = 0
    left = bisect.bisect_left
    for day in sorted(by_day_mine.keys() | by_day_theirs.keys(), reverse=True):
        group: list[Found] = []
        low = day - window_days
        if their_days is None:
            # Every older (or same-day, earlier-placed) entry of another lab in the window.
            start = left(mine_days, low)
            for i in by_day_mine.get(day, []):
                own = mine_labs[i]
                group.extend(
                    (j, i, day - mine_days[j]) for j in range(start, i) if mine_labs[j] != own
                )
        else:
            # The lab's entries of this day with the others' of this day or before ...
            hi = bisect.bisect_right(their_days, day)
            start = left(their_days, low)
            for i in by_day_mine.get(day, []):
                group.extend((i, k, day - their_days[k]) for k in range(start, hi))
            # ... and the others' entries of this day with the lab's strictly before.
            before = left(mine_days, day)
            start = left(mine_days, low)
            for k in by_day_theirs.get(day, []):
                group.extend((i, k, day - mine_days[i]) for i in range(start, before))
        if group:
            groups.append(group)
            made += len(group)
            if limit is not None and made >= limit:
                break
    return groups


def _arrange(
    groups: list[list[Found]],
    first: Callable[[int], OrderKey],
    second: Callable[[int], OrderKey],
    one_side: bool,
    limit: int | None,
) -> list[Found]:
    """The sweep's pairs in their final order, cut at `limit`: by group, then the smaller
    gap, then the two entries' timeline order (given by `first` and `second`); with one
    side, a same-day pair puts the earlier entry first. Entries are ranked once, so each
    pair sorts by one integer."""
    firsts_seen = {a for group in groups for a, _, _ in group}
    seconds_seen = {b for group in groups for _, b, _ in group}
    if one_side:
        firsts = seconds = sorted(firsts_seen | seconds_seen, key=first)
    else:
        firsts = sorted(firsts_seen, key=first)
        seconds = sorted(seconds_seen, key=second)
    rank_first = {index: rank for rank, index in enumerate(firsts)}
    rank_second = rank_first if one_side else {i: rank for rank, i in enumerate(seconds)}
    size = max(len(firsts), len(seconds)) + 1
    found: list[Found] = []
    for group in groups:
        ranked: list[tuple[int, Found]] = []
        for a, b, gap in group:
            one, two = rank_first[a], rank_second[b]
            if one_side and gap == 0 and two < one:
                a, b, one, two = b, a, two, one
            ranked.append(((gap * size + one) * size + two, (a, b, gap)))
        ranked.sort(key=itemgetter(0))
        found.extend(pair for _, pair in ranked)
        if limit is not None and len(found) >= limit:
            break
    return found if limit is None else found[:limit]


def find_pairs(
    entries: Iterable[Entry],
    window_days: int,
    *,
    lab: str | None = None,
    vs: str | None = None,
    limit: int | None = None,
) -> list[Pair]:
    """Pairs of day-precise entries of different labs at most `window_days` apart, newest
    first (by the later date, then the smaller gap). With `lab`, only pairs with one side of
    that lab, put first (and the other of `vs`, if given). With `limit`, the sweep stops
    once that many are found, so the newest pairs of a huge catalog cost little.

    The sweep walks the days from the newest; for each entry it finds the window's older
    entries by bisection, so the work is O(n log n + pairs produced) (without `lab`, plus
    the same-lab entries that share a window)."""
    mine, theirs = _sides(entries, lab, vs)
    mine_days = [_day(e) for e in mine]
    their_days = None if lab is None else [_day(e) for e in theirs]
    groups = _sweep(mine_days, [e.lab for e in mine], their_days, window_days, limit)
    found = _arrange(
        groups,
        lambda a: _order(mine[a]),
        lambda b: _order(theirs[b]),
        lab is None,
        limit,
    )
    return [Pair(mine[a], theirs[b], gap) for a, b, gap in found]


def _count(
    mine_days: Sequence[int],
    mine_labs: Sequence[Hashable],
    their_days: Sequence[int] | None,
    window_days: int,
) -> int:
    """How many pairs _sweep() would find without a limit, in O(n log n) (the bisections run
    through map(), without a Python step per entry)."""
    left, right = bisect.bisect_left, bisect.bisect_right
    if their_days is not None:
        highs = [day + window_days for day in mine_days]
        lows = [day - window_days for day in mine_days]
        return sum(map(right, repeat(their_days), highs)) - sum(map(left, repeat(their_days), lows))

    def within(days: Sequence[int]) -> int:
        """Pairs of these sorted days at most the window apart: each entry with those
        before it in the window."""
        lows = [day - window_days for day in days]
        return len(days) * (len(days) - 1) // 2 - sum(map(left, repeat(days), lows))

    per_lab: dict[Hashable, list[int]] = {}
    for lab, day in zip(mine_labs, mine_days, strict=True):
        per_lab.setdefault(lab, []).append(day)
    # every pair in the window, less those of one lab
    return within(mine_days) - sum(within(days) for days in per_lab.values())


def count_pairs(
    entries: Iterable[Entry],
    window_days: int,
    *,
    lab: str | None = None,
    vs: str | None = None,
) -> int:
    """How many pairs find_pairs() would give, in O(n log n), without making them."""
    mine, theirs = _sides(entries, lab, vs)
    their_days = None if lab is None else [_day(e) for e in theirs]
    return _count([_day(e) for e in mine], [e.lab for e in mine], their_days, window_days)


_entry_key = itemgetter(SweepRow._fields.index("is_event"), SweepRow._fields.index("id"))
_ordinal = itemgetter(SweepRow._fields.index("ordinal"))


@dataclass(frozen=True, slots=True)
class _Swept:
    """What one sweep over the rows found: pair groups as positions into `mine` and
    `theirs` (SweepRow-shaped rows), the undated entries skipped, the total of pairs, and the
    labs present."""

    groups: list[list[Found]]
    mine: list[Any]
    theirs: list[Any]
    skipped: int
    total: int
    present: set[int]


def _sweep_rows(
    rows: list[Any],
    repeats: set[int],
    lab_id: int | None,
    one_lab_only: bool,
    window: int,
    limit: int | None,
) -> _Swept:
    """The sweep on integers (synchronous: in a worker thread for a large catalog)."""
    with gc_paused():
        if repeats:
            rows = [row for row in rows if not (row.is_event and row.id in repeats)]
        present = {row.lab_id for row in rows}
        dated = [row for row in rows if row.ordinal is not None]
        if one_lab_only:
            skipped = sum(1 for row in rows if row.ordinal is None and row.lab_id == lab_id)
        else:
            skipped = len(rows) - len(dated)
        dated.sort(key=_ordinal)
        if lab_id is None:
            mine = theirs = dated
        else:
            mine = [row for row in dated if row.lab_id == lab_id]
            theirs = [row for row in dated if row.lab_id != lab_id]
        mine_days = [row.ordinal for row in mine]
        mine_labs = [row.lab_id for row in mine]
        their_days = None if lab_id is None else [row.ordinal for row in theirs]
        groups = _sweep(mine_days, mine_labs, their_days, window, limit)
        total = _count(mine_days, mine_labs, their_days, window)
    return _Swept(groups, mine, theirs, skipped, total, present)


async def _details(
    store: Store, wanted: set[tuple[int, int]], labs: dict[int, tuple[str, str]]
) -> dict[tuple[int, int], Entry]:
    """Entry objects for these (is_event, id) keys, read by id."""
    found: dict[tuple[int, int], Entry] = {}
    for is_event, entity in ((0, "model"), (1, "event")):
        ids = sorted(i for e, i in wanted if e == is_event)
        for row in await queries.details(store, entity, ids):  # type: ignore[arg-type]
            slug, name = labs[row["lab_id"]]
            found[(is_event, row["id"])] = Entry(
                entity=row["entity"],
                slug=row["slug"],
                name=row["name"],
                lab=slug,
                lab_name=name,
                date=PartialDate.from_sort_key(row["day"]),
                kind=row["kind"],
            )
    return found


async def coincidences(
    store: Store,
    *,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
    lab: str | None = None,
    vs: str | None = None,
    since: str | PartialDate | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Coincidences:
    """Pairs of releases by different labs within `window_days`, newest first. `lab` and `vs`
    are lab slugs (already resolved); `since` keeps pairs whose two entries are on or after
    it. With `limit`, only the newest `limit` pairs after the first `offset` are made (a
    page); `total` counts them all.

    The sweep reads only (day, lab, kind of entry, id) of each entry and works on integers;
    entries are built only for the pairs returned."""
    window = check_window(window_days)
    since_date = since if isinstance(since, PartialDate) else parse_bound(since, "since")
    if vs and not lab:
        raise ModelRadarError(
            "`vs` pairs a second lab with `lab`: give both, for example lab: deepseek vs: moonshot."
        )
    if vs and vs == lab:
        raise ModelRadarError(
            f"`lab` and `vs` are both {lab!r}: pick two different labs, for example "
            "lab: deepseek vs: moonshot."
        )
    offset = max(0, offset)
    result = await _coincidences(
        store, window, lab, vs, since_date, None if limit is None else offset + limit
    )
    if not offset:
        return result
    return replace(result, pairs=result.pairs[offset:], offset=offset)


async def _coincidences(
    store: Store,
    window: int,
    lab: str | None,
    vs: str | None,
    since_date: PartialDate | None,
    limit: int | None,
) -> Coincidences:
    labs = await queries.labs_by_id(store)
    by_slug = {slug: lab_id for lab_id, (slug, _) in labs.items()}
    lab_id = by_slug.get(lab) if lab else None
    vs_id = by_slug.get(vs) if vs else None
    ids: list[int] | None = None
    if lab and vs:
        ids = [i for i in (lab_id, vs_id) if i is not None]
    rows: list[Any] = []
    if ids is None or ids:
        lo = lower_key(since_date) if since_date else None
        rows = [SweepRow._make(row) for row in await queries.sweep_rows(store, ids, lo)]
    repeats = await queries.repeated_events(store)
    if lab and lab_id is None:  # an unknown lab has no entries: nothing is "mine"
        lab_id = -1
    args = (rows, repeats, lab_id, bool(lab) and vs is None, window, limit)
    # In a worker thread: a large catalog must not stall the bot's event loop.
    swept = (
        await asyncio.to_thread(_sweep_rows, *args)
        if len(rows) > THREAD_ABOVE
        else (_sweep_rows(*args))
    )
    mine, theirs = swept.mine, swept.theirs
    wanted = {_entry_key(mine[a]) for group in swept.groups for a, _, _ in group}
    wanted.update(_entry_key(theirs[b]) for group in swept.groups for _, b, _ in group)
    entries = await _details(store, wanted, labs)
    found = _arrange(
        swept.groups,
        lambda a: _order(entries[_entry_key(mine[a])]),
        lambda b: _order(entries[_entry_key(theirs[b])]),
        lab is None,
        limit,
    )
    pairs = [
        Pair(entries[_entry_key(mine[a])], entries[_entry_key(theirs[b])], gap)
        for a, b, gap in found
    ]
    return Coincidences(
        window_days=window,
        pairs=tuple(pairs),
        lab=lab,
        vs=vs,
        since=since_date,
        skipped=swept.skipped,
        lab_names={labs[i][0]: labs[i][1] for i in swept.present},
        total=swept.total,
    )
