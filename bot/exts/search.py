"""/search: models, labs and events by name, alias or technique."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.reach import everywhere
from bot.render.i18n import locale_of
from bot.render.search import search_embed
from bot.services.search import MAX_QUERY, search

if TYPE_CHECKING:
    from bot.app import ModelRadar


class SearchCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @everywhere
    @app_commands.command(
        name="search", description="Find models, labs and events by name, alias or technique"
    )
    @app_commands.describe(query="A name, alias or technique, such as MLA or 深度求索")
    async def search_command(
        self, interaction: discord.Interaction, query: app_commands.Range[str, 1, MAX_QUERY]
    ) -> None:
        result = await search(self.bot.store, query)
        await interaction.response.send_message(
            embed=search_embed(result, locale_of(interaction.locale))
        )


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(SearchCog(bot))
