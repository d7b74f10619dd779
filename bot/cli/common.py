"""What every subcommand shares: settings from the arguments, the store, JSON on stdout."""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeAlias

from bot.config import Settings
from bot.store import Store, StoreUnusable
from bot.store.connection import unusable_reason

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The bot's settings, with the store `--database` names if given."""
    if getattr(args, "database", None):
        return Settings(database_path=Path(args.database))
    return Settings()


@contextlib.asynccontextmanager
async def open_store(
    settings: Settings, *, sync: bool = True, migrate: bool = True
) -> AsyncIterator[Store]:
    """The store, open for the block; an empty one, or one synced from an older data/, is
    filled from the bundled catalog first, as the bot does (otherwise opening only reads).
    Closed on the way out, whatever happens; a damaged file found on the way is reported as
    StoreUnusable, not as SQLite's traceback."""
    from bot.catalog.bundled import sync_bundled_if_changed

    store = await Store.open(settings.database_path, migrate=migrate)
    try:
        if sync and settings.sync_bundled_catalog:
            try:
                await sync_bundled_if_changed(store, max_age_days=settings.announce_max_age_days)
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorname", "") != "SQLITE_BUSY":
                    raise
                # data/ changed while another process holds the write lock for longer than
                # the busy timeout: answer from the store as it is; a later command syncs.
                print(
                    f"modelradar: {settings.database_path} is busy (another process is writing);"
                    " the bundled catalog update waits for a later command.",
                    file=sys.stderr,
                )
        yield store
    except sqlite3.DatabaseError as exc:
        reason = unusable_reason(exc)
        if reason is None:
            raise
        raise StoreUnusable(str(settings.database_path), reason) from None
    finally:
        await store.close()


def print_json(data: object) -> None:
    """The one way a subcommand prints `--json`: indented, non-ASCII names kept as they are."""
    print(json.dumps(data, indent=2, ensure_ascii=False))


async def resolve_labs(store: Store, *texts: str | None) -> list[tuple[str, str] | None]:
    """(slug, name) for each lab typed, as the slash commands resolve them; None if not given."""
    from bot.services.names import NameIndex

    index = await NameIndex.load(store)
    found: list[tuple[str, str] | None] = []
    for text in texts:
        entry = index.resolve(text, "lab") if text else None
        found.append((entry.slug, entry.name) if entry else None)
    return found
