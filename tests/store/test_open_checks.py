"""Opening a file that is not a usable store: StoreUnusable with the path and the reason, every
connection closed again, and the file left exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import create_bot
from bot.config import Settings
from bot.store import Store, StoreUnusable

ADVICE = "Move it away or restore a backup (`modelradar backup`)."


def _random(path: Path, seeded: Path) -> None:
    path.write_bytes(os.urandom(20_000))


def _truncated(path: Path, seeded: Path) -> None:
    path.write_bytes(seeded.read_bytes()[: seeded.stat().st_size // 2])


def _header_only(path: Path, seeded: Path) -> None:
    path.write_bytes(seeded.read_bytes()[:60])


def _directory(path: Path, seeded: Path) -> None:
    path.mkdir()


def _other_program(path: Path, seeded: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO users (name) VALUES ('ada')")
    conn.commit()
    conn.close()


def _other_migrations(path: Path, seeded: Path) -> None:
    """Another framework's schema_migrations table (Rails names its column `version`)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)")
    conn.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()


KINDS: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "random bytes": (_random, "it is not an SQLite database"),
    "truncated": (_truncated, "it is truncated"),
    "header only": (_header_only, "it is truncated"),
    "directory": (_directory, "it is a directory"),
    "another program's database": (_other_program, "another program's tables: users"),
    "another schema_migrations": (_other_migrations, "another program's tables"),
}


def _worker_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if "_connection_worker_thread" in t.name]


def _snapshot(path: Path) -> object:
    if path.is_dir():
        return sorted(p.name for p in path.iterdir())
    return path.read_bytes()


@pytest.mark.parametrize("kind", KINDS)
async def test_open_refuses_what_is_not_a_store(tmp_path: Path, seeded_db: Path, kind: str) -> None:
    """Each kind of unusable file gives one message naming the path and why; no aiosqlite
    thread is left running, and the file (and no -wal beside it) is as it was."""
    make, reason = KINDS[kind]
    path = tmp_path / "store.db"
    make(path, seeded_db)
    before = _snapshot(path)
    threads = set(_worker_threads())
    with pytest.raises(StoreUnusable) as caught:
        await Store.open(path)
    message = str(caught.value)
    assert message.startswith(f"{path} is not a Model Radar store (")
    assert reason in message
    assert message.endswith(ADVICE)
    assert "\n" not in message
    for thread in set(_worker_threads()) - threads:
        thread.join(timeout=5)
        assert not thread.is_alive()
    assert _snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.db"]


async def test_a_store_whose_first_open_stopped_before_migrating_opens(tmp_path: Path) -> None:
    """Only an empty migrations table (a first open cut short) is still a store: it migrates."""
    path = tmp_path / "early.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    conn.close()
    store = await Store.open(path)
    try:
        assert await store.scalar("SELECT COUNT(*) FROM models") == 0
    finally:
        await store.close()


async def test_an_empty_file_is_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    store = await Store.open(path)
    await store.close()


async def test_the_bot_fails_setup_with_the_same_line(tmp_path: Path) -> None:
    """create_bot(settings) on an unusable store: setup_hook raises the one-line message and
    leaves no store open."""
    path = tmp_path / "store.db"
    path.write_bytes(os.urandom(5000))
    bot = create_bot(Settings(database_path=path))
    with pytest.raises(StoreUnusable) as caught:
        await bot.setup_hook()
    assert str(caught.value) == (
        f"{path} is not a Model Radar store (it is not an SQLite database). {ADVICE}"
    )
    assert bot._store is None


async def test_damage_found_after_opening_is_reported_by_the_terminal(
    tmp_path: Path, seeded_db: Path
) -> None:
    """A store whose pages are overwritten past the schema opens, but the first read that meets
    the damage ends the command with the same message, not SQLite's traceback."""
    from bot.cli.common import open_store

    path = tmp_path / "store.db"
    shutil.copy(seeded_db, path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 8 :] = b"\xff" * (len(data) - page * 8)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreUnusable, match="it is damaged"):
        async with open_store(Settings(database_path=path)) as store:
            await store.fetchall("SELECT * FROM models")


def newer_store(tmp_path: Path, seeded_db: Path) -> Path:
    """The seeded store with a migration this version does not know."""
    path = tmp_path / "newer.db"
    shutil.copy(seeded_db, path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
            ("0099_from_the_future", "2027-01-01T00:00:00.000000Z"),
        )
    return path


async def test_a_store_migrated_by_a_newer_version_is_refused_and_left_as_it_is(
    tmp_path: Path, seeded_db: Path
) -> None:
    """A migration this version does not know means a newer Model Radar wrote the store: it
    is refused with a line naming the migration, and nothing in the file changes."""
    from bot.store.connection import StoreTooNew

    path = newer_store(tmp_path, seeded_db)
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match="0099_from_the_future") as caught:
        await Store.open(path)
    assert "newer Model Radar" in str(caught.value)
    assert path.read_bytes() == before


def test_the_terminal_refuses_a_newer_store_but_backs_it_up(
    tmp_path: Path, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    path = newer_store(tmp_path, seeded_db)
    assert main(["--database", str(path), "about"]) == 1
    assert "was upgraded by a newer Model Radar" in capsys.readouterr().err
    assert main(["--database", str(path), "backup", str(tmp_path / "copy.db")]) == 0
