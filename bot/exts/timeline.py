"""/timeline: pages turned with buttons, and an optional chart."""

from __future__ import annotations

import asyncio
import io
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.options import ShortLabOption
from bot.exts.pages import OwnerPages
from bot.exts.reach import everywhere
from bot.exts.top import kind_choices
from bot.render.charts import chart_locale
from bot.render.i18n import Locale, locale_of, t
from bot.render.timeline import lab_title, timeline_embed
from bot.render.timeline_chart import timeline_chart
from bot.services import timeline as timeline_service
from bot.services.names import NameEntry
from bot.services.pairs import find_pairs
from bot.services.timeline import MARK_WINDOW_DAYS, Page, Query
from bot.services.top import KindCache, KindCounts
from bot.store import Store

if TYPE_CHECKING:
    from bot.app import ModelRadar

log = logging.getLogger(__name__)

# The chart stays readable (and quick) with at most this many dots and coincidence lines.
CHART_ENTRIES = 1000
CHART_PAIRS = 300
KIND_MAX_LENGTH = 32
Lab = app_commands.Transform[NameEntry, ShortLabOption]


class TimelinePages(OwnerPages):
    """The pages of one timeline; each turn reads that page from the store."""

    def __init__(self, store: Store, page: Page, owner_id: int, locale: Locale = "en") -> None:
        super().__init__(owner_id, page.number, page.pages, "timeline.not_yours", locale)
        self.store = store
        self.page = page

    async def show(self, number: int) -> discord.Embed:
        self.page = await timeline_service.page(self.store, self.page.query, number)
        self.number, self.pages = self.page.number, self.page.pages
        return timeline_embed(self.page, self.locale)


def _chart_png(
    entries: list[timeline_service.Entry], query: Query, total: int, locale: Locale = "en"
) -> bytes:
    pairs = find_pairs(entries, MARK_WINDOW_DAYS, lab=query.lab, vs=query.vs, limit=CHART_PAIRS)
    lanes = [lab for lab in (query.lab, query.vs) if lab]
    locale = chart_locale(locale)
    title = t(locale, "timeline.title", labs=lab_title(query, locale))
    if total > len(entries):
        title += t(locale, "chart.newest", shown=f"{len(entries):,}", total=f"{total:,}")
    return timeline_chart(entries, pairs, title=title, lanes=lanes, locale=locale)


def timeline_kinds(counts: KindCounts) -> list[tuple[str, int]]:
    """What `kind` can usefully be: "models" and "events" when there are any, then every
    model or event kind present, each with how many entries it would show."""
    wholes = [("models", sum(counts.models.values())), ("events", sum(counts.events.values()))]
    return [(kind, n) for kind, n in wholes if n] + counts.entry_kinds()


class TimelineCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot
        self.kinds = KindCache()

    @everywhere
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
    async def timeline_command(
        self,
        interaction: discord.Interaction,
        lab: Lab | None = None,
        vs: Lab | None = None,
        since: app_commands.Range[str, 1, 20] | None = None,
        until: app_commands.Range[str, 1, 20] | None = None,
        kind: app_commands.Range[str, 1, KIND_MAX_LENGTH] | None = None,
        chart: bool = False,
    ) -> None:
        query = timeline_service.make_query(
            lab=lab.slug if lab else None,
            vs=vs.slug if vs else None,
            since=since,
            until=until,
            kind=kind,  # typed by hand: checked by the service, which lists what it takes
            lab_names={e.slug: e.name for e in (lab, vs) if e},
        )
        store = self.bot.store
        if chart:
            await interaction.response.defer(thinking=True)
        page = await timeline_service.page(store, query, 1)
        locale = locale_of(interaction.locale)
        embed = timeline_embed(page, locale)
        view = TimelinePages(store, page, interaction.user.id, locale) if page.pages > 1 else None
        if chart:
            entries = await timeline_service.all_entries(store, query, newest=CHART_ENTRIES)
            png = await asyncio.to_thread(_chart_png, entries, query, page.total, locale)
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

    @timeline_command.autocomplete("kind")
    async def kind_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """models, events and the kinds present, with counts (read once per catalog)."""
        counts = await self.kinds.get(self.bot.store, self.bot.names.index)
        return kind_choices(timeline_kinds(counts), current, interaction.locale)


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(TimelineCog(bot))
