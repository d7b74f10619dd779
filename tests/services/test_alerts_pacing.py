"""The one-second rate window and the retry policy of release alerts, on a fake clock."""

from __future__ import annotations

import random

import pytest

from bot.services.alerts.backoff import RetryPolicy
from bot.services.alerts.pacing import RateWindow
from tests.services.alerts_fakes import FakeClock


async def test_rate_window_never_sends_more_than_the_rate_in_any_second() -> None:
    """100 sends at 25/s start at once and take 3 s, with at most 25 in any one second."""
    clock = FakeClock()
    window = RateWindow(25, clock=clock.monotonic, sleep=clock.sleep)
    times = []
    for _ in range(100):
        await window.acquire()
        times.append(clock.seconds)

    assert times[0] == 0 and clock.seconds == pytest.approx(3.0)
    assert max(sum(1 for t in times if start <= t < start + 1) for start in times) == 25


async def test_rate_window_forgets_sends_older_than_a_second() -> None:
    """After an idle second, a window that had sent its 25 sends again at once."""
    clock = FakeClock()
    window = RateWindow(25, clock=clock.monotonic, sleep=clock.sleep)
    for _ in range(25):
        await window.acquire()
    clock.advance(1)

    assert await window.acquire() == 0.0


async def test_rate_window_pause_holds_every_taker() -> None:
    """After pause(3), the next send comes 3 s later though the window is empty."""
    clock = FakeClock()
    window = RateWindow(25, clock=clock.monotonic, sleep=clock.sleep)
    window.pause(3)

    assert await window.acquire() == pytest.approx(3)


def test_backoff_grows_exponentially_with_jitter_up_to_the_cap() -> None:
    """Each delay lies between half and all of min(cap, base * 2^(n-1))."""
    policy = RetryPolicy(max_attempts=8, base_seconds=2, cap_seconds=30)
    rng = random.Random(1)
    for attempt in range(1, 9):
        ceiling = min(30, 2 * 2 ** (attempt - 1))
        delays = [policy.delay(attempt, rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1


def test_backoff_waits_what_a_429_said() -> None:
    """A known retry_after is waited as given, whatever the attempt."""
    assert RetryPolicy().delay(4, random.Random(0), retry_after=7.5) == 7.5


def test_default_retries_stay_inside_discords_nonce_window() -> None:
    """With the defaults all retries of one message fall within a minute, well inside the few
    minutes Discord remembers a nonce, so a retry never posts a second copy."""
    policy = RetryPolicy()
    assert policy.gives_up(5) and not policy.gives_up(4)
    assert policy.longest_window() <= 60
