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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError
from bot.services.timeline import Entry, fetch_entries, lower_key, parse_bound
from bot.store import Store

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


def _day(entry: Entry) -> int:
    return entry.date.start.toordinal()


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


def _pair_key(pair: Pair) -> tuple[int, tuple[int, bool, str, str], tuple[int, bool, str, str]]:
    return (pair.gap_days, _order(pair.first), _order(pair.second))


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
    their_days = [_day(e) for e in theirs]
    by_day_mine: dict[int, list[int]] = {}
    for index, day in enumerate(mine_days):
        by_day_mine.setdefault(day, []).append(index)
    by_day_theirs: dict[int, list[int]] = {}
    if lab is not None:
        for index, day in enumerate(their_days):
            by_day_theirs.setdefault(day, []).append(index)
    pairs: list[Pair] = []
    for day in sorted(by_day_mine.keys() | by_day_theirs.keys(), reverse=True):
        group: list[Pair] = []
        low = day - window_days
        if lab is None:
            # Every older (or same-day, earlier-sorted) entry of another lab in the window.
            for i in by_day_mine.get(day, []):
                entry = mine[i]
                for j in range(bisect.bisect_left(mine_days, low), i):
                    if mine[j].lab != entry.lab:
                        group.append(Pair(mine[j], entry, day - mine_days[j]))
        else:
            # The lab's entries of this day with the others' of this day or before ...
            hi = bisect.bisect_right(their_days, day)
            for i in by_day_mine.get(day, []):
                group.extend(
                    Pair(mine[i], theirs[k], day - their_days[k])
                    for k in range(bisect.bisect_left(their_days, low), hi)
                )
            # ... and the others' entries of this day with the lab's strictly before.
            before = bisect.bisect_left(mine_days, day)
            for k in by_day_theirs.get(day, []):
                group.extend(
                    Pair(mine[i], theirs[k], day - mine_days[i])
                    for i in range(bisect.bisect_left(mine_days, low), before)
                )
        group.sort(key=_pair_key)
        pairs.extend(group)
        if limit is not None and len(pairs) >= limit:
            return pairs[:limit]
    return pairs


def count_pairs(
    entries: Iterable[Entry],
    window_days: int,
    *,
    lab: str | None = None,
    vs: str | None = None,
) -> int:
    """How many pairs find_pairs() would give, in O(n log n), without making them."""
    mine, theirs = _sides(entries, lab, vs)
    if lab is not None:
        days = [_day(e) for e in theirs]
        return sum(
            bisect.bisect_right(days, _day(e) + window_days)
            - bisect.bisect_left(days, _day(e) - window_days)
            for e in mine
        )
    days = [_day(e) for e in mine]
    per_lab: dict[str, list[int]] = {}
    total = 0
    for i, entry in enumerate(mine):
        own = per_lab.setdefault(entry.lab, [])
        # entries before this one in the window, less those of the same lab
        total += i - bisect.bisect_left(days, days[i] - window_days)
        total -= len(own) - bisect.bisect_left(own, days[i] - window_days)
        own.append(days[i])
    return total


# Events whose linked model of the same lab was released the same day.
_REPEATS = (
    "SELECT e.slug FROM events e JOIN event_models em ON em.event_id = e.id "
    "JOIN models m ON m.id = em.model_id WHERE m.lab_id = e.lab_id AND m.released = e.date"
)


async def coincidences(
    store: Store,
    *,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
    lab: str | None = None,
    vs: str | None = None,
    since: str | PartialDate | None = None,
    limit: int | None = None,
) -> Coincidences:
    """Pairs of releases by different labs within `window_days`, newest first. `lab` and `vs`
    are lab slugs (already resolved); `since` keeps pairs whose two entries are on or after
    it. With `limit`, only the newest `limit` pairs are made; `total` counts them all."""
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
    labs: Sequence[str] | None = [lab, vs] if lab and vs else None
    entries = await fetch_entries(
        store, labs=labs, lo=lower_key(since_date) if since_date else None
    )
    repeats = {row[0] for row in await store.fetchall(_REPEATS)}
    kept = [e for e in entries if not (e.entity == "event" and e.slug in repeats)]
    relevant = [e for e in kept if lab is None or vs is not None or e.lab == lab]
    skipped = sum(1 for e in relevant if not e.day_precise)
    names = {e.lab: e.lab_name for e in kept}

    def sweep() -> tuple[list[Pair], int]:
        pairs = find_pairs(kept, window, lab=lab, vs=vs, limit=limit)
        return pairs, count_pairs(kept, window, lab=lab, vs=vs)

    # In a worker thread: a large catalog must not stall the bot's event loop.
    pairs, total = await asyncio.to_thread(sweep) if len(kept) > THREAD_ABOVE else sweep()
    return Coincidences(
        window_days=window,
        pairs=tuple(pairs),
        lab=lab,
        vs=vs,
        since=since_date,
        skipped=skipped,
        lab_names=names,
        total=total,
    )
