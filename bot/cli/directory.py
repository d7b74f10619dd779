"""`modelradar lab`, `search` and `top`: finding labs and models."""

from __future__ import annotations

import argparse

from bot.cli.common import Subcommands, open_store, print_json
from bot.config import Settings


async def cmd_lab(args: argparse.Namespace, settings: Settings) -> int:
    from bot.domain.models import dump
    from bot.render.lab import lab_text
    from bot.services.lab import lab_profile
    from bot.services.names import NameIndex

    async with open_store(settings) as store:
        entry = (await NameIndex.load(store)).resolve(args.name, "lab")
        profile = await lab_profile(store, entry.slug)
    if not args.json:
        print(lab_text(profile))
        return 0
    print_json(
        {
            "lab": dump(profile.lab),
            "models": profile.models,
            "events": profile.events,
            "open_weights": profile.open_weights,
            "open_weights_known": profile.open_weights_known,
            "open_share": profile.open_share,
            "first_release": str(profile.first_release) if profile.first_release else None,
            "latest": [
                {"slug": m.slug, "name": m.name, "released": str(m.released)}
                for m in profile.latest
            ],
            "period": profile.period,
            "timeline": [
                {"period": b.label, "models": list(b.models), "events": b.events}
                for b in profile.timeline
            ],
        }
    )
    return 0


async def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.search import search_text
    from bot.services.search import search

    async with open_store(settings) as store:
        result = await search(store, args.query, limit=args.limit)
    if not args.json:
        print(search_text(result))
        return 0
    print_json(
        {
            "query": result.query,
            "total": result.total,
            "hits": [
                {
                    "entity": h.entity,
                    "slug": h.slug,
                    "name": h.name,
                    "tier": h.tier.name.lower(),
                    "matched": h.matched or None,
                    "lab": h.lab,
                    "date": str(h.date) if h.date else None,
                    "kind": h.kind,
                }
                for h in result.hits
            ],
        }
    )
    return 0


async def cmd_top(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.top import top_text
    from bot.services.top import top

    async with open_store(settings) as store:
        result = await top(store, args.metric, args.kind, args.limit)
    if not args.json:
        print(top_text(result))
        return 0
    print_json(
        {
            "metric": result.metric,
            "kind": result.kind,
            "unknown": result.unknown,
            "models": [
                {
                    "rank": e.rank,
                    "slug": e.slug,
                    "name": e.name,
                    "lab": e.lab,
                    "released": str(e.released),
                    "value": str(e.value) if result.metric == "released" else e.value,
                }
                for e in result.entries
            ],
        }
    )
    return 0


def register(sub: Subcommands) -> None:
    from bot.domain.models import MODEL_KINDS
    from bot.services.search import DEFAULT_LIMIT as SEARCH_LIMIT
    from bot.services.top import DEFAULT_LIMIT, METRICS

    lab = sub.add_parser("lab", help="a lab's profile, latest releases and timeline")
    lab.add_argument("name", help="slug, name or alias (Chinese names work)")
    lab.add_argument("--json", action="store_true", help="print JSON")
    lab.set_defaults(handler=cmd_lab)

    search = sub.add_parser("search", help="models, labs and events by name or technique")
    search.add_argument("query", help='for example MLA, "sparse attention" or 深度求索')
    search.add_argument("--limit", type=int, default=SEARCH_LIMIT, help="at most this many")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=cmd_search)

    top = sub.add_parser("top", help="rank models by size, context, price or date")
    top.add_argument("metric", choices=list(METRICS))
    top.add_argument("--kind", choices=MODEL_KINDS, help="only models of this kind")
    top.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="1 to 25 (default 10)")
    top.add_argument("--json", action="store_true", help="print JSON")
    top.set_defaults(handler=cmd_top)
