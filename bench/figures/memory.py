"""Resident memory of the bot at a catalog size, against a bare interpreter with discord.py
imported; each measured in its own subprocess (bench/memory_probe.py), interleaved."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from bench.context import Plan, SizeContext
from bench.results import Figure
from bench.timing import Stats

LIMIT_MB = 200


async def _probe(*args: str) -> dict[str, Any]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.memory_probe",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"memory probe failed: {err.decode()[-2000:]}")
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    return result


async def run(context: SizeContext, plan: Plan) -> list[Figure]:
    bot: list[float] = []
    bare: list[float] = []
    peaks: list[float] = []
    names = 0
    for rep in range(plan.memory_reps):
        order = ("bot", "bare") if rep % 2 == 0 else ("bare", "bot")
        for which in order:
            if which == "bare":
                bare.append((await _probe("--bare"))["rss_mb"])
            else:
                found = await _probe("--db", str(context.db_path))
                bot.append(found["rss_mb"])
                peaks.append(found["peak_mb"])
                names = found["names"]
    fig, flo = Stats(tuple(bot)), Stats(tuple(bare))
    above = fig.median - flo.median
    return [
        Figure(
            "memory (resident)",
            context.size,
            fig,
            flo,
            "python + import discord",
            unit="MB",
            target=f"< {LIMIT_MB} MB above floor ({above:.0f} MB)",
            ok=above < LIMIT_MB,
            answer=context.size,
            notes={
                "above_floor_mb": round(above, 1),
                "peak_mb": round(max(peaks), 1),
                "names": names,
            },
        )
    ]
