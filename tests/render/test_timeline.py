"""Rendering timelines and coincidences: within Discord's limits, dashes for unknowns."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.dates import PartialDate
from bot.render.coincidences import coincidences_embed, coincidences_text
from bot.render.limits import embed_problems
from bot.render.text import DASH, display_width
from bot.render.timeline import gap_text, timeline_embed, timeline_text
from bot.render.timeline_chart import timeline_chart
from bot.services.coincidences import Coincidences
from bot.services.pairs import Pair
from bot.services.timeline import KINDS, Entry, Line, Mark, Page, Query
from tests.render.test_limits_property import EXAMPLES, dates, texts

# Markdown and mentions double in length when escaped: the worst case for the limits.
LONG_TITLE = ("*_@everyone `~|" * 20)[:200]
LONG_NAME = ("_*Model~" * 20)[:100]
LONG_LAB = ("@here *Lab*_" * 10)[:100]


def entry(
    slug: str,
    date: PartialDate,
    *,
    entity: str = "model",
    name: str = "Model",
    lab: str = "alpha",
    lab_name: str = "Alpha",
    kind: str | None = "chat",
) -> Entry:
    return Entry(entity, slug, name, lab, lab_name, date, kind)  # type: ignore[arg-type]


def worst_page() -> Page:
    """Ten entries with the longest names, titles and lab names, each marked."""
    lines = []
    for n in range(10):
        date = PartialDate(2025, 1 + n % 2, 1 + n)
        mine = entry(
            f"e{n}",
            date,
            entity="event" if n % 2 else "model",
            name=LONG_TITLE if n % 2 else LONG_NAME,
            lab_name=LONG_LAB,
            kind="announcement",
        )
        other = entry(f"o{n}", date, entity="event", name=LONG_TITLE, lab="beta", lab_name=LONG_LAB)
        lines.append(Line(mine, (Mark(other, -3), Mark(other, 4))))
    query = Query(
        lab="alpha",
        vs="beta",
        since=PartialDate(2025),
        until=PartialDate(2025, 2),
        kind="announcement",
        lab_names={"alpha": LONG_LAB, "beta": LONG_LAB},
    )
    return Page(query, tuple(lines), number=2, pages=9, total=90)


def test_a_page_of_the_longest_entries_stays_within_discord_limits() -> None:
    """Ten marked entries with 200-character titles and 100-character names fit one message."""
    embed = timeline_embed(worst_page())
    assert embed_problems([embed]) == []
    assert len(embed.fields) >= 2  # January and February at least
    assert "@everyone" not in str(embed.to_dict())  # escaped, never a ping
    assert embed.footer.text == "Page 2 of 9 · 90 entries"


def test_a_page_groups_by_month_with_headings() -> None:
    """Each month heads a field; a year-only entry sits under '2025, month unknown'."""
    lines = (
        Line(entry("y", PartialDate(2025))),
        Line(entry("j", PartialDate(2025, 1, 20), name="DeepSeek-R1", kind="reasoning")),
        Line(entry("f", PartialDate(2025, 2))),
    )
    page = Page(Query(), lines, 1, 1, 3)
    fields = [(f.name, f.value) for f in timeline_embed(page).fields]
    assert [name for name, _ in fields] == ["2025, month unknown", "January 2025", "February 2025"]
    assert fields[1][1] == "`20` Alpha · **DeepSeek-R1** · reasoning"


def test_unknown_day_and_kind_show_as_dashes() -> None:
    """A month-only date shows a dash for the day; a model without a kind a dash for it."""
    page = Page(Query(lab="alpha"), (Line(entry("m", PartialDate(2025, 3), kind=None)),), 1, 1, 1)
    value = timeline_embed(page).fields[0].value or ""
    assert value == f"`{DASH}` **Model** · {DASH}"
    text = timeline_text(page)
    assert "2025-03" in text and DASH in text


def test_marks_say_which_entry_and_how_far() -> None:
    """A marked entry names the nearest entry of the other lab, the gap and how many more."""
    other = entry("k", PartialDate(2025, 1, 22), name="Kimi k1.5", lab="moonshot")
    line = Line(entry("r", PartialDate(2025, 1, 20)), (Mark(other, 2), Mark(other, 5)))
    page = Page(Query(lab="alpha", vs="moonshot"), (line,), 1, 1, 1)
    embed = timeline_embed(page)
    assert "⇄ Kimi k1.5 (2 days later) +1 more" in (embed.fields[0].value or "")
    assert "within 7 days" in (embed.description or "")
    assert gap_text(0) == "same day" and gap_text(-1) == "1 day earlier"


def test_an_empty_page_says_nothing_matches() -> None:
    """No entries: a sentence instead of fields, still a valid embed."""
    embed = timeline_embed(Page(Query(kind="talk"), (), 1, 1, 0))
    assert "Nothing matches" in (embed.description or "") and embed_problems([embed]) == []


def test_terminal_timeline_fits_80_columns_with_long_names() -> None:
    """The terminal table of the worst page stays within 80 columns."""
    text = timeline_text(worst_page())
    assert max(display_width(line) for line in text.splitlines()) <= 80
    assert "-- January 2025" in text and "-- February 2025" in text


def worst_coincidences(count: int) -> Coincidences:
    pairs = tuple(
        Pair(
            entry(f"a{n}", PartialDate(2025, 1, 1 + n % 28), name=LONG_TITLE, lab_name=LONG_LAB),
            entry(f"b{n}", PartialDate(2025, 1, 1 + n % 28), name=LONG_NAME, lab="b"),
            n % 8,
        )
        for n in range(count)
    )
    return Coincidences(30, pairs, "alpha", "b", PartialDate(2025), 3, {"alpha": LONG_LAB})


def test_coincidences_with_the_longest_names_stay_within_limits() -> None:
    """Hundreds of pairs of the longest names: an embed within limits saying how many more."""
    embed = coincidences_embed(worst_coincidences(300))
    assert embed_problems([embed]) == []
    assert "more: narrow it with" in (embed.description or "")
    assert "3 entries dated only to a month or year not matched" in (embed.footer.text or "")


def test_coincidences_show_each_pair_with_its_gap() -> None:
    """A short list shows every pair, both dates and the gap in days."""
    r1 = entry("r1", PartialDate(2025, 1, 20), name="DeepSeek-R1", lab_name="DeepSeek")
    k15 = entry("k", PartialDate(2025, 1, 20), name="Kimi k1.5", lab="m", lab_name="Moonshot AI")
    labs = {"alpha": "DeepSeek", "m": "Moonshot AI"}
    result = Coincidences(30, (Pair(r1, k15, 0),), "alpha", "m", None, 0, labs)
    embed = coincidences_embed(result)
    assert (embed.description or "").splitlines()[-1] == (
        "`2025-01-20` **DeepSeek-R1** (DeepSeek) ⇄ `2025-01-20` **Kimi k1.5** (Moonshot AI)"
        " · same day"
    )
    lines = coincidences_text(result).splitlines()
    assert lines[0] == "Coincidences: DeepSeek vs Moonshot AI"
    assert lines[3].split() == ["Days", "Date", "DeepSeek", "Date", "Moonshot", "AI"]
    assert lines[-1].split() == ["0", "2025-01-20", "DeepSeek-R1", "2025-01-20", "Kimi", "k1.5"]
    no_lab = Coincidences(30, (Pair(r1, k15, 0),))
    assert "DeepSeek-R1 (DeepSeek)" in coincidences_text(no_lab)
    empty = coincidences_embed(Coincidences(7, ()))
    assert "None found" in (empty.description or "")


def test_terminal_coincidences_fit_80_columns() -> None:
    """Long names are clipped so the terminal table stays within 80 columns."""
    text = coincidences_text(worst_coincidences(5))
    assert max(display_width(line) for line in text.splitlines()) <= 80


def test_the_chart_is_a_png_with_a_lane_per_lab() -> None:
    """timeline_chart returns PNG bytes, for a few entries and for none."""
    a = entry("a", PartialDate(2025, 1, 20), lab_name="DeepSeek")
    b = entry("b", PartialDate(2025, 1, 22), lab="m", lab_name="Moonshot AI", entity="event")
    c = entry("c", PartialDate(2025, 3), lab="m", lab_name="Moonshot AI")
    png = timeline_chart([a, b, c], [Pair(a, b, 2)], title="DeepSeek vs Moonshot AI")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000
    assert timeline_chart([], []).startswith(b"\x89PNG")


@st.composite
def entries(draw: Any) -> Entry:
    entity = draw(st.sampled_from(["model", "event"]))
    return Entry(
        entity,
        "s",
        draw(texts(200 if entity == "event" else 100)),
        draw(st.sampled_from(["alpha", "beta"])),
        draw(texts(100)),
        draw(dates),
        draw(st.none() | st.sampled_from(KINDS)),
    )


@st.composite
def pages(draw: Any) -> Page:
    lines = []
    for _ in range(draw(st.integers(0, 10))):
        marks = draw(st.lists(st.builds(Mark, entries(), st.integers(-7, 7)), max_size=3))
        lines.append(Line(draw(entries()), tuple(marks)))
    lines.sort(key=lambda line: line.entry.date.sort_key)
    query = Query(
        lab=draw(st.none() | st.just("alpha")),
        vs=draw(st.none() | st.just("beta")),
        since=draw(st.none() | dates),
        kind=draw(st.none() | st.sampled_from(KINDS)),
        lab_names={"alpha": draw(texts(100)), "beta": draw(texts(100))},
    )
    return Page(query, tuple(lines), 1, 99, 990)


@EXAMPLES
@given(pages())
def test_any_page_fits_discord_and_80_columns(page: Page) -> None:
    """Arbitrary names, titles and marks: the embed is within limits, the table in 80 columns."""
    assert embed_problems([timeline_embed(page)]) == []
    assert max(display_width(line) for line in timeline_text(page).splitlines()) <= 80


@EXAMPLES
@given(st.lists(st.builds(Pair, entries(), entries(), st.integers(0, 365)), max_size=40))
def test_any_coincidences_fit_discord_and_80_columns(pairs: list[Pair]) -> None:
    """Arbitrary pairs: the embed is within limits, the table in 80 columns."""
    result = Coincidences(365, tuple(pairs), "alpha", None, None, 2, {"alpha": "x" * 100})
    assert embed_problems([coincidences_embed(result)]) == []
    assert max(display_width(line) for line in coincidences_text(result).splitlines()) <= 80


def test_coincidences_beyond_the_limit_are_counted_not_shown() -> None:
    """Made with a limit, the embed and the table still say how many pairs there are."""
    shown = worst_coincidences(3)
    result = Coincidences(7, shown.pairs, total=1234)
    embed = coincidences_embed(result)
    assert "…and 1,231 more" in (embed.description or "")
    assert (embed.footer.text or "").startswith("1,234 pairs")
    assert "The newest 3 of 1,234 pairs" in coincidences_text(result)


def test_the_chart_keeps_at_most_twelve_lanes() -> None:
    """Forty labs make a chart no taller than twelve lanes: the quietest labs are left out."""

    def height(png: bytes) -> int:
        return int.from_bytes(png[20:24], "big")  # the IHDR chunk's height

    many = [
        entry(f"e{n}", PartialDate(2025, 1, 1 + n % 28), lab=f"lab{n}", lab_name=f"Lab {n}")
        for n in range(40)
    ]
    assert height(timeline_chart(many)) == height(timeline_chart(many[:12]))
    assert height(timeline_chart(many[:3])) < height(timeline_chart(many[:12]))
