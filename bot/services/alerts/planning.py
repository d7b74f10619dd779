"""Planning: new entries to announce -> messages waiting to be sent, in one transaction.

Entries recorded since the last plan (a cursor in `meta`) with announce=1 are matched against
the active subscriptions. Each channel gets one delivery per entry, even when several of its
subscriptions match (the most specific one owns it; every matching role is pinged). The
entries one channel gets in one pass are grouped into one message (a digest when several),
up to `digest_max` entries a message. The unique keys make planning twice harmless.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import aiosqlite

from bot.services.alerts.subscriptions import Subscription, active_subscriptions
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
    items: list[tuple[NewEntry, Subscription]] = field(default_factory=list)
    roles: dict[int, set[int]] = field(default_factory=dict)  # entry id -> role ids


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


def _route(entries: list[NewEntry], subs: list[Subscription]) -> dict[int, _Channel]:
    channels: dict[int, _Channel] = {}
    by_channel: dict[int, list[Subscription]] = defaultdict(list)
    for sub in subs:
        by_channel[sub.channel_id].append(sub)
    for entry in entries:
        for channel_id, candidates in by_channel.items():
            matching = [
                s
                for s in candidates
                if entry.id > s.start_after and s.matches(entry.lab, entry.entity, entry.kind)
            ]
            if not matching:
                continue
            owner = max(matching, key=lambda s: (s.specificity, -s.id))
            channel = channels.setdefault(channel_id, _Channel(owner.guild_id))
            channel.items.append((entry, owner))
            channel.roles[entry.id] = {s.role_id for s in matching if s.role_id is not None}
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
        subs = await active_subscriptions(conn) if entries else []
        channels = _route(entries, subs)
        if channels:
            await _add_messages(conn, channels, stamp, digest_max, report)
        await conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (CURSOR_KEY, str(latest)),
        )
    return report


_IN_CHUNK = 500  # ids in one IN (...) list, well under SQLite's limit on parameters


async def _planned(conn: aiosqlite.Connection, entry_ids: list[int]) -> set[tuple[int, int]]:
    """(channel, entry) pairs already planned among `entry_ids` (a plan repeated over the same
    entries), in one statement per few hundred entries."""
    done: set[tuple[int, int]] = set()
    for start in range(0, len(entry_ids), _IN_CHUNK):
        chunk = entry_ids[start : start + _IN_CHUNK]
        rows = await conn.execute_fetchall(
            "SELECT channel_id, new_entry_id FROM alert_deliveries "
            f"WHERE new_entry_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        done.update((row[0], row[1]) for row in rows)
    return done


async def _add_messages(
    conn: aiosqlite.Connection,
    channels: dict[int, _Channel],
    stamp: str,
    digest_max: int,
    report: PlanReport,
) -> None:
    """Every channel's messages and deliveries in a few statements for the whole pass (not a
    few per channel): one look for what is already planned, one executemany for the messages,
    one query for their ids, one executemany for the deliveries."""
    entry_ids = sorted({entry.id for channel in channels.values() for entry, _ in channel.items})
    done = await _planned(conn, entry_ids)
    messages: list[tuple[int, int, str, str, str, str]] = []
    pending: dict[str, tuple[int, list[tuple[NewEntry, Subscription]]]] = {}
    for channel_id, channel in channels.items():
        items = [(e, s) for e, s in channel.items if (channel_id, e.id) not in done]
        for start in range(0, len(items), digest_max):
            chunk = items[start : start + digest_max]
            roles = sorted({role for entry, _ in chunk for role in channel.roles[entry.id]})
            nonce = make_nonce(channel_id, stamp, [entry.id for entry, _ in chunk])
            messages.append(
                (channel.guild_id, channel_id, " ".join(map(str, roles)), nonce, stamp, stamp)
            )
            pending[nonce] = (channel_id, chunk)
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
        (ids[nonce], sub.id, entry.id, channel_id)
        for nonce, (channel_id, chunk) in pending.items()
        for entry, sub in chunk
    ]
    await conn.executemany(
        "INSERT INTO alert_deliveries (message_id, subscription_id, new_entry_id, channel_id) "
        "VALUES (?, ?, ?, ?)",
        deliveries,
    )
    report.messages += len(messages)
    report.deliveries += len(deliveries)
