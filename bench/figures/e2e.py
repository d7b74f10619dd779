"""Informational: the real bot under SimCord, N /compare interactions against N no-op ones.

The no-op is a tiny command the benchmark adds to the bot's tree (it answers "ok"), so both
sides pay SimCord's own cost of an interaction (which dominates: it is a test harness, not a
timer) and the ratio shows roughly what the bot adds on top. Interleaved, one of each in turn.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import discord
import simcord
from discord import app_commands

from bench.context import Plan, SizeContext
from bench.results import Figure
from bench.timing import Stats
from bot.app import ModelRadar, create_bot
from bot.config import Settings

NOOP = "bench-noop"


def _bot(db_path: Path) -> ModelRadar:
    # No feed watchers: the benchmark must not reach for Hugging Face or OpenRouter.
    settings = Settings(database_path=db_path, sync_bundled_catalog=False, feeds_enabled=False)
    bot = create_bot(settings)

    @app_commands.command(name=NOOP, description="Answers ok (benchmark baseline)")
    async def noop(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok")

    bot.tree.add_command(noop)
    return bot


async def _close(bot: ModelRadar) -> None:
    """SimCord never calls close(): stop the cogs and their loops, then close the store."""
    for name in list(bot.cogs):
        await bot.remove_cog(name)
    if bot._store is not None:
        store, bot._store = bot._store, None
        await store.close()


async def run(context: SizeContext, plan: Plan) -> list[Figure]:
    rng = random.Random(context.size)
    path = context.folder / "simcord.db"
    await context.store.writer.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
    path.write_bytes(context.db_path.read_bytes())
    bot = _bot(path)
    compare: list[float] = []
    noop: list[float] = []
    clock = time.perf_counter
    try:
        async with simcord.run(bot) as env:
            guild = env.create_guild("Bench")
            channel = guild.create_text_channel("general")
            alice = guild.add_member(env.create_user("alice"))
            await alice.slash(channel, NOOP)  # warm up both
            slugs = [m["slug"] for m in context.catalog.models]
            for n in range(plan.e2e_interactions + 1):
                picked = rng.sample(slugs, 4)
                options: dict[str, Any] = {f"model{i + 1}": s for i, s in enumerate(picked)}
                start = clock()
                result = await alice.slash(channel, "compare", **options)
                middle = clock()
                await alice.slash(channel, NOOP)
                end = clock()
                assert result.response is not None and result.response.embeds, result
                if n:  # the first pair is a warm-up
                    compare.append(middle - start)
                    noop.append(end - middle)
            errors = list(env.errors)
            env.errors.clear()
            assert not errors, errors[:3]
    finally:
        await _close(bot)
    fig, flo = Stats(tuple(compare)), Stats(tuple(noop))
    return [
        Figure(
            "SimCord /compare vs no-op",
            context.size,
            fig,
            flo,
            f"{NOOP} (answers ok)",
            target="informational",
            ok=None,
            answer=4,
            notes={"interactions": len(compare)},
        )
    ]
