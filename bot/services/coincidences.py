"""Coincidences: releases (models and events) by different labs within a few days of each other.

Only day-precise dates take part. A date known only to a month or a year ("2025-01",
"2026") cannot be said to fall within N days of another, so such entries are skipped and
counted in `Coincidences.skipped` rather than matched at their first possible day.

An event linked to a model of its own lab released the same day ("DeepSeek-R1 released",
beside the DeepSeek-R1 model) is that model's release again; it is left out so that one
coincidence does not show up once per announcement of it. Papers and reports on other days
stay in.

The sweep itself (services/pairs.py) works on integers read by one query; entries are
built only for the pairs returned.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError, phrase
from bot.domain.gc import gc_paused
from bot.services.pairs import (
    Found,
    Pair,
    arrange,
    count_all,
    order_key,
    sweep,
)
from bot.services.timeline import Entry, lower_key, parse_bound
from bot.store import Store
from bot.store import coincidences as queries
from bot.store.coincidences import SweepRow

DEFAULT_WINDOW_DAYS = 7
MAX_WINDOW_DAYS = 365
# Sweeps over more entries than this run in a worker thread (about 10 ms of work).
THREAD_ABOVE = 2000


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
            f"(the same day) to {MAX_WINDOW_DAYS}; {DEFAULT_WINDOW_DAYS} is the default.",
            phrase(
                "window_days", days=window_days, most=MAX_WINDOW_DAYS, usual=DEFAULT_WINDOW_DAYS
            ),
        )
    return window_days


# Positions of SweepRow's fields: the sweep reads the driver's rows as they come (no object
# per row: at 100k entries that would be 100k allocations for the collector to traverse).
_ORDINAL, _LAB, _IS_EVENT, _ID = range(len(SweepRow._fields))
_entry_key = itemgetter(_IS_EVENT, _ID)
_ordinal = itemgetter(_ORDINAL)


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
            rows = [row for row in rows if not (row[_IS_EVENT] and row[_ID] in repeats)]
        present = {row[_LAB] for row in rows}
        dated = [row for row in rows if row[_ORDINAL] is not None]
        if one_lab_only:
            skipped = sum(1 for row in rows if row[_ORDINAL] is None and row[_LAB] == lab_id)
        else:
            skipped = len(rows) - len(dated)
        dated.sort(key=_ordinal)
        if lab_id is None:
            mine = theirs = dated
        else:
            mine = [row for row in dated if row[_LAB] == lab_id]
            theirs = [row for row in dated if row[_LAB] != lab_id]
        mine_days = [row[_ORDINAL] for row in mine]
        mine_labs = [row[_LAB] for row in mine]
        their_days = None if lab_id is None else [row[_ORDINAL] for row in theirs]
        groups = sweep(mine_days, mine_labs, their_days, window, limit)
        total = count_all(mine_days, mine_labs, their_days, window)
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
        rows = await queries.sweep_rows(store, ids, lo)
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
    found = arrange(
        swept.groups,
        lambda a: order_key(entries[_entry_key(mine[a])]),
        lambda b: order_key(entries[_entry_key(theirs[b])]),
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
