"""/compare as an embed and as terminal text.

Layout: one embed field per row, named after the row ("Total params"), holding one line per
model ("**DeepSeek-V4-Pro** 1.6T ★"). Inline fields were rejected: Discord lays them out in
up to three columns on desktop but stacks them on a phone, so a field per model would line
rows up only on some screens and never with four models. A field per row reads the same
everywhere: the row's name, then each model's value under it, best one starred. Rows every
model shares the same value for collapse to one line ("**All 4** MoE"); rows known for none
are named once in the description instead of a block of dashes. Shared benchmarks follow,
one field each while the 25-field limit allows, the rest named in a last field.

Long names are clipped in the row lines (shorter and shorter until the whole embed fits
6000 characters); the title keeps them whole where it can. Sources go in the footer, clipped.
"""

from __future__ import annotations

import discord

from bot.domain.dates import PartialDate
from bot.render import words
from bot.render.i18n import Locale, has, t
from bot.render.limits import FIELD_NAME, FIELD_VALUE, FIELDS, TITLE, TOTAL, fit_fields
from bot.render.listing import fit_escaped, fit_lines, wrap
from bot.render.ratios import ratios_line
from bot.render.text import (
    DASH,
    clip,
    display_width,
    escape,
    fit_width,
    params,
    price,
    table,
    tokens,
)
from bot.services.compare import Comparison, Row, Value

STAR = "★"
TERMINAL_MARK = "*"
NAME_LIMITS = (100, 48, 32, 24, 16, 10)
FOOTER_BUDGET = 400
LINE_BUDGET = 200  # characters per model in a row: techniques lists stay readable
MORE_RESERVE = 300  # room kept for the "N more shared benchmarks" field
COLOUR = discord.Colour.dark_teal()
LONG_ROWS = ("modalities", "licence", "techniques")
TERMINAL_LABEL = 14  # "Context window", the widest row label of the terminal table


def value_text(row: Row, index: int, locale: Locale = "en") -> str:
    """One model's value in a row as plain text; a dash when unknown."""
    return format_value(row, row.values[index], locale)


def format_value(row: Row, value: Value | None, locale: Locale = "en") -> str:
    if value is None:
        return DASH
    match row.kind:
        case "params":
            assert isinstance(value, int)
            return params(value)
        case "tokens":
            assert isinstance(value, int)
            return tokens(value)
        case "price":
            assert isinstance(value, int | float)
            return price(float(value))
        case "score":
            assert isinstance(value, int | float)
            return f"{value:g}"
        case "list":
            assert isinstance(value, tuple)
            return ", ".join(str(item) for item in value)
        case "licence":
            assert isinstance(value, tuple)
            licence, open_weights = value
            parts = [words.licence_name(str(licence), locale)] if licence else []
            if open_weights is not None:
                parts.append(words.weights(bool(open_weights), locale))
            return " · ".join(parts) or DASH
        case "date":
            return words.date(value, locale) if isinstance(value, PartialDate) else str(value)
        case _ if locale != "en":
            return _translated(row.key, str(value), locale)
        case _:
            return str(value)


def _translated(key: str, value: str, locale: Locale) -> str:
    """A text row's value in `locale`: kinds, architectures and modalities are words; names
    (labs) stay as they are."""
    if key == "kind":
        return words.kind(value, locale)
    if key == "architecture":
        return words.architecture(value, locale)
    if key == "modalities":
        return words.modalities_text(value, locale)
    return value


def row_label(row: Row, *, short: bool = False, locale: Locale = "en") -> str:
    """The row's name; prices say their unit ("per 1M tokens", "$/1M" in a terminal)."""
    label = row.label
    if locale != "en":
        key = f"row.{row.key}"
        label = t(locale, key) if has(locale, key) else label
    if row.kind == "price":
        if short:
            return f"{row.label.split()[0]} $/1M"
        return t(locale, "compare.per_million", label=label)
    return label


def _shared(row: Row) -> bool:
    """Every model has the same known value (shown once)."""
    return row.known == len(row.values) and len({repr(v) for v in row.values}) == 1


def _all(count: int, locale: Locale = "en") -> str:
    return t(locale, "compare.both") if count == 2 else t(locale, "compare.all", count=count)


