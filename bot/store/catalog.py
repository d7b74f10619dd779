"""Catalog reads: labs, models and events back from the store as domain objects."""

from __future__ import annotations

from collections.abc import Iterable

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
