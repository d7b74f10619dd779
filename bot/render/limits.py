"""Discord's embed limits, and a check that a message's embeds stay within them."""

from __future__ import annotations

import discord

TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
TOTAL = 6000
EMBEDS_PER_MESSAGE = 10


def embed_problems(embeds: list[discord.Embed]) -> list[str]:
    """Every way these embeds (sent together) break Discord's limits; empty when they fit."""
    problems: list[str] = []
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds > {EMBEDS_PER_MESSAGE}")
    total = 0
    for n, embed in enumerate(embeds):
        title = embed.title or ""
        description = embed.description or ""
        footer = embed.footer.text or ""
        author = embed.author.name or ""
        checks = [
            ("title", len(title), TITLE),
            ("description", len(description), DESCRIPTION),
            ("fields", len(embed.fields), FIELDS),
            ("footer", len(footer), FOOTER),
            ("author", len(author), AUTHOR),
        ]
        total += len(title) + len(description) + len(footer) + len(author)
        for field in embed.fields:
            checks.append(("field name", len(field.name or ""), FIELD_NAME))
            checks.append(("field value", len(field.value or ""), FIELD_VALUE))
            if not (field.name or "").strip() or not (field.value or "").strip():
                problems.append(f"embed {n}: a field with an empty name or value")
            total += len(field.name or "") + len(field.value or "")
        for what, size, limit in checks:
            if size > limit:
                problems.append(f"embed {n}: {what} {size} > {limit}")
    if total > TOTAL:
        problems.append(f"total {total} > {TOTAL}")
    return problems


def fit_fields(embed: discord.Embed, budget: int = TOTAL) -> discord.Embed:
    """Drop trailing fields (saying so in the footer) until the embed fits the total budget."""

    def size() -> int:
        return len(embed)

    dropped = 0
    while size() > budget and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
        dropped += 1
    if dropped:
        note = f" · {dropped} more not shown"
        footer = (embed.footer.text or "")[: FOOTER - len(note)]
        embed.set_footer(text=footer + note)
        while len(embed) > budget and embed.fields:
            embed.remove_field(len(embed.fields) - 1)
    return embed
