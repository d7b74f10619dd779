"""The bot: built by `create_bot(settings)` without connecting, so tests and `run` share it."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import discord
from discord.ext import commands

from bot import __version__
from bot.catalog.bundled import sync_bundled_if_changed
from bot.config import Settings
from bot.exts.errors import RadarTree
from bot.services.names import LiveNames
from bot.store import Store, StoreUnusable
from bot.store.connection import unusable_reason

log = logging.getLogger(__name__)

# Cogs loaded by setup_hook, in order. Each module has `async def setup(bot)`.
EXTENSIONS: tuple[str, ...] = (
    "bot.exts.translator",
    "bot.exts.store_watch",
    "bot.exts.about",
    "bot.exts.alerts",
    "bot.exts.lab",
    "bot.exts.search",
    "bot.exts.top",
    "bot.exts.timeline",
    "bot.exts.coincidences",
    "bot.exts.compare",
    "bot.exts.model",
    "bot.exts.feeds",
)


class ModelRadar(commands.Bot):
    """A discord.py bot whose resources (the store) open in `setup_hook` and close in `close`."""

    store: Store
    names: LiveNames

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        intents = kwargs.pop("intents", None) or discord.Intents.default()
        intents.message_content = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=RadarTree,
            **kwargs,
        )
        self.settings = settings
        self.version = __version__
        self._store: Store | None = None

    async def setup_hook(self) -> None:
        # An unusable store raises StoreUnusable here: one line saying what to do.
        self.store = self._store = await Store.open(self.settings.database_path)
        if self.settings.sync_bundled_catalog:
            try:
                report = await sync_bundled_if_changed(
                    self.store, max_age_days=self.settings.announce_max_age_days
                )
            except sqlite3.DatabaseError as exc:
                reason = unusable_reason(exc)
                if reason is None:
                    raise
                raise StoreUnusable(self.store.path, reason) from None
            if report is None:
                log.info("Bundled catalog: unchanged since the store last synced it")
            else:
                log.info("Bundled catalog: models %s; events %s", report.models, report.events)
        self.names = LiveNames(self.store)
        await self.names.refresh(force=True)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        guild_id = self.settings.dev_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
        else:
            await self.tree.sync()

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            if self._store is not None:
                store, self._store = self._store, None
                await store.close()


def create_bot(settings: Settings, **kwargs: Any) -> ModelRadar:
    return ModelRadar(settings, **kwargs)
