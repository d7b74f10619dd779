"""The bot: built by `create_bot(settings)` without connecting, so tests and `run` share it."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
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
    "bot.exts.lookup",
    "bot.exts.feeds",
    "bot.exts.heartbeat",
    "bot.exts.help",  # last: lists every command loaded before it
)


# The bot touches this file (beside the store) every minute while it is connected to Discord
# (bot/exts/heartbeat.py); the Docker HEALTHCHECK fails when it is older than three minutes.
HEARTBEAT_SUFFIX = ".heartbeat"
HEARTBEAT_MAX_AGE = 180.0


def heartbeat_path(database_path: Path) -> Path:
    """Where the bot for this store writes its heartbeat: `<store>.heartbeat`."""
    return database_path.with_name(database_path.name + HEARTBEAT_SUFFIX)


def heartbeat_fresh(
    database_path: Path, max_age: float = HEARTBEAT_MAX_AGE, now: float | None = None
) -> bool:
    """Whether the bot on this store touched its heartbeat less than `max_age` seconds ago
    (the Docker HEALTHCHECK)."""
    try:
        modified = heartbeat_path(database_path).stat().st_mtime
    except OSError:
        return False
    return (time.time() if now is None else now) - modified < max_age


def radar_intents() -> discord.Intents:
    """Only the guilds intent: slash commands need nothing else (no members, no messages)."""
    intents = discord.Intents.none()
    intents.guilds = True
    return intents


class ModelRadar(commands.AutoShardedBot, commands.Bot):
    """A discord.py bot whose resources (the store) open in `setup_hook` and close in `close`.

    Auto-sharded, so one process keeps working past 2,500 servers; the guilds intent only and
    no member cache, as every answer is an interaction. (commands.Bot adds nothing to the MRO
    but the type, so code that takes a `commands.Bot` takes this one.)"""

    store: Store
    names: LiveNames

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        # One shard until `connect()`, which asks Discord how many it recommends (unless a
        # count was given): construction and tests need a number, a real login the real one.
        self._auto_shards = kwargs.get("shard_count") is None
        kwargs.setdefault("shard_count", 1)
        intents = kwargs.pop("intents", None) or radar_intents()
        intents.message_content = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=RadarTree,
            **kwargs,
        )
        self.settings = settings
        self.version = __version__
        self._store: Store | None = None
        self.heartbeat_file = heartbeat_path(settings.database_path)

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

    async def connect(self, *, reconnect: bool = True) -> None:
        if self._auto_shards:
            self.shard_count = None  # type: ignore[assignment]  # launch_shards asks Discord
        await super().connect(reconnect=reconnect)

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            if self._store is not None:
                store, self._store = self._store, None
                await store.close()


def create_bot(settings: Settings, **kwargs: Any) -> ModelRadar:
    return ModelRadar(settings, **kwargs)
