"""Delivery: claim the messages that are due, send each through an injected sender, record.

Never holds a write transaction across a send: a claim commits ('sending', with this
process's token) before any send starts, and each outcome is recorded in its own short
transaction afterwards. A claim left behind by a process that died goes back to pending when
the next one starts; the message's stored nonce then makes Discord return the first post
instead of posting again if the lost send had in fact been accepted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiosqlite

from bot.services.alerts.backoff import RetryPolicy
from bot.services.alerts.content import AnnouncedEntry, load_entries
from bot.services.alerts.errors import ChannelGone, Rejected, Retryable
from bot.services.alerts.pacing import TokenBucket
from bot.services.alerts.subscriptions import disable_in, skip_orphaned
from bot.store import Store
from bot.store.connection import Clock, timestamp

log = logging.getLogger(__name__)

CLAIM_SIZE = 50
ORPHANED = "no active subscription in the channel any more"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to post: an announcement of one entry, or a digest of several."""

    row_id: int
    guild_id: int
    channel_id: int
    role_ids: tuple[int, ...]
    nonce: str
    attempt: int  # 1 for the first try
    entries: tuple[AnnouncedEntry, ...]


# Posts the message and returns its Discord id; raises Retryable, ChannelGone or Rejected.
Sender = Callable[[Outgoing], Awaitable[int]]


