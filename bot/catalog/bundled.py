"""The bundled catalog in `data/`: the embedded default that a fresh install starts from."""

from __future__ import annotations

from pathlib import Path

from bot.catalog.importer import ImportReport, import_paths
from bot.store import Store

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


async def sync_bundled(store: Store, *, max_age_days: int = 14) -> ImportReport:
    """Bring the store up to date with the bundled catalog (a baseline into an empty store)."""
    return await import_paths(store, catalog_files(), source="bundled", max_age_days=max_age_days)
