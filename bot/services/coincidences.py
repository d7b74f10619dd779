"""Coincidences: releases (models and events) by different labs within a few days of each other.

Only day-precise dates take part. A date known only to a month or a year ("2025-01",
"2026") cannot be said to fall within N days of another, so such entries are skipped and
counted in `Coincidences.skipped` rather than matched at their first possible day.

An event linked to a model of its own lab released the same day ("DeepSeek-R1 released",
beside the DeepSeek-R1 model) is that model's release again; it is left out so that one
coincidence does not show up once per announcement of it. Papers and reports on other days
stay in.

Finding pairs sorts the entries once by date and sweeps a window over them, so the work is
O(n log n + pairs) (plus, without `lab`, a lab's own entries that share a window), never a
comparison of all pairs.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError
from bot.services.timeline import Entry, fetch_entries, lower_key, parse_bound
from bot.store import Store

DEFAULT_WINDOW_DAYS = 7
MAX_WINDOW_DAYS = 365


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


def find_pairs(
    entries: Iterable[Entry],
    window_days: int,
    *,
    lab: str | None = None,
    vs: str | None = None,
) -> list[Pair]:
    """Pairs of day-precise entries of different labs at most `window_days` apart, newest
    first. With `lab`, only pairs with one side of that lab (and the other of `vs`, if given).
    """
    dated = sorted((e for e in entries if e.day_precise), key=_order)
    pairs: list[Pair] = []
    if lab is not None:
        mine = [e for e in dated if e.lab == lab]
        theirs = [e for e in dated if e.lab != lab and (vs is None or e.lab == vs)]
        days = [e.date.start.toordinal() for e in theirs]
        for entry in mine:
            day = entry.date.start.toordinal()
            lo = bisect.bisect_left(days, day - window_days)
            hi = bisect.bisect_right(days, day + window_days)
            pairs.extend(
                Pair(entry, other, abs(days[k] - day)) for k, other in enumerate(theirs[lo:hi], lo)
            )
    else:
        days = [e.date.start.toordinal() for e in dated]
        left = 0
        for i, entry in enumerate(dated):
            while days[i] - days[left] > window_days:
                left += 1
            pairs.extend(
                Pair(dated[j], entry, days[i] - days[j])
                for j in range(left, i)
                if dated[j].lab != entry.lab
            )
    pairs.sort(
        key=lambda p: (
            -max(p.first.date.start, p.second.date.start).toordinal(),
            p.gap_days,
            _order(p.first),
            _order(p.second),
        )
    )
    return pairs


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
) -> Coincidences:
    """Pairs of releases by different labs within `window_days`, newest first. `lab` and `vs`
    are lab slugs (already resolved); `since` keeps pairs whose two entries are on or after
    it."""
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
    return Coincidences(
        window_days=window,
        pairs=tuple(find_pairs(kept, window, lab=lab, vs=vs)),
        lab=lab,
        vs=vs,
        since=since_date,
        skipped=skipped,
        lab_names=names,
    )
