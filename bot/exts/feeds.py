"""The feed watchers inside the bot: one cycle every `feeds_interval_minutes`, jittered.

Runs only when `feeds_enabled` is set. New models the watchers add land in `new_entries`;
the store watch notices the commit and release alerts announce them. A cycle that fails is
logged and never stops the loop.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from discord.ext import commands, tasks

from bot.domain.errors import ModelRadarError
from bot.feeds.config import load_config
from bot.feeds.report import reports_text
from bot.feeds.watcher import SourceReport, Watcher, jittered

if TYPE_CHECKING:
    from bot.app import ModelRadar

log = logging.getLogger(__name__)


class Feeds(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot
        self.watcher: Watcher | None = None

    async def cog_load(self) -> None:
        settings = self.bot.settings
        if not settings.feeds_enabled:
            log.info("Feed watchers are off (MODELRADAR_FEEDS_ENABLED=false)")
            return
        try:
            config = load_config(settings.feeds_config_path)
        except ModelRadarError as exc:
            log.error("Feed watchers are off: %s", exc)
            return
        self.watcher = Watcher(self.bot.store, settings, config)
        self.cycle.change_interval(seconds=jittered(settings.feeds_interval_minutes))
        self.cycle.start()

    async def cog_unload(self) -> None:
        self.cycle.cancel()

    async def run_cycle(self) -> list[SourceReport]:
        """One watcher cycle now (the loop's body; tests call it directly)."""
        if self.watcher is None:
            return []
        reports = await self.watcher.run_once()
        log.debug("Feed cycle:\n%s", reports_text(reports))
        return reports

    @tasks.loop(minutes=15)
    async def cycle(self) -> None:
        try:
            await self.run_cycle()
        except Exception:
            log.exception("Feed cycle failed")
        self.cycle.change_interval(seconds=jittered(self.bot.settings.feeds_interval_minutes))

    @cycle.before_loop
    async def _ready(self) -> None:
        await self.bot.wait_until_ready()


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(Feeds(bot))
