"""Importing validated catalogs into the store: all or nothing, idempotent, with a report.

An import is one `BEGIN IMMEDIATE` transaction. Created models and events are recorded in
`new_entries` in that same transaction, which is what release alerts deliver from: the first
import into an empty store is the baseline and is never announced, entries whose release is
older than `max_age_days` when they arrive are recorded as not announced, and corrections to
an existing entry are updates, not new entries.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
from collections.abc import Awaitable, Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import aiosqlite

from bot.catalog.loader import load_paths
from bot.catalog.validate import Catalog, locate_json_problems, validate_entries
from bot.domain.errors import ImportFailed
from bot.domain.models import Event, Lab, Model, dump
from bot.domain.names import normalize
from bot.store import Store

DEFAULT_MAX_AGE_DAYS = 14
# Sources whose entries are curated by people; the feed watchers use their own names.
CURATED_SOURCES = frozenset({"bundled", "import"})


@dataclass(slots=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(slots=True)
class ImportReport:
    labs: Counts = field(default_factory=Counts)
    models: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    files: int = 0
    dry_run: bool = False
    baseline: bool = False
    announced: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in (self.labs, self.models, self.events))

    def summary(self) -> str:
        head = "Dry run, nothing written" if self.dry_run else "Imported"
        lines = [
            f"{head}: {self.files} file{'s' if self.files != 1 else ''}.",
            f"  labs:   {self.labs}",
            f"  models: {self.models}",
            f"  events: {self.events}",
        ]
        if self.baseline and not self.dry_run:
            lines.append("  (first import into an empty store: the baseline, not announced)")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        def counts(c: Counts) -> dict[str, int]:
            return {"created": c.created, "updated": c.updated, "unchanged": c.unchanged}

        return {
            "files": self.files,
            "dry_run": self.dry_run,
            "baseline": self.baseline,
            "labs": counts(self.labs),
            "models": counts(self.models),
            "events": counts(self.events),
        }


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


_P = ParamSpec("_P")
_T = TypeVar("_T")


def _without_gc(func: Callable[_P, Awaitable[_T]]) -> Callable[_P, Awaitable[_T]]:
    """Run a bulk step with the cyclic garbage collector paused (reference counting still
    frees everything). Building 100k validated models made it traverse the ever larger heap
    again and again: a quarter of an import's time at 10k models, more at 100k."""

    @functools.wraps(func)
    async def paused(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return await func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


async def known_slugs(store: Store) -> tuple[set[str], set[str]]:
    labs = {row[0] for row in await store.fetchall("SELECT slug FROM labs")}
    models = {row[0] for row in await store.fetchall("SELECT slug FROM models")}
    return labs, models


@_without_gc
async def validate_paths(store: Store, paths: Iterable[str | Path]) -> tuple[Catalog, int]:
    """Load and validate files against the store; raise ImportFailed listing every problem."""
    loaded = load_paths(paths)
    known_labs, known_models = await known_slugs(store)
    catalog, problems = validate_entries(
        loaded.entries, known_labs=known_labs, known_models=known_models
    )
    problems = locate_json_problems(loaded.problems + problems, loaded.entries)
    order = {name: n for n, name in enumerate(loaded.files)}
    problems.sort(key=lambda p: (order.get(p.file, -1), p.line or 0))
    if problems:
        raise ImportFailed(problems)
    return catalog, len(loaded.files)


async def import_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    dry_run: bool = False,
    source: str = "import",
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
) -> ImportReport:
    catalog, files = await validate_paths(store, paths)
    report = await import_catalog(
        store, catalog, dry_run=dry_run, source=source, max_age_days=max_age_days
    )
    report.files = files
    return report


