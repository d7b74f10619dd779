"""The bundled catalog syncs only when data/ changed: opening the store otherwise only reads."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.catalog.bundled import bundled_hash, catalog_files, sync_bundled_if_changed
from bot.store import Store, meta


async def test_the_seeded_store_records_the_bundled_hash(store: Store) -> None:
    """sync_bundled records the hash of the files it imported, in its own transaction."""
    assert await meta.get(store, meta.BUNDLED_HASH) == bundled_hash()


async def test_sync_runs_once_then_only_when_the_files_change(empty_store: Store) -> None:
    """A new store is filled; opening it again changes nothing; a changed hash syncs again."""
    first = await sync_bundled_if_changed(empty_store)
    assert first is not None and first.baseline and first.models.created > 300
    version = await meta.get(empty_store, meta.CATALOG_VERSION)
    assert await sync_bundled_if_changed(empty_store) is None
    async with empty_store.transaction() as conn:
        await meta.put(conn, meta.BUNDLED_HASH, "from an older data/")
    again = await sync_bundled_if_changed(empty_store)
    assert again is not None and again.models.created == 0 and again.models.updated == 0
    assert await meta.get(empty_store, meta.CATALOG_VERSION) == version
    assert await meta.get(empty_store, meta.BUNDLED_HASH) == bundled_hash()


def test_the_hash_follows_content_and_names(tmp_path: Path) -> None:
    """Same files, same hash; a changed byte or a renamed file, another hash."""
    copies = []
    for path in catalog_files()[:3]:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    original = bundled_hash(copies)
    assert bundled_hash(copies) == original
    copies[1].write_bytes(copies[1].read_bytes() + b"\n# changed\n")
    changed = bundled_hash(copies)
    assert changed != original
    renamed = copies[2].rename(tmp_path / "renamed.yaml")
    assert bundled_hash([copies[0], copies[1], renamed]) != changed


async def test_an_unchanged_catalog_does_not_wait_for_the_write_lock(db_path: Path) -> None:
    """With another connection holding the write lock, the check returns at once (a read)."""
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('held', 'x')")
    try:
        store = await Store.open(db_path)
        try:
            started = time.monotonic()
            assert await sync_bundled_if_changed(store) is None
            assert time.monotonic() - started < 2
        finally:
            await store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
