"""The bot's name index follows the catalog, not every write to the store."""

from __future__ import annotations

from pathlib import Path

from bot.catalog.importer import import_paths
from bot.services.names import LiveNames
from bot.store import Store


async def test_rebuilt_after_an_import_by_another_connection(db_path: Path, tmp_path: Path) -> None:
    """An import through another connection makes the new model complete by name."""
    bot_store = await Store.open(db_path)
    other = await Store.open(db_path)
    try:
        names = LiveNames(bot_store)
        await names.refresh(force=True)
        assert not await names.refresh()
        path = tmp_path / "new.yaml"
        path.write_text(
            "models:\n  - slug: zeta-9\n    name: Zeta 9\n    lab: deepseek\n"
            '    released: "2026-05"\n    sources: [https://example.org/z]\n',
            encoding="utf-8",
        )
        await import_paths(other, [path])
        assert await names.refresh()
        assert names.index.complete("zeta", "model")[0][1] == "zeta-9"
    finally:
        await bot_store.close()
        await other.close()


async def test_not_rebuilt_for_bookkeeping_writes(db_path: Path) -> None:
    """A write that is not a catalog change (alerts bookkeeping) does not rebuild the index."""
    bot_store = await Store.open(db_path)
    other = await Store.open(db_path)
    try:
        names = LiveNames(bot_store)
        await names.refresh(force=True)
        before = names.index
        async with other.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('unrelated', 'x')")
        assert not await names.refresh()
        assert names.index is before
    finally:
        await bot_store.close()
        await other.close()
