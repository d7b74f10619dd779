"""What every subcommand shares: settings from the arguments, the store, JSON on stdout."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeAlias

from bot.config import Settings
from bot.store import Store

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The bot's settings, with the store `--database` names if given."""
    if getattr(args, "database", None):
        return Settings(database_path=Path(args.database))
    return Settings()


@contextlib.asynccontextmanager
async def open_store(settings: Settings, *, sync: bool = True) -> AsyncIterator[Store]:
    """The store, open for the block; an empty or older one is filled from the bundled catalog
    first, as the bot does. Closed on the way out, whatever happens."""
    from bot.catalog.bundled import sync_bundled

    store = await Store.open(settings.database_path)
    try:
        if sync and settings.sync_bundled_catalog:
            await sync_bundled(store, max_age_days=settings.announce_max_age_days)
        yield store
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
