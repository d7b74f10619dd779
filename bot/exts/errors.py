"""One error handler for every app command: expected errors become a short ephemeral message."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.options import offer_choice
from bot.render.errors import apology
from bot.render.errors import user_message as render_user_message
from bot.render.i18n import Locale, locale_of

log = logging.getLogger(__name__)

APOLOGY = apology()


def user_message(error: app_commands.AppCommandError, locale: Locale = "en") -> str | None:
    """The message for an error a user can cause (in `locale`), or None for a bug."""
    return render_user_message(error, locale)


class RadarTree(app_commands.CommandTree[commands.Bot]):
    """The bot's command tree: its `on_error` is the one handler for every app command."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await on_app_command_error(interaction, error)


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    try:
        if await offer_choice(interaction, error):  # several models fit: a menu to pick from
            return
    except discord.HTTPException:
        log.warning("Could not offer a menu for an ambiguous name", exc_info=True)
        return
    locale = locale_of(interaction.locale)
    message = user_message(error, locale)
    if message is None:
        command = interaction.command.qualified_name if interaction.command else "?"
        log.error("Error in /%s", command, exc_info=error)
        message = apology(locale)
    message = message[:2000]
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("Could not tell the user about an error", exc_info=True)
