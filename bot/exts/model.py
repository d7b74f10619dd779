"""/model: everything known about one model, with what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.options import ModelOption
from bot.exts.reach import everywhere
from bot.render.i18n import locale_of
from bot.render.model import model_embed
from bot.services.model import profile
from bot.services.names import NameEntry

if TYPE_CHECKING:
    from bot.app import ModelRadar


class ModelCog(commands.Cog):
    """/model; `Resumable`: a name that fits several models gets a menu to pick from."""

    name_options = ("name",)

    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @everywhere
    @app_commands.command(
        name="model", description="Everything known about one model, with what changed"
    )
    @app_commands.describe(name="The model, by name, alias or slug")
    async def model_command(
        self,
        interaction: discord.Interaction,
        name: app_commands.Transform[NameEntry, ModelOption],
    ) -> None:
        await self.answer(interaction, name)

    async def resume(
        self,
        interaction: discord.Interaction[Any],
        entries: dict[str, NameEntry],
        values: dict[str, Any],
    ) -> None:
        """The profile, once the member picked the model an ambiguous name meant."""
        await self.answer(interaction, entries["name"])

    async def answer(self, interaction: discord.Interaction[Any], name: NameEntry) -> None:
        result = await profile(self.bot.store, self.bot.names.index, name)
        await interaction.response.send_message(
            embed=model_embed(result, locale_of(interaction.locale))
        )


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(ModelCog(bot))
