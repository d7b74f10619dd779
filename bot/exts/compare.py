"""/compare: two to four models side by side, an optional chart."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.options import ModelOption
from bot.exts.reach import everywhere
from bot.render.charts import compare_chart
from bot.render.compare import compare_embed
from bot.render.i18n import locale_of
from bot.services.compare import compare
from bot.services.names import NameEntry

if TYPE_CHECKING:
    from bot.app import ModelRadar

CHART_FILENAME = "compare.png"
MODEL_OPTIONS = ("model1", "model2", "model3", "model4")
Model = app_commands.Transform[NameEntry, ModelOption]


class CompareCog(commands.Cog):
    """/compare; `Resumable`: a name that fits several models gets a menu (bot/exts/options.py)
    and the pick finishes the comparison with the other names and the chart option kept."""

    name_options = MODEL_OPTIONS

    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @everywhere
    @app_commands.command(name="compare", description="Two to four models side by side")
    @app_commands.describe(
        model1="A model, by name, alias or slug",
        model2="The model to compare it with",
        model3="A third model (optional)",
        model4="A fourth model (optional)",
        chart="Attach a chart of parameters and context on a log scale",
    )
    async def compare_command(
        self,
        interaction: discord.Interaction,
        model1: Model,
        model2: Model,
        model3: Model | None = None,
        model4: Model | None = None,
        chart: bool = False,
    ) -> None:
        # The options resolved each name; the service refuses the same model twice, quoting
        # what was typed. Both happen before deferring, so the refusal can stay private.
        models = [entry for entry in (model1, model2, model3, model4) if entry is not None]
        typed = [str(interaction.namespace[o]) for o in MODEL_OPTIONS if o in interaction.namespace]
        await self.answer(interaction, models, typed, chart)

    async def resume(
        self,
        interaction: discord.Interaction[Any],
        entries: dict[str, NameEntry],
        values: dict[str, Any],
    ) -> None:
        """The comparison, once the member picked the model an ambiguous name meant."""
        models = [entries[o] for o in MODEL_OPTIONS if o in entries]
        typed = [str(values[o]) for o in MODEL_OPTIONS if values.get(o) is not None]
        await self.answer(interaction, models, typed, bool(values.get("chart", False)))

    async def answer(
        self,
        interaction: discord.Interaction[Any],
        models: list[NameEntry],
        typed: list[str],
        chart: bool,
    ) -> None:
        result = await compare(self.bot.store, self.bot.names.index, models, typed)
        embed = compare_embed(result, locale_of(interaction.locale))
        if not chart:
            await interaction.response.send_message(embed=embed)
            return
        await interaction.response.defer(thinking=True)
        png = await asyncio.to_thread(compare_chart, result, locale_of(interaction.locale))
        embed.set_image(url=f"attachment://{CHART_FILENAME}")
        await interaction.followup.send(
            embed=embed, file=discord.File(io.BytesIO(png), filename=CHART_FILENAME)
        )


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(CompareCog(bot))