@dataclass(slots=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    disabled: int = 0


@dataclass(frozen=True, slots=True)
class _Claimed:
    row_id: int
    guild_id: int
    channel_id: int
    role_ids: tuple[int, ...]
    nonce: str
    attempts: int
    entry_ids: tuple[int, ...]


class Deliverer:
    """Sends due messages, paced by a token bucket, at most `concurrency` at a time."""

    def __init__(
        self,
        store: Store,
        send: Sender,
        *,
        clock: Clock,
        policy: RetryPolicy,
        bucket: TokenBucket,
        concurrency: int,
        rng: random.Random | None = None,
        claim_size: int = CLAIM_SIZE,
    ) -> None:
        self.store = store
        self.send = send
        self.clock = clock
        self.policy = policy
        self.bucket = bucket
        self.rng = rng or random.Random()
        self.claim_size = claim_size
        self.owner = uuid.uuid4().hex
        self._slots = asyncio.Semaphore(concurrency)
        self._stopping = False

    def stop(self) -> None:
        """Start no more sends; claimed messages not yet sent stay for `release_claims`."""
        self._stopping = True

    async def release_claims(self, *, everyone: bool = False) -> int:
        """Claimed but unsent messages back to pending: this process's, or (at start, when no
        other process may be sending) everyone's."""
        where = "state = 'sending'" + ("" if everyone else " AND claimed_by = ?")
        params: tuple[object, ...] = () if everyone else (self.owner,)
        if not await self.store.fetchone(f"SELECT 1 FROM alert_messages WHERE {where}", params):
            return 0
        async with self.store.transaction() as conn:
            cursor = await conn.execute(
                f"UPDATE alert_messages SET state = 'pending', claimed_by = NULL WHERE {where}",
                params,
            )
            return cursor.rowcount

    async def deliver_due(self) -> DeliveryReport:
        """Send every message that is due now; return what happened."""
        report = DeliveryReport()
        # Nothing of ours is in flight between passes: claims left by a pass that crashed
        # (a store error) go back to pending instead of waiting for a restart.
        await self.release_claims()
        while not self._stopping:
            batch = await self._claim()
            if not batch:
                break
            async with asyncio.TaskGroup() as group:
                for claimed in batch:
                    group.create_task(self._deliver(claimed, report))
        return report

    async def _claim(self) -> list[_Claimed]:
        moment = self.clock()
        now = timestamp(moment)
        due = "state = 'pending' AND next_attempt_at <= ?"
        if not await self.store.fetchone(f"SELECT 1 FROM alert_messages WHERE {due}", (now,)):
            return []
        async with self.store.transaction() as conn:
            await skip_orphaned(conn, None, ORPHANED, moment)
            rows = await conn.execute_fetchall(
                "SELECT id, guild_id, channel_id, role_ids, nonce, attempts FROM alert_messages "
                f"WHERE {due} ORDER BY next_attempt_at, id LIMIT ?",
                (now, self.claim_size),
            )
            if not rows:
                return []
            ids = [row["id"] for row in rows]
            placeholders = ", ".join("?" * len(ids))
            await conn.execute(
                f"UPDATE alert_messages SET state = 'sending', claimed_by = ? "
                f"WHERE id IN ({placeholders})",
                (self.owner, *ids),
            )
            entries: dict[int, list[int]] = {i: [] for i in ids}
            for row in await conn.execute_fetchall(
                f"SELECT message_id, new_entry_id FROM alert_deliveries "
                f"WHERE message_id IN ({placeholders}) ORDER BY new_entry_id",
                ids,
            ):
                entries[row[0]].append(row[1])
        return [
            _Claimed(
                row_id=row["id"],
                guild_id=row["guild_id"],
                channel_id=row["channel_id"],
                role_ids=tuple(int(r) for r in row["role_ids"].split()),
                nonce=row["nonce"],
                attempts=row["attempts"],
                entry_ids=tuple(entries[row["id"]]),
            )
            for row in rows
        ]

    async def _deliver(self, claimed: _Claimed, report: DeliveryReport) -> None:
        async with self._slots:
            if self._stopping:
                return
            await self.bucket.acquire()
            if self._stopping:
                return
            entries = await load_entries(self.store, claimed.entry_ids)
            if not entries:
                await self._finish(claimed, "skipped", "its entries are no longer in the catalog")
                report.skipped += 1
                return
            outgoing = Outgoing(
                row_id=claimed.row_id,
                guild_id=claimed.guild_id,
                channel_id=claimed.channel_id,
                role_ids=claimed.role_ids,
                nonce=claimed.nonce,
                attempt=claimed.attempts + 1,
                entries=tuple(entries),
            )
            try:
                message_id = await self.send(outgoing)
            except Retryable as exc:
                await self._retry(claimed, exc.reason, exc.retry_after, report)
            except ChannelGone as exc:
                await self._gone(claimed, exc.reason, report)
            except Rejected as exc:
                await self._finish(claimed, "failed", exc.reason)
                report.failed += 1
            except Exception as exc:
                log.exception("Unexpected error sending announcement %d", claimed.row_id)
                await self._retry(claimed, f"unexpected error: {exc!r}"[:300], None, report)
            else:
                await self._sent(claimed, message_id)
                report.sent += 1

    async def _sent(self, claimed: _Claimed, message_id: int) -> None:
        now = timestamp(self.clock())
        async with self.store.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE alert_messages SET state = 'sent', attempts = attempts + 1, "
                "discord_message_id = ?, claimed_by = NULL, finished_at = ? "
                "WHERE id = ? AND claimed_by = ?",
                (message_id, now, claimed.row_id, self.owner),
            )
            if cursor.rowcount:
                await conn.execute(
                    "UPDATE alert_subscriptions SET last_announced_at = ? WHERE id IN "
                    "(SELECT subscription_id FROM alert_deliveries WHERE message_id = ?)",
                    (now, claimed.row_id),
                )

    async def _retry(
        self, claimed: _Claimed, reason: str, retry_after: float | None, report: DeliveryReport
    ) -> None:
        attempts = claimed.attempts + 1
        if retry_after is not None:
            self.bucket.pause(retry_after)
        if self.policy.gives_up(attempts):
            await self._finish(claimed, "failed", f"{reason} (gave up after {attempts} tries)")
            report.failed += 1
            return
        moment = self.clock()
        delay = self.policy.delay(attempts, self.rng, retry_after)
        async with self.store.transaction() as conn:
            await conn.execute(
                "UPDATE alert_messages SET state = 'pending', attempts = ?, claimed_by = NULL, "
                "next_attempt_at = ?, last_error = ? WHERE id = ? AND claimed_by = ?",
                (
                    attempts,
                    timestamp(moment + dt.timedelta(seconds=delay)),
                    reason,
                    claimed.row_id,
                    self.owner,
                ),
            )
            await _note_error(conn, claimed.row_id, f"{reason} (will retry)", moment)
        report.retrying += 1

    async def _gone(self, claimed: _Claimed, reason: str, report: DeliveryReport) -> None:
        moment = self.clock()
        async with self.store.transaction() as conn:
            await self._finish_in(conn, claimed, "skipped", reason, moment)
            report.disabled += await disable_in(
                conn, reason=reason, now=moment, channel_id=claimed.channel_id
            )
        report.skipped += 1

    async def _finish(self, claimed: _Claimed, state: str, reason: str) -> None:
        moment = self.clock()
        async with self.store.transaction() as conn:
            await self._finish_in(conn, claimed, state, reason, moment)
            await _note_error(conn, claimed.row_id, reason, moment)

    async def _finish_in(
        self,
        conn: aiosqlite.Connection,
        claimed: _Claimed,
        state: str,
        reason: str,
        moment: dt.datetime,
    ) -> None:
        await conn.execute(
            "UPDATE alert_messages SET state = ?, attempts = attempts + 1, claimed_by = NULL, "
            "last_error = ?, finished_at = ? WHERE id = ? AND claimed_by = ?",
            (state, reason, timestamp(moment), claimed.row_id, self.owner),
        )


async def _note_error(
    conn: aiosqlite.Connection, message_id: int, reason: str, moment: dt.datetime
) -> None:
    """Show the error on the subscriptions the message was for (in /subscriptions)."""
    await conn.execute(
        "UPDATE alert_subscriptions SET last_error = ?, last_error_at = ? WHERE id IN "
        "(SELECT subscription_id FROM alert_deliveries WHERE message_id = ?)",
        (reason, timestamp(moment), message_id),
    )


async def outbox_counts(store: Store) -> dict[str, int]:
    """How many announcements are pending, sending, sent, failed and skipped."""
    rows = await store.fetchall("SELECT state, COUNT(*) FROM alert_messages GROUP BY state")
    return {row[0]: row[1] for row in rows}
