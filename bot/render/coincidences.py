"""/coincidences as an embed and as terminal text."""

from __future__ import annotations

import textwrap
from typing import Any

import discord

from bot.render import words
from bot.render.i18n import Locale, t
from bot.render.limits import DESCRIPTION, TOTAL, embed_problems
from bot.render.text import clip, clip_columns, escape, table
from bot.render.timeline import MARK, entry_json
from bot.services.coincidences import Coincidences
from bot.services.pairs import Pair, PairRow
from bot.services.timeline import Entry

COLOUR = discord.Colour.dark_gold()
MAX_LINES = 25
# /coincidences in Discord shows this many pairs a page (Previous/Next turn the pages).
PAIRS_PAGE = 10
_CLIPS = ((80, 30), (50, 20), (30, 15))


def gap_phrase(gap_days: int, locale: Locale = "en") -> str:
    if locale != "en":
        if gap_days == 0:
            return t(locale, "timeline.same_day")
        return t(locale, "coinc.apart", days=gap_days)
    if gap_days == 0:
        return "same day"
    return f"{gap_days} day{'s' if gap_days != 1 else ''} apart"


def title_text(result: Coincidences, locale: Locale = "en") -> str:
    names = result.lab_names
    if result.lab is None:
        return t(locale, "coinc.title_all")
    first = names.get(result.lab, result.lab)
    if result.vs is None:
        return t(locale, "coinc.title_lab", lab=first)
    return t(locale, "coinc.title_vs", lab=first, vs=names.get(result.vs, result.vs))


def intro_text(result: Coincidences, locale: Locale = "en") -> str:
    days = result.window_days
    if locale != "en":
        window = t(locale, "coinc.same_day") if days == 0 else t(locale, "coinc.within", days=days)
        since = (
            t(locale, "coinc.since", date=words.date(result.since, locale)) if result.since else ""
        )
        return t(locale, "coinc.intro", window=window, since=since)
    window = "on the same day" if days == 0 else f"within {days} day{'s' if days != 1 else ''}"
    since = f", since {result.since.human()}" if result.since else ""
    return f"Releases by different labs {window} of each other{since}, newest first."


def _side(entry: Entry, clip_name: int, clip_lab: int) -> str:
    name = escape(clip(entry.name, clip_name))
    if entry.entity == "model":
        name = f"**{name}**"
    return f"`{entry.date.iso()}` {name} ({escape(clip(entry.lab_name, clip_lab))})"


def pair_line(pair: Pair, clips: tuple[int, int] = _CLIPS[0]) -> str:
    first = _side(pair.first, *clips)
    second = _side(pair.second, *clips)
    return f"{first} {MARK} {second} · {gap_phrase(pair.gap_days)}"


def short_sibling(name: str, first: str) -> str:
    """A sibling's name without the first word it shares with the first name ("V4-Flash"
    after "DeepSeek-V4-Pro"); the whole name if they share no first word."""
    for at, char in enumerate(name):
        if char in " -_/":
            if first[: at + 1] == name[: at + 1] and at + 1 < len(name):
                return name[at + 1 :]
            break
    return name


def _group_side(entries: tuple[Entry, ...], clip_name: int, clip_lab: int) -> str:
    head = entries[0]
    names = [head.name] + [short_sibling(e.name, head.name) for e in entries[1:]]
    shown = []
    for entry, name in zip(entries, names, strict=True):
        text = escape(clip(name, clip_name))
        shown.append(f"**{text}**" if entry.entity == "model" else text)
    lab = escape(clip(head.lab_name, clip_lab))
    return f"`{head.date.iso()}` {', '.join(shown)} ({lab})"


def row_line(row: PairRow, clips: tuple[int, int] = _CLIPS[0], locale: Locale = "en") -> str:
    first = _group_side(row.firsts, *clips)
    second = _group_side(row.seconds, *clips)
    return f"{first} {MARK} {second} · {gap_phrase(row.gap_days, locale)}"


