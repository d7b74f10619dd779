"""Subscriptions: which channel hears about which new entries, and their state.

A subscription applies to entries recorded after it was made (`start_after` is the largest
`new_entries.id` at that moment), so nothing older is ever replayed. Removing one keeps the
row (state 'removed') so its delivery history stays consistent; subscribing again to the same
channel and filters brings that row back, starting from the entries recorded from then on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import aiosqlite

from bot.domain.errors import ModelRadarError, phrase
from bot.services.alerts.content import AnnouncedEntry, load_entries
from bot.store import Store
from bot.store import alerts_subscriptions as rows
from bot.store.alerts_planning import latest_entry_id, newest_match
from bot.store.connection import timestamp

MAX_PER_GUILD = 25

# The kind filters (value -> label): any model, any event, or one kind of either as the
# catalog spells them ("other" covers both). A test checks every catalog kind is here.
KIND_FILTERS: dict[str, str] = {
    "models": "Any model",
    "events": "Any event",
    "base": "Base models",
    "chat": "Chat models",
    "reasoning": "Reasoning models",
    "multimodal": "Multimodal models",
    "code": "Code models",
    "prover": "Prover models",
    "omni": "Omni models",
    "embedding": "Embedding models",
    "paper": "Papers",
    "announcement": "Announcements",
    "talk": "Talks",
    "release": "Release events",
    "report": "Reports",
    "other": "Other models and events",
}


class TooManySubscriptions(ModelRadarError):
    def __init__(self) -> None:
        super().__init__(
            f"This server already has {MAX_PER_GUILD} subscriptions, the most it can have. "
            "Remove one with /unsubscribe first, or use a broader one (without a lab or kind).",
            phrase("too_many_subscriptions", most=MAX_PER_GUILD),
        )


# How a subscription posts: a message in a text or announcement channel, a new post per
# entry in a forum channel, or a message in a thread.
CHANNEL_TYPES = ("text", "forum", "thread")


class BadFilter(ModelRadarError):
    pass


class UnknownKind(ModelRadarError):
    def __init__(self, kind: str) -> None:
        super().__init__(
            f"{kind!r} is not a kind of entry; use one of: " + ", ".join(KIND_FILTERS) + ".",
            phrase("unknown_kind_filter", kind=repr(kind), kinds=tuple(KIND_FILTERS)),
        )


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    guild_id: int
    channel_id: int
    lab: str | None
    kind: str | None
    role_id: int | None
    created_at: str
    start_after: int
    state: str
    disabled_reason: str | None
    last_announced_at: str | None
    last_error: str | None
    last_error_at: str | None
    open_weights_only: bool = False
    min_params: int | None = None  # total parameters
    channel_type: str = "text"

    @property
    def active(self) -> bool:
        return self.state == "active"

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> Subscription:
        return cls(
            id=row["id"],
            guild_id=row["guild_id"],
            channel_id=row["channel_id"],
            lab=row["lab"] or None,
            kind=row["kind"] or None,
            role_id=row["role_id"],
            created_at=row["created_at"],
            start_after=row["start_after"],
            state=row["state"],
            disabled_reason=row["disabled_reason"],
            last_announced_at=row["last_announced_at"],
            last_error=row["last_error"],
            last_error_at=row["last_error_at"],
            open_weights_only=bool(row["open_weights_only"]),
            min_params=row["min_params"],
            channel_type=row["channel_type"],
        )


@dataclass(frozen=True, slots=True)
class Subscribed:
    subscription: Subscription
    outcome: str  # "created", "updated" (already active) or "reactivated"


async def subscribe(
    store: Store,
    *,
    guild_id: int,
    channel_id: int,
    lab: str | None,
    kind: str | None,
    role_id: int | None,
    now: dt.datetime,
    created_by: int | None = None,
    open_weights_only: bool = False,
    min_params: int | None = None,
    channel_type: str = "text",
) -> Subscribed:
    """Create the subscription, or update the role and further filters of the same one (same
    channel, lab and kind), or bring back a disabled or removed one (from now on: entries
    recorded meanwhile are not replayed)."""
    if kind is not None and kind not in KIND_FILTERS:
        raise UnknownKind(kind)
    if min_params is not None and min_params <= 0:
        raise BadFilter(
            "The minimum parameter count must be above zero (for example 70B).",
            phrase("min_params_zero"),
        )
    if channel_type not in CHANNEL_TYPES:
        raise ValueError(f"channel_type must be one of {CHANNEL_TYPES}")
    options: rows.Options = (int(open_weights_only), min_params, channel_type)
    stamp = timestamp(now)
    async with store.transaction() as conn:
        existing = await rows.find(conn, channel_id, lab, kind)
        start_after = await latest_entry_id(conn)
        if existing is not None and existing["state"] == "active":
            await rows.update(conn, existing["id"], role_id, options, stamp)
            return Subscribed(await _one(conn, existing["id"]), "updated")
        if existing is None:
            if await rows.count_in_guild(conn, guild_id) >= MAX_PER_GUILD:
                raise TooManySubscriptions
            sub_id = await rows.insert(
                conn,
                guild_id=guild_id,
                channel_id=channel_id,
                lab=lab,
                kind=kind,
                role_id=role_id,
                options=options,
                created_by=created_by,
                start_after=start_after,
                now=stamp,
            )
            return Subscribed(await _one(conn, sub_id), "created")
        await rows.reactivate(
            conn,
            existing["id"],
            guild_id=guild_id,
            role_id=role_id,
            options=options,
            created_by=created_by,
            start_after=start_after,
            now=stamp,
        )
        return Subscribed(await _one(conn, existing["id"]), "reactivated")


async def _one(conn: aiosqlite.Connection, sub_id: int) -> Subscription:
    return Subscription.from_row(await rows.subscription(conn, sub_id))


async def unsubscribe(
    store: Store, *, guild_id: int, channel_id: int, lab: str | None, now: dt.datetime
) -> list[Subscription]:
    """Remove the channel's subscriptions (only those for `lab` when given); return them.
    Announcements not yet sent to a channel left without subscriptions are skipped."""
    stamp = timestamp(now)
    async with store.transaction() as conn:
        found = await rows.in_channel(conn, guild_id, channel_id, lab)
        removed = [Subscription.from_row(row) for row in found]
        await rows.mark_removed(conn, [sub.id for sub in removed], stamp)
        await rows.skip_orphaned(conn, channel_id, "unsubscribed", stamp)
    return removed


async def disable(
    store: Store,
    *,
    reason: str,
    now: dt.datetime,
    channel_id: int | None = None,
    guild_id: int | None = None,
) -> int:
    """Disable the active subscriptions of a channel or of a whole server, with the reason;
    skip what was waiting to be sent there. Returns how many were disabled."""
    async with store.transaction() as conn:
        return await disable_in(
            conn, reason=reason, now=now, channel_id=channel_id, guild_id=guild_id
        )


async def disable_in(
    conn: aiosqlite.Connection,
    *,
    reason: str,
    now: dt.datetime,
    channel_id: int | None = None,
    guild_id: int | None = None,
) -> int:
    """`disable` inside a transaction the caller holds."""
    scope: rows.Scope
    if channel_id is not None and guild_id is None:
        scope, value = "channel_id", channel_id
    elif guild_id is not None and channel_id is None:
        scope, value = "guild_id", guild_id
    else:
        raise ValueError("give channel_id or guild_id")
    stamp = timestamp(now)
    disabled = await rows.disable_active(conn, scope, value, reason, stamp)
    await rows.skip_pending(conn, scope, value, reason, stamp)
    return disabled


async def preview_entry(store: Store, sub: Subscription) -> AnnouncedEntry | None:
    """The newest entry in the catalog `sub` matches (what /subscribe previews), if any."""
    entry_id = await newest_match(store, sub.id)
    if entry_id is None:
        return None
    found = await load_entries(store, [entry_id])
    return found[0] if found else None


async def guild_subscriptions(store: Store, guild_id: int) -> list[Subscription]:
    """The server's subscriptions (not the removed ones), by channel then filters."""
    return [Subscription.from_row(row) for row in await rows.guild_rows(store, guild_id)]


async def all_subscriptions(store: Store) -> list[Subscription]:
    """Every subscription that is not removed (for the terminal)."""
    return [Subscription.from_row(row) for row in await rows.all_rows(store)]
