"""/top rankings as an embed and as terminal text."""

from __future__ import annotations

import discord

from bot.domain.dates import PartialDate
from bot.render import words
from bot.render.i18n import Locale, t
from bot.render.limits import DESCRIPTION, TITLE
from bot.render.listing import fit_escaped, fit_lines, wrap
from bot.render.text import DASH, params, price, table, tokens
from bot.services.top import Ranked, TopResult

PRICE_UNIT = "USD per 1M tokens"


def value_text(metric: str, value: int | float | PartialDate | None, locale: Locale = "en") -> str:
    """A metric's value as people read it: 1.6T, 1M, $0.28, 24 Apr 2026; a dash if unknown."""
    if value is None:
        return DASH
    if isinstance(value, PartialDate):
        return words.date(value, locale)
    if metric in ("params_total", "params_active"):
        return params(int(value))
    if metric == "context":
        return tokens(int(value))
    return price(float(value))


def kind_label(kind: str, count: int, locale: Locale = "en") -> str:
    """A kind as an autocomplete suggestion with its count: "code (12)", "代码 code (12)"."""
    local = words.kind(kind, locale)
    name = f"{local} {kind}" if local != kind else kind
    return f"{name} ({count:,})"


def _kind_models(result: TopResult, locale: Locale) -> str:
    """ "code " (before "models") in a title, or nothing without a kind."""
    return t(locale, "top.kind_models", kind=words.kind(result.kind, locale)) if result.kind else ""


def title(result: TopResult, locale: Locale = "en") -> str:
    count = len(result.entries) or result.limit
    if locale != "en":
        what = _kind_models(result, locale)
        metric = t(locale, f"metric.{result.metric}")
        if result.metric == "released":
            return t(locale, "top.newest", count=count, what=what)
        key = "top.cheapest" if result.metric.startswith("price") else "top.top"
        return t(locale, key, count=count, what=what, metric=metric)
    what = f"{result.kind} models" if result.kind else "models"
    if result.metric == "released":
        return f"Newest {count} {what}"
    if result.metric.startswith("price"):
        return f"Cheapest {count} {what} by {result.info.label}"
    return f"Top {count} {what} by {result.info.label}"


def _line(metric: str, entry: Ranked, locale: Locale = "en") -> str:
    value = value_text(metric, entry.value, locale)
    line = f"`{entry.rank:>2}.` **{fit_escaped(entry.name, 80)}** — {value}"
    line += f" · {fit_escaped(entry.lab, 40)}"
    if metric != "released":
        line += f" · {words.date(entry.released, locale)}"
    return line


def empty_text(result: TopResult, locale: Locale = "en") -> str:
    """What an empty ranking means: no models of the kind at all, or none with a value."""
    if locale != "en":
        what = _kind_models(result, locale)
        if not result.unknown:
            return t(locale, "empty.top_none", what=what)
        metric = t(locale, f"metric.{result.metric}")
        return t(locale, "empty.top_unknown", count=result.unknown, what=what, metric=metric)
    noun = f"{result.kind} models" if result.kind else "models"
    if not result.unknown:
        return f"No {noun} in the catalog yet."
    if result.unknown == 1:
        one = f"{result.kind} model" if result.kind else "model"
        return f"The catalog's one {one} has no {result.info.unknown} yet."
    return f"None of the {result.unknown} {noun} in the catalog has a {result.info.unknown} yet."


def _footer(result: TopResult, locale: Locale = "en") -> str:
    if not result.entries:  # the empty text says it all
        return ""
    if locale != "en":
        parts = []
        if result.metric.startswith("price"):
            parts.append(t(locale, "top.prices"))
        if result.unknown:
            what = _kind_models(result, locale)
            metric = t(locale, f"metric.{result.metric}")
            parts.append(t(locale, "top.left_out", count=result.unknown, what=what, metric=metric))
        return "".join(parts)
    parts = []
    if result.metric.startswith("price"):
        parts.append(f"Prices in {PRICE_UNIT}.")
    note = result.unknown_note()
    if note:
        parts.append(f"{note}; {'it is' if result.unknown == 1 else 'they are'} left out.")
    return " ".join(parts)


def top_embed(result: TopResult, locale: Locale = "en") -> discord.Embed:
    embed = discord.Embed(
        title=fit_escaped(title(result, locale), TITLE), colour=discord.Colour.green()
    )
    if result.entries:
        embed.description = fit_lines(
            [_line(result.metric, e, locale) for e in result.entries], DESCRIPTION
        )
    else:
        embed.description = empty_text(result, locale)
    footer = _footer(result, locale)
    if footer:
        embed.set_footer(text=footer)
    return embed


def top_text(result: TopResult, width: int = 80) -> str:
    lines = wrap(title(result), width)
    if result.entries:
        heading = result.info.label.capitalize()
        if result.metric.startswith("price"):
            heading = "USD/1M"
        rows = [
            [
                str(entry.rank),
                entry.name,
                entry.lab,
                value_text(result.metric, entry.value),
                entry.released.iso(),
            ]
            for entry in result.entries
        ]
        headers = ["#", "Model", "Lab", heading, "Released"]
        if result.metric == "released":
            rows = [row[:4] for row in rows]
            headers = headers[:4]
        lines.append(table(headers, rows, right=(0, 3), max_width=width))
    else:
        lines.append(empty_text(result))
    footer = _footer(result)
    if footer:
        lines.append("")
        lines.extend(wrap(footer, width))
    return "\n".join(lines)