def row_page_count(rows: list[PairRow]) -> int:
    return max(1, -(-len(rows) // PAIRS_PAGE))


def rows_embed(
    result: Coincidences, rows: list[PairRow], page: int = 1, locale: Locale = "en"
) -> discord.Embed:
    """One page of rows (siblings merged), PAIRS_PAGE rows a page; the footer counts rows
    and the pairs they stand for, and says when only the newest pairs were gathered."""
    pages = row_page_count(rows)
    page = max(1, min(page, pages))
    shown = rows[(page - 1) * PAIRS_PAGE : page * PAIRS_PAGE]
    one = len(rows) == 1
    parts = [t(locale, "coinc.rows_one" if one else "coinc.rows", count=f"{len(rows):,}")]
    if pages > 1:
        parts.insert(0, t(locale, "coinc.page", page=page, pages=pages))
    merged = sum(row.pairs for row in rows)
    if merged != len(rows):
        parts.append(t(locale, "coinc.merged", count=f"{merged:,}"))
    if result.skipped:
        key = "coinc.skipped_one" if result.skipped == 1 else "coinc.skipped"
        parts.append(t(locale, key, count=result.skipped))
    for clips in _CLIPS:
        embed = discord.Embed(title=title_text(result, locale), colour=COLOUR)
        embed.set_footer(text=" · ".join(parts))
        lines = [intro_text(result, locale), ""]
        lines += [row_line(row, clips, locale) for row in shown]
        if not rows:
            lines.append(t(locale, "empty.coincidences"))
        elif result.count > len(result.pairs) and page == pages:
            lines.append(
                t(
                    locale,
                    "coinc.only_newest",
                    shown=f"{len(result.pairs):,}",
                    total=f"{result.count:,}",
                )
            )
        embed.description = "\n".join(lines)
        if not embed_problems([embed]):
            return embed
    return embed


def page_count(result: Coincidences) -> int:
    return max(1, -(-result.count // PAIRS_PAGE))


def _footer(result: Coincidences, page: tuple[int, int] | None) -> str:
    count = result.count
    parts = [f"{count:,} pair{'s' if count != 1 else ''}"]
    if page is not None and page[1] > 1:
        parts.insert(0, f"Page {page[0]} of {page[1]}")
    if result.skipped:
        noun = "entry" if result.skipped == 1 else "entries"
        parts.append(f"{result.skipped} {noun} dated only to a month or year not matched")
    return " · ".join(parts)


def coincidences_embed(result: Coincidences, page: tuple[int, int] | None = None) -> discord.Embed:
    """The pairs given that fit (at most 25 lines), and how many more there are; with
    `page` (number, pages), the footer says which page this is."""
    intro = intro_text(result)
    for clips in _CLIPS:
        embed = discord.Embed(title=title_text(result), colour=COLOUR)
        embed.set_footer(text=_footer(result, page))
        budget = min(DESCRIPTION, TOTAL - len(embed)) - 200
        lines = [intro, ""]
        size = len(intro) + 1
        shown = 0
        for pair in result.pairs[:MAX_LINES]:
            text = pair_line(pair, clips)
            if size + 1 + len(text) > budget:
                break
            lines.append(text)
            size += 1 + len(text)
            shown += 1
        # A page that shows all its pairs leaves the rest to the other pages.
        paged_in_full = page is not None and page[1] > 1 and shown == len(result.pairs)
        if not result.pairs:
            lines.append("None found. Try a larger `window_days` or other labs.")
        elif shown < result.count - result.offset and not paged_in_full:
            lines.append(
                f"…and {result.count - result.offset - shown:,} more: narrow it with `lab`, "
                "`vs`, `since` or a smaller `window_days`."
            )
        embed.description = "\n".join(lines)
        everything = shown == min(len(result.pairs), MAX_LINES)
        if not embed_problems([embed]) and (everything or clips == _CLIPS[-1]):
            return embed
    return embed


def coincidences_text(result: Coincidences, width: int = 80) -> str:
    """A table within `width` columns; a side whose lab is fixed by lab/vs is headed by the
    lab's name instead of repeating it on every row."""
    head = [clip_columns(title_text(result).replace(" · ", ": ", 1), width)]
    head += textwrap.wrap(intro_text(result), width)
    if result.skipped:
        noun = "entry" if result.skipped == 1 else "entries"
        head.append(f"({result.skipped} {noun} dated only to a month or year not matched)")
    if not result.pairs:
        return "\n".join([*head, "", "None found."])
    names = result.lab_names
    first_head = names.get(result.lab, result.lab) if result.lab else None
    second_head = names.get(result.vs, result.vs) if result.vs else None

    def side(entry: Entry, fixed: bool) -> str:
        return entry.name if fixed else f"{entry.name} ({entry.lab_name})"

    rows = [
        [
            str(pair.gap_days),
            pair.first.date.iso(),
            side(pair.first, first_head is not None),
            pair.second.date.iso(),
            side(pair.second, second_head is not None),
        ]
        for pair in result.pairs
    ]
    headers = ["Days", "Date", first_head or "Release", "Date", second_head or "Release"]
    body = table(headers, rows, right=(0,), max_width=width)
    more = []
    if result.count > len(result.pairs):
        more = ["", f"The newest {len(result.pairs):,} of {result.count:,} pairs (see --limit)."]
    return "\n".join([*head, "", body, *more])


def coincidences_json(result: Coincidences) -> dict[str, Any]:
    return {
        "window_days": result.window_days,
        "lab": result.lab,
        "vs": result.vs,
        "since": result.since.iso() if result.since else None,
        "skipped": result.skipped,
        "total": result.count,
        "pairs": [
            {"gap_days": p.gap_days, "first": entry_json(p.first), "second": entry_json(p.second)}
            for p in result.pairs
        ],
    }
