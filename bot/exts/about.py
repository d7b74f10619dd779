"""/about: what the bot knows and where it comes from."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.reach import everywhere
from bot.render.about import about_embed
from bot.render.i18n import locale_of
from bot.services.about import about

if TYPE_CHECKING:
    from bot.app import ModelRadar


class AboutCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @everywhere
    @app_commands.command(
        name="about", description="What Model Radar knows and where it comes from"
    )
    async def about_command(self, interaction: discord.Interaction) -> None:
        info = await about(self.bot.store)
        await interaction.response.send_message(
            embed=about_embed(info, locale_of(interaction.locale))
        )


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(AboutCog(bot))
