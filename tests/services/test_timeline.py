"""The timeline service: order, month grouping, paging, filters and coincidence marks."""

from __future__ import annotations

import pytest

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError
from bot.services import timeline as tl
from bot.store import Store
from tests.services.directory_data import event, fill, lab, model


async def small(store: Store) -> None:
    """Two labs (alpha, beta) and a third (gamma), with day, month and year dates."""
    await fill(
        store,
        [lab("alpha"), lab("beta"), lab("gamma")],
        [
            model("a-jan", "alpha", "2025-01-10", kind="chat"),
            model("a-jan-month", "alpha", "2025-01"),
            model("a-2025", "alpha", "2025"),
            model("a-feb", "alpha", "2025-02-01", kind="reasoning"),
            model("b-jan", "beta", "2025-01-17", kind="reasoning"),
            model("b-feb", "beta", "2025-02-09"),
            model("g-jan", "gamma", "2025-01-11"),
        ],
        [
            event("a-paper", "alpha", "2025-01-31"),
            event("b-report", "beta", "2025-03-05", kind="report"),
        ],
    )


def slugs(page: tl.Page) -> list[str]:
    return [line.entry.slug for line in page.lines]


async def test_entries_come_in_date_order_with_partial_dates_first(empty_store: Store) -> None:
    """A year-only date sorts before its year, a month-only one before its month's days."""
    await small(empty_store)
    page = await tl.page(empty_store, tl.make_query())
    assert slugs(page) == [
        "a-2025",
        "a-jan-month",
        "a-jan",
        "g-jan",
        "b-jan",
        "a-paper",
        "a-feb",
        "b-feb",
        "b-report",
    ]
    assert page.total == 9 and page.pages == 1


async def test_a_page_groups_its_entries_by_month(empty_store: Store) -> None:
    """Months keep their order; a year-only entry gets a group without a month."""
    await small(empty_store)
    page = await tl.page(empty_store, tl.make_query())
    groups = [(m.year, m.month, len(m.lines)) for m in page.months]
    assert groups == [(2025, None, 1), (2025, 1, 5), (2025, 2, 2), (2025, 3, 1)]


async def test_pages_hold_ten_and_together_hold_everything_once(empty_store: Store) -> None:
    """23 entries make pages of 10, 10 and 3, in order, with no entry twice."""
    await fill(
        empty_store,
        [lab("alpha")],
        [
            model(f"m{n:02d}", "alpha", f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}")
            for n in range(23)
        ],
    )
    query = tl.make_query()
    pages = [await tl.page(empty_store, query, n) for n in (1, 2, 3)]
    assert [len(p.lines) for p in pages] == [10, 10, 3]
    assert [p.pages for p in pages] == [3, 3, 3] and pages[0].total == 23
    assert [s for p in pages for s in slugs(p)] == [f"m{n:02d}" for n in range(23)]
    assert not pages[0].has_previous and pages[0].has_next
    assert pages[2].has_previous and not pages[2].has_next


async def test_a_page_past_the_end_is_the_last_or_refused_when_strict(empty_store: Store) -> None:
    """Page 9 of a one-page timeline gives page 1, or a message when asked strictly."""
    await small(empty_store)
    assert (await tl.page(empty_store, tl.make_query(), 9)).number == 1
    with pytest.raises(ModelRadarError, match="Type a page from 1 to 1"):
        await tl.page(empty_store, tl.make_query(), 9, strict=True)


async def test_an_empty_timeline_has_one_empty_page(empty_store: Store) -> None:
    """No entries: page 1 of 1, total 0."""
    page = await tl.page(empty_store, tl.make_query(kind="paper"))
    assert (page.number, page.pages, page.total, page.lines) == (1, 1, 0, ())


async def test_lab_filter_keeps_one_lab(empty_store: Store) -> None:
    """lab=beta shows beta's models and events only."""
    await small(empty_store)
    page = await tl.page(empty_store, tl.make_query(lab="beta"))
    assert slugs(page) == ["b-jan", "b-feb", "b-report"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("models", {"a-2025", "a-jan-month", "a-jan", "g-jan", "b-jan", "a-feb", "b-feb"}),
        ("events", {"a-paper", "b-report"}),
        ("reasoning", {"b-jan", "a-feb"}),
        ("report", {"b-report"}),
    ],
)
async def test_kind_filter(empty_store: Store, kind: str, expected: set[str]) -> None:
    """kind keeps all models, all events, or one model or event kind."""
    await small(empty_store)
    page = await tl.page(empty_store, tl.make_query(kind=kind))
    assert set(slugs(page)) == expected and page.total == len(expected)