@_without_gc
async def import_catalog(
    store: Store,
    catalog: Catalog,
    *,
    dry_run: bool = False,
    source: str = "import",
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    also: Callable[[aiosqlite.Connection, ImportReport], Awaitable[None]] | None = None,
) -> ImportReport:
    """Write a validated catalog in one transaction (rolled back for a dry run).

    `also` runs inside the same transaction after the catalog is written, so a caller's own
    bookkeeping (the feed watchers' seen items) commits together with it or not at all.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        async with store.transaction() as conn:
            writer = _Writer(conn, store.now(), store.clock(), source, max_age_days)
            report.baseline = await writer.is_empty()
            report.labs = await writer.labs(catalog.labs)
            report.models = await writer.models(catalog.models, report.baseline)
            report.events = await writer.events(catalog.events, report.baseline)
            report.announced = writer.announced
            if also is not None:
                await also(conn, report)
            if report.changed:
                await conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('last_change', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (writer.now,),
                )
                await conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('catalog_version', '1') "
                    "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
                )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _json(entity: Lab | Model | Event) -> str:
    """The stored form: the import format's fields in declaration order, unset ones left out
    (pydantic serialises in Rust, about four times faster than json.dumps of a dict)."""
    return entity.model_dump_json(exclude_defaults=True)


MODEL_COLUMNS = (
    "lab_id, name, family, released, released_precision, kind, open_weights, "
    "architecture, params_total, params_active, context, max_output, price_input, "
    "price_output, predecessor, hugging_face, data"
)


def model_columns(model: Model, lab_id: int, data: str) -> tuple[Any, ...]:
    """The values of MODEL_COLUMNS for one model (its row but slug and timestamps)."""
    return (
        lab_id,
        model.name,
        model.family,
        model.released.sort_key,
        model.released.precision,
        model.kind,
        None if model.open_weights is None else int(model.open_weights),
        model.architecture,
        model.params_total,
        model.params_active,
        model.context,
        model.max_output,
        model.price_input,
        model.price_output,
        model.predecessor,
        model.hugging_face,
        data,
    )


def _names(slug: str, name: str, aliases: Iterable[str]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for text in (slug, name, *aliases):
        seen.setdefault(text, normalize(text))
    return list(seen.items())


class _Writer:
    """The statements of one import transaction."""

    def __init__(
        self,
        conn: aiosqlite.Connection,
        now: str,
        moment: dt.datetime,
        source: str,
        max_age_days: int,
    ) -> None:
        self.conn = conn
        self.now = now
        self.today = moment.date()
        self.source = source
        self.max_age = dt.timedelta(days=max_age_days)
        self.announced: list[str] = []

    async def is_empty(self) -> bool:
        rows = await self.conn.execute_fetchall(
            "SELECT (SELECT COUNT(*) FROM models) + (SELECT COUNT(*) FROM events)"
        )
        return bool(next(iter(rows))[0] == 0)

    async def _existing(self, table: str) -> dict[str, tuple[int, str]]:
        rows = await self.conn.execute_fetchall(f"SELECT slug, id, data FROM {table}")
        return {row[0]: (row[1], row[2]) for row in rows}

    async def _lab_ids(self) -> dict[str, int]:
        rows = await self.conn.execute_fetchall("SELECT slug, id FROM labs")
        return {row[0]: row[1] for row in rows}

    async def _replace_names(
        self,
        entity: str,
        table: str,
        items: list[tuple[str, str, list[str]]],
        existing: Container[str],
    ) -> None:
        """Replace the aliases of the given (slug, name, aliases) entries (entries new to the
        store have none to delete)."""
        await self.conn.executemany(
            f"DELETE FROM aliases WHERE entity = ? AND entity_id = (SELECT id FROM {table} WHERE slug = ?)",  # noqa: E501
            [(entity, slug) for slug, _, _ in items if slug in existing],
        )
        await self.conn.executemany(
            f"INSERT OR IGNORE INTO aliases (entity, entity_id, alias, norm) "
            f"SELECT ?, id, ?, ? FROM {table} WHERE slug = ?",
            [
                (entity, alias, norm, slug)
                for slug, name, aliases in items
                for alias, norm in _names(slug, name, aliases)
            ],
        )

    async def labs(self, labs: list[Lab]) -> Counts:
        counts = Counts()
        existing = await self._existing("labs")
        inserts, updates, named = [], [], []
        for lab in labs:
            data = _json(lab)
            row = (lab.name, lab.country, lab.hugging_face, data)
            if lab.slug not in existing:
                inserts.append((lab.slug, *row, self.now, self.now))
            elif existing[lab.slug][1] != data:
                updates.append((*row, self.now, lab.slug))
            else:
                counts.unchanged += 1
                continue
            named.append((lab.slug, lab.name, list(lab.aliases)))
        await self.conn.executemany(
            "INSERT INTO labs (slug, name, country, hugging_face, data, added_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
        await self.conn.executemany(
            "UPDATE labs SET name = ?, country = ?, hugging_face = ?, data = ?, updated_at = ? "
            "WHERE slug = ?",
            updates,
        )
        await self._replace_names("lab", "labs", named, existing)
        counts.created, counts.updated = len(inserts), len(updates)
        return counts

    def _announce(self, released_end: dt.date, baseline: bool) -> tuple[int, str]:
        if baseline:
            return 0, "baseline"
        if self.today - released_end > self.max_age:
            return 0, "old"
        return 1, "new"

    async def _record_new(
        self, entity: str, table: str, items: list[tuple[str, str, dt.date]], baseline: bool
    ) -> None:
        rows = []
        for slug, released, end in items:
            announce, reason = self._announce(end, baseline)
            if announce:
                self.announced.append(slug)
            rows.append((entity, released, self.now, self.source, announce, reason, slug))
        await self.conn.executemany(
            "INSERT OR IGNORE INTO new_entries "
            "(entity, entity_id, slug, released, added_at, source, announce, reason) "
            f"SELECT ?, id, slug, ?, ?, ?, ?, ? FROM {table} WHERE slug = ?",
            rows,
        )

    async def _keep_feed_fills(self, models: list[Model]) -> list[Model]:
        """A curated import (the bundled catalog, `modelradar import`) wins wherever it gives
        a value, but keeps what a feed watcher filled where the curated entry says nothing;
        otherwise every start would erase the feeds' fills and the feeds would re-add them."""
        if self.source not in CURATED_SOURCES:
            return models
        rows = await self.conn.execute_fetchall(
            "SELECT m.slug, f.field, f.value FROM feed_fields f JOIN models m ON m.id = f.model_id"
        )
        fills: dict[str, dict[str, Any]] = {}
        for slug, name, value in rows:
            if name in Model.model_fields:
                fills.setdefault(slug, {})[name] = json.loads(value)
        if not fills:
            return models
        kept = []
        for model in models:
            update = {
                name: value
                for name, value in fills.get(model.slug, {}).items()
                if getattr(model, name) in (None, [], {})
            }
            kept.append(Model.model_validate({**dump(model), **update}) if update else model)
        return kept

    async def models(self, models: list[Model], baseline: bool) -> Counts:
        counts = Counts()
        existing = await self._existing("models")
        lab_ids = await self._lab_ids()
        models = await self._keep_feed_fills(models)
        inserts, updates, named, created = [], [], [], []
        for model in models:
            data = _json(model)
            row = model_columns(model, lab_ids[model.lab], data)
            if model.slug not in existing:
                inserts.append((model.slug, *row, self.now, self.now))
                created.append((model.slug, model.released.sort_key, model.released.end))
            elif existing[model.slug][1] != data:
                updates.append((*row, self.now, model.slug))
            else:
                counts.unchanged += 1
                continue
            named.append((model.slug, model.name, list(model.aliases)))
        columns = MODEL_COLUMNS
        await self.conn.executemany(
            f"INSERT INTO models (slug, {columns}, added_at, updated_at) "
            f"VALUES ({', '.join('?' * 20)})",
            inserts,
        )
        assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        await self.conn.executemany(
            f"UPDATE models SET {assignments}, updated_at = ? WHERE slug = ?",
            updates,
        )
        await self._replace_names("model", "models", named, existing)
        await self._record_new("model", "models", created, baseline)
        counts.created, counts.updated = len(inserts), len(updates)
        return counts

    async def events(self, events: list[Event], baseline: bool) -> Counts:
        counts = Counts()
        existing = await self._existing("events")
        lab_ids = await self._lab_ids()
        inserts, updates, links, created = [], [], [], []
        for event in events:
            data = _json(event)
            key = event.key
            row = (
                lab_ids[event.lab],
                event.date.sort_key,
                event.date.precision,
                event.kind,
                event.title,
                data,
            )
            if key not in existing:
                inserts.append((key, *row, self.now, self.now))
                created.append((key, event.date.sort_key, event.date.end))
            elif existing[key][1] != data:
                updates.append((*row, self.now, key))
            else:
                counts.unchanged += 1
                continue
            links.append((key, list(event.models)))
        await self.conn.executemany(
            "INSERT INTO events (slug, lab_id, date, date_precision, kind, title, data, "
            "added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
        await self.conn.executemany(
            "UPDATE events SET lab_id = ?, date = ?, date_precision = ?, kind = ?, title = ?, "
            "data = ?, updated_at = ? WHERE slug = ?",
            updates,
        )
        await self.conn.executemany(
            "DELETE FROM event_models WHERE event_id = (SELECT id FROM events WHERE slug = ?)",
            [(key,) for key, _ in links],
        )
        await self.conn.executemany(
            "INSERT OR IGNORE INTO event_models (event_id, model_id) "
            "SELECT e.id, m.id FROM events e, models m WHERE e.slug = ? AND m.slug = ?",
            [(key, slug) for key, slugs in links for slug in slugs],
        )
        await self._record_new("event", "events", created, baseline)
        counts.created, counts.updated = len(inserts), len(updates)
        return counts
