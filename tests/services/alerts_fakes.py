"""Fakes for the alerts service tests: a clock, a Discord that honours nonces, and helpers to
add entries through the real importer.

`clock`, `discord` and `store` are plain fixtures, imported by the test modules that want them
(a conftest here would put this `store`, on the fake clock, under every service test)."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from collections import Counter, deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.catalog.importer import ImportReport, import_catalog
from bot.catalog.validate import Catalog
from bot.domain.models import Event, Model
from bot.services.alerts import AlertService, ChannelGone, Outgoing, Rejected, Retryable
from bot.store import Store

START = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
GUILD = 1


class FakeClock:
    """Wall clock and monotonic clock moving together, only when told (or slept on)."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.moment = start
        self.seconds = 0.0

    def now(self) -> dt.datetime:
        return self.moment

    def monotonic(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)
        self.seconds += seconds

    async def sleep(self, seconds: float) -> None:
        self.advance(seconds)
        await asyncio.sleep(0)

    @property
    def today(self) -> dt.date:
        return self.moment.date()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def discord() -> FakeDiscord:
    return FakeDiscord()


@pytest_asyncio.fixture
async def store(db_path: Path, clock: FakeClock) -> AsyncIterator[Store]:
    """The seeded store (the bundled catalog as its baseline) on the fake clock."""
    opened = await Store.open(db_path, clock=clock.now)
    try:
        yield opened
    finally:
        await opened.close()


class Crash(BaseException):
    """The process dies in the middle of a send."""


@dataclass(frozen=True, slots=True)
class Posted:
    message_id: int
    channel_id: int
    nonce: str
    entry_ids: tuple[int, ...]
    role_ids: tuple[int, ...]
    entries: tuple[Any, ...]


class FakeDiscord:
    """Posts messages; like Discord, a repeated nonce returns the first message instead of
    posting again. Faults queued with `fail` apply to the next sends, one each:
    '5xx', '429', '403', '400', 'timeout' (posted, then the answer is lost),
    'crash-before' and 'crash-after' (the process dies before / after Discord posted)."""

    def __init__(self) -> None:
        self.posted: list[Posted] = []
        self.by_nonce: dict[str, int] = {}
        self.faults: deque[str] = deque()
        self.calls: list[Outgoing] = []

    def fail(self, *faults: str) -> None:
        self.faults.extend(faults)

    async def send(self, outgoing: Outgoing) -> int:
        self.calls.append(outgoing)
        fault = self.faults.popleft() if self.faults else None
        if fault == "5xx":
            raise Retryable("Discord error 500")
        if fault == "429":
            raise Retryable("rate limited by Discord (429)", retry_after=7.0)
        if fault == "403":
            raise ChannelGone("I lack a permission in the channel (Missing Permissions, 50013)")
        if fault == "400":
            raise Rejected("Discord rejected the message (400, code 50035)")
        if fault == "crash-before":
            raise Crash
        message_id = self._post(outgoing)
        if fault == "timeout":
            raise Retryable("network error (TimeoutError)")
        if fault == "crash-after":
            raise Crash
        return message_id

    def _post(self, outgoing: Outgoing) -> int:
        if outgoing.nonce in self.by_nonce:
            return self.by_nonce[outgoing.nonce]
        message_id = 10_000 + len(self.posted)
        self.by_nonce[outgoing.nonce] = message_id
        self.posted.append(
            Posted(
                message_id,
                outgoing.channel_id,
                outgoing.nonce,
                tuple(e.entry_id for e in outgoing.entries),
                outgoing.role_ids,
                outgoing.entries,
            )
        )
        return message_id

    def pairs(self) -> Counter[tuple[int, int]]:
        """How many posted messages carried each (channel, entry)."""
        return Counter((p.channel_id, e) for p in self.posted for e in p.entry_ids)

    def in_channel(self, channel_id: int) -> list[Posted]:
        return [p for p in self.posted if p.channel_id == channel_id]


def make_service(
    store: Store, discord: FakeDiscord, clock: FakeClock, **options: Any
) -> AlertService:
    options.setdefault("rng", random.Random(0))
    return AlertService(
        store,
        discord.send,
        clock=clock.now,
        monotonic=clock.monotonic,
        sleep=clock.sleep,
        **options,
    )


def model(slug: str, lab: str, released: dt.date, kind: str = "chat", **extra: Any) -> Model:
    return Model.model_validate(
        {"slug": slug, "name": slug.title(), "lab": lab, "released": released, "kind": kind} | extra
    )


def event(title: str, lab: str, date: dt.date, kind: str = "paper") -> Event:
    return Event.model_validate({"title": title, "lab": lab, "date": date, "kind": kind})


async def add(store: Store, *entries: Model | Event, labs: list[Any] | None = None) -> ImportReport:
    """Import models and events through the real importer (on the store's clock)."""
    catalog = Catalog(
        labs=labs or [],
        models=[e for e in entries if isinstance(e, Model)],
        events=[e for e in entries if isinstance(e, Event)],
    )
    return await import_catalog(store, catalog)


async def entry_id(store: Store, slug: str) -> int:
    return int(await store.scalar("SELECT id FROM new_entries WHERE slug = ?", (slug,)))


async def message_states(store: Store) -> Counter[str]:
    rows = await store.fetchall("SELECT state, COUNT(*) FROM alert_messages GROUP BY state")
    return Counter({row[0]: row[1] for row in rows})
