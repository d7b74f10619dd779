"""The timeline as a PNG: one lane per lab, a dot per release, lines joining coincidences."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.render.charts import PALETTE, YELLOW, fonts_for
from bot.render.i18n import Locale, t
from bot.render.text import clip
from bot.services.pairs import Pair
from bot.services.timeline import Entry

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

LABEL_LIMIT = 40
MAX_LANES = len(PALETTE)  # one colour per lane, never repeated in a chart
EPOCH = dt.date(1970, 1, 1)
# Where a name may go beside its dot, in points: right of it, above or below, further out
# when nearer places are taken. A name with no free place is left out.
LABEL_OFFSETS = ((3, 5), (3, -10), (3, 13), (3, -18), (3, 21), (3, -26))
FONT = 6


def _x(entry: Entry) -> float:
    """Matplotlib's date number (days since 1970-01-01) of the entry's first possible day."""
    return float((entry.date.start - EPOCH).days)


def timeline_chart(
    entries: Sequence[Entry],
    pairs: Sequence[Pair] = (),
    *,
    title: str = "Timeline",
    lanes: Sequence[str] = (),
    locale: Locale = "en",
) -> bytes:
    """PNG bytes of timeline_figure(), in `locale` (see chart_locale: the caller words the
    title in that locale too)."""
    with fonts_for(locale):
        figure = timeline_figure(entries, pairs, title=title, lanes=lanes, locale=locale)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def timeline_figure(
    entries: Sequence[Entry],
    pairs: Sequence[Pair] = (),
    *,
    title: str = "Timeline",
    lanes: Sequence[str] = (),
    locale: Locale = "en",
) -> Figure:
    """The chart. Filled dots are models, hollow ones events; a date known only to a month or
    a year sits at its first day, faded; a grey line joins a coincidence; the legend below
    says so. Each lab has its own colour (Okabe-Ito, then Paul Tol's darker tones). Names
    are written beside the dots when there are at most LABEL_LIMIT of them, each where it
    overlaps no other text (a name with no free place is left out). `lanes` come first, then
    the other labs by how many entries they have; past MAX_LANES lanes the quietest labs are
    left out (the title says so).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    counts = Counter(e.lab for e in entries)
    busiest = sorted(counts, key=lambda lab: (-counts[lab], lab))
    order = list(dict.fromkeys([*lanes, *busiest]))
    if len(order) > MAX_LANES:
        order = order[:MAX_LANES]
        title += f" · the {MAX_LANES} busiest labs"
        kept = set(order)
        entries = [e for e in entries if e.lab in kept]
    names = {e.lab: e.lab_name for e in entries}
    lane = {lab: i for i, lab in enumerate(order)}
    legend_inches = 0.35
    height = 1.6 + 0.55 * max(1, len(order)) + legend_inches
    figure = Figure(figsize=(10, height), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()

    joined = False
    for pair in pairs:
        if pair.first.lab in lane and pair.second.lab in lane:
            joined = True
            axes.plot(
                [_x(pair.first), _x(pair.second)],
                [lane[pair.first.lab], lane[pair.second.lab]],
                color="#888888",
                linewidth=1,
                alpha=0.7,
                zorder=1,
            )
    faded = False
    for lab in order:
        colour = PALETTE[lane[lab]]
        for entity in ("model", "event"):
            for precise in (True, False):
                points = [
                    e
                    for e in entries
                    if e.lab == lab and e.entity == entity and e.day_precise == precise
                ]
                if not points:
                    continue
                faded = faded or not precise
                axes.scatter(
                    [_x(e) for e in points],
                    [lane[lab]] * len(points),
                    s=42,
                    facecolors=colour if entity == "model" else "white",
                    edgecolors=colour,
                    linewidths=1.5,
                    alpha=1.0 if precise else 0.4,
                    zorder=3,
                )
    axes.set_yticks(range(len(order)), [clip(names.get(lab, lab), 24) for lab in order])
    for tick, lab in zip(axes.get_yticklabels(), order, strict=True):
        tick.set_color(PALETTE[lane[lab]] if PALETTE[lane[lab]] != YELLOW else "#8a7d00")
    axes.set_ylim(-0.7, max(0, len(order) - 1) + 0.7)
    axes.invert_yaxis()
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    )
    axes.grid(axis="x", alpha=0.3)
    axes.set_title(clip(title, 90), fontsize=11)
    if not entries:
        nothing = t(locale, "chart.nothing")
        axes.text(0.5, 0.5, nothing, ha="center", va="center", transform=axes.transAxes)

    model = t(locale, "chart.model")
    marks = [
        Line2D([], [], ls="", marker="o", ms=6, mfc="#444444", mec="#444444", label=model),
        Line2D([], [], ls="", marker="o", ms=6, mfc="white", mec="#444444", mew=1.5,
               label=t(locale, "chart.event")),
    ]  # fmt: skip
    if faded:
        marks.append(
            Line2D([], [], ls="", marker="o", ms=6, mfc="#444444", mec="#444444", alpha=0.4,
                   label=t(locale, "chart.approximate"))
        )  # fmt: skip
    if joined:
        close = t(locale, "chart.close")
        marks.append(Line2D([], [], color="#888888", lw=1, label=close))
    figure.legend(
        handles=marks, loc="lower center", ncols=len(marks), fontsize=7, frameon=False,
        bbox_to_anchor=(0.5, 0.0),
    )  # fmt: skip
    figure.tight_layout(rect=(0, legend_inches / height, 1, 1))
    if 0 < len(entries) <= LABEL_LIMIT:
        _place_names(figure, axes, entries, lane)
    return figure


def _place_names(figure: Figure, axes: Axes, entries: Sequence[Entry], lane: dict[str, int]) -> int:
    """Write each entry's name beside its dot where it overlaps no text already there (tick
    labels, title, legend, other names) and stays inside the figure; how many were left out."""
    from matplotlib.text import Text

    figure.draw_without_rendering()  # lays out the legend and ticks, so their places are known
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    taken = [
        text.get_window_extent(renderer)
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    inside = figure.bbox
    left_out = 0
    for entry in sorted(entries, key=_x):
        for dx, dy in LABEL_OFFSETS:
            note = axes.annotate(
                clip(entry.name, 28),
                (_x(entry), lane[entry.lab]),
                xytext=(dx, dy),
                textcoords="offset points",
                fontsize=FONT,
                color="#333333",
                annotation_clip=False,
            )
            box = note.get_window_extent(renderer)
            fits = (
                box.x0 >= inside.x0
                and box.x1 <= inside.x1
                and box.y0 >= inside.y0
                and box.y1 <= inside.y1
            )
            if fits and not any(box.overlaps(other) for other in taken):
                taken.append(box)
                break
            note.remove()
        else:
            left_out += 1
    return left_out
