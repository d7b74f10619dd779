"""/lab: a lab's profile, its counts, latest releases and a compact timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.options import LabOption
from bot.exts.reach import everywhere
from bot.render.i18n import locale_of
from bot.render.lab import lab_embed
from bot.services.lab import lab_profile
from bot.services.names import NameEntry

if TYPE_CHECKING:
    from bot.app import ModelRadar


class LabCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @everywhere
    @app_commands.command(
        name="lab", description="A lab's profile: counts, latest releases and a compact timeline"
    )
    @app_commands.describe(name="The lab, by name, alias or Chinese name")
    async def lab_command(
        self,
        interaction: discord.Interaction,
        name: app_commands.Transform[NameEntry, LabOption],
    ) -> None:
        profile = await lab_profile(self.bot.store, name.slug)
        await interaction.response.send_message(
            embed=lab_embed(profile, locale_of(interaction.locale))
        )


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(LabCog(bot))
