"""Release-alert subscriptions: their rows, and the state changes /subscribe, /unsubscribe
and a channel that went away make (with the pending messages those leave without a reader).

A filter left out is stored as '' (any lab, any kind). Functions taking a connection run
inside a transaction the caller holds; the listings read through the store's reader.
Timestamps are the store's text (`connection.timestamp`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import aiosqlite

from bot.store.connection import Store

# Which rows a disable applies to: one channel's, or a whole server's.
Scope = Literal["channel_id", "guild_id"]
# A subscription's settings besides its key and role, as stored: (open_weights_only as 0/1,
# min_params or None, channel_type).
Options = tuple[int, int | None, str]

COLUMNS = (
    "id, guild_id, channel_id, lab, kind, role_id, created_at, start_after, state, "
    "disabled_reason, last_announced_at, last_error, last_error_at, open_weights_only, "
    "min_params, channel_type"
)

_INSERT = (
    "INSERT INTO alert_subscriptions (guild_id, channel_id, lab, kind, role_id, "
    "open_weights_only, min_params, channel_type, created_by, created_at, start_after, state, "
    "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)"
)
_UPDATE = (
    "UPDATE alert_subscriptions SET role_id = ?, open_weights_only = ?, min_params = ?, "
    "channel_type = ?, changed_at = ? WHERE id = ?"
)
_REACTIVATE = (
    "UPDATE alert_subscriptions SET guild_id = ?, role_id = ?, open_weights_only = ?, "
    "min_params = ?, channel_type = ?, created_by = ?, created_at = ?, start_after = ?, "
    "state = 'active', disabled_reason = NULL, last_error = NULL, last_error_at = NULL, "
    "changed_at = ? WHERE id = ?"
)
_ORPHANED = (
    "UPDATE alert_messages SET state = 'skipped', last_error = ?, finished_at = ? "
    "WHERE {}state = 'pending' AND NOT EXISTS (SELECT 1 FROM alert_subscriptions s "
    "WHERE s.channel_id = alert_messages.channel_id AND s.state = 'active')"
)


async def subscription(conn: aiosqlite.Connection, sub_id: int) -> aiosqlite.Row:
    """The `COLUMNS` row of one subscription (which must exist)."""
    rows = await conn.execute_fetchall(
        f"SELECT {COLUMNS} FROM alert_subscriptions WHERE id = ?", (sub_id,)
    )
    return next(iter(rows))


async def find(
    conn: aiosqlite.Connection, channel_id: int, lab: str | None, kind: str | None
) -> aiosqlite.Row | None:
    """The (id, state) row of the channel's subscription with these filters, in any state."""
    rows = await conn.execute_fetchall(
        "SELECT id, state FROM alert_subscriptions WHERE channel_id = ? AND lab = ? AND kind = ?",
        (channel_id, lab or "", kind or ""),
    )
    return next(iter(rows), None)


async def count_in_guild(conn: aiosqlite.Connection, guild_id: int) -> int:
    """How many subscriptions the server has that are not removed."""
    rows = await conn.execute_fetchall(
        "SELECT COUNT(*) FROM alert_subscriptions WHERE guild_id = ? AND state != 'removed'",
        (guild_id,),
    )
    return int(next(iter(rows))[0])


