"""/about as an embed and as terminal text."""

from __future__ import annotations

from typing import Any

import discord

from bot.render import words
from bot.render.i18n import Locale, has, t
from bot.render.subscriptions import parse_stamp
from bot.render.text import DASH, clip, date, escape, table
from bot.services.about import About

REPO_NOTE = "Curated catalog in data/ with a source for every figure; imports add more."


def _lines(info: About) -> list[tuple[str, str]]:
    newest = (
        f"{info.newest_name} ({info.newest_date.human()})"
        if info.newest_name and info.newest_date
        else "—"
    )
    sources = ", ".join(f"{name}: {count}" for name, count in info.sources.items()) or "—"
    return [
        ("Catalog", f"{info.labs} labs, {info.models} models, {info.events} events"),
        ("Newest release", newest),
        ("Store last changed", info.last_change or "—"),
        ("Entries by source", sources),
        ("Version", info.version),
    ]


def _by_lab(info: About) -> str:
    """ "Qwen (Alibaba) 63 · DeepSeek 50 · …", the largest first."""
    return " · ".join(f"{escape(lab.name)} {lab.models}" for lab in info.by_lab if lab.models)


ABOUT_KEYS = {
    "Catalog": "about.catalog",
    "Newest release": "about.newest",
    "Store last changed": "about.last_change",
    "Entries by source": "about.sources",
    "Version": "about.version",
}


def _stamp(text: str | None) -> str:
    """The store's last change as a Discord timestamp (each client shows it in its own
    language and time zone); as stored if it is not in the store's format."""
    if not text:
        return "—"
    try:
        return discord.utils.format_dt(parse_stamp(text), "f")
    except ValueError:
        return text


def _sources(info: About, locale: Locale) -> str:
    """ "bundled: 518, import: 3", each source named in `locale`."""
    parts = []
    for name, count in info.sources.items():
        key = f"about.source_{name}"
        shown = t(locale, key) if has(locale, key) else name
        parts.append(t(locale, "about.source", name=shown, count=count))
    return t(locale, "list.sep").join(parts) or "—"


def about_embed(info: About, locale: Locale = "en") -> discord.Embed:
    embed = discord.Embed(
        title="Model Radar",
        description=t(locale, "about.intro"),
        colour=discord.Colour.blurple(),
    )
    for name, value in _lines(info):
        if name == "Catalog":
            value = t(
                locale, "about.counts", labs=info.labs, models=info.models, events=info.events
            )
        elif name == "Newest release" and info.newest_name and info.newest_date:
            value = f"{info.newest_name} ({words.date(info.newest_date, locale)})"
        elif name == "Store last changed":
            value = _stamp(info.last_change)
        elif name == "Entries by source":
            value = _sources(info, locale)
        embed.add_field(
            name=t(locale, ABOUT_KEYS[name]),
            value=value[:1024],
            inline=name != "Store last changed",
        )
    if info.by_lab:
        embed.add_field(
            name=t(locale, "about.by_lab"), value=clip(_by_lab(info), 1024), inline=False
        )
    embed.set_footer(text=t(locale, "about.footer"))
    return embed


def about_text(info: About, width: int = 80) -> str:
    """The summary, then a table of every lab: models and the newest of them."""
    label = max(len(name) for name, _ in _lines(info))
    lines = [f"{name:<{label}}  {value}" for name, value in _lines(info)]
    if info.by_lab:
        rows = [
            [lab.name, str(lab.models), lab.newest_name or DASH, date(lab.newest_date)]
            for lab in info.by_lab
        ]
        headers = ["Lab", "Models", "Newest", "Released"]
        lines += ["", table(headers, rows, right=(1,), max_width=width)]
    return "\n".join(lines)


def about_json(info: About) -> dict[str, Any]:
    """`modelradar about --json`."""
    return {
        "labs": info.labs,
        "models": info.models,
        "events": info.events,
        "newest": info.newest_name,
        "newest_date": str(info.newest_date) if info.newest_date else None,
        "last_change": info.last_change,
        "version": info.version,
        "sources": info.sources,
        "by_lab": [
            {
                "slug": lab.slug,
                "name": lab.name,
                "models": lab.models,
                "newest": lab.newest_name,
                "newest_date": str(lab.newest_date) if lab.newest_date else None,
            }
            for lab in info.by_lab
        ],
    }
