"""Pacing sends: at most the rate in any one-second window (a window of the times of the last
sends, not a token bucket), because discord.py only reacts to 429s and never paces.

The clock and the sleep are injected, so tests run it on a fake clock without waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Protocol

Monotonic = Callable[[], float]
Sleep = Callable[[float], Awaitable[object]]
_MIN_WAIT = 0.001


class Pacer(Protocol):
    """What the deliverer paces its sends with."""

    async def acquire(self) -> float: ...

    def pause(self, seconds: float) -> None: ...


class RateWindow:
    """At most `rate` sends in any one second: a fan-out starts at once, but no second ever
    sees more than the rate. (A token bucket holding `rate` tokens sends its full bucket plus
    a second's refill, twice the rate, in the first second after an idle spell.)

    Keeps the times of the last sends; a send waits until the oldest of them is a window old.
    For a rate below one, one send per 1/rate seconds.
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.size = max(1, int(rate))  # sends in one window
        self.window = self.size / rate  # seconds (1 for a whole rate)
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[float] = deque()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Hand out nothing for `seconds` (Discord said to wait: a 429's retry_after)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def acquire(self) -> float:
        """Wait (in turn, first come first served) until a send keeps every window within the
        rate; return the seconds waited."""
        waited = 0.0
        async with self._lock:
            while True:
                now = self._clock()
                wait = self._paused_until - now
                if wait <= 0:
                    while self._sent and now - self._sent[0] >= self.window:
                        self._sent.popleft()
                    if len(self._sent) < self.size:
                        self._sent.append(now)
                        return waited
                    # At least a millisecond: a wait too small to move a float clock would
                    # otherwise spin here.
                    wait = max(self._sent[0] + self.window - now, _MIN_WAIT)
                await self._sleep(wait)
                waited += wait