async def insert(
    conn: aiosqlite.Connection,
    *,
    guild_id: int,
    channel_id: int,
    lab: str | None,
    kind: str | None,
    role_id: int | None,
    options: Options,
    created_by: int | None,
    start_after: int,
    now: str,
) -> int:
    """Add an active subscription; return its id."""
    cursor = await conn.execute(
        _INSERT,
        (
            guild_id,
            channel_id,
            lab or "",
            kind or "",
            role_id,
            *options,
            created_by,
            now,
            start_after,
            now,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def update(
    conn: aiosqlite.Connection, sub_id: int, role_id: int | None, options: Options, now: str
) -> None:
    """Change the role an active subscription pings, its further filters and channel type."""
    await conn.execute(_UPDATE, (role_id, *options, now, sub_id))


async def reactivate(
    conn: aiosqlite.Connection,
    sub_id: int,
    *,
    guild_id: int,
    role_id: int | None,
    options: Options,
    created_by: int | None,
    start_after: int,
    now: str,
) -> None:
    """Bring back a disabled or removed subscription as if made now (its errors cleared)."""
    await conn.execute(
        _REACTIVATE, (guild_id, role_id, *options, created_by, now, start_after, now, sub_id)
    )


async def in_channel(
    conn: aiosqlite.Connection, guild_id: int, channel_id: int, lab: str | None
) -> list[aiosqlite.Row]:
    """`COLUMNS` rows of the channel's subscriptions that are not removed (only those for
    `lab` when given), by id."""
    where = "guild_id = ? AND channel_id = ? AND state != 'removed'"
    params: list[object] = [guild_id, channel_id]
    if lab is not None:
        where += " AND lab = ?"
        params.append(lab)
    rows = await conn.execute_fetchall(
        f"SELECT {COLUMNS} FROM alert_subscriptions WHERE {where} ORDER BY id", params
    )
    return list(rows)


async def mark_removed(conn: aiosqlite.Connection, sub_ids: Sequence[int], now: str) -> None:
    """Set these subscriptions' state to 'removed' (the rows stay, for their history)."""
    await conn.executemany(
        "UPDATE alert_subscriptions SET state = 'removed', changed_at = ? WHERE id = ?",
        [(now, sub_id) for sub_id in sub_ids],
    )


async def disable_active(
    conn: aiosqlite.Connection, scope: Scope, value: int, reason: str, now: str
) -> int:
    """Disable the active subscriptions whose `scope` column is `value`, showing the reason
    as their last error; return how many."""
    cursor = await conn.execute(
        "UPDATE alert_subscriptions SET state = 'disabled', disabled_reason = ?, "
        f"last_error = ?, last_error_at = ?, changed_at = ? WHERE {scope} = ? "
        "AND state = 'active'",
        (reason, reason, now, now, value),
    )
    return cursor.rowcount


async def skip_pending(
    conn: aiosqlite.Connection, scope: Scope, value: int, reason: str, now: str
) -> int:
    """Skip the pending messages whose `scope` column is `value`; return how many."""
    cursor = await conn.execute(
        "UPDATE alert_messages SET state = 'skipped', last_error = ?, finished_at = ? "
        f"WHERE {scope} = ? AND state = 'pending'",
        (reason, now, value),
    )
    return cursor.rowcount


async def skip_orphaned(
    conn: aiosqlite.Connection, channel_id: int | None, reason: str, now: str
) -> int:
    """Skip pending messages to channels (one, or all when None) with no active subscription;
    return how many."""
    if channel_id is None:
        cursor = await conn.execute(_ORPHANED.format(""), (reason, now))
    else:
        cursor = await conn.execute(
            _ORPHANED.format("channel_id = ? AND "), (reason, now, channel_id)
        )
    return cursor.rowcount


async def guild_rows(store: Store, guild_id: int) -> list[aiosqlite.Row]:
    """`COLUMNS` rows of the server's subscriptions (not the removed ones), by channel then
    filters."""
    return await store.fetchall(
        f"SELECT {COLUMNS} FROM alert_subscriptions WHERE guild_id = ? AND state != 'removed' "
        "ORDER BY channel_id, lab, kind",
        (guild_id,),
    )


async def all_rows(store: Store) -> list[aiosqlite.Row]:
    """`COLUMNS` rows of every subscription that is not removed, by server, channel, filters."""
    return await store.fetchall(
        f"SELECT {COLUMNS} FROM alert_subscriptions WHERE state != 'removed' "
        "ORDER BY guild_id, channel_id, lab, kind"
    )
