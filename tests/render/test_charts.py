"""The charts, measured with matplotlib's own text extents: no text covers another, every
mark has a legend entry, and each lab has its own colour-blind-safe colour."""

from __future__ import annotations

import itertools
from typing import Any

from matplotlib.colors import to_hex
from matplotlib.text import Text

from bot.domain.dates import PartialDate
from bot.render.charts import PALETTE, compare_figure
from bot.render.timeline_chart import MAX_LANES, timeline_figure
from bot.services.pairs import find_pairs
from bot.services.timeline import Entry
from tests.render.test_compare import build, model, pair


def entry(name: str, lab: str, day: int, entity: str = "model", month: int = 1) -> Entry:
    return Entry(entity, name.lower(), name, lab, lab.title(), PartialDate(2025, month, day), None)  # type: ignore[arg-type]


def texts(figure: Any) -> list[tuple[str, Any]]:
    """Every visible text with its box on the canvas, after a full layout."""
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]


def overlapping(figure: Any) -> list[tuple[str, str]]:
    return [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(texts(figure), 2)
        if box_a.overlaps(box_b)
    ]


def legend_labels(figure: Any) -> list[str]:
    return [t.get_text() for legend in figure.legends for t in legend.get_texts()]


def crowded() -> list[Entry]:
    """Thirty releases of two labs in three weeks, several on one day: names would collide."""
    found = []
    for n in range(30):
        lab = "deepseek" if n % 2 else "moonshot"
        kind = "event" if n % 5 == 0 else "model"
        found.append(entry(f"{lab.title()}-Model-{n}-Instruct", lab, 1 + (n * 2) % 21, kind))
    return found


def test_no_name_on_the_timeline_chart_covers_another_text() -> None:
    entries = crowded()
    pairs = find_pairs(entries, 7, lab="deepseek", vs="moonshot")
    figure = timeline_figure(entries, pairs, title="DeepSeek vs Moonshot AI", lanes=["deepseek"])
    names = {e.name for e in entries}
    written = [text for text, _ in texts(figure) if text in names]
    assert len(written) >= 10, "most names should still find a place"
    assert overlapping(figure) == []


def test_every_mark_of_the_timeline_has_a_legend_entry() -> None:
    entries = [*crowded(), entry("Vague", "deepseek", 1, month=2)]
    entries[-1] = Entry(
        "model", "vague", "Vague", "deepseek", "Deepseek", PartialDate(2025, 2), None
    )
    pairs = find_pairs(entries, 7, lab="deepseek", vs="moonshot")
    labels = legend_labels(timeline_figure(entries, pairs))
    assert labels == [
        "model",
        "event (paper, talk, report)",
        "date known to the month or year",
        "released close together",
    ]
    plain = legend_labels(timeline_figure([entry("A", "x", 1)]))
    assert plain == ["model", "event (paper, talk, report)"]


def test_each_lab_has_its_own_colour_up_to_the_lane_limit() -> None:
    entries = [entry(f"M{n}", f"lab{n:02}", 1 + n) for n in range(MAX_LANES)]
    figure = timeline_figure(entries)
    colours = [to_hex(c.get_edgecolor()[0]) for c in figure.axes[0].collections]
    assert len(colours) == MAX_LANES and len(set(colours)) == MAX_LANES
    assert {c.upper() for c in colours} <= set(PALETTE)
    assert len(set(PALETTE)) == len(PALETTE)  # the palette never repeats itself


def test_the_compare_legend_never_covers_the_title_or_a_panel() -> None:
    figure = compare_figure(pair())
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    legend = figure.legends[0].get_window_extent(renderer)
    title = figure._suptitle.get_window_extent(renderer)
    assert not legend.overlaps(title)
    for axes in figure.axes:
        assert not legend.overlaps(axes.get_tightbbox(renderer))
    assert overlapping(figure) == []


def test_compare_with_unknowns_and_four_labs_has_no_overlaps() -> None:
    models = [
        *pair().models,
        model("bare", "Bare", lab="gamma"),
        model("other", "Other", lab="delta"),
    ]
    figure = compare_figure(build(models, [None] * len(models)))
    assert overlapping(figure) == []
    assert len(set(legend_labels(figure))) == len(legend_labels(figure)) == 4
