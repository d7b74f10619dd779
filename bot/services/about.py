"""What the store holds: sizes, the newest entry, when it last changed."""

from __future__ import annotations

from dataclasses import dataclass

from bot import __version__
from bot.domain.dates import PartialDate
from bot.store import Store, catalog, meta


@dataclass(frozen=True, slots=True)
class LabCoverage:
    slug: str
    name: str
    models: int
    newest_name: str | None
    newest_date: PartialDate | None


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
    by_lab: tuple[LabCoverage, ...] = ()


async def about(store: Store) -> About:
    labs, models, events = await catalog.table_counts(store)
    newest = await catalog.newest_model(store)
    return About(
        labs=labs,
        models=models,
        events=events,
        newest_name=newest[0] if newest else None,
        newest_date=_date(newest[1]) if newest else None,
        last_change=await meta.get(store, meta.LAST_CHANGE),
        version=__version__,
        sources=await catalog.entries_by_source(store),
        by_lab=tuple(
            LabCoverage(slug, name, count, newest_name, _date(released))
            for slug, name, count, newest_name, released in await catalog.models_per_lab(store)
        ),
    )


def _date(sort_key: str | None) -> PartialDate | None:
    return None if sort_key is None else PartialDate.from_sort_key(sort_key)