def _labels(result: Comparison, name_limit: int) -> list[str]:
    """How each model is named in the row lines: "**DeepSeek-V4-Pro**"; once names must be
    clipped, numbered ("`1` **DeepSeek-…**") after the legend in the description."""
    names = [fit_escaped(name, name_limit) for name in result.names]
    if _clipped(result, name_limit):
        return [f"`{i + 1}` **{name}**" for i, name in enumerate(names)]
    return [f"**{name}**" for name in names]


def _clipped(result: Comparison, name_limit: int) -> bool:
    return any(fit_escaped(name, name_limit) != escape(name) for name in result.names)


def _row_value(result: Comparison, row: Row, labels: list[str], locale: Locale = "en") -> str:
    """A field value: one line per model, the best starred, within 1024 characters."""
    count = len(result.models)
    if _shared(row):
        value = value_text(row, 0, locale)
        return f"**{_all(count, locale)}** " + fit_escaped(value, FIELD_VALUE - 20)
    per_line = min(FIELD_VALUE // count - 1, LINE_BUDGET)
    lines = []
    for index, label in enumerate(labels):
        tail = f" {STAR}" if index in row.best else ""
        room = max(per_line - len(label) - 1 - len(tail), 1)
        lines.append(f"{label} {fit_escaped(value_text(row, index, locale), room)}{tail}")
    return "\n".join(lines)[:FIELD_VALUE]


def _description(result: Comparison, name_limit: int, locale: Locale = "en") -> str:
    parts = []
    names = [f"**{fit_escaped(name, 60)}**" for name in result.names]
    if _clipped(result, name_limit):
        parts += [f"`{i + 1}` **{fit_escaped(n, 100)}**" for i, n in enumerate(result.names)]
        names = [f"`{i + 1}`" for i in range(len(result.names))]
    line = ratios_line(result.ratios, names, locale)
    if line:
        parts.append(line)
    unknown = [
        row.label.lower() if locale == "en" else row_label(row, locale=locale)
        for row in result.rows
        if row.known == 0
    ]
    if unknown:
        names_known = t(locale, "list.sep").join(unknown)
        parts.append(t(locale, "compare.unknown_for_all", rows=names_known))
    return "\n".join(parts)


def footer_text(result: Comparison, budget: int = FOOTER_BUDGET, locale: Locale = "en") -> str:
    """ "Sources: host/path · host/path · +3 more", within `budget` characters."""
    head = t(locale, "compare.sources")
    if not result.sources:
        return t(locale, "compare.no_sources")
    short = [clip(url.split("://", 1)[-1].removeprefix("www."), 80) for url in result.sources]
    kept: list[str] = []
    for n, item in enumerate(short):
        left = len(short) - n - 1
        note = " · " + t(locale, "compare.more", count=left) if left else ""
        if len(head + " · ".join([*kept, item]) + note) > budget:
            break
        kept.append(item)
    text = head + " · ".join(kept)
    if len(kept) < len(short):
        text += " · " + t(locale, "compare.more", count=len(short) - len(kept))
    return text[:budget]


def compare_embed(result: Comparison, locale: Locale = "en") -> discord.Embed:
    """The comparison as one embed within Discord's limits (see the module docstring).

    Benchmarks are added while they fit, the ones left out named in a last field; names are
    clipped harder while that shows more benchmarks."""
    best: tuple[int, discord.Embed] | None = None
    for name_limit in NAME_LIMITS:
        embed = _facts(result, name_limit, _labels(result, name_limit), locale)
        shown = _add_benchmarks(embed, result, _labels(result, name_limit), locale)
        if best is None or shown > best[0]:
            best = (shown, embed)
        if shown == len(result.benchmarks) and len(embed) <= TOTAL:
            break
    assert best is not None
    return fit_fields(best[1])


def _facts(
    result: Comparison, name_limit: int, labels: list[str], locale: Locale = "en"
) -> discord.Embed:
    title = t(locale, "compare.vs").join(result.names)
    embed = discord.Embed(
        title=fit_escaped(title, TITLE),
        description=_description(result, name_limit, locale) or None,
        colour=COLOUR,
    )
    for row in result.rows:
        if row.known:
            embed.add_field(
                name=row_label(row, locale=locale),
                value=_row_value(result, row, labels, locale),
                inline=False,
            )
    embed.set_footer(text=footer_text(result, locale=locale))
    return embed


def _add_benchmarks(
    embed: discord.Embed, result: Comparison, labels: list[str], locale: Locale = "en"
) -> int:
    """Add benchmark fields while they fit; return how many were shown."""
    benchmarks = list(result.benchmarks)
    shown = 0
    for n, row in enumerate(benchmarks):
        last = n == len(benchmarks) - 1
        reserve = 0 if last else MORE_RESERVE
        name = fit_escaped(t(locale, "compare.benchmark", name=row.label), FIELD_NAME)
        value = _row_value(result, row, labels, locale)
        fields_left = FIELDS - len(embed.fields) - (0 if last else 1)
        if fields_left < 1 or len(embed) + len(name) + len(value) + reserve > TOTAL:
            break
        embed.add_field(name=name, value=value, inline=False)
        shown += 1
    rest = benchmarks[shown:]
    if not rest or len(embed.fields) >= FIELDS:
        return shown
    key = "compare.more_benchmarks_one" if len(rest) == 1 else "compare.more_benchmarks"
    name = t(locale, key, count=len(rest))
    room = min(FIELD_VALUE, TOTAL - len(embed) - len(name))
    value = fit_lines([", ".join(fit_escaped(row.label, 80) for row in rest)], room)
    if value and room > 0:
        embed.add_field(name=name, value=value, inline=False)
    return shown


# ---------------------------------------------------------------- terminal


def compare_text(result: Comparison, width: int = 80) -> str:
    """An aligned table within `width` columns, long rows and benchmarks below it.

    When a name would not fit its column, columns are headed [1]..[4] and a legend names
    the models in full first."""
    names = list(result.names)
    column = (width - TERMINAL_LABEL - 2 * len(names)) // len(names)
    if any(display_width(name) > column for name in names):
        tags = [f"[{i + 1}]" for i in range(len(names))]
        out = []
        for tag, name in zip(tags, names, strict=True):
            lines = wrap(name, width - len(tag) - 1) or [DASH]
            out += [f"{tag} {lines[0]}", *(" " * (len(tag) + 1) + more for more in lines[1:])]
    else:
        tags = names
        out = wrap(" vs ".join(names), width)
    line = ratios_line(result.ratios, tags)
    if line:
        out += ["", *wrap(line, width)]
    rows = [
        [row_label(row, short=True), *_marked(row)]
        for row in result.rows
        if row.key not in LONG_ROWS
    ]
    out += ["", table(["", *tags], rows, max_width=width)]
    for row in result.rows:
        if row.key in LONG_ROWS:
            out += ["", row.label, *_listed(tags, row, width)]
    if result.benchmarks:
        bench = [[row.label, *_marked(row)] for row in result.benchmarks]
        out += ["", table(["Shared benchmarks", *tags], bench, max_width=width)]
    out += ["", f"{TERMINAL_MARK} best in its row (largest, cheapest or newest)."]
    if result.sources:
        out += ["", "Sources:"]
        out += [fit_width("  " + url, width) for url in result.sources]
    return "\n".join(line.rstrip() for line in "\n".join(out).splitlines())


def _marked(row: Row) -> list[str]:
    return [
        value_text(row, i) + (f" {TERMINAL_MARK}" if i in row.best else "")
        for i in range(len(row.values))
    ]


def _listed(names: list[str], row: Row, width: int) -> list[str]:
    """ "  Name   value" lines, wrapped under the value column."""
    if _shared(row):
        text = f"{_all(len(row.values))}: {value_text(row, 0)}"
        return ["  " + line for line in wrap(text, width - 2)]
    label_width = min(max(display_width(name) for name in names), 24)
    lines = []
    for index, name in enumerate(names):
        label = fit_width(name, label_width)
        body = wrap(value_text(row, index), width - label_width - 4) or [DASH]
        lines.append(f"  {label}  {body[0]}")
        lines += [" " * (label_width + 4) + more for more in body[1:]]
    return lines
