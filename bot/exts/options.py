"""Model and lab options: typed text resolved through the bot's live name index.

A command takes `app_commands.Transform[NameEntry, ModelOption]` (or `LabOption`) and gets the
entry the user meant. Choices come from the in-memory index on every keystroke (no query); a
name that matches nothing stops the command before it runs, and the tree's error handler
(bot/exts/errors.py) shows the service's message privately.

A name that fits several models also stops the command, but when its cog is `Resumable`
(/compare, /model) the handler answers privately with a menu of the candidates
(`offer_choice`): picking one finishes the command with everything else the member typed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

import discord
from discord import app_commands

from bot.domain.errors import ModelRadarError
from bot.render.errors import service_message
from bot.render.i18n import locale_of, t
from bot.render.text import clip
from bot.services.names import MAX_CHOICES, Ambiguous, Entity, NameEntry, NameIndex

if TYPE_CHECKING:
    from bot.app import ModelRadar

log = logging.getLogger(__name__)

MODEL_MAX_LENGTH = 200
PICK_TIMEOUT = 180.0
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


# ---------------------------------------------------------------- several models fit: pick one


def say(interaction: discord.Interaction[Any], key: str, **values: object) -> str:
    """The string `key` in the member's language."""
    return t(locale_of(interaction.locale), key, **values)


@runtime_checkable
class Resumable(Protocol):
    """A cog whose command can finish after the member picked among several models.

    `name_options` are its model options, in order; `resume` answers as the command would,
    given every model option resolved and the options' values as typed (a picked model's
    value is its slug)."""

    name_options: tuple[str, ...]

    async def resume(
        self,
        interaction: discord.Interaction[Any],
        entries: dict[str, NameEntry],
        values: dict[str, Any],
    ) -> None: ...


def resolve_all(
    index: NameIndex, cog: Resumable, values: dict[str, Any]
) -> tuple[dict[str, NameEntry], tuple[str, Ambiguous] | None]:
    """Every model option the member filled, resolved; and the first one that fits several
    models, if any. A name that fits none raises NotFound, as the option would have."""
    entries: dict[str, NameEntry] = {}
    first: tuple[str, Ambiguous] | None = None
    for option in cog.name_options:
        value = values.get(option)
        if value is None:
            continue
        try:
            entries[option] = index.resolve(str(value), "model")
        except Ambiguous as exc:
            first = first or (option, exc)
    return entries, first


class PickModel(discord.ui.View):
    """A private menu of the models one option could mean (at most 25); only the member who
    asked can pick, and the pick finishes the original command."""

    def __init__(
        self,
        cog: Resumable,
        origin: discord.Interaction[Any],
        values: dict[str, Any],
        option: str,
        ambiguous: Ambiguous,
    ) -> None:
        super().__init__(timeout=PICK_TIMEOUT)
        self.cog = cog
        self.origin = origin
        self.values = values
        self.option = option
        self.menu: discord.ui.Select[PickModel] = discord.ui.Select(
            placeholder=say(origin, "pick.placeholder"),
            options=[
                discord.SelectOption(label=clip(label, 100), value=slug)
                for label, slug in _labels(ambiguous.matches[:MAX_CHOICES])
            ],
        )
        self.menu.callback = self.picked  # type: ignore[method-assign]
        self.add_item(self.menu)

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.origin.user.id:
            return True
        await interaction.response.send_message(say(interaction, "pick.not_yours"), ephemeral=True)
        return False

    async def picked(self, interaction: discord.Interaction[Any]) -> None:
        values = {**self.values, self.option: self.menu.values[0]}
        self.stop()
        try:
            entries, next_one = resolve_all(live_index(interaction), self.cog, values)
        except ModelRadarError as exc:
            await interaction.response.edit_message(
                content=service_message(exc, locale_of(interaction.locale))[:2000], view=None
            )
            return
        if next_one is not None:  # another option fits several models too: pick again
            option, ambiguous = next_one
            view = PickModel(self.cog, self.origin, values, option, ambiguous)
            text = service_message(ambiguous, locale_of(interaction.locale))
            await interaction.response.edit_message(content=text[:2000], view=view)
            return
        try:
            await self.cog.resume(interaction, entries, values)
        except ModelRadarError as exc:  # e.g. the same model twice in /compare
            text = service_message(exc, locale_of(interaction.locale))
            if interaction.response.is_done():
                await interaction.followup.send(text[:2000], ephemeral=True)
            else:
                await interaction.response.send_message(text[:2000], ephemeral=True)
            return
        name = entries[self.option].name
        await self._close(say(interaction, "pick.picked", name=name))

    async def on_timeout(self) -> None:
        await self._close(None)

    async def _close(self, content: str | None) -> None:
        """The menu's message without the menu (its work is done, or it timed out)."""
        try:
            if content is None:
                await self.origin.edit_original_response(view=None)
            else:
                await self.origin.edit_original_response(content=content, view=None)
        except discord.HTTPException:
            log.info("Could not remove a pick-a-model menu", exc_info=True)


def _labels(entries: list[NameEntry]) -> list[tuple[str, str]]:
    """ "Claude Sonnet 4.5 (2025-09)" for each entry, as autocomplete shows them."""
    return [
        (f"{e.name} ({e.released[:7].replace('-00', '')})" if e.released else e.name, e.slug)
        for e in entries
    ]


async def offer_choice(
    interaction: discord.Interaction[Any], error: app_commands.AppCommandError
) -> bool:
    """For a model option that fits several models, in a Resumable cog's command: answer
    privately with a menu of them and return True. Otherwise False (nothing was sent)."""
    if not isinstance(error, NameNotResolved) or not isinstance(error.original, Ambiguous):
        return False
    cog = getattr(interaction.command, "binding", None)
    if not isinstance(cog, Resumable) or interaction.response.is_done():
        return False
    values = dict(iter(interaction.namespace))
    try:
        _, first = resolve_all(live_index(interaction), cog, values)
    except ModelRadarError as exc:  # another option names nothing: no use picking this one
        text = service_message(exc, locale_of(interaction.locale))
        await interaction.response.send_message(text[:2000], ephemeral=True)
        return True
    if first is None:  # the catalog changed since the option was read
        return False
    option, ambiguous = first
    view = PickModel(cog, interaction, values, option, ambiguous)
    text = service_message(ambiguous, locale_of(interaction.locale))
    await interaction.response.send_message(text[:2000], view=view, ephemeral=True)
    return True
