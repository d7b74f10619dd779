"""/compare's chart as a PNG: total parameters, active parameters and context window, each a
panel of horizontal bars on a log scale, one colour per lab, each bar labelled with its value.

matplotlib is imported inside the function: it costs about a second, which the bot should
not pay at start-up, and the cog calls this in a worker thread after deferring. Only the
object-oriented API (Figure, no pyplot) is used, so no global figure state is shared.

A chart's words follow the asker's locale only where a font can draw them: zh-CN needs a CJK
font (the Docker image installs one); without it a Chinese chart would be boxes, so it is
drawn in English (`chart_locale`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.render.i18n import Locale, t
from bot.render.text import clip, params, tokens
from bot.services.compare import Comparison

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Colour-blind-safe: Okabe-Ito's eight, then four dark tones of Paul Tol's schemes that stay
# apart from them (indigo, wine, olive, brown); one colour per lab in a chart, never repeated.
# Yellow, the hardest to see on white, comes last of Okabe-Ito's.
YELLOW = "#F0E442"
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#000000",
    YELLOW,
    "#332288",
    "#882255",
    "#999933",
    "#661100",
)
PANELS = (("params_total", "params"), ("params_active", "params"), ("context", "tokens"))
# Fonts that draw Simplified Chinese, the first installed one is used for zh-CN charts.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed font of CJK_FONTS, or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def chart_locale(locale: Locale) -> Locale:
    """The locale a chart can be drawn in: `locale`, or English where no font draws it."""
    return locale if locale == "en" or cjk_font() is not None else "en"


@contextmanager
def fonts_for(locale: Locale) -> Iterator[None]:
    """Draw (create and save) a figure with a font for `locale`'s script."""
    import matplotlib

    font = cjk_font() if locale != "en" else None
    families = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    with matplotlib.rc_context({"font.family": families}):
        yield


NAME_LIMIT = 32
# Below the panels: the legend of lab colours, then the note on unknown values.
BOTTOM_INCHES = 0.95


def compare_chart(result: Comparison, locale: Locale = "en") -> bytes:
    """PNG bytes of compare_figure(), in `locale` where a font can draw it."""
    locale = chart_locale(locale)
    with fonts_for(locale):
        figure = compare_figure(result, locale)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def compare_figure(result: Comparison, locale: Locale = "en") -> Figure:
    """The chart: the title on top, the panels, then the legend of lab colours (and the note
    on unknown values) below them, so nothing covers anything. Values unknown for a model are
    left out of its panel and noted."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, NullFormatter

    names = [clip(name, NAME_LIMIT) for name in result.names]
    labs = [result.lab_name(i) or model.lab for i, model in enumerate(result.models)]
    colours = {lab: PALETTE[n % len(PALETTE)] for n, lab in enumerate(dict.fromkeys(labs))}
    count = len(names)
    height = 1.4 + len(PANELS) * (0.45 * count + 0.7) + BOTTOM_INCHES
    figure = Figure(figsize=(9, height), dpi=100)
    FigureCanvasAgg(figure)
    axes_list = figure.subplots(len(PANELS), 1)
    missing: list[str] = []
    for axes, (key, unit) in zip(axes_list, PANELS, strict=True):
        title = t(locale, f"chart.{key}")
        values = [getattr(model, key) for model in result.models]
        known = [v for v in values if v is not None]
        rows = list(range(count))
        for row, value, lab in zip(rows, values, labs, strict=True):
            if value is None:
                unknown = t(locale, "chart.not_known")
                axes.text(0.01, row, unknown, transform=axes.get_yaxis_transform(),
                          va="center", fontsize=8, color="#888888", style="italic")  # fmt: skip
                continue
            axes.barh(row, value, color=colours[lab], height=0.6)
            label = params(value) if unit == "params" else tokens(value)
            axes.text(value, row, f" {label}", va="center", fontsize=8)
        if not known:
            missing.append(t(locale, f"metric.{key}"))
        # Context windows are powers of two (128K, 1M): ticks fall on them with base 2.
        axes.set_xscale("log", base=2 if unit == "tokens" else 10)
        if known:
            axes.set_xlim(min(known) / 4, max(known) * 4)
        axes.set_yticks(rows, names, fontsize=8)
        axes.set_ylim(count - 0.5, -0.5)
        axes.set_title(title, fontsize=10, loc="left")
        axes.grid(axis="x", alpha=0.3, which="both")
        axes.tick_params(axis="x", labelsize=7)
        human = params if unit == "params" else tokens
        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _, f=human: f(round(x))))
        axes.xaxis.set_minor_formatter(NullFormatter())
    handles = [Patch(color=colour, label=clip(lab, 30)) for lab, colour in colours.items()]
    legend_title = t(locale, "chart.lab" if len(handles) == 1 else "chart.labs")
    figure.legend(
        handles=handles, loc="lower left", fontsize=8, ncols=min(len(handles), 4),
        bbox_to_anchor=(0.01, 0.28 / height), frameon=False, title=legend_title,
        title_fontsize=8, alignment="left",
    )  # fmt: skip
    title = t(locale, "compare.vs").join(result.names)
    figure.suptitle(clip(title, 90), fontsize=11, x=0.02, ha="left")
    unknown_any = any(getattr(m, key) is None for m in result.models for key, _ in PANELS)
    if unknown_any:
        note = t(locale, "chart.left_out")
        if missing:
            note += t(locale, "chart.none_known", rows=t(locale, "list.sep").join(missing))
        figure.text(0.02, 0.08 / height, note, fontsize=7, color="#555555")
    title_inches = 0.3
    figure.tight_layout(rect=(0, BOTTOM_INCHES / height, 1, 1 - title_inches / height))
    return figure
