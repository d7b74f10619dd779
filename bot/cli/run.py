"""`modelradar run`: the Discord bot, until SIGTERM or Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys

import aiohttp
import discord

from bot.cli.common import Subcommands
from bot.config import Settings

NO_TOKEN = """\
No Discord token: set DISCORD_TOKEN to run the bot.

To get one:
  1. Open https://discord.com/developers/applications and choose "New Application".
  2. Under "Bot", choose "Reset Token" and copy it; then: export DISCORD_TOKEN=...
  3. Server install: under "OAuth2 > URL Generator", tick the scopes "bot" and
     "applications.commands" and the bot permissions "View Channels", "Send Messages",
     "Embed Links" and "Attach Files" (and "Send Messages in Threads" to announce in
     threads); or open this link with your application's id (52224 is those four):
       https://discord.com/oauth2/authorize?client_id=YOUR_APP_ID&scope=bot+applications.commands&permissions=52224
  4. User install (the lookups on a member's own account, also in DMs and servers without
     the bot): enable "User Install" under "Installation", then share:
       https://discord.com/oauth2/authorize?client_id=YOUR_APP_ID&integration_type=1&scope=applications.commands

Meanwhile, the same lookups work in the terminal, from the bundled catalog:
  modelradar about
  modelradar compare deepseek-v4-pro kimi-k2.6
  modelradar timeline --lab deepseek --vs moonshot
  modelradar coincidences --lab deepseek --vs moonshot --window 30
  modelradar import my-models.yaml --dry-run
"""


UNREACHABLE = (
    "modelradar: could not reach Discord ({reason}). Check that this machine is online and "
    "that DNS, firewalls and proxies let it reach discord.com on port 443, then run "
    "`modelradar run` again."
)


BAD_TOKEN = (
    "modelradar: Discord refused the token (401 Unauthorized): DISCORD_TOKEN is not a bot "
    "token, or it was reset. Copy a new one from https://discord.com/developers/applications "
    "(your application, Bot, Reset Token), set DISCORD_TOKEN to it, then run `modelradar run` "
    "again."
)


def _safe(text: str, token: str, size: int = 8) -> str:
    """`text` on one line; withheld whole if any `size` characters of the token are in it."""
    text = " ".join(text.split())
    if any(token[i : i + size] in text for i in range(max(len(token) - size + 1, 1))):
        return "the details are withheld: they contain part of the token"
    return text


def unreachable(exc: BaseException, token: str) -> str:
    """The one line printed when Discord cannot be reached at login."""
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        reason = "the name discord.com could not be resolved"
    elif isinstance(exc, TimeoutError):
        reason = "no answer in time"
    else:
        reason = str(exc) or type(exc).__name__
    return UNREACHABLE.format(reason=_safe(reason, token))


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
            try:
                runner.result()
            except (aiohttp.ClientConnectionError, TimeoutError) as exc:
                # At login: no network, no DNS, or a firewall. Reconnects after a successful
                # login are discord.py's own business and never end up here.
                print(unreachable(exc, token), file=sys.stderr)
                return 1
            except discord.LoginFailure:
                print(BAD_TOKEN, file=sys.stderr)
                return 1
        else:
            await bot.close()
            await asyncio.gather(runner, return_exceptions=True)
    return 0


def register(sub: Subcommands) -> None:
    run = sub.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN)")
    run.set_defaults(handler=cmd_run)
