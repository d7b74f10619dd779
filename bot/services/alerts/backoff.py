"""When to try a failed send again: exponential backoff with jitter, a capped number of tries.

The defaults keep every retry of one message within about a minute, well inside the few
minutes Discord remembers a message nonce, so a retry after a send that Discord accepted (a
timeout) returns the first message instead of posting a second one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 5
    base_seconds: float = 2.0
    cap_seconds: float = 30.0

    def gives_up(self, attempts: int) -> bool:
        """True once `attempts` tries have failed and no more are allowed."""
        return attempts >= self.max_attempts

    def delay(self, attempts: int, rng: random.Random, retry_after: float | None = None) -> float:
        """Seconds to wait after the `attempts`-th failed try (1 for the first).

        A 429's `retry_after` is waited as given; otherwise base * 2^(attempts-1), capped, with
        "equal jitter" (half fixed, half random) so many channels failing together spread out.
        """
        if retry_after is not None:
            return max(0.0, retry_after)
        ceiling = min(self.cap_seconds, self.base_seconds * 2.0 ** max(0, attempts - 1))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)

    def longest_window(self) -> float:
        """The most time between a message's first try and its last (no 429s)."""
        return sum(
            min(self.cap_seconds, self.base_seconds * 2.0**n) for n in range(self.max_attempts - 1)
        )
