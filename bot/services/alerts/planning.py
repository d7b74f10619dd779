"""Planning: new entries to announce -> messages waiting to be sent, in one transaction.

Entries recorded since the last plan (a cursor in `meta`) with announce=1 are matched against
the active subscriptions. Each channel gets one delivery per entry, even when several of its
subscriptions match (the most specific one owns it; every matching role is pinged). The
entries one channel gets in one pass are grouped into one message (a digest when several),
up to `digest_max` entries a message. The unique keys make planning twice harmless.

Routing runs in SQL, one statement for all entries and subscriptions (a join of the new
entries with the active subscriptions that match them, grouped by channel and entry), so the
per-message Python work is grouping, the nonce and the rows to insert.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import aiosqlite

from bot.store import Store
from bot.store.connection import timestamp

CURSOR_KEY = "alerts_planned_through"
DIGEST_MAX = 20
NONCE_LENGTH = 25  # Discord accepts nonces of at most 25 characters


@dataclass(frozen=True, slots=True)
class NewEntry:
    id: int
    entity: str
    slug: str
    lab: str
    kind: str | None


@dataclass(slots=True)
class PlanReport:
    entries: int = 0
    messages: int = 0
    deliveries: int = 0


@dataclass(slots=True)
class _Channel:
    guild_id: int
    items: list[tuple[int, int, set[int]]] = field(default_factory=list)  # entry, sub, roles


def make_nonce(channel_id: int, created_at: str, entry_ids: Sequence[int]) -> str:
    """A nonce for one message, stable because it is stored; the creation time keeps it apart
    from a message of a store rebuilt from scratch (whose ids start again at 1)."""
    key = f"modelradar:{channel_id}:{created_at}:{','.join(map(str, sorted(entry_ids)))}"
    return hashlib.sha256(key.encode()).hexdigest()[:NONCE_LENGTH]


async def _cursor(conn: aiosqlite.Connection) -> int:
    rows = await conn.execute_fetchall("SELECT value FROM meta WHERE key = ?", (CURSOR_KEY,))
    row = next(iter(rows), None)
    return int(row[0]) if row else 0


async def _new_entries(conn: aiosqlite.Connection, after: int) -> list[NewEntry]:
    rows = await conn.execute_fetchall(
        "SELECT ne.id, ne.entity, ne.slug, l.slug AS lab, COALESCE(m.kind, e.kind) AS kind "
        "FROM new_entries ne "
        "LEFT JOIN models m ON ne.entity = 'model' AND m.id = ne.entity_id "
        "LEFT JOIN events e ON ne.entity = 'event' AND e.id = ne.entity_id "
        "JOIN labs l ON l.id = COALESCE(m.lab_id, e.lab_id) "
        "WHERE ne.announce = 1 AND ne.id > ? ORDER BY ne.id",
        (after,),
    )
    return [NewEntry(r["id"], r["entity"], r["slug"], r["lab"], r["kind"]) for r in rows]


# One row per (channel, new entry) that the channel's active subscriptions match and that is
# not planned yet: the owner is the most specific matching subscription (the oldest among
# equals; SQLite takes the bare columns from the row holding the MAX), every matching role
# is pinged. Channels come in the order of their oldest active subscription, entries by id.
_ROUTES = """
WITH entries AS (
    SELECT ne.id, ne.entity, l.slug AS lab, COALESCE(m.kind, e.kind) AS kind
    FROM new_entries ne
    LEFT JOIN models m ON ne.entity = 'model' AND m.id = ne.entity_id
    LEFT JOIN events e ON ne.entity = 'event' AND e.id = ne.entity_id
    JOIN labs l ON l.id = COALESCE(m.lab_id, e.lab_id)
    WHERE ne.announce = 1 AND ne.id > ?
)
SELECT s.channel_id, en.id AS entry_id, s.guild_id, s.id AS sub_id,
       MAX(((s.lab != '') + (s.kind != '')) * 1000000000000000 - s.id) AS rank,
       group_concat(s.role_id, ' ') AS roles,
       (SELECT MIN(f.id) FROM alert_subscriptions f
        WHERE f.state = 'active' AND f.channel_id = s.channel_id) AS first_sub
