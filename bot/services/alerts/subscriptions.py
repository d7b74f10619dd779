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

from bot.domain.errors import ModelRadarError
from bot.store import Store
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
            "Remove one with /unsubscribe first, or use a broader one (without a lab or kind)."
        )


class UnknownKind(ModelRadarError):
    def __init__(self, kind: str) -> None:
        super().__init__(
            f"{kind!r} is not a kind of entry; use one of: " + ", ".join(KIND_FILTERS) + "."
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
        )


@dataclass(frozen=True, slots=True)
class Subscribed:
    subscription: Subscription
    outcome: str  # "created", "updated" (already active) or "reactivated"


_COLUMNS = (
    "id, guild_id, channel_id, lab, kind, role_id, created_at, start_after, state, "
    "disabled_reason, last_announced_at, last_error, last_error_at"
)


async def _one(conn: aiosqlite.Connection, sub_id: int) -> Subscription:
    rows = await conn.execute_fetchall(
        f"SELECT {_COLUMNS} FROM alert_subscriptions WHERE id = ?", (sub_id,)
    )
    return Subscription.from_row(next(iter(rows)))


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
) -> Subscribed:
    """Create the subscription, or update the role of the same one, or bring back a disabled
    or removed one (from now on: entries recorded meanwhile are not replayed)."""
    if kind is not None and kind not in KIND_FILTERS:
        raise UnknownKind(kind)
    stamp = timestamp(now)
    async with store.transaction() as conn:
        rows = await conn.execute_fetchall(
            "SELECT id, state FROM alert_subscriptions WHERE channel_id = ? AND lab = ? "
            "AND kind = ?",
            (channel_id, lab or "", kind or ""),
        )
        existing = next(iter(rows), None)
        latest = next(iter(await conn.execute_fetchall("SELECT MAX(id) FROM new_entries")))[0]
        start_after = int(latest or 0)
        if existing is not None and existing["state"] == "active":
            await conn.execute(
                "UPDATE alert_subscriptions SET role_id = ?, changed_at = ? WHERE id = ?",
                (role_id, stamp, existing["id"]),
            )
            return Subscribed(await _one(conn, existing["id"]), "updated")
        if existing is None:
            rows = await conn.execute_fetchall(
                "SELECT COUNT(*) FROM alert_subscriptions WHERE guild_id = ? "
                "AND state != 'removed'",
                (guild_id,),
            )
            if next(iter(rows))[0] >= MAX_PER_GUILD:
                raise TooManySubscriptions
            cursor = await conn.execute(
                "INSERT INTO alert_subscriptions (guild_id, channel_id, lab, kind, role_id, "
                "created_by, created_at, start_after, state, changed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)",
                (
                    guild_id,
                    channel_id,
                    lab or "",
                    kind or "",
                    role_id,
                    created_by,
                    stamp,
                    start_after,
                    stamp,
                ),
            )
            assert cursor.lastrowid is not None
            return Subscribed(await _one(conn, cursor.lastrowid), "created")
        await conn.execute(
            "UPDATE alert_subscriptions SET guild_id = ?, role_id = ?, created_by = ?, "
            "created_at = ?, start_after = ?, state = 'active', disabled_reason = NULL, "
            "last_error = NULL, last_error_at = NULL, changed_at = ? WHERE id = ?",
            (guild_id, role_id, created_by, stamp, start_after, stamp, existing["id"]),
        )
        return Subscribed(await _one(conn, existing["id"]), "reactivated")


async def unsubscribe(
    store: Store, *, guild_id: int, channel_id: int, lab: str | None, now: dt.datetime
) -> list[Subscription]:
    """Remove the channel's subscriptions (only those for `lab` when given); return them.
    Announcements not yet sent to a channel left without subscriptions are skipped."""
    where = "guild_id = ? AND channel_id = ? AND state != 'removed'"
    params: list[object] = [guild_id, channel_id]
    if lab is not None:
        where += " AND lab = ?"
        params.append(lab)
    async with store.transaction() as conn:
        rows = await conn.execute_fetchall(
            f"SELECT {_COLUMNS} FROM alert_subscriptions WHERE {where} ORDER BY id", params
        )
        removed = [Subscription.from_row(row) for row in rows]
        await conn.executemany(
            "UPDATE alert_subscriptions SET state = 'removed', changed_at = ? WHERE id = ?",
            [(timestamp(now), sub.id) for sub in removed],
        )
        await skip_orphaned(conn, channel_id, "unsubscribed", now)
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
    if (channel_id is None) == (guild_id is None):
        raise ValueError("give channel_id or guild_id")
    column, value = ("channel_id", channel_id) if channel_id is not None else ("guild_id", guild_id)
    stamp = timestamp(now)
    cursor = await conn.execute(
        "UPDATE alert_subscriptions SET state = 'disabled', disabled_reason = ?, "
        f"last_error = ?, last_error_at = ?, changed_at = ? WHERE {column} = ? "
        "AND state = 'active'",
        (reason, reason, stamp, stamp, value),
    )
    await conn.execute(
        "UPDATE alert_messages SET state = 'skipped', last_error = ?, finished_at = ? "
        f"WHERE {column} = ? AND state = 'pending'",
        (reason, stamp, value),
    )
    return cursor.rowcount


async def skip_orphaned(
    conn: aiosqlite.Connection, channel_id: int | None, reason: str, now: dt.datetime
) -> int:
    """Skip pending messages to channels (one, or all when None) with no active subscription."""
    where = "" if channel_id is None else "channel_id = ? AND "
    params: list[object] = [reason, timestamp(now)]
    if channel_id is not None:
        params.append(channel_id)
    cursor = await conn.execute(
        "UPDATE alert_messages SET state = 'skipped', last_error = ?, finished_at = ? "
        f"WHERE {where}state = 'pending' AND NOT EXISTS (SELECT 1 FROM alert_subscriptions s "
        "WHERE s.channel_id = alert_messages.channel_id AND s.state = 'active')",
        params,
    )
    return cursor.rowcount


async def guild_subscriptions(store: Store, guild_id: int) -> list[Subscription]:
    """The server's subscriptions (not the removed ones), by channel then filters."""
    rows = await store.fetchall(
        f"SELECT {_COLUMNS} FROM alert_subscriptions WHERE guild_id = ? AND state != 'removed' "
        "ORDER BY channel_id, lab, kind",
        (guild_id,),
    )
    return [Subscription.from_row(row) for row in rows]


async def all_subscriptions(store: Store) -> list[Subscription]:
    """Every subscription that is not removed (for the terminal)."""
    rows = await store.fetchall(
        f"SELECT {_COLUMNS} FROM alert_subscriptions WHERE state != 'removed' "
        "ORDER BY guild_id, channel_id, lab, kind"
    )
    return [Subscription.from_row(row) for row in rows]
