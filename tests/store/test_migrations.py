"""Migrations: applied in order from an empty database or from any earlier version."""

from __future__ import annotations

from pathlib import Path

import aiosqlite
import pytest

from bot.store import Store
from bot.store.connection import apply_migrations
from bot.store.migrations import MIGRATIONS


async def _schema(path: Path) -> list[tuple[str, str]]:
    async with aiosqlite.connect(path) as conn:
        rows = await conn.execute_fetchall(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    return [(row[0], row[1]) for row in rows]


async def test_fresh_database_gets_every_migration(tmp_path: Path) -> None:
    """Opening an empty file applies and records every migration, once."""
    store = await Store.open(tmp_path / "fresh.db")
    try:
        names = [row[0] for row in await store.fetchall("SELECT name FROM schema_migrations")]
        assert names == [name for name, _ in MIGRATIONS]
    finally:
        await store.close()
    again = await Store.open(tmp_path / "fresh.db")
    await again.close()


@pytest.mark.parametrize("done", range(len(MIGRATIONS)))
async def test_upgrade_from_every_earlier_version(tmp_path: Path, done: int) -> None:
    """A database at any earlier version upgrades to the same schema as a fresh one."""
    fresh = tmp_path / "fresh.db"
    store = await Store.open(fresh)
    await store.close()
    old = tmp_path / "old.db"
    async with aiosqlite.connect(old, isolation_level=None) as conn:
        applied = await apply_migrations(conn, MIGRATIONS[:done])
        assert len(applied) == done
    upgraded = await Store.open(old)
    await upgraded.close()
    assert await _schema(old) == await _schema(fresh)


async def test_failed_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    """A migration that fails is rolled back and not recorded."""
    path = tmp_path / "broken.db"
    broken = [*MIGRATIONS, ("9999_broken", "CREATE TABLE ok (x); CREATE TABLE labs (x)")]
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        with pytest.raises(aiosqlite.OperationalError):
            await apply_migrations(conn, broken)
        tables = {row[0] for row in await conn.execute_fetchall("SELECT name FROM sqlite_master")}
        recorded = {
            row[0] for row in await conn.execute_fetchall("SELECT name FROM schema_migrations")
        }
    assert "ok" not in tables
    assert "9999_broken" not in recorded
