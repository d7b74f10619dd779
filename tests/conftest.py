"""Shared fixtures: settings on a temporary store, and the real bot for SimCord."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot import create_bot
from bot.app import ModelRadar
from bot.catalog.bundled import sync_bundled
from bot.config import Settings
from bot.store import Store

# No test reaches the internet: the feed watchers (issue 5) stay off in every bot and CLI run
# of the suite; tests/feeds turns them on explicitly, pointed at a local server.
os.environ["MODELRADAR_FEEDS_ENABLED"] = "false"


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store filled from the bundled catalog once per session; tests get copies of it."""
    import asyncio

    path = tmp_path_factory.mktemp("seed") / "seed.db"

    async def build() -> None:
        store = await Store.open(path)
        try:
            await sync_bundled(store)
            await store.writer.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            await store.close()

    asyncio.run(build())
    yield path


@pytest.fixture
def db_path(tmp_path: Path, seeded_db: Path) -> Path:
    """A fresh copy of the seeded store for one test."""
    path = tmp_path / "modelradar.db"
    shutil.copy(seeded_db, path)
    return path


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(database_path=db_path)


@pytest_asyncio.fixture
async def store(db_path: Path) -> AsyncIterator[Store]:
    """The seeded store, opened directly (for service tests without Discord)."""
    opened = await Store.open(db_path)
    try:
        yield opened
    finally:
        await opened.close()


@pytest_asyncio.fixture
async def empty_store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "empty.db")
    try:
        yield opened
    finally:
        await opened.close()


@pytest_asyncio.fixture
async def simcord_bot(settings: Settings) -> AsyncIterator[ModelRadar]:
    """The real bot on a temporary copy of the seeded store; its store is closed afterwards."""
    bot = create_bot(settings)
    try:
        yield bot
    finally:
        await close_bot(bot)


async def close_bot(bot: ModelRadar) -> None:
    """SimCord never calls close(): unload the cogs (stopping their loops) and close the store."""
    for name in list(bot.cogs):
        await bot.remove_cog(name)
    if bot._store is not None:
        store, bot._store = bot._store, None
        await store.close()
