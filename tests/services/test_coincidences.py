"""Coincidences: pairs of releases by different labs within a window, found by a sweep."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError
from bot.services.coincidences import coincidences
from bot.services.pairs import Pair, count_pairs, find_pairs
from bot.services.timeline import Entry
from bot.store import Store
from tests.services.directory_data import event, fill, lab, model


def entry(slug: str, lab: str, date: str, entity: str = "model") -> Entry:
    parts = [int(p) for p in date.split("-")]
    return Entry(entity, slug, slug, lab, lab.title(), PartialDate(*parts), None)  # type: ignore[arg-type]


def names(pairs: list[Pair] | tuple[Pair, ...]) -> list[tuple[str, str, int]]:
    return [(p.first.slug, p.second.slug, p.gap_days) for p in pairs]


def test_the_window_is_inclusive_at_its_edge() -> None:
    """Entries exactly window_days apart pair up; one day more does not."""
    entries = [entry("a", "x", "2025-01-01"), entry("b", "y", "2025-01-08")]
    assert names(find_pairs(entries, 7)) == [("a", "b", 7)]
    assert find_pairs(entries, 6) == []


def test_window_zero_means_the_same_day() -> None:
    """window 0 pairs same-day releases only."""
    entries = [
        entry("a", "x", "2025-01-01"),
        entry("b", "y", "2025-01-01"),
        entry("c", "z", "2025-01-02"),
    ]
    assert names(find_pairs(entries, 0)) == [("a", "b", 0)]


def test_a_lab_never_coincides_with_itself() -> None:
    """Two releases of the same lab on the same day are not a pair."""
    entries = [entry("a1", "x", "2025-01-01"), entry("a2", "x", "2025-01-01")]
    assert find_pairs(entries, 7) == []


def test_dates_known_only_to_a_month_or_year_make_no_pairs() -> None:
    """ "2025-01" and "2025" are not day-precise, so they pair with nothing."""
    entries = [
        entry("month", "x", "2025-01"),
        entry("year", "y", "2025"),
        entry("day", "z", "2025-01-01"),
    ]
    assert find_pairs(entries, 365) == []


def test_pairs_come_newest_first_and_closest_first_within_a_day() -> None:
    """Sorted by the newer date, newest first, then by gap."""
    entries = [
        entry("old-a", "x", "2024-03-01"),
        entry("old-b", "y", "2024-03-03"),
        entry("new-a", "x", "2025-06-01"),
        entry("new-b", "y", "2025-06-05"),
        entry("new-c", "z", "2025-06-05"),
    ]
    assert names(find_pairs(entries, 7)) == [
        ("new-b", "new-c", 0),
        ("new-a", "new-b", 4),
        ("new-a", "new-c", 4),
        ("old-a", "old-b", 2),
    ]


def test_lab_keeps_pairs_with_that_lab_on_the_first_side() -> None:
    """With lab=y, only pairs involving y, y's entry first; with vs=z, only y and z."""
    entries = [
        entry("x1", "x", "2025-01-01"),
        entry("y1", "y", "2025-01-02"),
        entry("z1", "z", "2025-01-03"),
    ]
    assert names(find_pairs(entries, 7, lab="y")) == [("y1", "z1", 1), ("y1", "x1", 1)]
    assert names(find_pairs(entries, 7, lab="y", vs="z")) == [("y1", "z1", 1)]


def test_the_sweep_finds_exactly_the_pairs_all_pairs_would() -> None:
    """On random dates, the sweep equals checking every pair (with and without lab/vs)."""
    rng = random.Random(7)
    start = dt.date(2024, 1, 1)
    entries = []
    for n in range(300):
        day = start + dt.timedelta(days=rng.randrange(400))
        date = day.isoformat() if rng.random() > 0.1 else day.isoformat()[:7]
        entries.append(entry(f"e{n}", rng.choice("abcde"), date))
    for window, lab_, vs in ((0, None, None), (5, None, None), (30, "a", None), (9, "b", "c")):
        expected = set()
        for one, two in itertools.combinations(entries, 2):
            if not (one.day_precise and two.day_precise) or one.lab == two.lab:
                continue
            gap = abs((one.date.start - two.date.start).days)
            if gap > window:
                continue
            if lab_ and lab_ not in (one.lab, two.lab):
                continue
            if vs and {one.lab, two.lab} != {lab_, vs}:
                continue
            expected.add(frozenset((one.slug, two.slug)))
        found = [
            frozenset((p.first.slug, p.second.slug))
            for p in find_pairs(entries, window, lab=lab_, vs=vs)
        ]
        assert len(found) == len(set(found)) and set(found) == expected
        assert count_pairs(entries, window, lab=lab_, vs=vs) == len(expected)


