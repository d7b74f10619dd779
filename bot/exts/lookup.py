"""The "Look up models" message menu: right-click a message, get a card for each catalog model
it names (up to 4) and, for 2 to 4 of them, a button that compares them as /compare does.

Names are found in the live name index, never by a query: every run of up to `MAX_WORDS`
words is normalised ("DeepSeek V4 Pro" -> "deepseekv4pro") and looked up among the exact
names, slugs and aliases; longer matches win, matches never overlap, and a name shared by
several models (a family) is skipped rather than guessed.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.errors import ModelRadarError
from bot.domain.names import normalize
from bot.exts.options import say
from bot.exts.reach import everywhere
from bot.render.compare import compare_embed
from bot.render.errors import service_message
from bot.render.i18n import locale_of
from bot.render.lookup import MAX_CARDS, card_embed
from bot.services.compare import compare
from bot.services.model import profile
from bot.services.names import NameEntry, NameIndex

if TYPE_CHECKING:
    from bot.app import ModelRadar

log = logging.getLogger(__name__)

MENU_NAME = "Look up models"
MAX_WORDS = 6  # the longest catalog name people write as separate words
MAX_TEXT = 4000  # a message's longest content
VIEW_TIMEOUT = 180.0
_SEPARATORS = re.compile(r"[\s,;/|]+")
_EDGES = "\"'`*_~()[]{}<>.:!?“”‘’「」（）【】，。；：！？、"


def words_of(text: str) -> list[str]:
    """The message's words, without surrounding punctuation ("(K2.6)," -> "K2.6")."""
    return [word.strip(_EDGES) for word in _SEPARATORS.split(text[:MAX_TEXT])]


def _exactly_one(index: NameIndex, norm: str) -> int | None:
    """The one model whose name, slug or alias normalises to `norm`, as resolve() ranks them."""
    table = index.tables["model"]
    for ids in (table.strong.get(norm, ()), table.exact.get(norm, ())):
        if len(ids) == 1:
            return ids[0]
    return None


def find_models(index: NameIndex, text: str, limit: int = MAX_CARDS) -> list[NameEntry]:
    """Distinct models named in `text`, in the order they appear, at most `limit`.

    Longest match first: "DeepSeek V4 Pro" is one model, not "DeepSeek V4" and a stray "Pro";
    a word belongs to at most one match."""
    words = words_of(text)
    candidates: list[tuple[int, int, int, int]] = []  # (-length, start, end, entry)
    for start, word in enumerate(words):
        if not word:
            continue
        for end in range(start + 1, min(start + MAX_WORDS, len(words)) + 1):
            if not words[end - 1]:
                break
            norm = normalize(" ".join(words[start:end]))
            found = _exactly_one(index, norm) if norm else None
            if found is not None:
                candidates.append((-len(norm), start, end, found))
    taken = [False] * len(words)
    chosen: list[tuple[int, int]] = []  # (start, entry)
    for _, start, end, entry in sorted(candidates):
        if any(taken[start:end]) or any(entry == e for _, e in chosen):
            continue
        taken[start:end] = [True] * (end - start)
        chosen.append((start, entry))
    return [index.entries[entry] for _, entry in sorted(chosen)[:limit]]


class CompareThese(discord.ui.View):
    """The cards' "Compare these" button: answers with the /compare embed of the models found.
    Only the member who looked them up can press it; it goes away once used or timed out."""

    def __init__(
        self, bot: ModelRadar, origin: discord.Interaction[Any], entries: list[NameEntry]
    ) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self.bot = bot
        self.origin = origin
        self.entries = entries
        self.compare_these.label = say(origin, "lookup.compare")

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.origin.user.id:
            return True
        await interaction.response.send_message(
            say(interaction, "lookup.not_yours"), ephemeral=True
        )
        return False

    @discord.ui.button(label="Compare these", style=discord.ButtonStyle.primary)
    async def compare_these(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[CompareThese]
    ) -> None:
        typed = [entry.slug for entry in self.entries]
        try:
            result = await compare(self.bot.store, self.bot.names.index, self.entries, typed)
        except ModelRadarError as exc:  # a model left the catalog since the cards were shown
            text = service_message(exc, locale_of(interaction.locale))
            await interaction.response.send_message(text[:2000], ephemeral=True)
            return
        await interaction.response.send_message(
            embed=compare_embed(result, locale_of(interaction.locale))
        )
        self.stop()
        await self._remove_button()

    async def on_timeout(self) -> None:
        await self._remove_button()

    async def _remove_button(self) -> None:
        try:
            await self.origin.edit_original_response(view=None)
        except discord.HTTPException:
            log.info("Could not remove the Compare these button", exc_info=True)


class LookupCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot
        self.menu = everywhere(app_commands.ContextMenu(name=MENU_NAME, callback=self.look_up))

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def look_up(self, interaction: discord.Interaction, message: discord.Message) -> None:
        entries = find_models(self.bot.names.index, message.content)
        if not entries:
            await interaction.response.send_message(
                say(interaction, "lookup.nothing"), ephemeral=True
            )
            return
        cards = [
            card_embed(
                await profile(self.bot.store, self.bot.names.index, e),
                locale_of(interaction.locale),
            )
            for e in entries
        ]
        if len(entries) < 2:
            await interaction.response.send_message(embeds=cards)
            return
        view = CompareThese(self.bot, interaction, entries)
        await interaction.response.send_message(embeds=cards, view=view)


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(LookupCog(bot))
