"""The release-alert outbox as delivery sees it: claiming due messages, recording each send's
outcome, releasing claims, and reading the entries an announcement is about.

A claim marks messages 'sending' with the claiming process's token (`owner`); a message's
outcome is written only while that claim holds (the caller checks with `owned`). Functions
taking a connection run inside a transaction the caller holds; the others read through the
store's reader. Timestamps are the store's text (`connection.timestamp`).
"""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

from bot.store.connection import Store
from bot.store.sql import marks

IN_CHUNK = 500  # ids in one IN (...) list, well under SQLite's limit on parameters

_DUE = "state = 'pending' AND next_attempt_at <= ?"
_MINE = "state = 'sending' AND claimed_by = ?"
_ANYONES = "state = 'sending'"
_FINISH = (
    "UPDATE alert_messages SET state = ?, attempts = attempts + 1, claimed_by = NULL, "
    "last_error = ?, finished_at = ? WHERE id = ?"
)
_ENTRIES = (
    "SELECT ne.id, ne.entity, m.data AS model, e.data AS event, l.slug AS lab_slug, "
    "l.name AS lab_name, l.id AS lab_id FROM new_entries ne "
    "LEFT JOIN models m ON ne.entity = 'model' AND m.id = ne.entity_id "
    "LEFT JOIN events e ON ne.entity = 'event' AND e.id = ne.entity_id "
    "JOIN labs l ON l.id = COALESCE(m.lab_id, e.lab_id) "
    "WHERE ne.id IN ({})"
)
_NEARBY = (
    "SELECT m.name, l.name AS lab, m.released FROM models m JOIN labs l ON l.id = m.lab_id "
    "WHERE m.lab_id != ? AND m.released_precision = 'day' AND m.released BETWEEN ? AND ? "
    "AND m.slug != ? "
    "ORDER BY abs(julianday(m.released) - julianday(?)), m.released, m.name LIMIT ?"
)


def _claims(owner: str | None) -> tuple[str, tuple[object, ...]]:
    return (_ANYONES, ()) if owner is None else (_MINE, (owner,))


async def has_claims(store: Store, owner: str | None) -> bool:
    """Whether any message is claimed ('sending') by `owner`, or by anyone when None."""
    where, params = _claims(owner)
    return await store.fetchone(f"SELECT 1 FROM alert_messages WHERE {where}", params) is not None


async def release_claims(conn: aiosqlite.Connection, owner: str | None) -> int:
    """Messages claimed by `owner` (anyone's when None) back to 'pending'; return how many."""
    where, params = _claims(owner)
    cursor = await conn.execute(
        f"UPDATE alert_messages SET state = 'pending', claimed_by = NULL WHERE {where}", params
    )
    return cursor.rowcount


async def any_due(store: Store, now: str) -> bool:
    """Whether any pending message is due at `now`."""
    return await store.fetchone(f"SELECT 1 FROM alert_messages WHERE {_DUE}", (now,)) is not None


async def claim_due(
    conn: aiosqlite.Connection, now: str, limit: int, owner: str
) -> list[aiosqlite.Row]:
    """Claim up to `limit` messages due at `now`, the longest due first, for `owner`; return
    their (id, guild_id, channel_id, role_ids, nonce, attempts) rows (role_ids: ids spaced)."""
    rows = list(
        await conn.execute_fetchall(
            "SELECT id, guild_id, channel_id, role_ids, nonce, attempts FROM alert_messages "
            f"WHERE {_DUE} ORDER BY next_attempt_at, id LIMIT ?",
            (now, limit),
        )
    )
    if rows:
        ids = [row["id"] for row in rows]
        await conn.execute(
            f"UPDATE alert_messages SET state = 'sending', claimed_by = ? "
            f"WHERE id IN ({marks(ids)})",
            (owner, *ids),
        )
    return rows


async def message_entries(conn: aiosqlite.Connection, ids: Sequence[int]) -> dict[int, list[int]]:
    """message id -> the ids of the new entries it announces, in order (every id a key)."""
    entries: dict[int, list[int]] = {i: [] for i in ids}
    for row in await conn.execute_fetchall(
        f"SELECT message_id, new_entry_id FROM alert_deliveries "
        f"WHERE message_id IN ({marks(ids)}) ORDER BY new_entry_id",
        list(ids),
    ):
        entries[row[0]].append(row[1])
    return entries