def test_a_limit_gives_the_newest_pairs_in_the_same_order() -> None:
    """find_pairs(limit=n) is the first n of the full newest-first list, in every mode."""
    rng = random.Random(11)
    start = dt.date(2025, 1, 1)
    entries = [
        entry(
            f"e{n}", rng.choice("abc"), (start + dt.timedelta(days=rng.randrange(90))).isoformat()
        )
        for n in range(120)
    ]
    for lab_, vs in ((None, None), ("a", None), ("a", "b")):
        everything = find_pairs(entries, 6, lab=lab_, vs=vs)
        assert len(everything) > 40
        for limit in (1, 7, 40):
            assert find_pairs(entries, 6, lab=lab_, vs=vs, limit=limit) == everything[:limit]


@pytest.mark.parametrize("window", [-1, 366, 10_000])
async def test_a_window_out_of_range_is_refused(empty_store: Store, window: int) -> None:
    """window_days outside 0..365 gets a message with the allowed range."""
    with pytest.raises(ModelRadarError, match=r"from 0 .* to 365"):
        await coincidences(empty_store, window_days=window)


async def test_vs_without_lab_is_refused(empty_store: Store) -> None:
    """vs needs lab."""
    with pytest.raises(ModelRadarError, match="give both"):
        await coincidences(empty_store, vs="beta")


async def hand_built(store: Store) -> None:
    await fill(
        store,
        [lab("alpha"), lab("beta"), lab("gamma")],
        [
            model("a1", "alpha", "2025-01-10"),
            model("b1", "beta", "2025-01-12"),
            model("g1", "gamma", "2025-01-13"),
            model("b-month", "beta", "2025-01"),
            model("a2", "alpha", "2025-06-01"),
            model("b2", "beta", "2025-06-20"),
        ],
        [
            # a1's own release, the same day: not a second coincidence
            event("a1-release", "alpha", "2025-01-10", kind="release", models=["a1"]),
            # a paper on another day: a coincidence of its own
            event("b-paper", "beta", "2025-06-03", models=["b2"]),
        ],
    )


async def test_the_service_pairs_models_and_events_and_counts_the_skipped(
    empty_store: Store,
) -> None:
    """Models and papers pair up; a model's same-day release event is not counted again."""
    await hand_built(empty_store)
    result = await coincidences(empty_store, window_days=7)
    assert names(result.pairs) == [
        ("a2", "b-paper", 2),
        ("b1", "g1", 1),
        ("a1", "g1", 3),
        ("a1", "b1", 2),
    ]
    assert result.skipped == 1  # b-month
    assert result.count == 4
    newest = await coincidences(empty_store, window_days=7, limit=1)
    assert names(newest.pairs) == [("a2", "b-paper", 2)] and newest.count == 4
    assert result.lab_names["alpha"] == "Alpha"


async def test_the_service_filters_by_lab_vs_and_since(empty_store: Store) -> None:
    """lab, vs and since narrow the pairs; the window widens them."""
    await hand_built(empty_store)
    with_vs = await coincidences(empty_store, window_days=7, lab="alpha", vs="gamma")
    assert names(with_vs.pairs) == [("a1", "g1", 3)]
    since = await coincidences(empty_store, window_days=30, lab="alpha", since="2025-02")
    assert names(since.pairs) == [("a2", "b2", 19), ("a2", "b-paper", 2)]
    assert since.since == PartialDate(2025, 2)


async def test_an_impossible_since_is_refused(empty_store: Store) -> None:
    """since 2025-02-29 does not exist (2025 is not a leap year)."""
    with pytest.raises(ModelRadarError, match="has 28 days"):
        await coincidences(empty_store, since="2025-02-29")