def test_an_unknown_kind_is_refused_with_the_accepted_ones() -> None:
    """kind=weights is not a kind; the message lists the kinds."""
    with pytest.raises(ModelRadarError, match="reasoning"):
        tl.make_query(kind="weights")


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        # until a month means through its last day, and keeps that month's month-only entries
        (None, "2025-01", ["a-2025", "a-jan-month", "a-jan", "g-jan", "b-jan", "a-paper"]),
        # since January keeps the month-only and year-only entries (both start on 1 January);
        # since a later day drops them
        ("2025-01", "2025-01-15", ["a-2025", "a-jan-month", "a-jan", "g-jan"]),
        ("2025-01-02", "2025-01-15", ["a-jan", "g-jan"]),
        ("2025-01-11", "2025-01-17", ["g-jan", "b-jan"]),
        # since the first of a month is the same as since the month
        ("2025-02-01", "2025-02", ["a-feb", "b-feb"]),
        ("2025", "2025", None),
        ("2025-03", None, ["b-report"]),
        ("2026", None, []),
    ],
)
async def test_since_and_until_take_years_months_and_days(
    empty_store: Store, since: str | None, until: str | None, expected: list[str] | None
) -> None:
    """Partial dates count from their first possible day; `until` runs to its last day."""
    await small(empty_store)
    page = await tl.page(empty_store, tl.make_query(since=since, until=until))
    everything = slugs(await tl.page(empty_store, tl.make_query()))
    assert slugs(page) == (everything if expected is None else expected)


@pytest.mark.parametrize(
    ("since", "until"), [("2025-03", "2025-01"), ("2025-01-21", "2025-01-20"), ("2026", "2025")]
)
def test_since_after_until_is_refused(since: str, until: str) -> None:
    """since later than until gets a message naming both and what to type."""
    with pytest.raises(ModelRadarError, match=r"`since` \(.*\) is after `until`.*Type"):
        tl.make_query(since=since, until=until)


def test_since_within_the_month_of_until_is_fine() -> None:
    """since 2025-01-20 with until 2025-01 is January 20 to 31."""
    query = tl.make_query(since="2025-01-20", until="2025-01")
    assert query.since == PartialDate(2025, 1, 20) and query.until == PartialDate(2025, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "Feb 2025 has 28 days"),
        ("2025-13", "month 13"),
        ("yesterday", "cannot read"),
        ("20250120", "cannot read"),
    ],
)
def test_an_impossible_date_says_what_to_type(text: str, message: str) -> None:
    """A date that cannot be read names the option, the problem and the accepted forms."""
    with pytest.raises(ModelRadarError) as caught:
        tl.make_query(until=text)
    assert message in str(caught.value)
    assert "`until`" in str(caught.value) and '"2025-01-20"' in str(caught.value)


def test_vs_needs_lab_and_a_different_one() -> None:
    """vs alone, or vs equal to lab, is refused with an example."""
    with pytest.raises(ModelRadarError, match="lab: deepseek vs: moonshot"):
        tl.make_query(vs="beta")
    with pytest.raises(ModelRadarError, match="two different labs"):
        tl.make_query(lab="beta", vs="beta")


async def test_vs_interleaves_two_labs_and_marks_entries_within_a_week(
    empty_store: Store,
) -> None:
    """alpha vs beta: both labs in date order; entries 7 days apart or less carry a mark."""
    await small(empty_store)
    page = await tl.page(empty_store, tl.make_query(lab="alpha", vs="beta"))
    assert slugs(page) == [
        "a-2025",
        "a-jan-month",
        "a-jan",
        "b-jan",
        "a-paper",
        "a-feb",
        "b-feb",
        "b-report",
    ]
    marks = {
        line.entry.slug: [(m.other.slug, m.gap_days) for m in line.marks] for line in page.lines
    }
    assert marks["a-jan"] == [("b-jan", 7)]  # exactly a week: marked
    assert marks["b-jan"] == [("a-jan", -7)]
    assert marks["a-feb"] == []  # 8 days: not marked
    assert marks["a-paper"] == []  # 14 days from b-jan, 9 from b-feb
    assert marks["a-jan-month"] == [] and marks["a-2025"] == []  # no day, no mark
    assert marks["b-report"] == []


async def test_marks_see_the_other_lab_across_a_page_boundary(empty_store: Store) -> None:
    """An entry first on page 2 is marked with the other lab's entry on page 1."""
    models = [model(f"a{n:02d}", "alpha", f"2025-01-{1 + n:02d}") for n in range(10)]
    models.append(model("b-late", "beta", "2025-01-14"))
    await fill(empty_store, [lab("alpha"), lab("beta")], models)
    second = await tl.page(empty_store, tl.make_query(lab="alpha", vs="beta"), 2)
    assert slugs(second) == ["b-late"]
    assert [(m.other.slug, m.gap_days) for m in second.lines[0].marks] == [
        ("a09", -4),
        ("a08", -5),
        ("a07", -6),
        ("a06", -7),
    ]


async def test_deepseek_vs_moonshot_marks_r1_and_k1_5_on_the_bundled_data(store: Store) -> None:
    """On the bundled catalog, DeepSeek-R1 is marked with Kimi k1.5, the same day."""
    query = tl.make_query(lab="deepseek", vs="moonshot", since="2025-01-20", until="2025-01-20")
    page = await tl.page(store, query)
    r1 = next(line for line in page.lines if line.entry.slug == "deepseek-r1")
    assert (r1.marks[0].other.slug, r1.marks[0].gap_days) == ("kimi-k1.5", 0)
    assert {line.entry.lab for line in page.lines} == {"deepseek", "moonshot"}
