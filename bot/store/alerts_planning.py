"""Release-alert planning: the new entries to announce, which channels they go to, and the
pending messages and deliveries written for them.

The planning cursor (the last `new_entries.id` planned) is a `meta` value: read and moved with
`bot.store.meta` (`get_in`, `put`) inside the planning transaction. Functions taking a
connection run inside that transaction; `pending_work` reads through the store's reader.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

from bot.store.connection import Store

_ENTRIES = """
SELECT ne.id, ne.entity, ne.slug, l.slug AS lab, COALESCE(m.kind, e.kind) AS kind,
       m.open_weights, m.params_total
FROM new_entries ne
LEFT JOIN models m ON ne.entity = 'model' AND m.id = ne.entity_id
LEFT JOIN events e ON ne.entity = 'event' AND e.id = ne.entity_id
JOIN labs l ON l.id = COALESCE(m.lab_id, e.lab_id)
WHERE ne.announce = 1 AND ne.id > ?
"""

# Whether subscription `s` matches entry `en`: its lab, its kind, and (models only: an event
# or a model whose weights or size are unknown does not pass them) open weights and a
# minimum total parameter count.
MATCHES = """
    (s.lab = '' OR s.lab = en.lab)
    AND (s.kind = ''
         OR (s.kind = 'models' AND en.entity = 'model')
         OR (s.kind = 'events' AND en.entity = 'event')
         OR (s.kind NOT IN ('models', 'events') AND s.kind = en.kind))
    AND (s.open_weights_only = 0 OR en.open_weights = 1)
    AND (s.min_params IS NULL OR en.params_total >= s.min_params)
"""

# One row per (channel, new entry) that the channel's active subscriptions match and that is
# not planned yet: the owner is the most specific matching subscription (the one with the
# most filters, the oldest among equals; SQLite takes the bare columns from the row holding
# the MAX), every matching role is pinged. Channels come in the order of their oldest active
# subscription, entries by id.
_ROUTES = f"""
WITH entries AS ({_ENTRIES})
SELECT s.channel_id, en.id AS entry_id, s.guild_id, s.id AS sub_id,
       MAX(((s.lab != '') + (s.kind != '') + s.open_weights_only + (s.min_params IS NOT NULL))
           * 1000000000000000 - s.id) AS rank,
       group_concat(s.role_id, ' ') AS roles,
       (SELECT MIN(f.id) FROM alert_subscriptions f
        WHERE f.state = 'active' AND f.channel_id = s.channel_id) AS first_sub,
       s.channel_type
FROM entries en
JOIN alert_subscriptions s ON s.state = 'active' AND en.id > s.start_after AND {MATCHES}
WHERE NOT EXISTS (
    SELECT 1 FROM alert_deliveries d
    WHERE d.channel_id = s.channel_id AND d.new_entry_id = en.id
)
GROUP BY s.channel_id, en.id
ORDER BY first_sub, en.id
"""


# The newest entry in the catalog (announced or not; by release day, then the latest
# recorded) that subscription ? matches: what /subscribe shows as a preview.
_NEWEST_MATCH = f"""
WITH entries AS (
    SELECT ne.id, ne.entity, ne.released, l.slug AS lab, COALESCE(m.kind, e.kind) AS kind,
           m.open_weights, m.params_total
    FROM new_entries ne
    LEFT JOIN models m ON ne.entity = 'model' AND m.id = ne.entity_id
    LEFT JOIN events e ON ne.entity = 'event' AND e.id = ne.entity_id
    JOIN labs l ON l.id = COALESCE(m.lab_id, e.lab_id)
)
SELECT en.id FROM entries en JOIN alert_subscriptions s ON s.id = ? AND {MATCHES}
ORDER BY en.released DESC, en.id DESC LIMIT 1
"""


async def newest_match(store: Store, sub_id: int) -> int | None:
    """The `new_entries.id` of the newest entry subscription `sub_id` matches, if any."""
    row = await store.fetchone(_NEWEST_MATCH, (sub_id,))
    return None if row is None else int(row[0])


async def pending_work(store: Store, cursor_key: str) -> tuple[int, int]:
    """(the largest `new_entries.id`, the cursor's value), each 0 when there is none: one
    cheap read, so a pass with nothing new takes no write lock."""
    row = await store.fetchone(
        "SELECT (SELECT MAX(id) FROM new_entries), (SELECT value FROM meta WHERE key = ?)",
        (cursor_key,),
    )
    return (0, 0) if row is None else (int(row[0] or 0), int(row[1] or 0))


async def latest_entry_id(conn: aiosqlite.Connection) -> int:
    """The largest `new_entries.id` (0 when there is none)."""
    rows = await conn.execute_fetchall("SELECT MAX(id) FROM new_entries")
    return int(next(iter(rows))[0] or 0)


async def new_entries(conn: aiosqlite.Connection, after: int) -> list[aiosqlite.Row]:
    """(id, entity, slug, lab, kind, open_weights, params_total) rows of the entries to
    announce recorded after `after`, by id (`lab` is the lab's slug, `kind` the model's or
    event's; the last two NULL for an event)."""
    return list(await conn.execute_fetchall(_ENTRIES + "ORDER BY ne.id", (after,)))


async def routes(conn: aiosqlite.Connection, after: int) -> list[aiosqlite.Row]:
    """One row per (channel, entry to announce recorded after `after`) that the channel's
    active subscriptions match and that has no delivery yet, by the channel's oldest active
    subscription then entry: (channel_id, entry_id, guild_id, sub_id, rank, roles,
    first_sub, channel_type), `sub_id` the most specific matching subscription (the oldest
    among equals), `roles` the matching subscriptions' role ids, spaced (NULL when none)."""
    return list(await conn.execute_fetchall(_ROUTES, (after,)))


async def add_messages(
    conn: aiosqlite.Connection, messages: Sequence[tuple[int, int, str, str, str, str]]
) -> dict[str, int]:
    """Add pending messages, (guild_id, channel_id, role_ids, nonce, next_attempt_at,
    created_at) each, with no attempts; return nonce -> the new message's id. (The caller
    holds the write lock, so every id above the largest before is one of these.)"""
    before = next(
        iter(await conn.execute_fetchall("SELECT COALESCE(MAX(id), 0) FROM alert_messages"))
    )[0]
    await conn.executemany(
        "INSERT INTO alert_messages (guild_id, channel_id, role_ids, nonce, state, attempts, "
        "next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
        messages,
    )
    return {
        row[1]: row[0]
        for row in await conn.execute_fetchall(
            "SELECT id, nonce FROM alert_messages WHERE id > ?", (before,)
        )
    }


async def add_deliveries(
    conn: aiosqlite.Connection, deliveries: Sequence[tuple[int, int, int, int]]
) -> None:
    """Record which message carries which entry for which subscription: (message_id,
    subscription_id, new_entry_id, channel_id) each."""
    await conn.executemany(
        "INSERT INTO alert_deliveries (message_id, subscription_id, new_entry_id, channel_id) "
        "VALUES (?, ?, ?, ?)",
        deliveries,
    )
