"""Catalog reads: labs, models and events back from the store as domain objects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.domain.models import Event, Lab, Model
from bot.store import Store
from bot.store.sql import marks


async def models_by_slug(store: Store, slugs: Iterable[str]) -> dict[str, Model]:
    wanted = list(dict.fromkeys(slugs))
    if not wanted:
        return {}
    rows = await store.fetchall(f"SELECT data FROM models WHERE slug IN ({marks(wanted)})", wanted)
    models = [Model.model_validate_json(row[0]) for row in rows]
    return {model.slug: model for model in models}


async def model(store: Store, slug: str) -> Model | None:
    return (await models_by_slug(store, [slug])).get(slug)


async def labs_by_slug(store: Store, slugs: Iterable[str] | None = None) -> dict[str, Lab]:
    if slugs is None:
        rows = await store.fetchall("SELECT data FROM labs ORDER BY slug")
    else:
        wanted = list(dict.fromkeys(slugs))
        if not wanted:
            return {}
        rows = await store.fetchall(
            f"SELECT data FROM labs WHERE slug IN ({marks(wanted)})", wanted
        )
    labs = [Lab.model_validate_json(row[0]) for row in rows]
    return {lab.slug: lab for lab in labs}


async def lab(store: Store, slug: str) -> Lab | None:
    return (await labs_by_slug(store, [slug])).get(slug)


async def successors(store: Store, slug: str) -> list[Model]:
    rows = await store.fetchall(
        "SELECT data FROM models WHERE predecessor = ? ORDER BY released", (slug,)
    )
    return [Model.model_validate_json(row[0]) for row in rows]


async def events_for_model(store: Store, slug: str) -> list[Event]:
    rows = await store.fetchall(
        "SELECT e.data FROM events e JOIN event_models em ON em.event_id = e.id "
        "JOIN models m ON m.id = em.model_id WHERE m.slug = ? ORDER BY e.date",
        (slug,),
    )
    return [Event.model_validate_json(row[0]) for row in rows]


async def lab_names(store: Store) -> dict[str, str]:
    """Every lab's display name by slug."""
    return {row[0]: row[1] for row in await store.fetchall("SELECT slug, name FROM labs")}


# ---------------------------------------------------------------- /about


async def table_counts(store: Store) -> tuple[int, int, int]:
    """How many labs, models and events the store holds."""
    row = await store.fetchone(
        "SELECT (SELECT COUNT(*) FROM labs), (SELECT COUNT(*) FROM models), "
        "(SELECT COUNT(*) FROM events)"
    )
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


async def newest_model(store: Store) -> tuple[str, str] | None:
    """(name, released sort key) of the most recently released model."""
    row = await store.fetchone(
        "SELECT name, released FROM models ORDER BY released DESC, added_at DESC LIMIT 1"
    )
    return None if row is None else (row[0], row[1])


async def models_per_lab(store: Store) -> list[tuple[str, str, int, str | None, str | None]]:
    """(slug, name, models, newest model's name, its released sort key) of every lab, the
    largest first."""
    rows = await store.fetchall(
        "SELECT l.slug, l.name, COUNT(m.id), "
        "(SELECT n.name FROM models n WHERE n.lab_id = l.id "
        " ORDER BY n.released DESC, n.added_at DESC LIMIT 1), MAX(m.released) "
        "FROM labs l LEFT JOIN models m ON m.lab_id = l.id "
        "GROUP BY l.id ORDER BY COUNT(m.id) DESC, l.name"
    )
    return [(r[0], r[1], int(r[2]), r[3], r[4]) for r in rows]


async def entries_by_source(store: Store) -> dict[str, int]:
    """How many entries each source (bundled, import, a feed) added."""
    rows = await store.fetchall(
        "SELECT source, COUNT(*) FROM new_entries GROUP BY source ORDER BY COUNT(*) DESC"
    )
    return {row[0]: row[1] for row in rows}


