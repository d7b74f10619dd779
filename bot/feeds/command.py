"""`modelradar watch`: run the feed watchers from the terminal (`--once` for one cycle)."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
from typing import Any

from bot.config import Settings


def jittered(minutes: float, spread: float = 0.1) -> float:
    """Seconds until the next cycle: the interval, give or take `spread` of it."""
    return minutes * 60 * random.uniform(1 - spread, 1 + spread)


async def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli import open_store
    from bot.feeds.config import load_config
    from bot.feeds.report import reports_json, reports_text
    from bot.feeds.watcher import SOURCES, Watcher

    config = load_config(settings.feeds_config_path)
    sources = tuple(args.source) if args.source else SOURCES
    store = await open_store(settings)
    try:
        watcher = Watcher(store, settings, config, sources)
        while True:
            reports = await watcher.run_once(force=args.force)
            if args.json:
                print(json.dumps(reports_json(reports), indent=2, ensure_ascii=False))
            else:
                print(reports_text(reports), flush=True)
            if args.once:
                return 1 if any(r.status == "failed" for r in reports) else 0
            await asyncio.sleep(jittered(settings.feeds_interval_minutes))
    finally:
        await store.close()


def register_watch(sub: Any) -> None:
    watch = sub.add_parser(
        "watch",
        help="watch Hugging Face and OpenRouter for new releases",
        description=(
            "Check the configured Hugging Face organisations and OpenRouter for new models, "
            "add them to the store (release alerts announce them) and fill empty fields of "
            "known models. The first run of a source only records what exists."
        ),
    )
    watch.add_argument("--once", action="store_true", help="run one cycle, print it and exit")
    watch.add_argument(
        "--source",
        action="append",
        choices=("huggingface", "openrouter"),
        help="only this source (repeatable; default: both)",
    )
    watch.add_argument("--force", action="store_true", help="ignore a failing source's backoff")
    watch.add_argument("--json", action="store_true", help="print JSON")
    watch.set_defaults(handler=cmd_watch)
