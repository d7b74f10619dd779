"""The store's connections: WAL, foreign keys, a busy timeout, and readers that never block."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.catalog.importer import import_paths
from bot.store import Store


async def test_pragmas_are_set_on_both_connections(tmp_path: Path) -> None:
    """Writer and reader both run in WAL mode with foreign keys and a busy timeout."""
    store = await Store.open(tmp_path / "p.db")
    try:
        for conn in (store.writer, store.reader):
            assert (await conn.execute_fetchall("PRAGMA journal_mode"))[0][0] == "wal"
            assert (await conn.execute_fetchall("PRAGMA foreign_keys"))[0][0] == 1
            assert (await conn.execute_fetchall("PRAGMA busy_timeout"))[0][0] >= 5000
    finally:
        await store.close()


async def test_transaction_rolls_back_on_error(empty_store: Store) -> None:
    """An error inside a write transaction leaves nothing written."""
    with pytest.raises(RuntimeError):
        async with empty_store.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
            raise RuntimeError("boom")
    assert await empty_store.scalar("SELECT COUNT(*) FROM meta WHERE key = 'x'") == 0


async def test_foreign_keys_are_enforced(empty_store: Store) -> None:
    """A model cannot point at a lab that does not exist."""
    with pytest.raises(Exception, match="FOREIGN KEY"):
        async with empty_store.transaction() as conn:
            await conn.execute(
                "INSERT INTO models (slug, lab_id, name, released, released_precision, data, "
                "added_at, updated_at) VALUES ('m', 999, 'M', '2025-00-00', 'year', '{}', 'x', 'x')"
            )


async def test_readers_keep_reading_while_an_import_runs(tmp_path: Path, db_path: Path) -> None:
    """Another process's readers see consistent data, never 'database is locked', mid-import."""
    big = tmp_path / "big.yaml"
    lines = ["models:"]
    for n in range(2000):
        lines += [
            f"  - slug: synthetic-{n}",
            f"    name: Synthetic {n}",
            "    lab: deepseek",
            '    released: "2025-03"',
            "    sources: [https://example.org/x]",
        ]
    big.write_text("\n".join(lines), encoding="utf-8")
    writer_store = await Store.open(db_path)
    reader_store = await Store.open(db_path)
    counts: list[int] = []
    try:
        before = int(await reader_store.scalar("SELECT COUNT(*) FROM models"))
        task = asyncio.create_task(import_paths(writer_store, [big]))
        while not task.done():
            counts.append(int(await reader_store.scalar("SELECT COUNT(*) FROM models")))
            await asyncio.sleep(0)
        await task
        after = int(await reader_store.scalar("SELECT COUNT(*) FROM models"))
    finally:
        await writer_store.close()
        await reader_store.close()
    assert after == before + 2000
    assert counts and set(counts) <= {before, after}
