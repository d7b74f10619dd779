"""Run in a subprocess by the memory figure: print this process's resident memory as JSON.

`python -m bench.memory_probe --bare` imports discord.py only (the floor).
`python -m bench.memory_probe --db PATH` builds the real bot on that store and runs its
`setup_hook` (store, name index, every extension and its loops) with command syncing left
out, since there is no Discord to sync with; then measures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sys
from pathlib import Path


def _status(field: str) -> float:
    """A field of /proc/self/status in MB (VmRSS: resident now; VmHWM: the peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _bot(db: str) -> int:
    from bot.app import create_bot
    from bot.config import Settings

    # No feed watchers: a probe must not reach for Hugging Face or OpenRouter.
    bot = create_bot(
        Settings(database_path=Path(db), sync_bundled_catalog=False, feeds_enabled=False)
    )

    async def no_sync() -> None:
        return None

    bot.sync_commands = no_sync  # type: ignore[method-assign]
    await bot.setup_hook()
    await asyncio.sleep(0.2)  # let the extensions' loops take their first turn
    gc.collect()
    return len(bot.names.index)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--db")
    args = parser.parse_args()
    names = 0
    if args.bare:
        import discord  # noqa: F401

        gc.collect()
    else:
        names = asyncio.run(_bot(args.db))
    print(json.dumps({"rss_mb": _status("VmRSS"), "peak_mb": _status("VmHWM"), "names": names}))
    sys.stdout.flush()
    os._exit(0)  # the bot never logged in: skip closing what was never opened


if __name__ == "__main__":
    main()
