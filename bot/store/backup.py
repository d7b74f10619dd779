"""`modelradar backup`: a consistent copy of the store with SQLite's online backup API.

The copy is read in one step inside one read transaction of the source, so it is the store as
of the last commit before the step began: a write transaction open in another connection (an
import, the bot) is neither waited for nor half-copied. In WAL mode that read does not block
writers either. The copy is written to a temporary file beside DEST, checked, and renamed into
place, so DEST is either the previous file or the whole new copy.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.domain.errors import ModelRadarError
from bot.store.connection import Store

# What a backup reports it holds: (label, table, condition).
_COUNTS = (
    ("labs", "labs", ""),
    ("models", "models", ""),
    ("events", "events", ""),
    ("subscriptions", "alert_subscriptions", "WHERE state = 'active'"),
)


class BackupFailed(ModelRadarError):
    """A backup that wrote nothing at DEST, and why."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    source: str
    dest: str
    size: int
    counts: dict[str, int]
    check: str

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "dest": self.dest,
            "bytes": self.size,
            **self.counts,
            "check": self.check,
        }


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _verify(conn: sqlite3.Connection) -> tuple[str, dict[str, int]]:
    """SQLite's quick check of the copy, and what it holds."""
    check = str(conn.execute("PRAGMA quick_check(1)").fetchone()[0])
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    counts = {
        label: int(conn.execute(f"SELECT COUNT(*) FROM {table} {where}").fetchone()[0])
        if table in tables
        else 0
        for label, table, where in _COUNTS
    }
    return check, counts


async def backup(store: Store, dest: str | Path, *, force: bool = False) -> BackupReport:
    """Copy the store to `dest`; refuse an existing `dest` unless `force`."""
    target = Path(dest).expanduser()
    if target.is_dir():
        raise BackupFailed(f"{dest} is a folder; name the file to write, such as {dest}/x.db.")
    if not target.parent.is_dir():
        raise BackupFailed(f"The folder of {dest} does not exist; nothing was written.")
    source = Path(store.path).expanduser()
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise BackupFailed(f"{dest} is the store itself; name another file.")
    if target.exists() and not force:
        raise BackupFailed(f"{dest} exists; nothing was written (`--force` replaces it).")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    for stale in [partial, *_sidecars(partial)]:
        stale.unlink(missing_ok=True)
    copy = sqlite3.connect(partial, check_same_thread=False, isolation_level=None)
    try:
        try:
            # pages=-1: the whole store in one step, so one read transaction, one snapshot.
            await store.reader.backup(copy, pages=-1)
            check, counts = await asyncio.to_thread(_verify, copy)
        finally:
            copy.close()
        if check != "ok":
            raise BackupFailed(f"The copy failed SQLite's check ({check}); nothing was written.")
        # A WAL or journal left beside an older DEST would be replayed onto the new copy.
        for stale in _sidecars(target):
            stale.unlink(missing_ok=True)
        os.replace(partial, target)
    except BaseException:
        for leftover in [partial, *_sidecars(partial)]:
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    return BackupReport(
        source=store.path,
        dest=str(dest),
        size=target.stat().st_size,
        counts=counts,
        check=check,
    )
