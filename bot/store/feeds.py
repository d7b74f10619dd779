"""The feed watchers' state: seen items, seeded scopes, backoff, HTTP validators, provenance.

Reads go through the store's reader. `write_cycle` runs inside the transaction that also
writes the cycle's catalog changes (through the importer's `also` hook), so both commit or
neither does. `record_failure` touches only the source's backoff row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import aiosqlite

from bot.store.connection import Store


@dataclass(frozen=True, slots=True)
class SourceState:
    source: str
    failures: int = 0
    next_attempt_at: str | None = None
    last_attempt_at: str | None = None
    last_success_at: str | None = None
    last_error: str | None = None
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class ScopeState:
    """One organisation's (or author's) listing: when it was last listed in full, and where an
    unfinished listing goes on (the next page's URL, and when that listing started)."""

    listed_at: str | None = None
    next_url: str | None = None
    started_at: str | None = None


@dataclass(slots=True)
class Cursor:
    """Where a source's next cycle starts and each scope's listing state.

    Kept as JSON in `feed_sources.cursor`; an older store's cursor (a bare organisation
    name) reads as that start with no scope state."""

    start: str | None = None
    scopes: dict[str, ScopeState] = field(default_factory=dict)

    @classmethod
    def load(cls, text: str | None) -> Cursor:
        if not text:
            return cls()
        try:
            data = json.loads(text)
        except ValueError:
            return cls(start=text)
        if not isinstance(data, dict):
            return cls(start=text)
        start = data.get("start")
        scopes: dict[str, ScopeState] = {}
        raw = data.get("scopes")
        for scope, value in (raw if isinstance(raw, dict) else {}).items():
            if isinstance(scope, str) and isinstance(value, dict):
                scopes[scope] = ScopeState(
                    *(
                        value.get(key) if isinstance(value.get(key), str) else None
                        for key in ("listed_at", "next_url", "started_at")
                    )
                )
        return cls(start if isinstance(start, str) else None, scopes)

    def dump(self) -> str | None:
        if self.start is None and not self.scopes:
            return None
        scopes = {
            scope: {
                key: value
                for key, value in (
                    ("listed_at", state.listed_at),
                    ("next_url", state.next_url),
                    ("started_at", state.started_at),
                )
                if value is not None
            }
            for scope, state in sorted(self.scopes.items())
        }
        return json.dumps({"start": self.start, "scopes": scopes}, sort_keys=True)


@dataclass(frozen=True, slots=True)
class SeenItem:
    outcome: str
    model_slug: str | None


@dataclass(frozen=True, slots=True)
class Fill:
    """A field value a feed wrote: which source and item, and the value as JSON text."""

    source: str
    item: str
    value: str


@dataclass(frozen=True, slots=True)
class KnownRow:
    slug: str
    lab: str
    data: str


@dataclass(frozen=True, slots=True)
class ItemRecord:
    item: str
    scope: str
    outcome: str
    model_slug: str | None = None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class FoundRecord:
    model_slug: str
    item: str
    url: str
    created: bool


@dataclass(frozen=True, slots=True)
class FieldRecord:
    model_slug: str
    field: str
    item: str
    value: str


@dataclass(frozen=True, slots=True)
class Found:
    """Where and when a feed saw a model, and whether the feed created it."""

    source: str
    item: str
    url: str
    created: bool
    first_seen_at: str
    last_seen_at: str


@dataclass(slots=True)
class CycleRecord:
    """Everything one successful source cycle writes."""

    source: str
    now: str
    cursor: str | None = None
    seeded: list[str] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    found: list[FoundRecord] = field(default_factory=list)
    fields: list[FieldRecord] = field(default_factory=list)


# ---------------------------------------------------------------- reads


async def source_state(store: Store, source: str) -> SourceState:
    row = await store.fetchone(
        "SELECT failures, next_attempt_at, last_attempt_at, last_success_at, last_error, cursor "
        "FROM feed_sources WHERE source = ?",
        (source,),
    )
    if row is None:
        return SourceState(source)
    return SourceState(source, *tuple(row))


async def validators(store: Store) -> dict[str, tuple[str | None, str | None]]:
    rows = await store.fetchall("SELECT url, etag, last_modified FROM feed_validators")
    return {row[0]: (row[1], row[2]) for row in rows}


async def seen_items(store: Store, source: str) -> dict[str, SeenItem]:
    rows = await store.fetchall(
        "SELECT item, outcome, model_slug FROM feed_items WHERE source = ?", (source,)
    )
    return {row[0]: SeenItem(row[1], row[2]) for row in rows}


async def seeded_scopes(store: Store, source: str) -> set[str]:
    rows = await store.fetchall("SELECT scope FROM feed_scopes WHERE source = ?", (source,))
    return {row[0] for row in rows}


async def known_models(store: Store) -> list[KnownRow]:
    rows = await store.fetchall(
        "SELECT m.slug, l.slug, m.data FROM models m JOIN labs l ON l.id = m.lab_id"
    )
    return [KnownRow(row[0], row[1], row[2]) for row in rows]


async def model_names(store: Store) -> list[tuple[str, str]]:
    """(normalised name, model slug) for every slug, name and alias of every model."""
    rows = await store.fetchall(
        "SELECT a.norm, m.slug FROM aliases a JOIN models m ON m.id = a.entity_id "
        "WHERE a.entity = 'model'"
    )
    return [(row[0], row[1]) for row in rows]


async def lab_slugs(store: Store) -> set[str]:
    return {row[0] for row in await store.fetchall("SELECT slug FROM labs")}


async def fills(store: Store) -> dict[tuple[str, str], Fill]:
    rows = await store.fetchall(
        "SELECT m.slug, f.field, f.source, f.item, f.value FROM feed_fields f "
        "JOIN models m ON m.id = f.model_id"
    )
    return {(row[0], row[1]): Fill(row[2], row[3], row[4]) for row in rows}


async def found(store: Store, slug: str) -> list[Found]:
    """Where the feeds saw a model (empty for a model no feed has seen)."""
    rows = await store.fetchall(
        "SELECT f.source, f.item, f.url, f.created, f.first_seen_at, f.last_seen_at "
        "FROM feed_found f JOIN models m ON m.id = f.model_id WHERE m.slug = ? "
        "ORDER BY f.first_seen_at, f.source",
        (slug,),
    )
    return [Found(row[0], row[1], row[2], bool(row[3]), row[4], row[5]) for row in rows]


async def found_automatically(store: Store) -> set[str]:
    """Slugs of the models a feed created."""
    rows = await store.fetchall(
        "SELECT DISTINCT m.slug FROM feed_found f JOIN models m ON m.id = f.model_id "
        "WHERE f.created = 1"
    )
    return {row[0] for row in rows}


# ---------------------------------------------------------------- writes


async def write_cycle(conn: aiosqlite.Connection, record: CycleRecord) -> None:
    """Write one successful cycle's state; the caller's transaction commits it."""
    now, source = record.now, record.source
    await conn.execute(
        "INSERT INTO feed_sources (source, failures, next_attempt_at, last_attempt_at, "
        "last_success_at, last_error, cursor) VALUES (?, 0, NULL, ?, ?, NULL, ?) "
        "ON CONFLICT (source) DO UPDATE SET failures = 0, next_attempt_at = NULL, "
        "last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, "
        "last_error = NULL, cursor = excluded.cursor",
        (source, now, now, record.cursor),
    )
    await conn.executemany(
        "INSERT OR IGNORE INTO feed_scopes (source, scope, seeded_at) VALUES (?, ?, ?)",
        [(source, scope, now) for scope in record.seeded],
    )
    await conn.executemany(
        "INSERT INTO feed_items (source, item, scope, outcome, model_slug, detail, "
        "first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (source, item) DO UPDATE SET scope = excluded.scope, "
        "outcome = excluded.outcome, model_slug = excluded.model_slug, "
        "detail = excluded.detail, last_seen_at = excluded.last_seen_at",
        [
            (source, i.item, i.scope, i.outcome, i.model_slug, i.detail, now, now)
            for i in record.items
        ],
    )
    await conn.executemany(
        "INSERT INTO feed_validators (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
        "last_modified = excluded.last_modified, updated_at = excluded.updated_at",
        [(url, etag, modified, now) for url, (etag, modified) in record.validators.items()],
    )
    await conn.executemany(
        "INSERT INTO feed_found (model_id, source, item, url, created, first_seen_at, "
        "last_seen_at) SELECT id, ?, ?, ?, ?, ?, ? FROM models WHERE slug = ? "
        "ON CONFLICT (model_id, source, item) DO UPDATE SET url = excluded.url, "
        "created = max(created, excluded.created), last_seen_at = excluded.last_seen_at",
        [(source, f.item, f.url, int(f.created), now, now, f.model_slug) for f in record.found],
    )
    await conn.executemany(
        "INSERT INTO feed_fields (model_id, field, source, item, value, filled_at) "
        "SELECT id, ?, ?, ?, ?, ? FROM models WHERE slug = ? "
        "ON CONFLICT (model_id, field) DO UPDATE SET source = excluded.source, "
        "item = excluded.item, value = excluded.value, filled_at = excluded.filled_at",
        [(f.field, source, f.item, f.value, now, f.model_slug) for f in record.fields],
    )


async def record_failure(
    store: Store, source: str, *, now: str, error: str, next_attempt_at: str
) -> None:
    """Count a failed cycle and when to try again; nothing else is written."""
    async with store.transaction() as conn:
        await conn.execute(
            "INSERT INTO feed_sources (source, failures, next_attempt_at, last_attempt_at, "
            "last_error) VALUES (?, 1, ?, ?, ?) "
            "ON CONFLICT (source) DO UPDATE SET failures = failures + 1, "
            "next_attempt_at = excluded.next_attempt_at, "
            "last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error",
            (source, next_attempt_at, now, error[:500]),
        )
