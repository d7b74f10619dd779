"""Text helpers shared by every renderer (Discord and terminal): dashes for unknowns,
markdown escaping, truncation, and aligned tables for an 80-column terminal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import discord

from bot.domain.dates import PartialDate
from bot.domain.sizes import format_params, format_tokens

DASH = "—"


def escape(text: str) -> str:
    """Markdown-escape text from the catalog for Discord, and defuse mentions (the bot also
    sends every message with AllowedMentions.none())."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


_CODE = re.compile(r"`([^`]*)`")


def terminal_message(text: str) -> str:
    """A message written for Discord, for the terminal: `code` becomes 'code' and **bold**
    plain, so no Markdown shows raw."""
    return _CODE.sub(r"'\1'", text).replace("**", "")


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + "…"


def params(value: int | None) -> str:
    return format_params(value) if value is not None else DASH


def tokens(value: int | None) -> str:
    return format_tokens(value) if value is not None else DASH


def price(value: float | None) -> str:
    return f"${value:,.2f}" if value is not None else DASH


def date(value: PartialDate | None) -> str:
    return value.human() if value is not None else DASH


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def clip_columns(text: str, width: int) -> str:
    """At most `width` terminal columns (wide characters count two), with an ellipsis."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        size = display_width(ch)
        if used + size > width - 1:
            break
        out.append(ch)
        used += size
    return "".join(out) + "…"


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    max_width: int = 80,
) -> str:
    """An aligned plain-text table that fits in `max_width` columns (wide columns are clipped)."""
    columns = len(headers)
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    total = sum(widths) + 2 * (columns - 1)
    while total > max_width:
        widest = max(range(columns), key=lambda i: widths[i])
        if widths[widest] <= 6:
            break
        widths[widest] -= 1
        total -= 1
    lines = ["  ".join(_pad(clip_columns(h, widths[i]), widths[i]) for i, h in enumerate(headers))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append(
            "  ".join(
                _pad(clip_columns(cell, widths[i]), widths[i], right=i in right)
                for i, cell in enumerate(row)
            ).rstrip()
        )
    return "\n".join(lines)


def fit_width(text: str, width: int) -> str:
    """`text` clipped (with an ellipsis) and padded to exactly `width` terminal columns."""
    if display_width(text) > width:
        out = ""
        for ch in text:
            if display_width(out + ch) > width - 1:
                break
            out += ch
        text = out + "…"
    return text + " " * (width - display_width(text))
