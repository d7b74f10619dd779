"""The heartbeat: a file beside the store, touched every minute while the bot is connected.

The Docker HEALTHCHECK fails when the file is older than three minutes, so a bot that lost
Discord (or hangs) is reported unhealthy and restarted by the orchestrator."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from discord.ext import commands, tasks

if TYPE_CHECKING:
    from bot.app import ModelRadar

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 60


class Heartbeat(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot
        self.warned = False

    async def cog_load(self) -> None:
        self.beat.start()

    async def cog_unload(self) -> None:
        self.beat.cancel()

    def touch(self) -> bool:
        """Touch the file if the bot is connected; whether it was touched."""
        if self.bot.is_closed() or not self.bot.is_ready():
            return False
        path = self.bot.heartbeat_file
        try:
            path.touch()
        except OSError as exc:  # a read-only or full volume: say so once, keep answering
            if not self.warned:
                log.warning("Could not touch the heartbeat file %s: %s", path, exc)
                self.warned = True
            return False
        self.warned = False
        return True

    @tasks.loop(seconds=HEARTBEAT_SECONDS)
    async def beat(self) -> None:
        self.touch()

    @beat.before_loop
    async def before_beat(self) -> None:
        await self.bot.wait_until_ready()


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(Heartbeat(bot))