async def owned(conn: aiosqlite.Connection, owner: str, ids: Sequence[int]) -> set[int]:
    """Those of these message ids still claimed by `owner`."""
    ours: set[int] = set()
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        rows = await conn.execute_fetchall(
            f"SELECT id FROM alert_messages WHERE claimed_by = ? AND id IN ({marks(chunk)})",
            (owner, *chunk),
        )
        ours.update(row[0] for row in rows)
    return ours


async def record_sent(
    conn: aiosqlite.Connection, sent: Sequence[tuple[int, int | None]], now: str
) -> None:
    """(message id, Discord message id) pairs: each message 'sent' with its Discord id, and
    `now` as the last announcement of the subscriptions it was for."""
    await conn.executemany(
        "UPDATE alert_messages SET state = 'sent', attempts = attempts + 1, "
        "discord_message_id = ?, claimed_by = NULL, finished_at = ? WHERE id = ?",
        [(discord_id, now, row_id) for row_id, discord_id in sent],
    )
    ids = [row_id for row_id, _ in sent]
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        await conn.execute(
            "UPDATE alert_subscriptions SET last_announced_at = ? WHERE id IN "
            "(SELECT subscription_id FROM alert_deliveries WHERE message_id IN "
            f"({marks(chunk)}))",
            (now, *chunk),
        )


async def record_retry(
    conn: aiosqlite.Connection, row_id: int, attempts: int, next_attempt_at: str, reason: str
) -> None:
    """The message back to 'pending' after `attempts` tries, due again at `next_attempt_at`."""
    await conn.execute(
        "UPDATE alert_messages SET state = 'pending', attempts = ?, claimed_by = NULL, "
        "next_attempt_at = ?, last_error = ? WHERE id = ?",
        (attempts, next_attempt_at, reason, row_id),
    )


async def record_failed(conn: aiosqlite.Connection, row_id: int, reason: str, now: str) -> None:
    """The message 'failed' for good (rejected, or out of tries), one more try counted."""
    await conn.execute(_FINISH, ("failed", reason, now, row_id))


async def record_skipped(conn: aiosqlite.Connection, row_id: int, reason: str, now: str) -> None:
    """The message 'skipped' (its channel or its entries are gone), one more try counted."""
    await conn.execute(_FINISH, ("skipped", reason, now, row_id))


async def note_error(conn: aiosqlite.Connection, row_id: int, reason: str, now: str) -> None:
    """Show the error on the subscriptions the message was for (in /subscriptions)."""
    await conn.execute(
        "UPDATE alert_subscriptions SET last_error = ?, last_error_at = ? WHERE id IN "
        "(SELECT subscription_id FROM alert_deliveries WHERE message_id = ?)",
        (reason, now, row_id),
    )


async def outbox_counts(store: Store) -> dict[str, int]:
    """message state -> how many messages are in it (states with none left out)."""
    rows = await store.fetchall("SELECT state, COUNT(*) FROM alert_messages GROUP BY state")
    return {row[0]: row[1] for row in rows}


async def entry_rows(store: Store, entry_ids: Sequence[int]) -> list[aiosqlite.Row]:
    """(id, entity, model, event, lab_slug, lab_name, lab_id) rows of these new entries still
    in the catalog, in no order; `model` or `event` is the entity's JSON, the other NULL."""
    if not entry_ids:
        return []
    return await store.fetchall(_ENTRIES.format(marks(entry_ids)), list(entry_ids))


async def nearby_rows(
    store: Store, lab_id: int, first: str, last: str, slug: str, day: str, limit: int
) -> list[aiosqlite.Row]:
    """(name, lab, released) rows of up to `limit` models of other labs than `lab_id`, other
    than `slug`, released on a known day from `first` to `last`: closest to `day` first."""
    return await store.fetchall(_NEARBY, (lab_id, first, last, slug, day, limit))
