"""One error handler for every app command: expected errors become a short ephemeral message."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.errors import ModelRadarError
from bot.exts.options import offer_choice

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on our side while answering that. It has been logged."


def _permission(name: str) -> str:
    """Discord's own words for a permission ("manage_guild" is "Manage Server")."""
    return {"manage_guild": "Manage Server", "manage_channels": "Manage Channels"}.get(
        name, name.replace("_", " ").title()
    )


def user_message(error: app_commands.AppCommandError) -> str | None:
    """The message for an error a user can cause, or None for a bug."""
    # A command's own error (CommandInvokeError) or a name option's (NameNotResolved).
    original = getattr(error, "original", None)
    if isinstance(original, ModelRadarError):
        return str(original)
    if isinstance(error, app_commands.TransformerError):
        return f"Could not read {error.value!r}: {error.__cause__ or error}"
    if isinstance(error, app_commands.MissingPermissions):
        return (
            "You need the "
            + ", ".join(_permission(p) for p in error.missing_permissions)
            + " permission to use this command."
        )
    if isinstance(error, app_commands.BotMissingPermissions):
        return (
            "I am missing the "
            + ", ".join(_permission(p) for p in error.missing_permissions)
            + " permission here."
        )
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works in a server, not in direct messages."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You cannot use this command here."
    return None


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
    message = user_message(error)
    if message is None:
        command = interaction.command.qualified_name if interaction.command else "?"
        log.error("Error in /%s", command, exc_info=error)
        message = APOLOGY
    message = message[:2000]
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("Could not tell the user about an error", exc_info=True)
