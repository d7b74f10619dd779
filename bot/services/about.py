"""What the store holds: sizes, the newest entry, when it last changed."""

from __future__ import annotations

from dataclasses import dataclass

from bot import __version__
from bot.domain.dates import PartialDate
from bot.store import Store, catalog, meta


@dataclass(frozen=True, slots=True)
class About:
    labs: int
    models: int
    events: int
    newest_name: str | None
    newest_date: PartialDate | None
    last_change: str | None
    version: str
    sources: dict[str, int]


async def about(store: Store) -> About:
    labs, models, events = await catalog.table_counts(store)
    newest = await catalog.newest_model(store)
    return About(
        labs=labs,
        models=models,
        events=events,
        newest_name=newest[0] if newest else None,
        newest_date=PartialDate.from_sort_key(newest[1]) if newest else None,
        last_change=await meta.get(store, meta.LAST_CHANGE),
        version=__version__,
        sources=await catalog.entries_by_source(store),
    )
