"""/coincidences: releases by different labs within a few days, ten pairs a page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.options import ShortLabOption
from bot.exts.pages import OwnerPages
from bot.exts.reach import everywhere
from bot.render.coincidences import PAIRS_PAGE, coincidences_embed, page_count
from bot.services import timeline as timeline_service
from bot.services.coincidences import (
    DEFAULT_WINDOW_DAYS,
    MAX_WINDOW_DAYS,
    Coincidences,
    coincidences,
)
from bot.services.names import NameEntry
from bot.services.timeline import Query
from bot.store import Store

if TYPE_CHECKING:
    from bot.app import ModelRadar

# Defer first when the store holds more entries than this (about 1 s of work).
DEFER_ABOVE = 20_000
NOT_YOURS = (
    "Only the person who ran /coincidences can turn these pages. Run /coincidences to get your own."
)
Lab = app_commands.Transform[NameEntry, ShortLabOption]


class CoincidencePages(OwnerPages):
    """The pages of one /coincidences answer; each turn sweeps again for that page."""

    def __init__(
        self, store: Store, ask: dict[str, Any], result: Coincidences, owner_id: int
    ) -> None:
        super().__init__(owner_id, 1, page_count(result), NOT_YOURS)
        self.store = store
        self.ask = ask

    async def show(self, number: int) -> discord.Embed:
        number = max(1, min(number, self.pages))
        result = await coincidences(
            self.store, **self.ask, limit=PAIRS_PAGE, offset=(number - 1) * PAIRS_PAGE
        )
        self.number, self.pages = number, page_count(result)
        return coincidences_embed(result, page=(self.number, self.pages))


class CoincidencesCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @everywhere
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
    await bot.add_cog(CoincidencesCog(bot))
