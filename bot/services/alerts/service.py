"""The alerts service of one process: plan new entries, deliver what is due, shut down cleanly.

Free of discord.py: the bot passes a `send` callable (bot/exts/alerts.py) and its clock.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass

from bot.services.alerts.backoff import RetryPolicy
from bot.services.alerts.delivery import Deliverer, DeliveryReport, Sender, claim_size_for
from bot.services.alerts.pacing import Monotonic, RateWindow, Sleep
from bot.services.alerts.planning import DIGEST_MAX, PlanReport, plan
from bot.store import Store
from bot.store.connection import Clock

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunReport:
    plan: PlanReport
    delivery: DeliveryReport


class AlertService:
    def __init__(
        self,
        store: Store,
        send: Sender,
        *,
        clock: Clock,
        rate_per_second: float = 25,
        concurrency: int = 4,
        max_attempts: int = 5,
        digest_max: int = DIGEST_MAX,
        rng: random.Random | None = None,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.store = store
        self.clock = clock
        self.digest_max = digest_max
        self.deliverer = Deliverer(
            store,
            send,
            clock=clock,
            policy=RetryPolicy(max_attempts=max_attempts),
            # No one second ever sends more than the configured rate (the token bucket used
            # before sent twice the rate in the first second: a full bucket, then its refill).
            bucket=RateWindow(rate_per_second, clock=monotonic, sleep=sleep),
            concurrency=concurrency,
            rng=rng,
            claim_size=claim_size_for(rate_per_second),
        )
        self._lock = asyncio.Lock()
        self._running: asyncio.Task[object] | None = None
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    async def start(self) -> int:
        """Put back what a previous process claimed but may not have sent; return how many.
        (One bot process per store: a second one running would have its claims released.)"""
        released = await self.deliverer.release_claims(everyone=True)
        if released:
            log.info("Released %d announcement(s) left in flight by the last run", released)
        return released

    async def run_once(self) -> RunReport | None:
        """Plan the entries recorded since the last pass, then send what is due (one pass at a
        time; None once closed)."""
        if self._closed:
            return None
        async with self._lock:
            if self._closed:
                return None
            self._running = asyncio.current_task()
            try:
                planned = await plan(self.store, self.clock(), digest_max=self.digest_max)
                delivered = await self.deliverer.deliver_due()
            finally:
                self._running = None
        return RunReport(planned, delivered)

    async def close(self, timeout: float = 10.0) -> None:
        """Let sends already under way finish (up to `timeout` s), start no others, and put
        back what was claimed but not sent, so the next start resends it with its nonce."""
        if self._closed:
            return
        self._closed = True
        self.deliverer.stop()
        if self._running is asyncio.current_task():
            return  # closed from inside a pass: it releases nothing it still holds
        try:
            await asyncio.wait_for(self._lock.acquire(), timeout)
        except TimeoutError:
            log.warning("Announcements still sending after %.0f s; cancelling them", timeout)
            if self._running is not None:
                self._running.cancel()
            await self._lock.acquire()  # released as the cancelled pass unwinds
        try:
            released = await self.deliverer.release_claims()
        finally:
            self._lock.release()
        if released:
            log.info("Released %d announcement(s) on shutdown", released)
