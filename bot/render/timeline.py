"""/timeline as an embed (one field per month) and as terminal text."""

from __future__ import annotations

import calendar
from typing import Any

import discord

from bot.domain.dates import PartialDate
from bot.render import words
from bot.render.i18n import Locale, t
from bot.render.limits import FIELD_VALUE, TOTAL, embed_problems
from bot.render.text import DASH, clip, clip_columns, escape, table
from bot.services.timeline import MARK_WINDOW_DAYS, Entry, Line, Mark, Month, Page, Query

COLOUR = discord.Colour.dark_teal()
MARK = "⇄"
# Clip sizes (raw characters) for name, lab and the marked entry, tried in turn until the
# embed fits; escaping can at most double a text.
_CLIPS = ((100, 40, 60), (70, 30, 40), (40, 20, 25))


def month_heading(month: Month, locale: Locale = "en") -> str:
    if locale != "en":
        if month.month is None:
            return t(locale, "timeline.month_unknown", year=month.year)
        return t(locale, "timeline.month", year=month.year, month=month.month)
    if month.month is None:
        return f"{month.year}, month unknown"
    return f"{calendar.month_name[month.month]} {month.year}"


def gap_text(gap_days: int, locale: Locale = "en") -> str:
    """How far the other entry is: "same day", "2 days later", "1 day earlier"."""
    if locale != "en":
        if gap_days == 0:
            return t(locale, "timeline.same_day")
        key = "timeline.days_later" if gap_days > 0 else "timeline.days_earlier"
        return t(locale, key, days=abs(gap_days))
    if gap_days == 0:
        return "same day"
    days = abs(gap_days)
    return f"{days} day{'s' if days != 1 else ''} {'later' if gap_days > 0 else 'earlier'}"


def lab_title(query: Query, locale: Locale = "en") -> str:
    names = query.lab_names
    if query.lab is None:
        return t(locale, "timeline.all_labs")
    first = names.get(query.lab, query.lab)
    if query.vs is None:
        return first
    return t(locale, "timeline.vs", lab=first, vs=names.get(query.vs, query.vs))


def filters_text(query: Query, locale: Locale = "en") -> str:
    parts = []
    if query.since:
        parts.append(t(locale, "timeline.since", date=words.date(query.since, locale)))
    if query.until:
        parts.append(t(locale, "timeline.until", date=words.date(query.until, locale)))
    if query.kind:
        kind = (
            t(locale, f"timeline.only_{query.kind}")
            if query.kind in ("models", "events")
            else words.kind(query.kind, locale)
        )
        parts.append(t(locale, "timeline.kind", kind=kind))
    return t(locale, "list.sep").join(parts)


def _day(date: PartialDate) -> str:
    return f"{date.day:02d}" if date.day is not None else DASH


def _mark_text(marks: tuple[Mark, ...], clip_other: int, locale: Locale = "en") -> str:
    if not marks:
        return ""
    near = marks[0]
    more = " " + t(locale, "compare.more", count=len(marks) - 1) if len(marks) > 1 else ""
    name = escape(clip(near.other.name, clip_other))
    return f" {MARK} {name} ({gap_text(near.gap_days, locale)}){more}"


def entry_line(
    line: Line,
    *,
    show_lab: bool,
    clips: tuple[int, int, int] = _CLIPS[0],
    locale: Locale = "en",
) -> str:
    """One entry: day, lab, name (bold for a model), kind, and its coincidence mark."""
    entry = line.entry
    clip_name, clip_lab, clip_other = clips
    name = escape(clip(entry.name, clip_name))
    if entry.entity == "model":
        name = f"**{name}**"
    lab = f"{escape(clip(entry.lab_name, clip_lab))} · " if show_lab else ""
    kind = words.kind(entry.kind, locale)
    return f"`{_day(entry.date)}` {lab}{name} · {kind}{_mark_text(line.marks, clip_other, locale)}"


