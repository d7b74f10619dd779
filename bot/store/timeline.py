"""Timeline queries: the models and events that filters keep, in timeline order.

One UNION ALL of models and events runs on the indexes models(released),
models(lab_id, released), events(date) and events(lab_id, date); a page is read with
LIMIT/OFFSET, its total counted by the same query's indexed subqueries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.models import EVENT_KINDS, MODEL_KINDS
from bot.store.connection import Store
from bot.store.sql import marks as placeholders


def _where(
    column: str,
    kind_column: str,
    lab_ids: Sequence[int] | Sequence[str] | None,
    lo: str | None,
    hi: str | None,
    kind: str | None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if lab_ids is not None:
        marks = placeholders(lab_ids)
        if all(isinstance(one, str) for one in lab_ids):  # slugs: ids read in the same query
            clauses.append(f"x.lab_id IN (SELECT id FROM labs WHERE slug IN ({marks}))")
        else:
            clauses.append(f"x.lab_id IN ({marks})")
        params.extend(lab_ids)
    if lo is not None:
        clauses.append(f"x.{column} >= ?")
        params.append(lo)
    if hi is not None:
        clauses.append(f"x.{column} <= ?")
        params.append(hi)
    if kind is not None:
        clauses.append(f"x.{kind_column} = ?")
        params.append(kind)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _parts(
    lab_ids: Sequence[int] | Sequence[str] | None, lo: str | None, hi: str | None, kind: str | None
) -> list[tuple[str, str, list[Any]]]:
    """(entity, FROM ... WHERE ..., params) for the models and/or events the filters keep."""
    parts: list[tuple[str, str, list[Any]]] = []
    model_kind = kind if kind in MODEL_KINDS else None
    event_kind = kind if kind in EVENT_KINDS else None
    if kind is None or kind == "models" or model_kind:
        where, params = _where("released", "kind", lab_ids, lo, hi, model_kind)
        parts.append(("model", f"FROM models x{where}", params))
    if kind is None or kind == "events" or event_kind:
        where, params = _where("date", "kind", lab_ids, lo, hi, event_kind)
        parts.append(("event", f"FROM events x{where}", params))
    return parts


_SELECT = {
    "model": "SELECT 'model' AS entity, x.slug, x.name AS name, x.lab_id, x.released AS day, "
    "x.kind AS kind ",
    "event": "SELECT 'event' AS entity, x.slug, COALESCE(x.short_name, x.title) AS name, "
    "x.lab_id, x.date AS day, x.kind AS kind ",
}
# Models before events on the same day, then by name: a stable order for paging.
_ORDER = " ORDER BY e.day, e.entity DESC, e.name, e.slug"


def entries_sql(
    lab_ids: Sequence[int] | Sequence[str] | None,
    lo: str | None,
    hi: str | None,
    kind: str | None,
    *,
    limit: int | None = None,
    offset: int = 0,
    with_total: bool = False,
) -> tuple[str, list[Any]]:
    """The UNION ALL of the kept models and events, in timeline order (one page if limited).
    `lab_ids` may be lab slugs, looked up in the same query. `with_total` adds a column
    `total`: every row kept, counted once by the count's own indexed subqueries."""
    parts = _parts(lab_ids, lo, hi, kind)
    sql = " UNION ALL ".join(_SELECT[entity] + body for entity, body, _ in parts)
    params = [p for _, _, ps in parts for p in ps]
    total = ""
    if with_total:
        total = ", " + " + ".join(f"(SELECT COUNT(*) {body})" for _, body, _ in parts)
        total += " AS total"
        params = params + params
    inner = (
        "SELECT e.entity, e.slug, e.name, l.slug AS lab, l.name AS lab_name, e.day, e.kind"
        f"{total} FROM ({sql}) e JOIN labs l ON l.id = e.lab_id" + _ORDER
    )
    if limit is not None:
        inner += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return inner, params


def count_sql(
    lab_ids: Sequence[int] | Sequence[str] | None, lo: str | None, hi: str | None, kind: str | None
) -> tuple[str, list[Any]]:
    parts = _parts(lab_ids, lo, hi, kind)
    sql = "SELECT " + " + ".join(f"(SELECT COUNT(*) {body})" for _, body, _ in parts)
    return sql, [p for _, _, ps in parts for p in ps]


async def lab_ids(store: Store, slugs: Sequence[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(slugs))
    if not wanted:
        return {}
    rows = await store.fetchall(
        f"SELECT slug, id FROM labs WHERE slug IN ({placeholders(wanted)})", wanted
    )
    return {row[0]: row[1] for row in rows}


async def _ids(store: Store, labs: Sequence[str] | None) -> list[int] | None:
    """The ids of these lab slugs (empty if none exists); None for all labs."""
    return None if labs is None else list((await lab_ids(store, labs)).values())


async def entry_rows(
    store: Store,
    labs: Sequence[str] | None,
    lo: str | None,
    hi: str | None,
    kind: str | None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[Any]:
    """Rows (entity, slug, name, lab, lab_name, day, kind) of these labs' entries (all labs
    if None) with sort keys in [lo, hi], in order; the labs' ids are looked up first."""
    ids = await _ids(store, labs)
    if ids == []:
        return []
    sql, params = entries_sql(ids, lo, hi, kind, limit=limit, offset=offset)
    return await store.fetchall(sql, params)


async def page_rows(
    store: Store,
    labs: Sequence[str] | None,
    lo: str | None,
    hi: str | None,
    kind: str | None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[Any]:
    """Like entry_rows in one query (labs by slug looked up inside it); a limited read also
    has a column `total`, every row kept."""
    sql, params = entries_sql(
        labs, lo, hi, kind, limit=limit, offset=offset, with_total=limit is not None
    )
    return await store.fetchall(sql, params)


async def count(
    store: Store, labs: Sequence[str] | None, lo: str | None, hi: str | None, kind: str | None
) -> int:
    ids = await _ids(store, labs)
    if ids == []:
        return 0
    sql, params = count_sql(ids, lo, hi, kind)
    return int(await store.scalar(sql, params) or 0)
