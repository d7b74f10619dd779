"""What an announcement says about each entry: the model or event, its lab, and releases by
other labs within a week of it ("Kimi K2.6 came out 4 days earlier")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.dates import PartialDate
from bot.domain.models import Event, Model
from bot.store import Store
from bot.store import alerts_delivery as outbox

NEARBY_DAYS = 7
NEARBY_MAX = 2


@dataclass(frozen=True, slots=True)
class Nearby:
    """Another lab's model released close to an entry: `days` > 0 means that many days
    before the entry, < 0 after it, 0 the same day."""

    name: str
    lab: str
    days: int


@dataclass(frozen=True, slots=True)
class AnnouncedEntry:
    entry_id: int
    lab_slug: str
    lab_name: str
    model: Model | None = None
    event: Event | None = None
    nearby: tuple[Nearby, ...] = ()

    @property
    def name(self) -> str:
        if self.model is not None:
            return self.model.name
        assert self.event is not None
        return self.event.title

    @property
    def date(self) -> PartialDate:
        if self.model is not None:
            return self.model.released
        assert self.event is not None
        return self.event.date


async def load_entries(store: Store, entry_ids: Sequence[int]) -> list[AnnouncedEntry]:
    """The entries behind `entry_ids`, in that order (any no longer in the store left out)."""
    if not entry_ids:
        return []
    rows = await outbox.entry_rows(store, entry_ids)
    found: dict[int, AnnouncedEntry] = {}
    for row in rows:
        model = Model.model_validate_json(row["model"]) if row["model"] else None
        event = Event.model_validate_json(row["event"]) if row["event"] else None
        date = model.released if model else event.date if event else None
        nearby = await _nearby(store, row["lab_id"], date, model.slug if model else None)
        found[row["id"]] = AnnouncedEntry(
            entry_id=row["id"],
            lab_slug=row["lab_slug"],
            lab_name=row["lab_name"],
            model=model,
            event=event,
            nearby=nearby,
        )
    return [found[i] for i in entry_ids if i in found]


async def _nearby(
    store: Store, lab_id: int, date: PartialDate | None, slug: str | None
) -> tuple[Nearby, ...]:
    """Up to two other labs' models released within a week of a day-precise date, closest
    first."""
    if date is None or date.precision != "day":
        return ()
    day = date.start
    rows = await outbox.nearby_rows(
        store,
        lab_id,
        (day - dt.timedelta(days=NEARBY_DAYS)).isoformat(),
        (day + dt.timedelta(days=NEARBY_DAYS)).isoformat(),
        slug or "",
        day.isoformat(),
        NEARBY_MAX,
    )
    return tuple(
        Nearby(row["name"], row["lab"], (day - dt.date.fromisoformat(row["released"])).days)
        for row in rows
    )