FROM entries en
JOIN alert_subscriptions s ON s.state = 'active' AND en.id > s.start_after
    AND (s.lab = '' OR s.lab = en.lab)
    AND (s.kind = ''
         OR (s.kind = 'models' AND en.entity = 'model')
         OR (s.kind = 'events' AND en.entity = 'event')
         OR (s.kind NOT IN ('models', 'events') AND s.kind = en.kind))
WHERE NOT EXISTS (
    SELECT 1 FROM alert_deliveries d
    WHERE d.channel_id = s.channel_id AND d.new_entry_id = en.id
)
GROUP BY s.channel_id, en.id
ORDER BY first_sub, en.id
"""


async def _routes(conn: aiosqlite.Connection, after: int) -> dict[int, _Channel]:
    channels: dict[int, _Channel] = {}
    for row in await conn.execute_fetchall(_ROUTES, (after,)):
        channel = channels.get(row[0])
        if channel is None:
            channel = channels[row[0]] = _Channel(row[2])
        roles = {int(r) for r in row[5].split()} if row[5] else set()
        channel.items.append((row[1], row[3], roles))
    return channels


async def plan(store: Store, now: dt.datetime, *, digest_max: int = DIGEST_MAX) -> PlanReport:
    """Turn the entries recorded since the last plan into pending messages; move the cursor."""
    report = PlanReport()
    stamp = timestamp(now)
    # A cheap look on the reader first: most passes find nothing new and take no write lock.
    known = await store.fetchone(
        "SELECT (SELECT MAX(id) FROM new_entries), (SELECT value FROM meta WHERE key = ?)",
        (CURSOR_KEY,),
    )
    if known is None or int(known[0] or 0) <= int(known[1] or 0):
        return report
    async with store.transaction() as conn:
        after = await _cursor(conn)
        latest = next(iter(await conn.execute_fetchall("SELECT MAX(id) FROM new_entries")))[0]
        latest = int(latest or 0)
        if latest <= after:
            return report
        entries = await _new_entries(conn, after)
        report.entries = len(entries)
        channels = await _routes(conn, after) if entries else {}
        if channels:
            await _add_messages(conn, channels, stamp, digest_max, report)
        await conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (CURSOR_KEY, str(latest)),
        )
    return report


async def _add_messages(
    conn: aiosqlite.Connection,
    channels: dict[int, _Channel],
    stamp: str,
    digest_max: int,
    report: PlanReport,
) -> None:
    """Every channel's messages and deliveries in a few statements for the whole pass (not a
    few per channel): one executemany for the messages, one query for their ids, one
    executemany for the deliveries."""
    messages: list[tuple[int, int, str, str, str, str]] = []
    pending: list[tuple[str, int, list[tuple[int, int, set[int]]]]] = []
    for channel_id, channel in channels.items():
        items = channel.items
        for start in range(0, len(items), digest_max):
            chunk = items[start : start + digest_max]
            roles = sorted(set().union(*(r for _, _, r in chunk)))
            nonce = make_nonce(channel_id, stamp, [entry for entry, _, _ in chunk])
            messages.append(
                (channel.guild_id, channel_id, " ".join(map(str, roles)), nonce, stamp, stamp)
            )
            pending.append((nonce, channel_id, chunk))
    if not messages:
        return
    # We hold the write lock: every message id above the current largest is one of ours.
    before = next(
        iter(await conn.execute_fetchall("SELECT COALESCE(MAX(id), 0) FROM alert_messages"))
    )[0]
    await conn.executemany(
        "INSERT INTO alert_messages (guild_id, channel_id, role_ids, nonce, state, attempts, "
        "next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
        messages,
    )
    ids = {
        row[1]: row[0]
        for row in await conn.execute_fetchall(
            "SELECT id, nonce FROM alert_messages WHERE id > ?", (before,)
        )
    }
    deliveries = [
        (ids[nonce], sub, entry, channel_id)
        for nonce, channel_id, chunk in pending
        for entry, sub, _ in chunk
    ]
    await conn.executemany(
        "INSERT INTO alert_deliveries (message_id, subscription_id, new_entry_id, channel_id) "
        "VALUES (?, ?, ?, ?)",
        deliveries,
    )
    report.messages += len(messages)
    report.deliveries += len(deliveries)
