"""/compare (two to four models side by side, an optional chart) and /model (one model)."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.options import model_autocomplete, resolve_model
from bot.render.charts import compare_chart
from bot.render.compare import compare_embed
from bot.render.model import model_embed
from bot.services.compare import check_names, compare_slugs
from bot.services.profile import profile_slug

if TYPE_CHECKING:
    from bot.app import ModelRadar

CHART_FILENAME = "compare.png"


class CompareCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @app_commands.command(name="compare", description="Two to four models side by side")
    @app_commands.describe(
        model1="A model, by name, alias or slug",
        model2="The model to compare it with",
        model3="A third model (optional)",
        model4="A fourth model (optional)",
        chart="Attach a chart of parameters and context on a log scale",
    )
    @app_commands.autocomplete(
        model1=model_autocomplete,
        model2=model_autocomplete,
        model3=model_autocomplete,
        model4=model_autocomplete,
    )
    async def compare_command(
        self,
        interaction: discord.Interaction,
        model1: app_commands.Range[str, 1, 200],
        model2: app_commands.Range[str, 1, 200],
        model3: app_commands.Range[str, 1, 200] | None = None,
        model4: app_commands.Range[str, 1, 200] | None = None,
        chart: bool = False,
    ) -> None:
        typed = [name for name in (model1, model2, model3, model4) if name is not None]
        # Resolve before deferring: a name that matches nothing, a family or the same model
        # twice is answered with an ephemeral message (a deferred reply could not be private).
        entries = [resolve_model(interaction, name) for name in typed]
        check_names(entries, typed, self.bot.names.index)
        result = await compare_slugs(self.bot.store, [entry.slug for entry in entries])
        embed = compare_embed(result)
        if not chart:
            await interaction.response.send_message(embed=embed)
            return
        await interaction.response.defer(thinking=True)
        png = await asyncio.to_thread(compare_chart, result)
        embed.set_image(url=f"attachment://{CHART_FILENAME}")
        await interaction.followup.send(
            embed=embed, file=discord.File(io.BytesIO(png), filename=CHART_FILENAME)
        )

    @app_commands.command(
        name="model", description="Everything known about one model, with what changed"
    )
    @app_commands.describe(name="The model, by name, alias or slug")
    @app_commands.autocomplete(name=model_autocomplete)
    async def model_command(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 200]
    ) -> None:
        entry = resolve_model(interaction, name)
        result = await profile_slug(self.bot.store, entry.slug)
        await interaction.response.send_message(embed=model_embed(result))


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(CompareCog(bot))
