"""Where the lookups can be used: installed to a server or to a user's account, and run in
servers, the bot's DM and group DMs. Subscriptions (bot/exts/alerts.py) stay server-only:
they post in a server's channels."""

from __future__ import annotations

from typing import TypeVar

from discord import app_commands

T = TypeVar("T")


def everywhere(command: T) -> T:
    """A lookup command: guild and user installs; guilds, the bot's DM and private channels.

    Put it above `@app_commands.command(...)`."""
    command = app_commands.allowed_installs(guilds=True, users=True)(command)
    return app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)(command)
