"""Previous/Next buttons for a paged answer that only the member who asked can turn."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.render.i18n import Locale, locale_of, t

log = logging.getLogger(__name__)

VIEW_TIMEOUT = 180.0


class OwnerPages(discord.ui.View):
    """Previous/Next over `pages` pages; `show(number)` reads a page and returns its embed.
    The buttons disable themselves at the ends and when the view times out; anyone but the
    owner gets the string `not_yours` (a key of the string tables), privately, in their
    language."""

    def __init__(
        self, owner_id: int, number: int, pages: int, not_yours: str, locale: Locale = "en"
    ) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self.locale = locale
        self.previous_page.label = t(locale, "pages.previous")
        self.next_page.label = t(locale, "pages.next")
        self.owner_id = owner_id
        self.number = number
        self.pages = pages
        self.not_yours = not_yours
        self.message: discord.Message | discord.InteractionMessage | None = None
        self._sync()

    async def show(self, number: int) -> discord.Embed:
        raise NotImplementedError

    def _sync(self) -> None:
        self.previous_page.disabled = self.number <= 1
        self.next_page.disabled = self.number >= self.pages

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            t(locale_of(interaction.locale), self.not_yours), ephemeral=True
        )
        return False

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous_page(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[OwnerPages]
    ) -> None:
        await self._turn(interaction, self.number - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary)
    async def next_page(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[OwnerPages]
    ) -> None:
        await self._turn(interaction, self.number + 1)

    async def _turn(self, interaction: discord.Interaction[Any], number: int) -> None:
        embed = await self.show(number)
        self._sync()
        await interaction.response.edit_message(embed=embed, view=self)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException:
                log.info("Could not disable the buttons of a timed-out page view", exc_info=True)
