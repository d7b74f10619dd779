"""The command line: `modelradar run`, `modelradar import`, and the lookups in the terminal.

Every subcommand reads the same settings as the bot (MODELRADAR_DATABASE_PATH, DISCORD_TOKEN,
or a `.env` file) and calls the same services as the slash commands.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot import __version__
from bot.config import Settings
from bot.domain.errors import ImportFailed, ModelRadarError
from bot.store import Store

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

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


def _settings(args: argparse.Namespace) -> Settings:
    if getattr(args, "database", None):
        return Settings(database_path=Path(args.database))
    return Settings()


async def open_store(settings: Settings, *, sync: bool = True) -> Store:
    """Open the store; fill an empty or older one from the bundled catalog, as the bot does."""
    from bot.catalog.bundled import sync_bundled

    store = await Store.open(settings.database_path)
    if sync and settings.sync_bundled_catalog:
        try:
            await sync_bundled(store, max_age_days=settings.announce_max_age_days)
        except BaseException:
            await store.close()
            raise
    return store


# ---------------------------------------------------------------- run


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


# ---------------------------------------------------------------- import


async def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.catalog.importer import import_paths

    store = await open_store(settings)
    try:
        report = await import_paths(
            store,
            args.paths,
            dry_run=args.dry_run,
            source="import",
            max_age_days=settings.announce_max_age_days,
        )
    except ImportFailed as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        await store.close()
    print(json.dumps(report.as_dict(), indent=2) if args.json else report.summary())
    return 0


# ---------------------------------------------------------------- about


async def cmd_about(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.about import about

    store = await open_store(settings)
    try:
        info = await about(store)
    finally:
        await store.close()
    if args.json:
        print(
            json.dumps(
                {
                    "labs": info.labs,
                    "models": info.models,
                    "events": info.events,
                    "newest": info.newest_name,
                    "newest_date": str(info.newest_date) if info.newest_date else None,
                    "last_change": info.last_change,
                    "version": info.version,
                    "sources": info.sources,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        from bot.render.about import about_text

        print(about_text(info))
    return 0


# ---------------------------------------------------------------- lab, search, top


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


async def cmd_lab(args: argparse.Namespace, settings: Settings) -> int:
    from bot.domain.models import dump
    from bot.render.lab import lab_text
    from bot.services.lab_profile import lab_profile
    from bot.services.names import NameIndex

    store = await open_store(settings)
    try:
        entry = (await NameIndex.load(store)).resolve(args.name, "lab")
        profile = await lab_profile(store, entry.slug)
    finally:
        await store.close()
    if not args.json:
        print(lab_text(profile))
        return 0
    _print_json(
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

    store = await open_store(settings)
    try:
        result = await search(store, args.query, limit=args.limit)
    finally:
        await store.close()
    if not args.json:
        print(search_text(result))
        return 0
    _print_json(
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

    store = await open_store(settings)
    try:
        result = await top(store, args.metric, args.kind, args.limit)
    finally:
        await store.close()
    if not args.json:
        print(top_text(result))
        return 0
    _print_json(
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


def _add_directory_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


# ---------------------------------------------------------------- timeline, coincidences


async def _resolve_labs(store: Store, *texts: str | None) -> list[tuple[str, str] | None]:
    """(slug, name) for each lab typed, as the slash commands resolve them; None if not given."""
    from bot.services.names import NameIndex

    index = await NameIndex.load(store)
    found: list[tuple[str, str] | None] = []
    for text in texts:
        entry = index.resolve(text, "lab") if text else None
        found.append((entry.slug, entry.name) if entry else None)
    return found


async def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.timeline import timeline_json, timeline_text
    from bot.services import timeline

    store = await open_store(settings)
    try:
        lab, vs = await _resolve_labs(store, args.lab, args.vs)
        query = timeline.make_query(
            lab=lab[0] if lab else None,
            vs=vs[0] if vs else None,
            since=args.since,
            until=args.until,
            kind=args.kind,
            lab_names=dict(pair for pair in (lab, vs) if pair),
        )
        page = await timeline.page(store, query, args.page, strict=True)
    finally:
        await store.close()
    if args.json:
        _print_json(timeline_json(page))
    else:
        print(timeline_text(page))
    return 0


async def cmd_coincidences(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.coincidences import coincidences_json, coincidences_text
    from bot.services.coincidences import coincidences

    if args.limit < 1:
        raise ModelRadarError(f"--limit {args.limit} shows nothing: type 1 or more.")
    store = await open_store(settings)
    try:
        lab, vs = await _resolve_labs(store, args.lab, args.vs)
        result = await coincidences(
            store,
            window_days=args.window,
            lab=lab[0] if lab else None,
            vs=vs[0] if vs else None,
            since=args.since,
            limit=args.limit,
        )
    finally:
        await store.close()
    if args.json:
        _print_json(coincidences_json(result))
    else:
        print(coincidences_text(result))
    return 0


def _add_timeline_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


# ---------------------------------------------------------------- compare, model


async def cmd_compare(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.compare import compare_text
    from bot.services.compare import as_dict, compare
    from bot.services.names import NameIndex

    store = await open_store(settings)
    try:
        result = await compare(store, await NameIndex.load(store), args.models)
    finally:
        await store.close()
    if args.json:
        _print_json(as_dict(result))
    else:
        print(compare_text(result))
    return 0


async def cmd_model(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.model import model_text
    from bot.services.names import NameIndex
    from bot.services.profile import as_dict, profile

    store = await open_store(settings)
    try:
        result = await profile(store, await NameIndex.load(store), args.name)
    finally:
        await store.close()
    if args.json:
        _print_json(as_dict(result))
    else:
        print(model_text(result))
    return 0


def _add_compare_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    compare = sub.add_parser(
        "compare",
        help="two to four models side by side",
        usage="modelradar compare A B [C D] [--json]",
    )
    compare.add_argument("models", nargs="+", metavar="MODEL", help="slug, name or alias")
    compare.add_argument("--json", action="store_true", help="print JSON")
    compare.set_defaults(handler=cmd_compare)

    model = sub.add_parser("model", help="everything known about one model")
    model.add_argument("name", help="slug, name or alias")
    model.add_argument("--json", action="store_true", help="print JSON")
    model.set_defaults(handler=cmd_model)


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="modelradar",
        description="Model Radar: AI labs, their models and releases, in Discord and here.",
    )
    parser.add_argument("--version", action="version", version=f"modelradar {__version__}")
    parser.add_argument(
        "--database",
        metavar="PATH",
        help="the SQLite store (default: $MODELRADAR_DATABASE_PATH or ./modelradar.db)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN)")
    run.set_defaults(handler=cmd_run)

    imp = sub.add_parser("import", help="validate and import YAML or JSON files or folders")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.set_defaults(handler=cmd_import)

    about = sub.add_parser("about", help="what the store holds")
    about.add_argument("--json", action="store_true", help="print JSON")
    about.set_defaults(handler=cmd_about)
    _add_directory_commands(sub)
    _add_timeline_commands(sub)
    _add_compare_commands(sub)

    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


# Later areas (lookups, feeds) add their subcommands here: each takes the subparsers object.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = []

# ---------------------------------------------------------------- watch (feeds, issue 5)

from bot.feeds.command import register_watch  # noqa: E402

EXTRA_COMMANDS.append(register_watch)

# ---------------------------------------------------------------- subscriptions (alerts, issue 4)


async def cmd_subscriptions(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.subscriptions import subscriptions_text
    from bot.services.alerts.delivery import outbox_counts
    from bot.services.alerts.subscriptions import all_subscriptions

    store = await open_store(settings)
    try:
        subs = await all_subscriptions(store)
        outbox = await outbox_counts(store)
        labs = {row[0]: row[1] for row in await store.fetchall("SELECT slug, name FROM labs")}
    finally:
        await store.close()
    if args.json:
        _print_json(
            {
                "subscriptions": [
                    {
                        "id": s.id,
                        "guild_id": s.guild_id,
                        "channel_id": s.channel_id,
                        "lab": s.lab,
                        "kind": s.kind,
                        "role_id": s.role_id,
                        "state": s.state,
                        "disabled_reason": s.disabled_reason,
                        "created_at": s.created_at,
                        "last_announced_at": s.last_announced_at,
                        "last_error": s.last_error,
                    }
                    for s in subs
                ],
                "announcements": outbox,
            }
        )
    else:
        print(subscriptions_text(subs, labs, outbox))
    return 0


def _register_subscriptions(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("subscriptions", help="release-alert subscriptions and their state")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=cmd_subscriptions)


EXTRA_COMMANDS.append(_register_subscriptions)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        settings = _settings(args)
    except ValidationError as exc:
        print(f"modelradar: invalid settings:\n{exc}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(handler(args, settings))
    except ModelRadarError as exc:
        print(f"modelradar: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