async def test_the_articles_four_coincidences_appear(store: Store) -> None:
    """DeepSeek vs Moonshot within 30 days: R1 & k1.5, NSA & MoBA, the provers, V4 & K2.6."""
    result = await coincidences(store, window_days=30, lab="deepseek", vs="moonshot")
    found = {(p.first.slug, p.second.slug): p.gap_days for p in result.pairs}
    assert found[("deepseek-r1", "kimi-k1.5")] == 0
    assert found[("deepseek-nsa-paper", "moonshot-moba-paper")] == 0
    assert found[("deepseek-prover-v2-671b", "kimina-prover-preview")] == 16
    assert found[("deepseek-v4-pro", "kimi-k2.6")] == 4
    assert all(p.first.lab == "deepseek" and p.second.lab == "moonshot" for p in result.pairs)
    newest = [pair.newest for pair in result.pairs]
    assert newest == sorted(newest, reverse=True)


async def test_a_week_on_the_bundled_data_keeps_the_close_ones_only(store: Store) -> None:
    """With the default 7 days, the provers (16 days apart) drop out and R1 & k1.5 stay."""
    result = await coincidences(store, lab="deepseek", vs="moonshot")
    found = {(p.first.slug, p.second.slug) for p in result.pairs}
    assert ("deepseek-r1", "kimi-k1.5") in found
    assert ("deepseek-prover-v2-671b", "kimina-prover-preview") not in found
    assert all(p.gap_days <= 7 for p in result.pairs)


async def test_a_large_sweep_in_a_thread_gives_the_same_answer(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above THREAD_ABOVE entries the sweep runs in a worker thread, with the same result."""
    import bot.services.coincidences as module

    inline = await coincidences(store, window_days=30)
    monkeypatch.setattr(module, "THREAD_ABOVE", 0)
    threaded = await coincidences(store, window_days=30)
    assert threaded == inline and threaded.count == inline.count > 0


# ---------------------------------------------------------------- siblings on one row


def test_siblings_released_together_collapse_into_one_row() -> None:
    """V4-Pro and V4-Flash (one family, one lab, one day) against Kimi K2.6 read as one row;
    a sibling of another day, and a lone model, keep their own rows."""
    from bot.services.pairs import collapse

    pro = entry("v4-pro", "deepseek", "2026-04-24")
    flash = entry("v4-flash", "deepseek", "2026-04-24")
    later = entry("v4-flash-0731", "deepseek", "2026-04-26")
    lone = entry("r2", "deepseek", "2026-04-24")
    kimi = entry("k2.6", "moonshot", "2026-04-20")
    families = {"v4-pro": "DeepSeek V4", "v4-flash": "DeepSeek V4", "v4-flash-0731": "DeepSeek V4"}
    pairs = find_pairs([pro, flash, later, lone, kimi], 7, lab="moonshot")
    assert len(pairs) == 4
    rows = collapse(pairs, lambda e: families.get(e.slug), one_side=False)
    shown = [([e.slug for e in r.firsts], [e.slug for e in r.seconds], r.gap_days) for r in rows]
    assert (["k2.6"], ["v4-flash", "v4-pro"], 4) in shown
    assert (["k2.6"], ["r2"], 4) in shown
    assert (["k2.6"], ["v4-flash-0731"], 6) in shown
    assert len(rows) == 3 and sum(r.pairs for r in rows) == 4


def test_same_day_siblings_meet_whichever_way_round_the_sweep_put_them() -> None:
    """Without a lab, a same-day pair may list either side first; siblings still merge,
    on both sides at once."""
    from bot.services.pairs import collapse

    a1, a2 = entry("a-one", "alpha", "2026-01-05"), entry("zz-two", "alpha", "2026-01-05")
    b1, b2 = entry("m-one", "beta", "2026-01-05"), entry("m-two", "beta", "2026-01-05")
    families = {"a-one": "A", "zz-two": "A", "m-one": "M", "m-two": "M"}
    pairs = find_pairs([a1, a2, b1, b2], 0)
    assert len(pairs) == 4
    rows = collapse(pairs, lambda e: families.get(e.slug), one_side=True)
    assert len(rows) == 1 and rows[0].pairs == 4
    assert {e.slug for e in rows[0].firsts + rows[0].seconds} == {
        "a-one",
        "zz-two",
        "m-one",
        "m-two",
    }


def test_events_never_collapse() -> None:
    from bot.services.pairs import collapse

    papers = [entry(f"p{i}", "alpha", "2026-01-05", "event") for i in range(3)]
    other = entry("m", "beta", "2026-01-06")
    rows = collapse(find_pairs([*papers, other], 3), lambda e: "A", one_side=True)
    assert len(rows) == 3
