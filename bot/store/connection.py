"""Opening the store: WAL, foreign keys, a busy timeout; one writer and one reader connection.

Writes go through `Store.transaction()`, which takes `BEGIN IMMEDIATE` on the writer under an
asyncio lock; reads go through the reader connection and never keep a transaction open, so a
`modelradar import` in another process can commit while the bot runs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.domain.errors import ModelRadarError
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


class StoreUnusable(ModelRadarError):
    """The file at the store's path is not a Model Radar store (or no longer a usable one)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"{path} is not a Model Radar store ({reason}). "
            "Move it away or restore a backup (`modelradar backup`)."
        )


class StoreTooNew(ModelRadarError):
    """A store a newer Model Radar has migrated: this version would misread it."""

    def __init__(self, path: str, unknown: list[str]) -> None:
        self.path = path
        self.unknown = unknown
        super().__init__(
            f"{path} was upgraded by a newer Model Radar: it has migrations this version does "
            f"not know ({', '.join(unknown)}). Run that newer version, or restore a backup made "
            "before the upgrade (`modelradar backup`)."
        )


_SQLITE_MAGIC = b"SQLite format 3\x00"
# The first migration: every Model Radar store has it recorded.
_FIRST_MIGRATION = MIGRATIONS[0][0]


def unusable_reason(exc: BaseException) -> str | None:
    """Why an SQLite error means the file is not a usable store (damaged, not SQLite), or None
    for errors that say nothing about the file itself (locked, a bad statement)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    name = str(getattr(exc, "sqlite_errorname", ""))
    if name.startswith("SQLITE_NOTADB"):
        return "it is not an SQLite database"
    if name.startswith("SQLITE_CORRUPT"):
        return f"it is damaged: {exc}"
    return None


def _check_file(path: str) -> None:
    """Refuse what SQLite should not even be pointed at: a directory, a device, a file that is
    not SQLite. An empty or missing file is a new store."""
    if path == ":memory:" or path.startswith("file:"):
        return
    file = Path(path).expanduser()
    if file.is_dir():
        raise StoreUnusable(path, "it is a directory")
    if not file.exists():
        return
    if not file.is_file():
        raise StoreUnusable(path, "it is not a regular file")
    with file.open("rb") as handle:
        header = handle.read(100)
    if header and not header.startswith(_SQLITE_MAGIC[: len(header)]):
        raise StoreUnusable(path, "it is not an SQLite database")
    if header and len(header) < 100:
        raise StoreUnusable(path, f"it is truncated: {len(header)} bytes")


def _looks_truncated(path: str) -> str | None:
    """Compare the size the header records with the file's; a mismatch is confirmed by SQLite
    (a checkpoint in another process can briefly make them differ), never decided here."""
    if path == ":memory:" or path.startswith("file:"):
        return None
    file = Path(path).expanduser()
    try:
        with file.open("rb") as handle:
            header = handle.read(100)
        size = file.stat().st_size
    except OSError:
        return None
    if len(header) < 100:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = pages > 0 and header[24:28] == header[92:96]
    expected = pages * page_size
    if valid and size < expected:
        return f"it is truncated: {size:,} bytes of the {expected:,} its header records"
    if page_size and size % page_size:
        return f"it is truncated: {size:,} bytes is not a whole number of pages"
    return None


async def _check_schema(conn: aiosqlite.Connection, path: str) -> None:
    """A store is empty (new), or has Model Radar's migrations table with the first migration
    recorded (or nothing else yet: a first open that stopped before migrating); anything else
    is another program's database, which is left as it is."""
    tables = [
        row[0]
        for row in await conn.execute_fetchall(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    if not tables:
        return
    if "schema_migrations" in tables:
        try:
            rows = list(
                await conn.execute_fetchall(
                    "SELECT name FROM schema_migrations WHERE name = ?", (_FIRST_MIGRATION,)
                )
            )
        except sqlite3.OperationalError:  # another program's schema_migrations
            rows = None
        if rows is not None and (rows or tables == ["schema_migrations"]):
            return
    shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
    raise StoreUnusable(path, f"it holds another program's tables: {shown}")


async def _connect(path: str, *, check: bool = False) -> aiosqlite.Connection:
    """One connection with the store's pragmas; closed again if anything fails, so that no
    aiosqlite thread outlives a failed open (it would keep the process from exiting)."""
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        conn.row_factory = aiosqlite.Row
        await conn.execute_fetchall(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if check:
            # Before journal_mode: WAL would rewrite another program's database header.
            await _check_schema(conn, path)
        for pragma in (
            "PRAGMA journal_mode = WAL",
            "PRAGMA foreign_keys = ON",
            "PRAGMA synchronous = NORMAL",
        ):
            # Fetch every result: an unfinished pragma cursor blocks later commits.
            await conn.execute_fetchall(pragma)
        # normalize() in SQL, so that LIKE pre-filters agree exactly with Python's matching.
        await conn.create_function("normalize", 1, _normalize_or_none, deterministic=True)
    except BaseException:
        await conn.close()
        raise
    return conn


async def _confirm_damage(conn: aiosqlite.Connection, path: str, suspicion: str) -> None:
    """Run SQLite's own check when the file looks damaged; raise if SQLite agrees."""
    try:
        rows = list(await conn.execute_fetchall("PRAGMA quick_check(1)"))
        verdict = str(rows[0][0]) if rows else "ok"
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    if verdict != "ok":
        raise StoreUnusable(path, suspicion)


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
        """Open (or create) the store at `path`; raise StoreUnusable for a file that is not one.

        Whatever fails, every connection opened here is closed again before the error leaves.
        """
        path = str(path)
        _check_file(path)
        if path != ":memory:" and not path.startswith("file:"):
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        opened: list[aiosqlite.Connection] = []
        suspicion = _looks_truncated(path)
        try:
            writer = await _connect(path, check=True)
            opened.append(writer)
            if suspicion:
                await _confirm_damage(writer, path, suspicion)
            if migrate:  # (a backup, which opens without migrating, copies any version)
                known = {name for name, _ in MIGRATIONS}
                unknown = [n for n in await recorded_migrations(writer) if n not in known]
                if unknown:
                    raise StoreTooNew(path, unknown)
                await apply_migrations(writer)
            reader = await _connect(path)
            opened.append(reader)
        except BaseException as exc:
            for conn in reversed(opened):
                await conn.close()
            reason = unusable_reason(exc)
            if reason is not None:
                # SQLite says "malformed"; the sizes say why, when they disagree.
                raise StoreUnusable(path, suspicion or reason) from None
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


async def recorded_migrations(conn: aiosqlite.Connection) -> list[str]:
    """The migrations recorded in the store, without creating anything (none in a new file)."""
    table = await conn.execute_fetchall(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    )
    if not table:
        return []
    rows = await conn.execute_fetchall("SELECT name FROM schema_migrations ORDER BY rowid")
    return [row[0] for row in rows]


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
