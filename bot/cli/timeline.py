"""`modelradar timeline` and `coincidences`: releases in date order, and releases close together."""

from __future__ import annotations

import argparse

from bot.cli.common import Subcommands, open_store, print_json, resolve_labs
from bot.config import Settings
from bot.domain.errors import ModelRadarError


async def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.timeline import timeline_json, timeline_text
    from bot.services import timeline

    async with open_store(settings) as store:
        lab, vs = await resolve_labs(store, args.lab, args.vs)
        query = timeline.make_query(
            lab=lab[0] if lab else None,
            vs=vs[0] if vs else None,
            since=args.since,
            until=args.until,
            kind=args.kind,
            lab_names=dict(pair for pair in (lab, vs) if pair),
        )
        page = await timeline.page(store, query, args.page, strict=True)
    if args.json:
        print_json(timeline_json(page))
    else:
        print(timeline_text(page))
    return 0


async def cmd_coincidences(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.coincidences import coincidences_json, coincidences_text
    from bot.services.coincidences import coincidences

    if args.limit < 1:
        raise ModelRadarError(f"--limit {args.limit} shows nothing: type 1 or more.")
    async with open_store(settings) as store:
        lab, vs = await resolve_labs(store, args.lab, args.vs)
        result = await coincidences(
            store,
            window_days=args.window,
            lab=lab[0] if lab else None,
            vs=vs[0] if vs else None,
            since=args.since,
            limit=args.limit,
        )
    if args.json:
        print_json(coincidences_json(result))
    else:
        print(coincidences_text(result))
    return 0


def register(sub: Subcommands) -> None:
    from bot.services.coincidences import DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS
    from bot.services.timeline import KINDS

    dates = "2025, 2025-01 or 2025-01-20"
    timeline = sub.add_parser("timeline", help="releases and events in date order, 10 a page")
    timeline.add_argument("--lab", help="only this lab (slug, name or alias)")
    timeline.add_argument("--vs", help="a second lab, interleaved; marks releases within a week")
    timeline.add_argument("--since", help=f"from this date: {dates}")
    timeline.add_argument("--until", help=f"through this date: {dates}")
    timeline.add_argument("--kind", choices=KINDS, help="models, events, or one kind")
    timeline.add_argument("--page", type=int, default=1, help="which page of 10 (default 1)")
    timeline.add_argument("--json", action="store_true", help="print JSON")
    timeline.set_defaults(handler=cmd_timeline)

    pairs = sub.add_parser("coincidences", help="releases by different labs within a few days")
    pairs.add_argument(
        "--window",
        type=int,
        default=DEFAULT_WINDOW_DAYS,
        help=f"at most this many days apart, 0 to {MAX_WINDOW_DAYS} (default 7)",
    )
    pairs.add_argument("--lab", help="only pairs with this lab")
    pairs.add_argument("--vs", help="only pairs of --lab with this lab")
    pairs.add_argument("--since", help=f"only releases from this date: {dates}")
    pairs.add_argument("--limit", type=int, default=50, help="the newest N pairs (default 50)")
    pairs.add_argument("--json", action="store_true", help="print JSON")
    pairs.set_defaults(handler=cmd_coincidences)
