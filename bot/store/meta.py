"""The `meta` table: small named values (cursors, the catalog version, the last change)."""

from __future__ import annotations

import aiosqlite

from bot.store.connection import Store

CATALOG_VERSION = "catalog_version"
LAST_CHANGE = "last_change"
# A hash of the bundled catalog's files (and the code version) last synced into the store:
# opening the store compares it in a read, and writes only when data/ changed.
BUNDLED_HASH = "bundled_catalog_hash"

_UPSERT = (
    "INSERT INTO meta (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


async def get(store: Store, key: str) -> str | None:
    value = await store.scalar("SELECT value FROM meta WHERE key = ?", (key,))
    return None if value is None else str(value)


async def get_in(conn: aiosqlite.Connection, key: str) -> str | None:
    """`get` inside a write transaction (it sees the transaction's own writes)."""
    rows = list(await conn.execute_fetchall("SELECT value FROM meta WHERE key = ?", (key,)))
    return None if not rows else str(rows[0][0])


async def put(conn: aiosqlite.Connection, key: str, value: str) -> None:
    await conn.execute(_UPSERT, (key, value))


async def catalog_changed(conn: aiosqlite.Connection, now: str) -> None:
    """Record a catalog change: its time, and a version readers compare to reload caches."""
    await put(conn, LAST_CHANGE, now)
    await conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        (CATALOG_VERSION,),
    )
