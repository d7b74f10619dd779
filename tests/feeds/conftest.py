"""Fixtures for the feed watchers: a local fake of both sources, a clock the test moves, and
a watcher on a copy of the seeded store pointed at the fake."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot import create_bot
from bot.app import ModelRadar
from bot.config import Settings
from bot.feeds.config import load_config
from bot.feeds.watcher import SOURCES, Watcher
from bot.store import Store
from tests.conftest import close_bot
from tests.feeds.fakes import FakeFeeds, existing_listings

START = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)


class Clock:
    """The store's clock, moved by the test (backoff is measured on it)."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest_asyncio.fixture
async def feeds() -> AsyncIterator[FakeFeeds]:
    fake = FakeFeeds()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()


@pytest_asyncio.fixture
async def feed_store(db_path: Path, clock: Clock) -> AsyncIterator[Store]:
    store = await Store.open(db_path, clock=clock)
    try:
        yield store
    finally:
        await store.close()


def feed_settings(db_path: Path, url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_path": db_path,
        "feeds_enabled": True,
        "feeds_huggingface_url": url,
        "feeds_openrouter_url": url,
        "feeds_timeout_seconds": 2,
    }
    values.update(overrides)
    return Settings(**values)


MakeWatcher = Callable[..., Watcher]


@pytest.fixture
def make_watcher(feed_store: Store, feeds: FakeFeeds, db_path: Path) -> MakeWatcher:
    """A watcher on the test's store and fake; keyword arguments override settings."""
    config = load_config()

    def make(
        sources: tuple[str, ...] = SOURCES, url: str | None = None, **overrides: Any
    ) -> Watcher:
        settings = feed_settings(db_path, url or feeds.url, **overrides)
        return Watcher(feed_store, settings, config, sources)

    return make


# ---------------------------------------------------------------- the bot (SimCord)

INTERVAL_MINUTES = 1  # the least allowed; SimCord advances virtual time at a real cost


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 10) -> None:
    """Wait (real time) until the watcher's network round trips are done."""
    for _ in range(int(seconds / 0.05)):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the watcher did not get there in time")


@pytest.fixture
def bot_settings(request: pytest.FixtureRequest, db_path: Path, feeds: FakeFeeds) -> Settings:
    enabled = getattr(request, "param", True)
    return feed_settings(
        db_path, feeds.url, feeds_enabled=enabled, feeds_interval_minutes=INTERVAL_MINUTES
    )


@pytest_asyncio.fixture
async def simcord_bot(bot_settings: Settings, feeds: FakeFeeds) -> AsyncIterator[ModelRadar]:
    """The real bot, its watchers pointed at the local fake, which already lists things."""
    existing_listings(feeds)
    bot = create_bot(bot_settings)
    try:
        yield bot
    finally:
        await close_bot(bot)


async def seen(bot: ModelRadar, item: str) -> bool:
    row = await bot.store.fetchone("SELECT 1 FROM feed_items WHERE item = ?", (item,))
    return row is not None
