"""Option helpers shared by every cog: autocomplete from memory, and name resolution."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands

from bot.services.names import NameEntry

if TYPE_CHECKING:
    from bot.app import ModelRadar

MAX_OPTION_LENGTH = 100


def _bot(interaction: discord.Interaction) -> ModelRadar:
    return cast("ModelRadar", interaction.client)


async def model_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Up to 25 models matching what was typed, from the in-memory index (no query)."""
    index = _bot(interaction).names.index
    return [
        app_commands.Choice(name=label, value=value)
        for label, value in index.complete(current, "model")
    ]


async def lab_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Up to 25 labs matching what was typed, from the in-memory index (no query)."""
    index = _bot(interaction).names.index
    return [
        app_commands.Choice(name=label, value=value)
        for label, value in index.complete(current, "lab")
    ]


def resolve_model(interaction: discord.Interaction, text: str) -> NameEntry:
    """The model a user named; raises NotFound (with suggestions) or Ambiguous."""
    return _bot(interaction).names.index.resolve(text[: MAX_OPTION_LENGTH * 2], "model")


def resolve_lab(interaction: discord.Interaction, text: str) -> NameEntry:
    """The lab a user named; raises NotFound (with suggestions)."""
    return _bot(interaction).names.index.resolve(text[: MAX_OPTION_LENGTH * 2], "lab")