def _fields(
    page: Page, clips: tuple[int, int, int], locale: Locale = "en"
) -> list[tuple[str, str]]:
    show_lab = page.query.lab is None or page.query.vs is not None
    fields: list[tuple[str, str]] = []
    for month in page.months:
        heading = month_heading(month, locale)
        value = ""
        for line in month.lines:
            text = entry_line(line, show_lab=show_lab, clips=clips, locale=locale)
            if value and len(value) + 1 + len(text) > FIELD_VALUE:
                fields.append((heading, value))
                continued = t(locale, "timeline.continued", heading=month_heading(month, locale))
                heading, value = continued, ""
            value = f"{value}\n{text}" if value else text
        fields.append((heading, value[:FIELD_VALUE]))
    return fields


def timeline_embed(page: Page, locale: Locale = "en") -> discord.Embed:
    """One page: a field per month (split when long), page and count in the footer."""
    query = page.query
    for clips in _CLIPS:
        title = t(locale, "timeline.title", labs=lab_title(query, locale))
        embed = discord.Embed(title=clip(title, 256), colour=COLOUR)
        lines = []
        if filters := filters_text(query, locale):
            shown = filters.capitalize() if locale == "en" else filters
            lines.append(t(locale, "timeline.filters", filters=shown))
        if query.vs:
            lines.append(t(locale, "timeline.mark_note", mark=MARK, days=MARK_WINDOW_DAYS))
        if not page.lines:
            lines.append(t(locale, "empty.filters"))
        if lines:
            embed.description = "\n".join(lines)
        for name, value in _fields(page, clips, locale):
            embed.add_field(name=name, value=value, inline=False)
        key = "timeline.footer_one" if page.total == 1 else "timeline.footer"
        embed.set_footer(
            text=t(locale, key, number=page.number, pages=page.pages, total=page.total)
        )
        if len(embed) <= TOTAL and not embed_problems([embed]):
            return embed
    return embed


# ---------------------------------------------------------------- terminal


def _row(line: Line, with_marks: bool) -> list[str]:
    entry = line.entry
    row = [entry.date.iso(), entry.lab_name, entry.name, entry.kind or DASH]
    if with_marks:
        if line.marks:
            near = line.marks[0]
            more = f" +{len(line.marks) - 1}" if len(line.marks) > 1 else ""
            row.append(f"{near.other.name} ({gap_text(near.gap_days)}){more}")
        else:
            row.append("")
    return row


def timeline_text(page: Page, width: int = 80) -> str:
    """An aligned table for the terminal with a heading line before each month."""
    query = page.query
    noun = "entry" if page.total == 1 else "entries"
    head = [
        clip_columns(f"Timeline: {lab_title(query)}", width),
        f"Page {page.number} of {page.pages}, {page.total} {noun}",
    ]
    if filters := filters_text(query):
        head.append(clip_columns(filters.capitalize(), width))
    if not page.lines:
        return "\n".join([*head, "", "Nothing matches these filters."])
    with_marks = query.vs is not None
    headers = ["Date", "Lab", "Name", "Kind"] + (["Within a week"] if with_marks else [])
    rows = [_row(line, with_marks) for line in page.lines]
    lines = table(headers, rows, max_width=width).split("\n")
    out = [*head, "", *lines[:2]]
    body = lines[2:]
    index = 0
    for month in page.months:
        out.append(f"-- {month_heading(month)}")
        out.extend(body[index : index + len(month.lines)])
        index += len(month.lines)
    return "\n".join(out)


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "date": entry.date.iso(),
        "precision": entry.date.precision,
        "entity": entry.entity,
        "slug": entry.slug,
        "name": entry.name,
        "lab": entry.lab,
        "lab_name": entry.lab_name,
        "kind": entry.kind,
    }


def timeline_json(page: Page) -> dict[str, Any]:
    query = page.query
    return {
        "lab": query.lab,
        "vs": query.vs,
        "since": query.since.iso() if query.since else None,
        "until": query.until.iso() if query.until else None,
        "kind": query.kind,
        "page": page.number,
        "pages": page.pages,
        "total": page.total,
        "entries": [
            {
                **entry_json(line.entry),
                "coincidences": [
                    {**entry_json(mark.other), "gap_days": mark.gap_days} for mark in line.marks
                ],
            }
            for line in page.lines
        ],
    }
