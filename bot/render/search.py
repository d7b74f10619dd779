"""/search results as an embed and as terminal text."""

from __future__ import annotations

import discord

from bot.render import words
from bot.render.i18n import Locale, has, t
from bot.render.limits import DESCRIPTION, TITLE
from bot.render.listing import fit_escaped, fit_lines, wrap
from bot.render.text import DASH, date, table
from bot.services.search import Hit, SearchResult

NOTHING = (
    "Nothing matches. Try part of a model or lab name (Chinese names work too) or a technique, "
    "for example `MLA`, `sparse attention` or `深度求索`."
)


def _details(hit: Hit, locale: Locale = "en") -> list[str]:
    """What the hit is, in a few words: "model · Moonshot AI · Jul 2025"."""
    if hit.entity == "event":
        parts = [words.kind(hit.kind, locale) if hit.kind else t(locale, "entity.event")]
    else:
        parts = [t(locale, f"entity.{hit.entity}")]
    if hit.entity == "lab":
        if hit.kind:
            parts.append(words.country(hit.kind, locale))
    else:
        if hit.lab:
            parts.append(hit.lab)
        parts.append(words.date(hit.date, locale))
    return parts


def why(matched: str, locale: Locale = "en") -> str:
    """Why a hit matched ("alias 深度求索", "technique MLA", "highlights") in `locale`."""
    head, _, rest = matched.partition(" ")
    key = f"search.why_{head}"
    if locale == "en" or not has(locale, key):
        return matched
    return t(locale, key, text=rest) if rest else t(locale, key)


def _line(hit: Hit, locale: Locale = "en") -> str:
    details = " · ".join(fit_escaped(part, 60) for part in _details(hit, locale))
    line = f"**{fit_escaped(hit.name, 120)}** · {details}"
    if hit.matched:
        line += f" — {fit_escaped(why(hit.matched, locale), 100)}"
    return line


def _count(result: SearchResult, locale: Locale = "en") -> str:
    if locale != "en":
        if result.total > len(result.hits):
            return t(locale, "search.some", shown=len(result.hits), total=result.total)
        return t(locale, "search.all", total=result.total)
    if result.total > len(result.hits):
        shown = f"{len(result.hits)} of {result.total} matches"
        return f"{shown}, best first; narrow the search to see others"
    return f"{result.total} match{'es' if result.total != 1 else ''}, best first"


def search_embed(result: SearchResult, locale: Locale = "en") -> discord.Embed:
    embed = discord.Embed(
        title=fit_escaped(t(locale, "search.title", query=result.query), TITLE),
        colour=discord.Colour.gold(),
    )
    if not result.hits:
        embed.description = t(locale, "empty.search")
        return embed
    embed.description = fit_lines([_line(hit, locale) for hit in result.hits], DESCRIPTION)
    embed.set_footer(text=_count(result, locale))
    return embed


def search_text(result: SearchResult, width: int = 80) -> str:
    if not result.hits:
        return "\n".join(wrap(NOTHING.replace("`", ""), width))
    rows = [
        [
            hit.name,
            hit.entity if hit.entity != "event" else hit.kind or "event",
            hit.lab or DASH,
            date(hit.date) if hit.entity != "lab" else DASH,
            hit.matched or DASH,
        ]
        for hit in result.hits
    ]
    body = table(["Name", "What", "Lab", "Date", "Matched"], rows, max_width=width)
    return f"{body}\n\n{_count(result)}."
