"""Catalog writes: the statements of one import transaction (labs, models, events, names).

The importer (bot/catalog/importer.py) decides what changes; these functions only write it,
each with one `executemany` so that an import of 100k models stays a few statements.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from typing import Any, Literal

import aiosqlite

from bot.domain.gc import gc_paused
from bot.domain.models import Model
from bot.domain.names import normalize
from bot.store.connection import Store

Table = Literal["labs", "models", "events"]
Row = Sequence[Any]

MODEL_COLUMNS = (
    "lab_id, name, family, released, released_precision, kind, open_weights, "
    "architecture, params_total, params_active, context, max_output, price_input, "
    "price_output, predecessor, hugging_face, data"
)
_MODEL_ASSIGNMENTS = ", ".join(f"{c.strip()} = ?" for c in MODEL_COLUMNS.split(","))


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


async def known_slugs(store: Store) -> tuple[set[str], set[str]]:
    """The slugs of every lab and model, for validating references."""
    labs = {row[0] for row in await store.fetchall("SELECT slug FROM labs")}
    models = {row[0] for row in await store.fetchall("SELECT slug FROM models")}
    return labs, models


async def is_empty(conn: aiosqlite.Connection) -> bool:
    rows = await conn.execute_fetchall(
        "SELECT (SELECT COUNT(*) FROM models) + (SELECT COUNT(*) FROM events)"
    )
    return bool(next(iter(rows))[0] == 0)


async def existing(conn: aiosqlite.Connection, table: Table) -> dict[str, tuple[int, str]]:
    """slug -> (id, stored JSON) of every row of `table`."""
    rows = await conn.execute_fetchall(f"SELECT slug, id, data FROM {table}")
    return {row[0]: (row[1], row[2]) for row in rows}


async def lab_ids(conn: aiosqlite.Connection) -> dict[str, int]:
    rows = await conn.execute_fetchall("SELECT slug, id FROM labs")
    return {row[0]: row[1] for row in rows}


def _names(slug: str, name: str, aliases: Iterable[str]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for text in (slug, name, *aliases):
        seen.setdefault(text, normalize(text))
    return list(seen.items())


async def replace_names(
    conn: aiosqlite.Connection,
    entity: Literal["lab", "model"],
    table: Table,
    items: list[tuple[str, str, list[str]]],
    present: Container[str],
) -> None:
    """Replace the names of the given (slug, name, aliases) entries (entries new to the store,
    not in `present`, have none to delete)."""
    with gc_paused():  # tens of thousands of small tuples at once
        deleted = [(entity, slug) for slug, _, _ in items if slug in present]
        named = [
            (entity, alias, norm, slug)
            for slug, name, aliases in items
            for alias, norm in _names(slug, name, aliases)
        ]
    await conn.executemany(
        f"DELETE FROM aliases WHERE entity = ? AND entity_id = "
        f"(SELECT id FROM {table} WHERE slug = ?)",
        deleted,
    )
    await conn.executemany(
        f"INSERT OR IGNORE INTO aliases (entity, entity_id, alias, norm) "
        f"SELECT ?, id, ?, ? FROM {table} WHERE slug = ?",
        named,
    )


async def write_labs(
    conn: aiosqlite.Connection, inserts: Sequence[Row], updates: Sequence[Row]
) -> None:
    """inserts: (slug, name, country, hugging_face, data, added_at, updated_at);
    updates: (name, country, hugging_face, data, updated_at, slug)."""
    await conn.executemany(
        "INSERT INTO labs (slug, name, country, hugging_face, data, added_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        inserts,
    )
    await conn.executemany(
        "UPDATE labs SET name = ?, country = ?, hugging_face = ?, data = ?, updated_at = ? "
        "WHERE slug = ?",
        updates,
    )


async def write_models(
    conn: aiosqlite.Connection, inserts: Sequence[Row], updates: Sequence[Row]
) -> None:
    """inserts: (slug, *model_columns, added_at, updated_at);
    updates: (*model_columns, updated_at, slug)."""
    await conn.executemany(
        f"INSERT INTO models (slug, {MODEL_COLUMNS}, added_at, updated_at) "
        f"VALUES ({', '.join('?' * 20)})",
        inserts,
    )
    await conn.executemany(
        f"UPDATE models SET {_MODEL_ASSIGNMENTS}, updated_at = ? WHERE slug = ?", updates
    )


async def write_events(
    conn: aiosqlite.Connection,
    inserts: Sequence[Row],
    updates: Sequence[Row],
    links: list[tuple[str, list[str]]],
) -> None:
    """inserts: (slug, lab_id, date, date_precision, kind, title, short_name, data, added_at,
    updated_at); updates: the same but slug and added_at, then slug; links: (event slug, model
    slugs)."""
    await conn.executemany(
        "INSERT INTO events (slug, lab_id, date, date_precision, kind, title, short_name, data, "
        "added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        inserts,
    )
    await conn.executemany(
        "UPDATE events SET lab_id = ?, date = ?, date_precision = ?, kind = ?, title = ?, "
        "short_name = ?, data = ?, updated_at = ? WHERE slug = ?",
        updates,
    )
    await conn.executemany(
        "DELETE FROM event_models WHERE event_id = (SELECT id FROM events WHERE slug = ?)",
        [(key,) for key, _ in links],
    )
    await conn.executemany(
        "INSERT OR IGNORE INTO event_models (event_id, model_id) "
        "SELECT e.id, m.id FROM events e, models m WHERE e.slug = ? AND m.slug = ?",
        [(key, slug) for key, slugs in links for slug in slugs],
    )


async def record_new(
    conn: aiosqlite.Connection, table: Literal["models", "events"], rows: Sequence[Row]
) -> None:
    """rows: (entity, released, added_at, source, announce, reason, slug) of entries new to
    the store; each becomes one `new_entries` row (the alerts' input)."""
    await conn.executemany(
        "INSERT OR IGNORE INTO new_entries "
        "(entity, entity_id, slug, released, added_at, source, announce, reason) "
        f"SELECT ?, id, slug, ?, ?, ?, ?, ? FROM {table} WHERE slug = ?",
        rows,
    )


async def feed_fills(conn: aiosqlite.Connection) -> list[tuple[str, str, str]]:
    """(model slug, field, JSON value) of every field a feed watcher filled."""
    rows = await conn.execute_fetchall(
        "SELECT m.slug, f.field, f.value FROM feed_fields f JOIN models m ON m.id = f.model_id"
    )
    return [(row[0], row[1], row[2]) for row in rows]
