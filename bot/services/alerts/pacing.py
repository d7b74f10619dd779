"""Pacing sends: a token bucket, because discord.py only reacts to 429s and never paces.

The clock and the sleep are injected, so tests run it on a fake clock without waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

Monotonic = Callable[[], float]
Sleep = Callable[[float], Awaitable[object]]
_EPSILON = 1e-9
_MIN_WAIT = 0.001


class TokenBucket:
    """`rate` tokens a second, holding at most `capacity` (a burst); one token per send."""

    def __init__(
        self,
        rate: float,
        capacity: float | None = None,
        *,
        clock: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = max(1.0, capacity if capacity is not None else rate)
        self._clock = clock
        self._sleep = sleep
        self._tokens = self.capacity
        self._updated = clock()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self._updated)
        self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
        self._updated = now

    def pause(self, seconds: float) -> None:
        """Hand out nothing for `seconds` (Discord said to wait: a 429's retry_after)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def acquire(self) -> float:
        """Take one token, waiting (in turn, first come first served) until there is one;
        return the seconds waited."""
        waited = 0.0
        async with self._lock:
            while True:
                now = self._clock()
                self._refill(now)
                wait = self._paused_until - now
                if wait <= 0:
                    if self._tokens >= 1 - _EPSILON:
                        self._tokens = max(0.0, self._tokens - 1)
                        return waited
                    # At least a millisecond: a wait too small to move a float clock would
                    # otherwise spin here.
                    wait = max((1 - self._tokens) / self.rate, _MIN_WAIT)
                await self._sleep(wait)
                waited += wait
