"""Curated imports keep what the feed watchers filled where the curated entry is silent."""

from __future__ import annotations

import json

from bot.catalog.bundled import sync_bundled
from bot.catalog.importer import import_catalog
from bot.catalog.validate import Catalog
from bot.domain.models import Model, dump
from bot.store import Store
from bot.store.catalog import model as get_model


async def _feed_fill(store: Store, slug: str, **fields: object) -> None:
    """Do what a feed cycle does: update the model and record which fields it filled."""
    current = await get_model(store, slug)
    assert current is not None
    filled = Model.model_validate({**dump(current), **fields})
    await import_catalog(store, Catalog(models=[filled]), source="openrouter")
    async with store.transaction() as conn:
        await conn.executemany(
            "INSERT INTO feed_fields (model_id, field, source, item, value, filled_at) "
            "SELECT id, ?, 'openrouter', 'x/y', ?, 'now' FROM models WHERE slug = ?",
            [(name, json.dumps(value), slug) for name, value in fields.items()],
        )


async def test_restart_keeps_a_feed_filled_price(store: Store) -> None:
    """Syncing the bundled catalog again leaves a feed-filled price in place, unchanged."""
    await _feed_fill(store, "kimi-k2.6", price_input=1.74)
    report = await sync_bundled(store)
    assert report.models.updated == 0
    model = await get_model(store, "kimi-k2.6")
    assert model is not None and model.price_input == 1.74


async def test_curated_value_wins_over_a_feed_fill(store: Store) -> None:
    """Where the curated entry gives a value, it replaces what a feed wrote."""
    curated = await get_model(store, "kimi-k2.6")
    assert curated is not None and curated.context == 262_144
    await _feed_fill(store, "kimi-k2.6", context=200_000)
    report = await sync_bundled(store)
    assert report.models.updated == 1
    model = await get_model(store, "kimi-k2.6")
    assert model is not None and model.context == 262_144
