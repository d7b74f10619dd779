"""`modelradar watch`: run the feed watchers from the terminal (`--once` for one cycle)."""

from __future__ import annotations

import argparse
import asyncio

from bot.cli.common import Subcommands, open_store, print_json
from bot.config import Settings


async def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    from bot.feeds.config import load_config
    from bot.feeds.report import reports_json, reports_text
    from bot.feeds.watcher import SOURCES, Watcher, jittered

    config = load_config(settings.feeds_config_path)
    sources = tuple(args.source) if args.source else SOURCES
    async with open_store(settings) as store:
        watcher = Watcher(store, settings, config, sources)
        while True:
            reports = await watcher.run_once(force=args.force)
            if args.json:
                print_json(reports_json(reports))
            else:
                print(reports_text(reports), flush=True)
            if args.once:
                # 1 when any source failed this cycle (one or all of them); a source skipped
                # while it backs off did not run, so it does not fail the run by itself.
                return 1 if any(r.failed for r in reports) else 0
            await asyncio.sleep(jittered(settings.feeds_interval_minutes))


def register(sub: Subcommands) -> None:
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
