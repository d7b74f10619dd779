"""/search queries: candidates whose normalised text contains the normalised query.

Every filter compares `normalize(column)` (the Python function, registered in SQLite by
store.connection) with the normalised query, so SQL narrows exactly to what Python matches.
"""

from __future__ import annotations

from typing import Any

from bot.store.connection import Store
from bot.store.sql import marks


def like(norm: str) -> str:
    """A LIKE pattern for "contains `norm`", with LIKE's own characters escaped."""
    escaped = norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def aliases(store: Store, pattern: str) -> list[tuple[str, int, str, str]]:
    """(entity, id, alias, normalised alias) of names matching `pattern`."""
    rows = await store.fetchall(
        "SELECT entity, entity_id, alias, norm FROM aliases WHERE norm LIKE ? ESCAPE '\\'",
        (pattern,),
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


async def families(store: Store, pattern: str) -> list[tuple[int, str]]:
    rows = await store.fetchall(
        "SELECT id, family FROM models WHERE normalize(family) LIKE ? ESCAPE '\\'", (pattern,)
    )
    return [(r[0], r[1]) for r in rows]


async def model_texts(store: Store, field: str, pattern: str) -> list[tuple[int, str]]:
    """(model id, text) of items of a model's list `field` ("techniques", "highlights")."""
    if field not in ("techniques", "highlights"):
        raise ValueError(f"models have no searchable list {field!r}")
    rows = await store.fetchall(
        f"SELECT m.id, t.value FROM models m, json_each(m.data, '$.{field}') t "
        "WHERE normalize(t.value) LIKE ? ESCAPE '\\'",
        (pattern,),
    )
    return [(r[0], r[1]) for r in rows]


async def events(store: Store, pattern: str) -> list[tuple[int, str, str, str, str]]:
    """(id, slug, title, short name, summary) of events whose slug, title, short name or
    summary match."""
    summary = "coalesce(json_extract(data, '$.summary'), '')"
    rows = await store.fetchall(
        f"SELECT id, slug, title, coalesce(short_name, ''), {summary} FROM events "
        "WHERE normalize(slug) LIKE ?1 ESCAPE '\\' OR normalize(title) LIKE ?1 ESCAPE '\\' "
        "OR normalize(short_name) LIKE ?1 ESCAPE '\\' "
        f"OR normalize({summary}) LIKE ?1 ESCAPE '\\'",
        (pattern,),
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


async def labs(store: Store, ids: list[int]) -> list[Any]:
    """(id, slug, name, country) of these labs."""
    return await store.fetchall(
        f"SELECT id, slug, name, country FROM labs WHERE id IN ({marks(ids)})", ids
    )


async def models(store: Store, ids: list[int]) -> list[Any]:
    """(id, slug, name, released, kind, lab name) of these models."""
    return await store.fetchall(
        "SELECT m.id, m.slug, m.name, m.released, m.kind, l.name FROM models m "
        f"JOIN labs l ON l.id = m.lab_id WHERE m.id IN ({marks(ids)})",
        ids,
    )


async def events_by_id(store: Store, ids: list[int]) -> list[Any]:
    """(id, slug, display name (the short name if any, else the title), date, kind, lab
    name) of these events."""
    return await store.fetchall(
        "SELECT e.id, e.slug, COALESCE(e.short_name, e.title), e.date, e.kind, l.name "
        "FROM events e "
        f"JOIN labs l ON l.id = e.lab_id WHERE e.id IN ({marks(ids)})",
        ids,
    )
