"""What the store holds: sizes, the newest entry, when it last changed."""

from __future__ import annotations

from dataclasses import dataclass

from bot import __version__
from bot.domain.dates import PartialDate
from bot.store import Store


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
    labs = int(await store.scalar("SELECT COUNT(*) FROM labs"))
    models = int(await store.scalar("SELECT COUNT(*) FROM models"))
    events = int(await store.scalar("SELECT COUNT(*) FROM events"))
    newest = await store.fetchone(
        "SELECT name, released FROM models ORDER BY released DESC, added_at DESC LIMIT 1"
    )
    last_change = await store.scalar("SELECT value FROM meta WHERE key = 'last_change'")
    rows = await store.fetchall(
        "SELECT source, COUNT(*) FROM new_entries GROUP BY source ORDER BY COUNT(*) DESC"
    )
    return About(
        labs=labs,
        models=models,
        events=events,
        newest_name=newest["name"] if newest else None,
        newest_date=PartialDate.from_sort_key(newest["released"]) if newest else None,
        last_change=last_change,
        version=__version__,
        sources={row[0]: row[1] for row in rows},
    )
