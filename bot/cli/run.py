"""`modelradar run`: the Discord bot, until SIGTERM or Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys

from bot.cli.common import Subcommands
from bot.config import Settings

NO_TOKEN = """\
No Discord token: set DISCORD_TOKEN to run the bot.

To get one:
  1. Open https://discord.com/developers/applications and choose "New Application".
  2. Under "Bot", choose "Reset Token" and copy it; then: export DISCORD_TOKEN=...
  3. Under "OAuth2 > URL Generator", tick the scopes "bot" and "applications.commands" and the
     permissions "Send Messages", "Embed Links" and "Attach Files"; open the URL to invite
     the bot to your server.

Meanwhile, the same lookups work in the terminal, from the bundled catalog:
  modelradar about
  modelradar compare deepseek-v4-pro kimi-k2.6
  modelradar timeline --lab deepseek --vs moonshot
  modelradar coincidences --lab deepseek --vs moonshot --window 30
  modelradar import my-models.yaml --dry-run
"""


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    token = settings.token()
    if not token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    from bot.app import create_bot
    from bot.logs import setup_logging

    setup_logging(settings.log_level)
    bot = create_bot(settings)
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()

    def stop() -> None:
        stopping.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop)
    async with bot:
        runner = asyncio.create_task(bot.start(token))
        waiter = asyncio.create_task(stopping.wait())
        done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            waiter.cancel()
            runner.result()
        else:
            await bot.close()
            await asyncio.gather(runner, return_exceptions=True)
    return 0


def register(sub: Subcommands) -> None:
    run = sub.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN)")
    run.set_defaults(handler=cmd_run)
