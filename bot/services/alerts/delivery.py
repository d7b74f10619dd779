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
import enum
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
from bot.services.alerts.subscriptions import disable_in
from bot.store import Store
from bot.store import alerts_delivery as outbox
from bot.store.alerts_subscriptions import skip_orphaned
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


class Outcome(enum.Enum):
    """What one send came to."""

    SENT = "sent"
    RETRY = "retry"  # failed, may succeed later (5xx, 429, timeout, an unexpected error)
    GONE = "gone"  # the channel is gone or closed to us: disable its subscriptions
    FAILED = "failed"  # rejected: the same message can never succeed
    SKIPPED = "skipped"  # its entries are no longer in the catalog


@dataclass(frozen=True, slots=True)
class _Result:
    """What one send came to, kept until the batch's outcomes are recorded together."""

    claimed: _Claimed
    kind: Outcome
    reason: str
    message_id: int | None = None
    retry_after: float | None = None


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
        owner = None if everyone else self.owner
        if not await outbox.has_claims(self.store, owner):
            return 0
        async with self.store.transaction() as conn:
            return await outbox.release_claims(conn, owner)

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
            outcomes: list[_Result] = []
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
        now = timestamp(self.clock())
        if not await outbox.any_due(self.store, now):
            return []
        async with self.store.transaction() as conn:
            await skip_orphaned(conn, None, ORPHANED, now)
            rows = await outbox.claim_due(conn, now, self.claim_size, self.owner)
            if not rows:
                return []
            entries = await outbox.message_entries(conn, [row["id"] for row in rows])
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
        self, claimed: _Claimed, loaded: dict[int, AnnouncedEntry], outcomes: list[_Result]
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
                    _Result(claimed, Outcome.SKIPPED, "its entries are no longer in the catalog")
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
                outcomes.append(_Result(claimed, Outcome.RETRY, exc.reason, None, exc.retry_after))
            except ChannelGone as exc:
                outcomes.append(_Result(claimed, Outcome.GONE, exc.reason))
            except Rejected as exc:
                outcomes.append(_Result(claimed, Outcome.FAILED, exc.reason))
            except Exception as exc:
                log.exception("Unexpected error sending announcement %d", claimed.row_id)
                reason = f"unexpected error: {exc!r}"[:300]
                outcomes.append(_Result(claimed, Outcome.RETRY, reason))
            else:
                outcomes.append(_Result(claimed, Outcome.SENT, "", message_id))

    async def _record(self, outcomes: list[_Result], report: DeliveryReport) -> None:
        """The outcomes of one batch of sends, in one transaction (never across a send): the
        sends first, together, then the others in the order they came."""
        moment = self.clock()
        async with self.store.transaction() as conn:
            ours = await outbox.owned(conn, self.owner, [o.claimed.row_id for o in outcomes])
            sent = [o for o in outcomes if o.kind is Outcome.SENT]
            await self._record_sent(conn, sent, ours, moment, report)
            for outcome in outcomes:
                owned = outcome.claimed.row_id in ours
                if outcome.kind is Outcome.RETRY:
                    await self._record_retry(conn, outcome, owned, moment, report)
                elif outcome.kind is Outcome.GONE:
                    await _record_gone(conn, outcome, owned, moment, report)
                elif outcome.kind is Outcome.FAILED:
                    await _record_failed(conn, outcome.claimed, outcome.reason, owned, moment)
                    report.failed += 1
                elif outcome.kind is Outcome.SKIPPED:
                    await _record_skipped(conn, outcome, owned, moment)
                    report.skipped += 1

    async def _record_sent(
        self,
        conn: aiosqlite.Connection,
        sent: list[_Result],
        ours: set[int],
        moment: dt.datetime,
        report: DeliveryReport,
    ) -> None:
        """Posted: counted even when the claim was lost meanwhile, written only while held."""
        report.sent += len(sent)
        mine = [(o.claimed.row_id, o.message_id) for o in sent if o.claimed.row_id in ours]
        if mine:
            await outbox.record_sent(conn, mine, timestamp(moment))

    async def _record_retry(
        self,
        conn: aiosqlite.Connection,
        outcome: _Result,
        owned: bool,
        moment: dt.datetime,
        report: DeliveryReport,
    ) -> None:
        """Try again after the policy's delay, or fail the message once out of tries."""
        claimed = outcome.claimed
        attempts = claimed.attempts + 1
        if self.policy.gives_up(attempts):
            reason = f"{outcome.reason} (gave up after {attempts} tries)"
            await _record_failed(conn, claimed, reason, owned, moment)
            report.failed += 1
            return
        if owned:
            delay = self.policy.delay(attempts, self.rng, outcome.retry_after)
            await outbox.record_retry(
                conn,
                claimed.row_id,
                attempts,
                timestamp(moment + dt.timedelta(seconds=delay)),
                outcome.reason,
            )
            await outbox.note_error(
                conn, claimed.row_id, f"{outcome.reason} (will retry)", timestamp(moment)
            )
        report.retrying += 1


async def _record_gone(
    conn: aiosqlite.Connection,
    outcome: _Result,
    owned: bool,
    moment: dt.datetime,
    report: DeliveryReport,
) -> None:
    """Skip the message and disable every active subscription of its channel."""
    if owned:
        await outbox.record_skipped(conn, outcome.claimed.row_id, outcome.reason, timestamp(moment))
    report.disabled += await disable_in(
        conn, reason=outcome.reason, now=moment, channel_id=outcome.claimed.channel_id
    )
    report.skipped += 1


async def _record_failed(
    conn: aiosqlite.Connection, claimed: _Claimed, reason: str, owned: bool, moment: dt.datetime
) -> None:
    """Fail the message for good, the error shown on its subscriptions (while claimed)."""
    if owned:
        now = timestamp(moment)
        await outbox.record_failed(conn, claimed.row_id, reason, now)
        await outbox.note_error(conn, claimed.row_id, reason, now)


async def _record_skipped(
    conn: aiosqlite.Connection, outcome: _Result, owned: bool, moment: dt.datetime
) -> None:
    """Skip the message (nothing left to announce), the reason shown on its subscriptions."""
    if owned:
        now = timestamp(moment)
        await outbox.record_skipped(conn, outcome.claimed.row_id, outcome.reason, now)
        await outbox.note_error(conn, outcome.claimed.row_id, outcome.reason, now)


async def outbox_counts(store: Store) -> dict[str, int]:
    """How many announcements are pending, sending, sent, failed and skipped."""
    return await outbox.outbox_counts(store)
