"""What every figure of one catalog size shares: the generated files, and a store filled from
them through the real importer (the same path `modelradar import` takes)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bench.synth import SynthCatalog, generate, write_files
from bot.catalog.importer import import_paths
from bot.services.names import NameIndex
from bot.store import Store


@dataclass(frozen=True, slots=True)
class Plan:
    """How much to run: the sizes and the repetitions of each kind of figure."""

    sizes: tuple[int, ...]
    quick: bool
    keystrokes: int  # distinct autocomplete inputs
    keystroke_rounds: int
    lookup_reps: int  # /compare, /timeline
    heavy_reps: int  # /coincidences over everything
    import_reps: int  # imports at the largest size
    yaml_size: int
    memory_reps: int
    fanout_subscriptions: int
    fanout_reps: int
    e2e_interactions: int

    @classmethod
    def full(cls) -> Plan:
        return cls(
            sizes=(1_000, 10_000, 100_000),
            quick=False,
            keystrokes=1_500,
            keystroke_rounds=3,
            lookup_reps=200,
            heavy_reps=7,
            import_reps=3,
            yaml_size=10_000,
            memory_reps=3,
            fanout_subscriptions=10_000,
            fanout_reps=5,
            e2e_interactions=100,
        )

    @classmethod
    def quick_run(cls) -> Plan:
        return cls(
            sizes=(1_000,),
            quick=True,
            keystrokes=300,
            keystroke_rounds=1,
            lookup_reps=30,
            heavy_reps=3,
            import_reps=2,
            yaml_size=1_000,
            memory_reps=1,
            fanout_subscriptions=1_000,
            fanout_reps=2,
            e2e_interactions=10,
        )

    def reps_for(self, size: int, reps: int) -> int:
        """Fewer repetitions of the whole-catalog figures at the largest size."""
        if size >= 100_000:
            return max(3, reps - 2)
        return reps


@dataclass(slots=True)
class SizeContext:
    """One catalog size: its files, a store it was imported into, and the bot's name index."""

    size: int
    catalog: SynthCatalog
    folder: Path
    db_path: Path
    store: Store
    names: NameIndex
    setup_seconds: float

    async def close(self) -> None:
        await self.store.close()


async def prepare(size: int, root: Path, *, yaml_file: bool) -> SizeContext:
    """Generate the catalog, write its files and import them into a new store."""
    start = time.perf_counter()
    catalog = generate(size)
    folder = root / f"size-{size}"
    write_files(catalog, folder, yaml_file=yaml_file)
    assert catalog.json_path is not None
    db_path = folder / "store.db"
    store = await Store.open(db_path)
    await import_paths(store, [catalog.json_path])
    names = await NameIndex.load(store)
    return SizeContext(size, catalog, folder, db_path, store, names, time.perf_counter() - start)
