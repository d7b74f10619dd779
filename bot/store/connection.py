"""Opening the store: WAL, foreign keys, a busy timeout; one writer and one reader connection.

Writes go through `Store.transaction()`, which takes `BEGIN IMMEDIATE` on the writer under an
asyncio lock; reads go through the reader connection and never keep a transaction open, so a
`modelradar import` in another process can commit while the bot runs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.domain.names import normalize
from bot.store.migrations import MIGRATIONS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def timestamp(moment: dt.datetime) -> str:
    """Store timestamps as sortable UTC text with a trailing Z."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


async def _connect(path: str) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = aiosqlite.Row
    for pragma in (
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
        "PRAGMA journal_mode = WAL",
        "PRAGMA foreign_keys = ON",
        "PRAGMA synchronous = NORMAL",
    ):
        # Fetch every result: an unfinished pragma cursor blocks later commits.
        await conn.execute_fetchall(pragma)
    # normalize() in SQL, so that LIKE pre-filters agree exactly with Python's matching.
    await conn.create_function("normalize", 1, _normalize_or_none, deterministic=True)
    return conn


def _normalize_or_none(text: object) -> str | None:
    return None if text is None else normalize(str(text))


class Store:
    """The SQLite store of one process: a writer and a reader connection, opened once."""

    def __init__(
        self,
        path: str | Path,
        writer: aiosqlite.Connection,
        reader: aiosqlite.Connection,
        clock: Clock = utc_now,
    ) -> None:
        self.path = str(path)
        self.writer = writer
        self.reader = reader
        self.clock = clock
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, clock: Clock = utc_now, migrate: bool = True) -> Store:
        path = str(path)
        if path != ":memory:" and not path.startswith("file:"):
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        writer = await _connect(path)
        try:
            if migrate:
                await apply_migrations(writer)
            reader = await _connect(path)
        except BaseException:
            await writer.close()
            raise
        return cls(path, writer, reader, clock)

    async def close(self) -> None:
        async with self._write_lock:
            await self.reader.close()
            await self.writer.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """`BEGIN IMMEDIATE` on the writer; commit on success, roll back on any error."""
        async with self._write_lock:
            await self.writer.execute("BEGIN IMMEDIATE")
            try:
                yield self.writer
            except BaseException:
                await self.writer.execute("ROLLBACK")
                raise
            else:
                await self.writer.execute("COMMIT")

    async def fetchall(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> list[aiosqlite.Row]:
        return list(await self.reader.execute_fetchall(sql, params))

    async def fetchone(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> aiosqlite.Row | None:
        rows = await self.reader.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def data_version(self) -> int:
        """Changes whenever another connection (or process) commits: cheap to poll."""
        return int(await self.scalar("PRAGMA data_version"))

    def now(self) -> str:
        return timestamp(self.clock())


async def applied_migrations(conn: aiosqlite.Connection) -> list[str]:
    await conn.execute_fetchall(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    rows = await conn.execute_fetchall("SELECT name FROM schema_migrations ORDER BY rowid")
    return [row[0] for row in rows]


async def apply_migrations(
    conn: aiosqlite.Connection, migrations: Iterable[tuple[str, str]] = MIGRATIONS
) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction; return their names."""
    done = set(await applied_migrations(conn))
    applied = []
    for name, sql in migrations:
        if name in done:
            continue
        await conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check under the write lock: another process may have migrated meanwhile.
            rows = await conn.execute_fetchall(
                "SELECT 1 FROM schema_migrations WHERE name = ?", (name,)
            )
            if not rows:
                for statement in _statements(sql):
                    await conn.execute(statement)
                await conn.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                    (name, timestamp(utc_now())),
                )
                applied.append(name)
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
        await conn.execute("COMMIT")
        log.info("Applied migration %s", name)
    return applied


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
