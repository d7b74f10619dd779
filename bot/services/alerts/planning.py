"""Planning: new entries to announce -> messages waiting to be sent, in one transaction.

Entries recorded since the last plan (a cursor in `meta`) with announce=1 are matched against
the active subscriptions. Each channel gets one delivery per entry, even when several of its
subscriptions match (the most specific one owns it; every matching role is pinged). The
entries one channel gets in one pass that ping the same roles are grouped into one message
(a digest when several), up to `digest_max` entries a message (one in a forum channel, where
each is a post): entries pinging different roles go in different messages, so a role is
only ever pinged for entries its subscription matches. The unique keys make planning twice
harmless.

Routing runs in SQL, one statement for all entries and subscriptions (a join of the new
entries with the active subscriptions that match them, grouped by channel and entry: see
bot/store/alerts_planning.py), so the per-message Python work is grouping, the nonce and the
rows to insert.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import aiosqlite

from bot.store import Store, meta
from bot.store import alerts_planning as queries
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
    one_per_message: bool = False  # a forum channel: each entry is a post of its own
    items: list[tuple[int, int, set[int]]] = field(default_factory=list)  # entry, sub, roles


def make_nonce(channel_id: int, created_at: str, entry_ids: Sequence[int]) -> str:
    """A nonce for one message, stable because it is stored; the creation time keeps it apart
    from a message of a store rebuilt from scratch (whose ids start again at 1)."""
    key = f"modelradar:{channel_id}:{created_at}:{','.join(map(str, sorted(entry_ids)))}"
    return hashlib.sha256(key.encode()).hexdigest()[:NONCE_LENGTH]


async def _routes(conn: aiosqlite.Connection, after: int) -> dict[int, _Channel]:
    channels: dict[int, _Channel] = {}
    for row in await queries.routes(conn, after):
        channel = channels.get(row[0])
        if channel is None:
            channel = channels[row[0]] = _Channel(row[2], row[7] == "forum")
        roles = {int(r) for r in row[5].split()} if row[5] else set()
        channel.items.append((row[1], row[3], roles))
    return channels


async def plan(store: Store, now: dt.datetime, *, digest_max: int = DIGEST_MAX) -> PlanReport:
    """Turn the entries recorded since the last plan into pending messages; move the cursor."""
    report = PlanReport()
    stamp = timestamp(now)
    # A cheap look on the reader first: most passes find nothing new and take no write lock.
    latest, after = await queries.pending_work(store, CURSOR_KEY)
    if latest <= after:
        return report
    async with store.transaction() as conn:
        after = int(await meta.get_in(conn, CURSOR_KEY) or 0)
        latest = await queries.latest_entry_id(conn)
        if latest <= after:
            return report
        entries = [
            NewEntry(r["id"], r["entity"], r["slug"], r["lab"], r["kind"])
            for r in await queries.new_entries(conn, after)
        ]
        report.entries = len(entries)
        channels = await _routes(conn, after) if entries else {}
        if channels:
            await _add_messages(conn, channels, stamp, digest_max, report)
        await meta.put(conn, CURSOR_KEY, str(latest))
    return report


def _chunks(
    channel: _Channel, digest_max: int
) -> list[tuple[list[int], list[tuple[int, int, set[int]]]]]:
    """The channel's messages: its entries grouped by the exact set of roles they ping (so a
    message pings a role only when every entry in it matches that role's subscription: a
    Kimi release never pings @ds in a channel also subscribed to DeepSeek), each group in
    digests of at most `digest_max` entries (one entry a post in a forum channel)."""
    size = 1 if channel.one_per_message else digest_max
    groups: dict[frozenset[int], list[tuple[int, int, set[int]]]] = {}
    for item in channel.items:
        groups.setdefault(frozenset(item[2]), []).append(item)
    return [
        (sorted(roles), items[start : start + size])
        for roles, items in groups.items()
        for start in range(0, len(items), size)
    ]


async def _add_messages(
    conn: aiosqlite.Connection,
    channels: dict[int, _Channel],
    stamp: str,
    digest_max: int,
    report: PlanReport,
) -> None:
    """Every channel's messages and deliveries in a few statements for the whole pass (not a
    few per channel): the messages together, then their deliveries together."""
    messages: list[tuple[int, int, str, str, str, str]] = []
    pending: list[tuple[str, int, list[tuple[int, int, set[int]]]]] = []
    for channel_id, channel in channels.items():
        for roles, chunk in _chunks(channel, digest_max):
            nonce = make_nonce(channel_id, stamp, [entry for entry, _, _ in chunk])
            messages.append(
                (channel.guild_id, channel_id, " ".join(map(str, roles)), nonce, stamp, stamp)
            )
            pending.append((nonce, channel_id, chunk))
    if not messages:
        return
    ids = await queries.add_messages(conn, messages)
    deliveries = [
        (ids[nonce], sub, entry, channel_id)
        for nonce, channel_id, chunk in pending
        for entry, sub, _ in chunk
    ]
    await queries.add_deliveries(conn, deliveries)
    report.messages += len(messages)
    report.deliveries += len(deliveries)
