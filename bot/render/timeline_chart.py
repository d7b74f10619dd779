"""The timeline as a PNG: one lane per lab, a dot per release, lines joining coincidences."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence

from bot.render.text import clip
from bot.services.pairs import Pair
from bot.services.timeline import Entry

# Colour-blind-safe palette (Okabe-Ito), cycled over the lanes.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
LABEL_LIMIT = 40
MAX_LANES = 12
EPOCH = dt.date(1970, 1, 1)


def _x(entry: Entry) -> float:
    """Matplotlib's date number (days since 1970-01-01) of the entry's first possible day."""
    return float((entry.date.start - EPOCH).days)


def timeline_chart(
    entries: Sequence[Entry],
    pairs: Sequence[Pair] = (),
    *,
    title: str = "Timeline",
    lanes: Sequence[str] = (),
) -> bytes:
    """PNG bytes. Filled dots are models, hollow ones events; a date known only to a month or
    a year sits at its first day, faded. Names are written beside the dots when there are at
    most LABEL_LIMIT of them. `lanes` come first, then the other labs by how many entries
    they have; past MAX_LANES lanes the quietest labs are left out (the title says so).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

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
    height = 1.6 + 0.55 * max(1, len(order))
    figure = Figure(figsize=(10, height), dpi=100)
    axes = figure.add_subplot()

    for pair in pairs:
        if pair.first.lab in lane and pair.second.lab in lane:
            axes.plot(
                [_x(pair.first), _x(pair.second)],
                [lane[pair.first.lab], lane[pair.second.lab]],
                color="#888888",
                linewidth=1,
                alpha=0.7,
                zorder=1,
            )
    for lab in order:
        colour = PALETTE[lane[lab] % len(PALETTE)]
        for entity in ("model", "event"):
            for precise in (True, False):
                points = [
                    e
                    for e in entries
                    if e.lab == lab and e.entity == entity and e.day_precise == precise
                ]
                if not points:
                    continue
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
    if 0 < len(entries) <= LABEL_LIMIT:
        for n, entry in enumerate(entries):
            axes.annotate(
                clip(entry.name, 28),
                (_x(entry), lane[entry.lab]),
                xytext=(3, 6 if n % 2 == 0 else -11),
                textcoords="offset points",
                fontsize=6,
                color="#333333",
            )
    axes.set_yticks(range(len(order)), [clip(names.get(lab, lab), 24) for lab in order])
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
        axes.text(0.5, 0.5, "Nothing matches", ha="center", va="center", transform=axes.transAxes)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
