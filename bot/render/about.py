"""/about as an embed and as terminal text."""

from __future__ import annotations

import discord

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


def about_embed(info: About) -> discord.Embed:
    embed = discord.Embed(
        title="Model Radar",
        description="Who released what, when, and how the models compare.",
        colour=discord.Colour.blurple(),
    )
    for name, value in _lines(info):
        embed.add_field(name=name, value=value[:1024], inline=name != "Store last changed")
    embed.set_footer(text=REPO_NOTE)
    return embed


def about_text(info: About) -> str:
    width = max(len(name) for name, _ in _lines(info))
    return "\n".join(f"{name:<{width}}  {value}" for name, value in _lines(info))
