"""When a feed item became public: neither source says, so it is read from when listings
first showed it (see README, "How a release day is decided")."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.domain.dates import PartialDate
from bot.feeds.items import HUGGINGFACE, LABELS, OPENROUTER, Observation
from bot.store import feeds as state

# A listing at most this old means anything new in the next one became public since.
RECENT_LISTING = dt.timedelta(days=2)


def release_day(
    created: PartialDate | None, previous: dt.datetime | None, now: dt.datetime
) -> PartialDate:
    """The release day of an item that appeared since its scope's `previous` full listing.

    A listing at most two days old: the day it was first seen (now). An older one (the bot was
    down): the later of the source's creation day and that listing's day, since the item was
    made public after that listing and not before it was created."""
    if previous is None or now - previous <= RECENT_LISTING:
        return PartialDate.from_date(now.astimezone(dt.UTC).date())
    listed = PartialDate.from_date(previous.astimezone(dt.UTC).date())
    if created is None or created.start < listed.start:
        return listed
    return created


def parse_timestamp(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def previous_listing(
    cursor: state.Cursor, scope: str, current: state.SourceState
) -> dt.datetime | None:
    """When `scope` was last listed in full; for a store from before scopes kept that, the
    source's last successful cycle."""
    listed = cursor.scopes.get(scope)
    if listed is not None and listed.listed_at:
        return parse_timestamp(listed.listed_at)
    return parse_timestamp(current.last_success_at)


def dated(obs: Observation, previous: dt.datetime | None, now: dt.datetime) -> Observation:
    """An item of an already listed scope became public since that listing: its release day
    by that rule (see `release_day`), the source's own date kept in the note of a model it
    creates. (The first, silent look at a scope keeps the source's date: nothing is new.)"""
    released = release_day(obs.released, previous, now)
    new_only = dict(obs.new_only)
    if obs.created:
        what = "createdAt" if obs.source == HUGGINGFACE else "created"
        raw = obs.created
        if obs.source == OPENROUTER and obs.released is not None:
            raw = f"{raw} ({obs.released})"
        new_only["notes"] = (
            f"{LABELS[obs.source]} {what}: {raw}. Release day {released}: when it first "
            "appeared in the listing (the source has no publication date)."
        )
    return replace(obs, released=released, new_only=new_only)
