"""Noticing store changes made by any writer (another process's import, a feed watcher).

`PRAGMA data_version` is polled every few seconds; when it moves and the catalog itself changed
(the importer's `catalog_version`), the in-memory name index is rebuilt and the bot dispatches
`store_changed`, which other cogs (alerts) listen for.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from discord.ext import commands, tasks

if TYPE_CHECKING:
    from bot.app import ModelRadar

log = logging.getLogger(__name__)
POLL_SECONDS = 5.0


class StoreWatch(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.poll.start()

    async def cog_unload(self) -> None:
        self.poll.cancel()

    @tasks.loop(seconds=POLL_SECONDS)
    async def poll(self) -> None:
        try:
            changed = await self.bot.names.refresh()
        except Exception:
            log.exception("Could not check the store for changes")
            return
        if changed:
            log.info("Store changed; name index rebuilt (%d names)", len(self.bot.names.index))
            self.bot.dispatch("store_changed")


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(StoreWatch(bot))
