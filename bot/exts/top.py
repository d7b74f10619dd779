"""/top: models ranked by size, context, price or date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.models import MODEL_KINDS
from bot.exts.reach import everywhere
from bot.render.top import top_embed
from bot.services.top import DEFAULT_LIMIT, MAX_LIMIT, MIN_LIMIT, top

if TYPE_CHECKING:
    from bot.app import ModelRadar

METRIC_CHOICES = [
    app_commands.Choice(name="Total parameters", value="params_total"),
    app_commands.Choice(name="Active parameters", value="params_active"),
    app_commands.Choice(name="Context window", value="context"),
    app_commands.Choice(name="Input price (cheapest first)", value="price_input"),
    app_commands.Choice(name="Output price (cheapest first)", value="price_output"),
    app_commands.Choice(name="Release date (newest first)", value="released"),
]
KIND_CHOICES = [app_commands.Choice(name=kind, value=kind) for kind in MODEL_KINDS]


class TopCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @everywhere
    @app_commands.command(name="top", description="Rank models by size, context, price or date")
    @app_commands.describe(
        metric="What to rank by",
        kind="Only models of this kind",
        limit="How many models to show (1 to 25)",
    )
    @app_commands.choices(metric=METRIC_CHOICES, kind=KIND_CHOICES)
    async def top_command(
        self,
        interaction: discord.Interaction,
        metric: app_commands.Choice[str],
        kind: app_commands.Choice[str] | None = None,
        limit: app_commands.Range[int, MIN_LIMIT, MAX_LIMIT] = DEFAULT_LIMIT,
    ) -> None:
        result = await top(self.bot.store, metric.value, kind.value if kind else None, limit)
        await interaction.response.send_message(embed=top_embed(result))


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(TopCog(bot))
