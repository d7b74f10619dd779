"""Model Radar: a Discord bot that answers what AI labs released, when, and how models compare."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from discord.ext import commands

    from bot.config import Settings


def create_bot(settings: Settings, **kwargs: Any) -> commands.Bot:
    """Build the bot without connecting; `setup_hook` opens the store and syncs the catalog."""
    from bot.app import create_bot as _create_bot

    return _create_bot(settings, **kwargs)


__all__ = ["__version__", "create_bot"]
