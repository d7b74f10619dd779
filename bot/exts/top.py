"""/top: models ranked by size, context, price or date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.reach import everywhere
from bot.render.i18n import locale_of
from bot.render.top import kind_label, top_embed
from bot.services.top import DEFAULT_LIMIT, MAX_LIMIT, MIN_LIMIT, KindCache, top

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
KIND_MAX_LENGTH = 32


def kind_choices(
    kinds: list[tuple[str, int]], current: str, locale: discord.Locale
) -> list[app_commands.Choice[str]]:
    """The kinds present, as "code (12)", those matching what was typed first (at most 25)."""
    typed = current.strip().lower()
    labelled = [(kind_label(k, n, locale_of(locale)), k) for k, n in kinds]
    matching = [(label, k) for label, k in labelled if typed in label.lower()]
    return [app_commands.Choice(name=label, value=k) for label, k in matching[:25]]


class TopCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot
        self.kinds = KindCache()

    @everywhere
    @app_commands.command(name="top", description="Rank models by size, context, price or date")
    @app_commands.describe(
        metric="What to rank by",
        kind="Only models of this kind",
        limit="How many models to show (1 to 25)",
    )
    @app_commands.choices(metric=METRIC_CHOICES)
    async def top_command(
        self,
        interaction: discord.Interaction,
        metric: app_commands.Choice[str],
        kind: app_commands.Range[str, 1, KIND_MAX_LENGTH] | None = None,
        limit: app_commands.Range[int, MIN_LIMIT, MAX_LIMIT] = DEFAULT_LIMIT,
    ) -> None:
        # A kind typed by hand instead of picked is checked by the service: an unknown one
        # gets a private message listing the kinds; a known one with no models, the truth.
        result = await top(self.bot.store, metric.value, kind, limit)
        await interaction.response.send_message(
            embed=top_embed(result, locale_of(interaction.locale))
        )

    @top_command.autocomplete("kind")
    async def kind_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Only the kinds that have models, with their counts (read once per catalog)."""
        counts = await self.kinds.get(self.bot.store, self.bot.names.index)
        return kind_choices(counts.model_kinds(), current, interaction.locale)


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(TopCog(bot))
