"""Hand-built catalogs for the /lab, /search and /top service tests."""

from __future__ import annotations

from typing import Any

from bot.catalog.importer import import_catalog
from bot.catalog.validate import Catalog
from bot.domain.models import Event, Lab, Model
from bot.store import Store

SOURCE = ["https://example.org/source"]


def lab(slug: str, **fields: Any) -> Lab:
    return Lab.model_validate({"slug": slug, "name": slug.title(), "sources": SOURCE, **fields})


def model(slug: str, lab: str = "alpha", released: str = "2025-01-01", **fields: Any) -> Model:
    return Model.model_validate(
        {"slug": slug, "name": slug, "lab": lab, "released": released, "sources": SOURCE, **fields}
    )


def event(slug: str, lab: str = "alpha", date: str = "2025-01-01", **fields: Any) -> Event:
    return Event.model_validate(
        {"slug": slug, "lab": lab, "date": date, "kind": "paper", "title": slug, **fields}
    )


async def fill(
    store: Store, labs: list[Lab], models: list[Model], events: list[Event] | None = None
) -> None:
    """Import the entries into the store, as `modelradar import` would."""
    await import_catalog(store, Catalog(labs=labs, models=models, events=events or []))
