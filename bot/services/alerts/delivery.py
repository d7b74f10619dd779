"""Delivery: claim the messages that are due, send each through an injected sender, record.

Never holds a write transaction across a send: a claim commits ('sending', with this
process's token) before any send starts, and the outcomes of a claimed batch are recorded
together in one short transaction once its sends are done. Each entry is loaded once a pass,
not once a message. A claim left behind by a process that died goes back to pending when
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
from bot.services.alerts.pacing import Pacer
from bot.services.alerts.subscriptions import disable_in, skip_orphaned
from bot.store import Store
from bot.store.connection import Clock, timestamp

log = logging.getLogger(__name__)

CLAIM_SIZE = 100
CLAIM_SECONDS = 10
CLAIM_MAX = 1000


def claim_size_for(rate_per_second: float) -> int:
    """Claim about ten seconds of sends at a time (50 to 1,000): few round trips per message,
    and each batch's outcomes recorded within seconds of its sends (the nonces that make a
    resend after a crash harmless last minutes)."""
    return max(CLAIM_SIZE // 2, min(CLAIM_MAX, int(rate_per_second * CLAIM_SECONDS)))


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
    """Sends due messages, at most the rate in any second and `concurrency` at a time."""

    def __init__(
        self,
        store: Store,
        send: Sender,
        *,
        clock: Clock,
        policy: RetryPolicy,
        bucket: Pacer,
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
        loaded: dict[int, AnnouncedEntry] = {}
        while not self._stopping:
            batch = await self._claim()
            if not batch:
                break
            await self._load(batch, loaded)
            outcomes: list[_Outcome] = []
            try:
                async with asyncio.TaskGroup() as group:
                    for claimed in batch:
                        group.create_task(self._deliver(claimed, loaded, outcomes))
            finally:
                # Whatever was sent is recorded, even when a send of the batch blew up.
                if outcomes:
                    await self._record(outcomes, report)
        return report

    async def _load(self, batch: list[_Claimed], loaded: dict[int, AnnouncedEntry]) -> None:
        """Load the batch's entries not loaded yet this pass (one fan-out is one entry)."""
        missing = sorted({i for c in batch for i in c.entry_ids if i not in loaded})
        for entry in await load_entries(self.store, missing):
            loaded[entry.entry_id] = entry

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

    async def _deliver(
        self, claimed: _Claimed, loaded: dict[int, AnnouncedEntry], outcomes: list[_Outcome]
    ) -> None:
        async with self._slots:
            if self._stopping:
                return
            await self.bucket.acquire()
            if self._stopping:
                return
            entries = tuple(loaded[i] for i in claimed.entry_ids if i in loaded)
            if not entries:
                outcomes.append(
                    _Outcome(claimed, "skipped", "its entries are no longer in the catalog")
                )
                return
            outgoing = Outgoing(
                row_id=claimed.row_id,
                guild_id=claimed.guild_id,
                channel_id=claimed.channel_id,
                role_ids=claimed.role_ids,
                nonce=claimed.nonce,
                attempt=claimed.attempts + 1,
                entries=entries,
            )
            try:
                message_id = await self.send(outgoing)
            except Retryable as exc:
                if exc.retry_after is not None:
                    self.bucket.pause(exc.retry_after)
                outcomes.append(_Outcome(claimed, "retry", exc.reason, None, exc.retry_after))
            except ChannelGone as exc:
                outcomes.append(_Outcome(claimed, "gone", exc.reason))
            except Rejected as exc:
                outcomes.append(_Outcome(claimed, "failed", exc.reason))
            except Exception as exc:
                log.exception("Unexpected error sending announcement %d", claimed.row_id)
                reason = f"unexpected error: {exc!r}"[:300]
                outcomes.append(_Outcome(claimed, "retry", reason))
            else:
                outcomes.append(_Outcome(claimed, "sent", "", message_id))

    async def _record(self, outcomes: list[_Outcome], report: DeliveryReport) -> None:
        """The outcomes of one batch of sends, in one transaction (never across a send)."""
        moment = self.clock()
        now = timestamp(moment)
        async with self.store.transaction() as conn:
            ids = [o.claimed.row_id for o in outcomes]
            ours: set[int] = set()
            for start in range(0, len(ids), _IN_CHUNK):
                chunk = ids[start : start + _IN_CHUNK]
                rows = await conn.execute_fetchall(
                    f"SELECT id FROM alert_messages WHERE claimed_by = ? "
                    f"AND id IN ({', '.join('?' * len(chunk))})",
                    (self.owner, *chunk),
                )
                ours.update(row[0] for row in rows)
            sent = [o for o in outcomes if o.kind == "sent"]
            report.sent += len(sent)
            sent = [o for o in sent if o.claimed.row_id in ours]
            if sent:
                await conn.executemany(
                    "UPDATE alert_messages SET state = 'sent', attempts = attempts + 1, "
                    "discord_message_id = ?, claimed_by = NULL, finished_at = ? WHERE id = ?",
                    [(o.message_id, now, o.claimed.row_id) for o in sent],
                )
                sent_ids = [o.claimed.row_id for o in sent]
                for start in range(0, len(sent_ids), _IN_CHUNK):
                    chunk = sent_ids[start : start + _IN_CHUNK]
                    await conn.execute(
                        "UPDATE alert_subscriptions SET last_announced_at = ? WHERE id IN "
                        "(SELECT subscription_id FROM alert_deliveries WHERE message_id IN "
                        f"({', '.join('?' * len(chunk))}))",
                        (now, *chunk),
                    )
            for outcome in outcomes:
                if outcome.kind == "sent":
                    continue
                owned = outcome.claimed.row_id in ours
                if outcome.kind == "retry":
                    await self._retry_in(conn, outcome, owned, moment, report)
                elif outcome.kind == "gone":
                    if owned:
                        await _finish_in(conn, outcome.claimed, "skipped", outcome.reason, now)
                    report.disabled += await disable_in(
                        conn,
                        reason=outcome.reason,
                        now=moment,
                        channel_id=outcome.claimed.channel_id,
                    )
                    report.skipped += 1
                else:  # "failed" (rejected) or "skipped" (its entries are gone)
                    if owned:
                        await _finish_in(conn, outcome.claimed, outcome.kind, outcome.reason, now)
                        await _note_error(conn, outcome.claimed.row_id, outcome.reason, moment)
                    if outcome.kind == "failed":
                        report.failed += 1
                    else:
                        report.skipped += 1

    async def _retry_in(
        self,
        conn: aiosqlite.Connection,
        outcome: _Outcome,
        owned: bool,
        moment: dt.datetime,
        report: DeliveryReport,
    ) -> None:
        claimed = outcome.claimed
        attempts = claimed.attempts + 1
        if self.policy.gives_up(attempts):
            reason = f"{outcome.reason} (gave up after {attempts} tries)"
            if owned:
                await _finish_in(conn, claimed, "failed", reason, timestamp(moment))
                await _note_error(conn, claimed.row_id, reason, moment)
            report.failed += 1
            return
        if owned:
            delay = self.policy.delay(attempts, self.rng, outcome.retry_after)
            await conn.execute(
                "UPDATE alert_messages SET state = 'pending', attempts = ?, claimed_by = NULL, "
                "next_attempt_at = ?, last_error = ? WHERE id = ?",
                (
                    attempts,
                    timestamp(moment + dt.timedelta(seconds=delay)),
                    outcome.reason,
                    claimed.row_id,
                ),
            )
            await _note_error(conn, claimed.row_id, f"{outcome.reason} (will retry)", moment)
        report.retrying += 1


_IN_CHUNK = 500  # ids in one IN (...) list, well under SQLite's limit on parameters


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What one send came to, kept until the batch's outcomes are recorded together."""

    claimed: _Claimed
    kind: str  # 'sent', 'retry', 'gone', 'failed' or 'skipped'
    reason: str
    message_id: int | None = None
    retry_after: float | None = None


async def _finish_in(
    conn: aiosqlite.Connection, claimed: _Claimed, state: str, reason: str, now: str
) -> None:
    await conn.execute(
        "UPDATE alert_messages SET state = ?, attempts = attempts + 1, claimed_by = NULL, "
        "last_error = ?, finished_at = ? WHERE id = ?",
        (state, reason, now, claimed.row_id),
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
