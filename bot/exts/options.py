"""Model and lab options: typed text resolved through the bot's live name index.

A command takes `app_commands.Transform[NameEntry, ModelOption]` (or `LabOption`) and gets the
entry the user meant. Choices come from the in-memory index on every keystroke (no query); a
name that matches nothing, or several models, stops the command before it runs, and the tree's
error handler (bot/exts/errors.py) shows the service's message privately.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands

from bot.domain.errors import ModelRadarError
from bot.services.names import Entity, NameEntry, NameIndex

if TYPE_CHECKING:
    from bot.app import ModelRadar

MODEL_MAX_LENGTH = 200
LAB_MAX_LENGTH = 100


def live_index(interaction: discord.Interaction[Any]) -> NameIndex:
    """The running bot's name index, rebuilt whenever the catalog changes."""
    return cast("ModelRadar", interaction.client).names.index


class NameNotResolved(app_commands.TransformerError):
    """A model or lab option that named nothing (NotFound) or several models (Ambiguous).

    `original` is the service's error, read by the error handler as it reads a command's."""

    def __init__(self, value: str, transformer: NameOption, original: ModelRadarError) -> None:
        super().__init__(value, discord.AppCommandOptionType.string, transformer)
        self.original = original


class NameOption(app_commands.Transformer):
    """A string option naming a model or a lab, by name, alias or slug, with autocomplete."""

    entity: Entity

    def __init__(self, *, max_length: int | None = None) -> None:
        self.max_length = max_length

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    @property
    def min_value(self) -> int | None:
        return 1 if self.max_length is not None else None

    @property
    def max_value(self) -> int | None:
        return self.max_length

    async def transform(self, interaction: discord.Interaction[Any], value: Any, /) -> NameEntry:
        text = str(value)
        try:
            return live_index(interaction).resolve(text, self.entity)
        except ModelRadarError as exc:
            raise NameNotResolved(text, self, exc) from exc

    async def autocomplete(
        self, interaction: discord.Interaction[Any], value: int | float | str, /
    ) -> list[app_commands.Choice[int | float | str]]:
        """Up to 25 matches for what was typed, from memory."""
        return [
            app_commands.Choice(name=label, value=slug)
            for label, slug in live_index(interaction).complete(str(value), self.entity)
        ]


class ModelOption(NameOption):
    """A model, 1 to 200 characters as typed."""

    entity = "model"

    def __init__(self, *, max_length: int | None = MODEL_MAX_LENGTH) -> None:
        super().__init__(max_length=max_length)


class LabOption(NameOption):
    """A lab (Chinese names work); no length limit unless given."""

    entity = "lab"


# A lab option of 1 to 100 characters (/timeline, /coincidences).
ShortLabOption = LabOption(max_length=LAB_MAX_LENGTH)


# ---------------------------------------------------------------- for cogs not yet on LabOption


async def lab_autocomplete(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[int | float | str]]:
    """LabOption's choices, for a plain string option."""
    return await LabOption().autocomplete(interaction, current)


def resolve_lab(interaction: discord.Interaction[Any], text: str) -> NameEntry:
    """The lab a user named, by the same rule as LabOption; raises NotFound."""
    return live_index(interaction).resolve(text, "lab")
