"""Importing validated catalogs into the store: all or nothing, idempotent, with a report.

An import is one `BEGIN IMMEDIATE` transaction. Created models and events are recorded in
`new_entries` in that same transaction, which is what release alerts deliver from: the first
import into an empty store is the baseline and is never announced, entries whose release is
older than `max_age_days` when they arrive are recorded as not announced, and corrections to
an existing entry are updates, not new entries.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import aiosqlite

from bot.catalog.cycles import cycle_problems
from bot.catalog.loader import load_paths
from bot.catalog.validate import Catalog, locate_json_problems, validate_entries
from bot.domain.errors import ImportFailed, ProblemLog
from bot.domain.gc import gc_paused
from bot.domain.models import Event, Lab, Model, dump
from bot.store import Store, meta
from bot.store import catalog_writes as writes

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


async def validate_paths(store: Store, paths: Iterable[str | Path]) -> tuple[Catalog, int]:
    """Load and validate files against the store; raise ImportFailed listing the problems
    (the first SHOWN_PROBLEMS by file and line, and how many more there are)."""
    known_labs, known_models = await writes.known_slugs(store)
    log = ProblemLog()
    with gc_paused():
        loaded = load_paths(paths, log)
        catalog, _ = validate_entries(
            loaded.entries,
            known_labs=known_labs,
            known_models=known_models,
            today=store.clock().date(),
            log=log,
        )
        if log.total:
            locate_json_problems(log)
    if log.total:
        raise log.failed()
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
            report.models = await writer.models(catalog, report.baseline)
            report.events = await writer.events(catalog.events, report.baseline)
            report.announced = writer.announced
            if also is not None:
                await also(conn, report)
            if report.changed:
                await meta.catalog_changed(conn, writer.now)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _json(entity: Lab | Model | Event) -> str:
    """The stored form: the import format's fields in declaration order, unset ones left out
    (pydantic serialises in Rust, about four times faster than json.dumps of a dict)."""
    return entity.model_dump_json(exclude_defaults=True)


def _refuse_cycles(
    catalog: Catalog, models: list[Model], existing: dict[str, tuple[int, str]]
) -> None:
    """Raise ImportFailed (rolling the transaction back) when the models written would close
    a predecessor cycle through models already stored. Validation found the cycles within
    the files; only the stored JSON of models the files do not give is read, and only where
    a chain of predecessors leads to one."""
    given = {model.slug: model.predecessor for model in models}

    def predecessor(slug: str) -> str | None:
        if slug in given:
            return given[slug]
        if slug in existing:
            value = json.loads(existing[slug][1]).get("predecessor")
            return value if isinstance(value, str) else None
        return None

    found = cycle_problems(catalog, predecessor)
    if found:
        raise ImportFailed([problem for problem, _ in found])


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
        return await writes.is_empty(self.conn)

    async def labs(self, labs: list[Lab]) -> Counts:
        counts = Counts()
        existing = await writes.existing(self.conn, "labs")
        inserts, updates, named = [], [], []
        with gc_paused():
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
        await writes.write_labs(self.conn, inserts, updates)
        await writes.replace_names(self.conn, "lab", "labs", named, existing)
        counts.created, counts.updated = len(inserts), len(updates)
        return counts

    def _announce(self, released_end: dt.date, baseline: bool) -> tuple[int, str]:
        if baseline:
            return 0, "baseline"
        if self.today - released_end > self.max_age:
            return 0, "old"
        return 1, "new"

    async def _record_new(
        self,
        entity: str,
        table: Literal["models", "events"],
        items: list[tuple[str, str, dt.date]],
        baseline: bool,
    ) -> None:
        rows = []
        for slug, released, end in items:
            announce, reason = self._announce(end, baseline)
            if announce:
                self.announced.append(slug)
            rows.append((entity, released, self.now, self.source, announce, reason, slug))
        await writes.record_new(self.conn, table, rows)

    async def _keep_feed_fills(self, models: list[Model]) -> list[Model]:
        """A curated import (the bundled catalog, `modelradar import`) wins wherever it gives
        a value, but keeps what a feed watcher filled where the curated entry says nothing;
        otherwise every start would erase the feeds' fills and the feeds would re-add them."""
        if self.source not in CURATED_SOURCES:
            return models
        fills: dict[str, dict[str, Any]] = {}
        for slug, name, value in await writes.feed_fills(self.conn):
            if name in Model.model_fields:
                fills.setdefault(slug, {})[name] = json.loads(value)
        if not fills:
            return models
        kept = []
        with gc_paused():
            for model in models:
                update = {
                    name: value
                    for name, value in fills.get(model.slug, {}).items()
                    if getattr(model, name) in (None, [], {})
                }
                kept.append(Model.model_validate({**dump(model), **update}) if update else model)
        return kept

    async def models(self, catalog: Catalog, baseline: bool) -> Counts:
        counts = Counts()
        existing = await writes.existing(self.conn, "models")
        lab_ids = await writes.lab_ids(self.conn)
        models = await self._keep_feed_fills(catalog.models)
        _refuse_cycles(catalog, models, existing)
        inserts, updates, named, created = [], [], [], []
        with gc_paused():
            for model in models:
                data = _json(model)
                row = writes.model_columns(model, lab_ids[model.lab], data)
                if model.slug not in existing:
                    inserts.append((model.slug, *row, self.now, self.now))
                    created.append((model.slug, model.released.sort_key, model.released.end))
                elif existing[model.slug][1] != data:
                    updates.append((*row, self.now, model.slug))
                else:
                    counts.unchanged += 1
                    continue
                named.append((model.slug, model.name, list(model.aliases)))
        await writes.write_models(self.conn, inserts, updates)
        await writes.replace_names(self.conn, "model", "models", named, existing)
        await self._record_new("model", "models", created, baseline)
        counts.created, counts.updated = len(inserts), len(updates)
        return counts

    async def events(self, events: list[Event], baseline: bool) -> Counts:
        counts = Counts()
        existing = await writes.existing(self.conn, "events")
        lab_ids = await writes.lab_ids(self.conn)
        inserts, updates, links, created = [], [], [], []
        with gc_paused():
            for event in events:
                data = _json(event)
                key = event.key
                row = (
                    lab_ids[event.lab],
                    event.date.sort_key,
                    event.date.precision,
                    event.kind,
                    event.title,
                    event.short_name,
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
        await writes.write_events(self.conn, inserts, updates, links)
        await self._record_new("event", "events", created, baseline)
        counts.created, counts.updated = len(inserts), len(updates)
        return counts
