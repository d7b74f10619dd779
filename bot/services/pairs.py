"""Finding pairs of entries of different labs within a window of days: the sweep.

Finding pairs sorts the entries once by date and sweeps a window over them from the newest
day, so the work is O(n log n + pairs made) (plus, without `lab`, a lab's own entries that
share a window), never a comparison of all pairs; with a limit it stops at the newest ones,
and the total is counted by bisection without making the pairs. Pure functions: the
/coincidences service (services/coincidences.py) feeds them integers read from the store.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

from bot.domain.dates import PartialDate
from bot.services.timeline import Entry


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


def order_key(entry: Entry) -> tuple[int, bool, str, str]:
    return (entry.date.start.toordinal(), entry.entity != "model", entry.name, entry.slug)


def _sides(
    entries: Iterable[Entry], lab: str | None, vs: str | None
) -> tuple[list[Entry], list[Entry]]:
    """The day-precise entries, sorted: (lab's, the others it may pair with); without a lab,
    both sides are every entry."""
    dated = sorted((e for e in entries if e.day_precise), key=order_key)
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


def sweep(
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


def arrange(
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
    groups = sweep(mine_days, [e.lab for e in mine], their_days, window_days, limit)
    found = arrange(
        groups,
        lambda a: order_key(mine[a]),
        lambda b: order_key(theirs[b]),
        lab is None,
        limit,
    )
    return [Pair(mine[a], theirs[b], gap) for a, b, gap in found]


def count_all(
    mine_days: Sequence[int],
    mine_labs: Sequence[Hashable],
    their_days: Sequence[int] | None,
    window_days: int,
) -> int:
    """How many pairs sweep() would find without a limit, in O(n log n) (the bisections run
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
    return count_all([_day(e) for e in mine], [e.lab for e in mine], their_days, window_days)


# ---------------------------------------------------------------- one row per sibling group


@dataclass(frozen=True, slots=True)
class PairRow:
    """Pairs that read as one: siblings of one family, of one lab, released the same day, on
    either side ("DeepSeek-V4-Pro, V4-Flash ⇄ Kimi K2.6"). Each side keeps pair order."""

    firsts: tuple[Entry, ...]
    seconds: tuple[Entry, ...]
    gap_days: int

    @property
    def pairs(self) -> int:
        """How many pairs this row stands for."""
        return len(self.firsts) * len(self.seconds)


def _group_key(entry: Entry, family_of: Callable[[Entry], str | None]) -> tuple[str, ...]:
    """Entries with the same key are siblings: a model's family, lab and day; anything
    without a family (events, lone models) is its own group."""
    family = family_of(entry) if entry.entity == "model" else None
    if family is None:
        return (entry.entity, entry.slug)
    return ("family", family, entry.lab, entry.date.iso())


def collapse(
    pairs: Sequence[Pair], family_of: Callable[[Entry], str | None], *, one_side: bool
) -> list[PairRow]:
    """The pairs as rows, siblings on a side merged, in the order of each row's first pair.

    A row merges the pairs whose first entries are siblings and whose second entries are
    siblings. With `one_side` (no lab asked for), a same-day pair may come either way round;
    its sides are put in a fixed order so that siblings still meet."""
    rows: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[list[Entry], list[Entry], int]] = {}
    for pair in pairs:
        first, second = pair.first, pair.second
        one, two = _group_key(first, family_of), _group_key(second, family_of)
        if one_side and pair.gap_days == 0 and two < one:
            first, second, one, two = second, first, two, one
        firsts, seconds, _ = rows.setdefault((one, two), ([], [], pair.gap_days))
        if first not in firsts:
            firsts.append(first)
        if second not in seconds:
            seconds.append(second)
    return [PairRow(tuple(a), tuple(b), gap) for a, b, gap in rows.values()]
