"""The bundled catalog in `data/`: the embedded default that a fresh install starts from."""

from __future__ import annotations

import hashlib
from pathlib import Path

import aiosqlite

from bot import __version__
from bot.catalog.importer import ImportReport, import_catalog, validate_paths
from bot.store import Store, meta

_PACKAGE = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """`data/` of an installed wheel (bot/_bundled_data) or of a source checkout."""
    for candidate in (_PACKAGE / "_bundled_data", _PACKAGE.parent / "data"):
        if (candidate / "labs.yaml").is_file():
            return candidate
    raise FileNotFoundError("the bundled catalog (data/labs.yaml) is missing from this install")


def catalog_files(root: Path | None = None) -> list[Path]:
    """The catalog's files: labs first, then each lab's models, then events."""
    root = root or data_dir()
    files = [root / "labs.yaml", *sorted((root / "models").glob("*.yaml")), root / "events.yaml"]
    return [path for path in files if path.is_file()]


def bundled_hash(files: list[Path] | None = None) -> str:
    """A content hash of the catalog's files, their names, and the code version (a new version
    may store the same files differently, so it syncs once)."""
    files = catalog_files() if files is None else files
    digest = hashlib.sha256(f"modelradar {__version__}\n".encode())
    for path in files:
        content = path.read_bytes()
        digest.update(f"{path.name} {len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()


async def sync_bundled(store: Store, *, max_age_days: int = 14) -> ImportReport:
    """Bring the store up to date with the bundled catalog (a baseline into an empty store), and
    record the catalog's hash in the same transaction."""
    files = catalog_files()
    digest = bundled_hash(files)
    catalog, count = await validate_paths(store, files)

    async def record(conn: aiosqlite.Connection, report: ImportReport) -> None:
        await meta.put(conn, meta.BUNDLED_HASH, digest)

    report = await import_catalog(
        store, catalog, source="bundled", max_age_days=max_age_days, also=record
    )
    report.files = count
    return report


async def sync_bundled_if_changed(store: Store, *, max_age_days: int = 14) -> ImportReport | None:
    """`sync_bundled` only when data/ changed since the store last synced it (one read
    otherwise, so a lookup never waits for the write lock); None when nothing changed."""
    if await meta.get(store, meta.BUNDLED_HASH) == bundled_hash():
        return None
    return await sync_bundled(store, max_age_days=max_age_days)
