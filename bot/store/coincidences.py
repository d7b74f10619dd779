"""/coincidences queries: what the sweep reads of every entry, and the entries it pairs.

The sweep works on plain rows (SweepRow fields by position, for speed at 100k entries): a
day as an integer ordinal (NULL unless the date is day-precise: a sort key such as
"2025-01-00" is no date to SQLite), the lab's id, whether the entry is an event, its id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from bot.store.connection import Store
from bot.store.sql import marks


class SweepRow(NamedTuple):
    """The field order of the rows sweep_rows() returns (they are the driver's rows)."""

    ordinal: int | None
    lab_id: int
    is_event: int
    id: int


# Events whose linked model of the same lab was released the same day.
_REPEATS = (
    "SELECT e.id FROM events e JOIN event_models em ON em.event_id = e.id "
    "JOIN models m ON m.id = em.model_id WHERE m.lab_id = e.lab_id AND m.released = e.date"
)
_ORDINAL = "CAST(julianday(x.{0}) AS INTEGER) - 1721424"
_DETAILS = {
    "model": "SELECT x.id, 'model' AS entity, x.slug, x.name AS name, x.lab_id, "
    "x.released AS day, x.kind FROM models x WHERE x.id IN ({0})",
    "event": "SELECT x.id, 'event' AS entity, x.slug, COALESCE(x.short_name, x.title) AS name, "
    "x.lab_id, x.date AS day, x.kind FROM events x WHERE x.id IN ({0})",
}
_CHUNK = 500


async def labs_by_id(store: Store) -> dict[int, tuple[str, str]]:
    """lab id -> (slug, name)."""
    return {
        row[0]: (row[1], row[2]) for row in await store.fetchall("SELECT id, slug, name FROM labs")
    }


async def sweep_rows(store: Store, lab_ids: Sequence[int] | None, lo: str | None) -> list[Any]:
    """SweepRow-shaped rows of every model and event of these labs (all if None) dated on
    or after the sort key `lo`."""
    parts: list[str] = []
    params: list[Any] = []
    for table, column, is_event in (("models", "released", 0), ("events", "date", 1)):
        clauses: list[str] = []
        if lab_ids is not None:
            clauses.append(f"x.lab_id IN ({marks(lab_ids)})")
            params.extend(lab_ids)
        if lo is not None:
            clauses.append(f"x.{column} >= ?")
            params.append(lo)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        parts.append(
            f"SELECT {_ORDINAL.format(column)}, x.lab_id, {is_event}, x.id FROM {table} x{where}"
        )
    return await store.fetchall(" UNION ALL ".join(parts), params)


async def repeated_events(store: Store) -> set[int]:
    """Ids of events that repeat a release of their own lab on the same day."""
    return {row[0] for row in await store.fetchall(_REPEATS)}


async def details(store: Store, entity: Literal["model", "event"], ids: Sequence[int]) -> list[Any]:
    """(id, entity, slug, name, lab_id, day, kind) rows of these models or events; an
    event's name is its short display name where it has one."""
    rows: list[Any] = []
    for at in range(0, len(ids), _CHUNK):
        chunk = ids[at : at + _CHUNK]
        rows.extend(await store.fetchall(_DETAILS[entity].format(marks(chunk)), chunk))
    return rows