async def kind_counts(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    """How many models, and how many events, of each kind the store holds (one GROUP BY
    each; models without a kind are left out)."""
    rows = await store.fetchall(
        "SELECT 'model', kind, COUNT(*) FROM models WHERE kind IS NOT NULL GROUP BY kind "
        "UNION ALL SELECT 'event', kind, COUNT(*) FROM events GROUP BY kind"
    )
    models = {row[1]: int(row[2]) for row in rows if row[0] == "model"}
    events = {row[1]: int(row[2]) for row in rows if row[0] == "event"}
    return models, events


# ---------------------------------------------------------------- /lab


async def lab_with_id(store: Store, slug: str) -> tuple[int, Lab] | None:
    row = await store.fetchone("SELECT id, data FROM labs WHERE slug = ?", (slug,))
    return None if row is None else (row[0], Lab.model_validate_json(row[1]))


async def lab_model_counts(store: Store, lab_id: int) -> tuple[int, int, int]:
    """(models, open-weight models, models whose openness is known) of one lab."""
    row = await store.fetchone(
        "SELECT COUNT(*), COALESCE(SUM(open_weights = 1), 0), COUNT(open_weights) "
        "FROM models WHERE lab_id = ?",
        (lab_id,),
    )
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


async def latest_models(store: Store, lab_id: int, limit: int) -> list[Model]:
    rows = await store.fetchall(
        "SELECT data FROM models WHERE lab_id = ? ORDER BY released DESC, name LIMIT ?",
        (lab_id, limit),
    )
    return [Model.model_validate_json(row[0]) for row in rows]


async def lab_releases(store: Store, lab_id: int) -> list[tuple[str, str]]:
    """(released sort key, name) of a lab's models, oldest first."""
    rows = await store.fetchall(
        "SELECT released, name FROM models WHERE lab_id = ? ORDER BY released, name", (lab_id,)
    )
    return [(row[0], row[1]) for row in rows]


async def lab_event_dates(store: Store, lab_id: int) -> list[str]:
    rows = await store.fetchall("SELECT date FROM events WHERE lab_id = ? ORDER BY date", (lab_id,))
    return [row[0] for row in rows]


# ---------------------------------------------------------------- /top

RankedRow = tuple[str, str, str, str | None, str, Any]


async def ranked(
    store: Store, column: str, *, descending: bool, kind: str | None, limit: int
) -> tuple[list[RankedRow], int]:
    """(slug, name, lab name, kind, released, value) of the first `limit` models by `column`
    (a models column chosen by the caller from a fixed list, never user text), and how many
    models of that kind have no value there."""
    if column not in RANKABLE:
        raise ValueError(f"cannot rank models by {column!r}")
    order = "DESC" if descending else "ASC"
    where = "m.kind = ?" if kind else "1"
    params: tuple[object, ...] = (kind,) if kind else ()
    rows = await store.fetchall(
        f"SELECT m.slug, m.name, l.name, m.kind, m.released, m.{column} FROM models m "
        f"JOIN labs l ON l.id = m.lab_id WHERE m.{column} IS NOT NULL AND {where} "
        f"ORDER BY m.{column} {order}, m.released DESC, m.name LIMIT ?",
        (*params, limit),
    )
    unknown = await store.scalar(
        f"SELECT COUNT(*) FROM models m WHERE m.{column} IS NULL AND {where}", params
    )
    return [tuple(row) for row in rows], int(unknown)


RANKABLE = frozenset(
    {
        "params_total",
        "params_active",
        "context",
        "max_output",
        "price_input",
        "price_output",
        "released",
    }
)


# ---------------------------------------------------------------- the name index


async def lab_name_rows(store: Store) -> list[tuple[int, str, str]]:
    """(id, slug, name) of every lab, by slug."""
    rows = await store.fetchall("SELECT id, slug, name FROM labs ORDER BY slug")
    return [(row[0], row[1], row[2]) for row in rows]


async def model_name_rows(store: Store) -> Iterable[Any]:
    """(slug, name, lab_id, family, released) rows of every model, by slug. Left as the
    driver's rows: at 100k models a copy into tuples costs tens of megabytes."""
    return await store.fetchall(
        "SELECT slug, name, lab_id, family, released FROM models ORDER BY slug"
    )


async def alias_rows(store: Store) -> Iterable[Any]:
    """(entity, slug, alias) of every alias that is neither the entry's slug nor its name."""
    return await store.fetchall(
        "SELECT a.entity, COALESCE(m.slug, l.slug), a.alias FROM aliases a "
        "LEFT JOIN models m ON a.entity = 'model' AND m.id = a.entity_id "
        "LEFT JOIN labs l ON a.entity = 'lab' AND l.id = a.entity_id "
        "WHERE a.alias != COALESCE(m.slug, l.slug) AND a.alias != COALESCE(m.name, l.name)"
    )


async def release_reader_memory(store: Store) -> None:
    """Leave the reader's worker thread holding a small result, not the last big one."""
    await store.fetchall("SELECT 1")
