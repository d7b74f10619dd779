"""/timeline (pages turned with buttons, an optional chart) and /coincidences."""

from __future__ import annotations

import asyncio
import io
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.options import ShortLabOption
from bot.exts.pages import OwnerPages
from bot.render.coincidences import PAIRS_PAGE, coincidences_embed, page_count
from bot.render.timeline import lab_title, timeline_embed
from bot.render.timeline_chart import timeline_chart
from bot.services import timeline as timeline_service
from bot.services.coincidences import (
    DEFAULT_WINDOW_DAYS,
    MAX_WINDOW_DAYS,
    Coincidences,
    coincidences,
)
from bot.services.names import NameEntry
from bot.services.pairs import find_pairs
from bot.services.timeline import MARK_WINDOW_DAYS, Page, Query
from bot.store import Store

if TYPE_CHECKING:
    from bot.app import ModelRadar

log = logging.getLogger(__name__)

# The chart stays readable (and quick) with at most this many dots and coincidence lines.
CHART_ENTRIES = 1000
CHART_PAIRS = 300
# /coincidences defers first when the store holds more entries than this (about 1 s of work).
DEFER_ABOVE = 20_000
NOT_YOURS = "Only the person who ran /timeline can turn these pages. Run /timeline to get your own."
NOT_YOURS_PAIRS = (
    "Only the person who ran /coincidences can turn these pages. Run /coincidences to get your own."
)
KIND_CHOICES = [
    app_commands.Choice(name="Models only", value="models"),
    app_commands.Choice(name="Events only", value="events"),
    *(app_commands.Choice(name=kind, value=kind) for kind in timeline_service.KINDS[2:]),
]
Lab = app_commands.Transform[NameEntry, ShortLabOption]


class TimelinePages(OwnerPages):
    """The pages of one timeline; each turn reads that page from the store."""

    def __init__(self, store: Store, page: Page, owner_id: int) -> None:
        super().__init__(owner_id, page.number, page.pages, NOT_YOURS)
        self.store = store
        self.page = page

    async def show(self, number: int) -> discord.Embed:
        self.page = await timeline_service.page(self.store, self.page.query, number)
        self.number, self.pages = self.page.number, self.page.pages
        return timeline_embed(self.page)


class CoincidencePages(OwnerPages):
    """The pages of one /coincidences answer; each turn sweeps again for that page."""

    def __init__(
        self, store: Store, ask: dict[str, Any], result: Coincidences, owner_id: int
    ) -> None:
        super().__init__(owner_id, 1, page_count(result), NOT_YOURS_PAIRS)
        self.store = store
        self.ask = ask

    async def show(self, number: int) -> discord.Embed:
        number = max(1, min(number, self.pages))
        result = await coincidences(
            self.store, **self.ask, limit=PAIRS_PAGE, offset=(number - 1) * PAIRS_PAGE
        )
        self.number, self.pages = number, page_count(result)
        return coincidences_embed(result, page=(self.number, self.pages))


def _chart_png(entries: list[timeline_service.Entry], query: Query, total: int) -> bytes:
    pairs = find_pairs(entries, MARK_WINDOW_DAYS, lab=query.lab, vs=query.vs, limit=CHART_PAIRS)
    lanes = [lab for lab in (query.lab, query.vs) if lab]
    title = f"Timeline · {lab_title(query)}"
    if total > len(entries):
        title += f" (newest {len(entries):,} of {total:,})"
    return timeline_chart(entries, pairs, title=title, lanes=lanes)


class TimelineCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @app_commands.command(
        name="timeline", description="Releases and events in date order, ten per page"
    )
    @app_commands.describe(
        lab="Only this lab",
        vs="A second lab, interleaved with the first; releases within a week are marked",
        since="From this date: 2025, 2025-01 or 2025-01-20",
        until="Through this date: 2025, 2025-01 or 2025-01-20",
        kind="Only models, only events, or one kind",
        chart="Attach a chart: a lane per lab, a dot per release",
    )
    @app_commands.choices(kind=KIND_CHOICES)
    async def timeline_command(
        self,
        interaction: discord.Interaction,
        lab: Lab | None = None,
        vs: Lab | None = None,
        since: app_commands.Range[str, 1, 20] | None = None,
        until: app_commands.Range[str, 1, 20] | None = None,
        kind: app_commands.Choice[str] | None = None,
        chart: bool = False,
    ) -> None:
        query = timeline_service.make_query(
            lab=lab.slug if lab else None,
            vs=vs.slug if vs else None,
            since=since,
            until=until,
            kind=kind.value if kind else None,
            lab_names={e.slug: e.name for e in (lab, vs) if e},
        )
        store = self.bot.store
        if chart:
            await interaction.response.defer(thinking=True)
        page = await timeline_service.page(store, query, 1)
        embed = timeline_embed(page)
        view = TimelinePages(store, page, interaction.user.id) if page.pages > 1 else None
        if chart:
            entries = await timeline_service.all_entries(store, query, newest=CHART_ENTRIES)
            png = await asyncio.to_thread(_chart_png, entries, query, page.total)
            file = discord.File(io.BytesIO(png), filename="timeline.png")
            if view is None:
                await interaction.edit_original_response(embed=embed, attachments=[file])
                return
            view.message = await interaction.edit_original_response(
                embed=embed, attachments=[file], view=view
            )
            return
        if view is None:
            await interaction.response.send_message(embed=embed)
            return
        await interaction.response.send_message(embed=embed, view=view)
        view.message = await interaction.original_response()

    @app_commands.command(
        name="coincidences", description="Releases by different labs within a few days"
    )
    @app_commands.describe(
        window_days=f"At most this many days apart (0 to {MAX_WINDOW_DAYS}, default 7)",
        lab="Only pairs with this lab",
        vs="Only pairs of lab with this second lab",
        since="Only releases from this date: 2025, 2025-01 or 2025-01-20",
    )
    async def coincidences_command(
        self,
        interaction: discord.Interaction,
        window_days: app_commands.Range[int, 0, MAX_WINDOW_DAYS] = DEFAULT_WINDOW_DAYS,
        lab: Lab | None = None,
        vs: Lab | None = None,
        since: app_commands.Range[str, 1, 20] | None = None,
    ) -> None:
        store = self.bot.store
        # A sweep over a very large catalog can take more than Discord's 3 s: defer first.
        deferred = await timeline_service.count(store, Query()) > DEFER_ABOVE
        if deferred:
            await interaction.response.defer(thinking=True)
        ask: dict[str, Any] = {
            "window_days": window_days,
            "lab": lab.slug if lab else None,
            "vs": vs.slug if vs else None,
            "since": since,
        }
        result = await coincidences(store, **ask, limit=PAIRS_PAGE)
        pages = page_count(result)
        embed = coincidences_embed(result, page=(1, pages))
        view = CoincidencePages(store, ask, result, interaction.user.id) if pages > 1 else None
        if deferred:
            if view is None:
                await interaction.edit_original_response(embed=embed)
                return
            view.message = await interaction.edit_original_response(embed=embed, view=view)
        elif view is None:
            await interaction.response.send_message(embed=embed)
        else:
            await interaction.response.send_message(embed=embed, view=view)
            view.message = await interaction.original_response()


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(TimelineCog(bot))
