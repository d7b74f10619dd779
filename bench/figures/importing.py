"""Importing a catalog file into an empty store through the real importer (`import_paths`:
read, validate, write in one transaction, record new entries).

The floor writes the very rows the import ends up with (labs, models, aliases, events, their
links and the new-entry records), already prepared, with `executemany` in one transaction
into an equally empty store. For YAML the floor also parses the file with plain
`yaml.load(CSafeLoader)`, since parsing is part of the unavoidable work there.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml

from bench.context import Plan, SizeContext
from bench.results import Figure
from bench.timing import interleave
from bot.catalog.importer import import_paths
from bot.catalog.loader import load_paths
from bot.catalog.validate import Catalog, validate_entries
from bot.domain.gc import gc_paused
from bot.domain.names import normalize
from bot.store import Store
from bot.store.catalog_writes import MODEL_COLUMNS, model_columns

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NOW = "2026-06-30T00:00:00.000000Z"


def _data(entity: Any) -> str:
    """The stored form, exactly as the importer writes it."""
    return str(entity.model_dump_json(exclude_defaults=True))


def prepared_rows(catalog: Catalog) -> dict[str, list[tuple[Any, ...]]]:
    """The rows an import of `catalog` into an empty store writes, with their ids."""
    lab_ids = {lab.slug: n for n, lab in enumerate(catalog.labs, 1)}
    model_ids = {model.slug: n for n, model in enumerate(catalog.models, 1)}
    rows: dict[str, list[tuple[Any, ...]]] = {
        "labs": [],
        "models": [],
        "aliases": [],
        "events": [],
        "event_models": [],
        "new_entries": [],
    }
    for lab in catalog.labs:
        rows["labs"].append(
            (lab_ids[lab.slug], lab.slug, lab.name, lab.country, lab.hugging_face, _data(lab))
        )
        for alias in dict.fromkeys((lab.slug, lab.name, *lab.aliases)):
            rows["aliases"].append(("lab", lab_ids[lab.slug], alias, normalize(alias)))
    for model in catalog.models:
        model_id = model_ids[model.slug]
        rows["models"].append(
            (model_id, model.slug, *model_columns(model, lab_ids[model.lab], _data(model)))
        )
        for alias in dict.fromkeys((model.slug, model.name, *model.aliases)):
            rows["aliases"].append(("model", model_id, alias, normalize(alias)))
        rows["new_entries"].append(("model", model_id, model.slug, model.released.sort_key))
    for event_id, event in enumerate(catalog.events, 1):
        rows["events"].append(
            (
                event_id,
                event.key,
                lab_ids[event.lab],
                event.date.sort_key,
                event.date.precision,
                event.kind,
                event.title,
                event.short_name,
                _data(event),
            )
        )
        rows["event_models"].extend((event_id, model_ids[slug]) for slug in event.models)
        rows["new_entries"].append(("event", event_id, event.key, event.date.sort_key))
    return rows


async def write_rows(store: Store, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """The floor: every prepared row with executemany, in one BEGIN IMMEDIATE transaction."""
    stamps = (_NOW, _NOW)
    async with store.transaction() as conn:
        await conn.executemany(
            "INSERT INTO labs (id, slug, name, country, hugging_face, data, added_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, *stamps) for row in rows["labs"]],
        )
        await conn.executemany(
            f"INSERT INTO models (id, slug, {MODEL_COLUMNS}, added_at, updated_at) "
            f"VALUES ({', '.join('?' * 21)})",
            [(*row, *stamps) for row in rows["models"]],
        )
        await conn.executemany(
            "INSERT INTO aliases (entity, entity_id, alias, norm) VALUES (?, ?, ?, ?)",
            rows["aliases"],
        )
        await conn.executemany(
            "INSERT INTO events (id, slug, lab_id, date, date_precision, kind, title, short_name, "
            "data, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, *stamps) for row in rows["events"]],
        )
        await conn.executemany(
            "INSERT OR IGNORE INTO event_models (event_id, model_id) VALUES (?, ?)",
            rows["event_models"],
        )
        await conn.executemany(
            "INSERT INTO new_entries (entity, entity_id, slug, released, added_at, source, "
            "announce, reason) VALUES (?, ?, ?, ?, ?, 'import', 0, 'baseline')",
            [(*row, _NOW) for row in rows["new_entries"]],
        )


class _Fresh:
    """A new empty store per repetition, so every import is a first import."""

    def __init__(self, folder: Path, label: str) -> None:
        self.folder = folder
        self.label = label
        self.count = 0

    async def open(self) -> Store:
        self.count += 1
        path = self.folder / f"{self.label}-{self.count}.db"
        return await Store.open(path)

    @staticmethod
    async def drop(store: Store) -> None:
        path = Path(store.path)
        await store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)


async def _measure(
    context: SizeContext,
    path: Path,
    reps: int,
    *,
    parse_yaml: bool,
) -> tuple[Figure, int]:
    loaded = load_paths([path])
    catalog, problems = validate_entries(loaded.entries)
    assert not problems, problems[:3]
    rows = prepared_rows(catalog)
    fresh = _Fresh(context.folder, "import")

    async def figure(_: int) -> float:
        store = await fresh.open()
        try:
            start = time.perf_counter()
            report = await import_paths(store, [path])
            elapsed = time.perf_counter() - start
            assert report.models.created == len(catalog.models)
        finally:
            await fresh.drop(store)
        return elapsed

    async def floor(_: int) -> float:
        store = await fresh.open()
        try:
            # The collector is paused for the parse, as the importer pauses it: free to do.
            start = time.perf_counter()
            if parse_yaml:
                with gc_paused():
                    yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
            await write_rows(store, rows)
            elapsed = time.perf_counter() - start
        finally:
            await fresh.drop(store)
        return elapsed

    fig, flo = await interleave(figure, floor, reps)
    models = len(catalog.models)
    kind = "YAML" if parse_yaml else "JSON"
    figure_row = Figure(
        f"import from {kind}",
        models,
        fig,
        flo,
        "parse + executemany" if parse_yaml else "executemany, 1 transaction",
        unit="s",
        answer=models,
        notes={
            "models_per_s": round(models / fig.median),
            "floor_models_per_s": round(models / flo.median),
            "rows": sum(len(v) for v in rows.values()),
        },
    )
    return figure_row, models


async def run_json(context: SizeContext, plan: Plan) -> list[Figure]:
    assert context.catalog.json_path is not None
    reps = plan.import_reps if context.size >= 100_000 else max(plan.import_reps, 5)
    figure, _ = await _measure(context, context.catalog.json_path, reps, parse_yaml=False)
    figure.target = "<= 3x"
    figure.ok = figure.ratio <= 3
    return [figure]


async def run_yaml(context: SizeContext, plan: Plan) -> list[Figure]:
    assert context.catalog.yaml_path is not None
    reps = plan.import_reps if context.size >= 10_000 else max(plan.import_reps, 5)
    figure, _models = await _measure(context, context.catalog.yaml_path, reps, parse_yaml=True)
    figure.target = f"report models/s ({figure.notes['models_per_s']:,}/s)"
    figure.ok = None
    return [figure]
