"""/coincidences: releases by different labs within a few days, ten pairs a page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.options import ShortLabOption
from bot.exts.pages import OwnerPages
from bot.exts.reach import everywhere
from bot.render.coincidences import row_page_count, rows_embed
from bot.render.i18n import Locale, locale_of
from bot.services import timeline as timeline_service
from bot.services.coincidences import (
    DEFAULT_WINDOW_DAYS,
    MAX_WINDOW_DAYS,
    Coincidences,
    coincidences,
)
from bot.services.names import NameEntry, NameIndex
from bot.services.pairs import PairRow, collapse
from bot.services.timeline import Entry, Query

if TYPE_CHECKING:
    from bot.app import ModelRadar

# Defer first when the store holds more entries than this (about 1 s of work).
DEFER_ABOVE = 20_000
# At most this many pairs (the newest) are gathered for one answer's pages.
GATHER = 500
Lab = app_commands.Transform[NameEntry, ShortLabOption]


class CoincidencePages(OwnerPages):
    """The pages of one /coincidences answer: rows gathered once, ten a page."""

    def __init__(
        self, result: Coincidences, rows: list[PairRow], owner_id: int, locale: Locale = "en"
    ) -> None:
        super().__init__(owner_id, 1, row_page_count(rows), "coinc.not_yours", locale)
        self.result = result
        self.rows = rows

    async def show(self, number: int) -> discord.Embed:
        self.number = max(1, min(number, self.pages))
        return rows_embed(self.result, self.rows, self.number, self.locale)


def family_lookup(index: NameIndex) -> Callable[[Entry], str | None]:
    """A model's family, from the live name index (no query)."""
    families = {e.slug: e.family for e in index.entries if e.entity == "model" and e.family}
    return lambda entry: families.get(entry.slug)


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
        # The newest GATHER pairs, siblings merged into rows; pages count rows.
        result = await coincidences(store, **ask, limit=GATHER)
        rows = collapse(result.pairs, family_lookup(self.bot.names.index), one_side=lab is None)
        locale = locale_of(interaction.locale)
        embed = rows_embed(result, rows, 1, locale)
        pages = row_page_count(rows)
        view = CoincidencePages(result, rows, interaction.user.id, locale) if pages > 1 else None
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
