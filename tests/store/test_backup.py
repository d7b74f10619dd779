"""store.backup: a consistent copy through SQLite's backup API, written whole or not at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.store import Store
from bot.store.backup import BackupFailed, backup


def _counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        labs = conn.execute("SELECT COUNT(*) FROM labs").fetchone()[0]
        models = conn.execute("SELECT COUNT(*) FROM models").fetchone()[0]
    finally:
        conn.close()
    return int(labs), int(models)


async def test_backup_copies_the_last_commit_not_an_open_transaction(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    """An uncommitted write in another connection is not in the copy; the copy checks ok."""
    before = _counts(db_path)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO labs (slug, name, data, added_at, updated_at) "
        "VALUES ('uncommitted', 'U', '{}', 'x', 'x')"
    )
    try:
        report = await backup(store, tmp_path / "copy.db")
    finally:
        other.execute("COMMIT")
        other.close()
    assert report.check == "ok"
    assert (report.counts["labs"], report.counts["models"]) == before
    assert _counts(tmp_path / "copy.db") == before
    assert _counts(db_path) == (before[0] + 1, before[1])
    assert report.size == (tmp_path / "copy.db").stat().st_size
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


async def test_backup_refuses_to_overwrite_without_force(store: Store, tmp_path: Path) -> None:
    dest = tmp_path / "exists.db"
    dest.write_bytes(b"keep me")
    with pytest.raises(BackupFailed, match="exists; nothing was written"):
        await backup(store, dest)
    assert dest.read_bytes() == b"keep me"
    (tmp_path / "exists.db-wal").write_bytes(b"stale")
    report = await backup(store, dest, force=True)
    assert report.check == "ok"
    assert not (tmp_path / "exists.db-wal").exists()
    assert _counts(dest)[1] > 300


async def test_backup_refuses_the_store_itself_and_missing_folders(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    with pytest.raises(BackupFailed, match="is the store itself"):
        await backup(store, db_path, force=True)
    with pytest.raises(BackupFailed, match="does not exist"):
        await backup(store, tmp_path / "no" / "such" / "x.db")
    with pytest.raises(BackupFailed, match="is a folder"):
        await backup(store, tmp_path)
