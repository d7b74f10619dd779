"""Failures: each one leaves the store as it was, backs the source off, and is retried."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

import pytest

from bot.feeds.items import HUGGINGFACE, OPENROUTER
from bot.feeds.watcher import backoff
from bot.store import Store
from tests.feeds.conftest import Clock, MakeWatcher
from tests.feeds.fakes import FakeFeeds, existing_listings, hf_repo, or_model
from tests.feeds.test_watcher import announced

TABLES = (
    "models",
    "aliases",
    "new_entries",
    "meta",
    "feed_scopes",
    "feed_items",
    "feed_validators",
    "feed_found",
    "feed_fields",
)


async def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table a cycle may write, except the source's own backoff row."""
    return {
        table: [tuple(row) for row in await store.fetchall(f"SELECT * FROM {table} ORDER BY 1, 2")]
        for table in TABLES
    }


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# mode -> (error kind reported, minutes until the retry may happen)
MODES = {
    "timeout": ("timeout", 5),
    "connection": ("connection", 5),
    "429": ("rate-limited", 60),
    "500": ("server", 5),
    "malformed": ("malformed", 5),
    "truncated-json": ("truncated", 5),
    "cut-off": ("truncated", 5),
}


@pytest.mark.parametrize("mode", list(MODES))
async def test_failed_cycle_writes_nothing_and_is_retried_after_backoff(
    mode: str, feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """A failure in the middle of a cycle writes nothing; the next due cycle catches up."""
    existing_listings(feeds)
    watcher = make_watcher((HUGGINGFACE,), feeds_timeout_seconds=0.3)
    await watcher.run_once()
    # A new repo in the first organisation, and a failure at a later one.
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", "2026-05-01T08:00:00.000Z"))
    failing = watcher
    if mode == "connection":
        failing = make_watcher((HUGGINGFACE,), url=f"http://127.0.0.1:{closed_port()}")
    else:
        feeds.fail("listing:Qwen", mode, retry_after="3600" if mode == "429" else None)
    before = await snapshot(feed_store)

    failed = (await failing.run_once())[0]

    kind, wait_minutes = MODES[mode]
    assert failed.status == "failed" and failed.error is not None
    assert failed.error.startswith(f"{kind}:"), failed.error
    assert await snapshot(feed_store) == before
    assert await announced(feed_store) == []

    feeds.failures.clear()
    feeds.log.clear()
    clock.advance(minutes=wait_minutes - 1)
    skipped = (await watcher.run_once())[0]
    assert skipped.status == "skipped" and feeds.log == []
    assert await snapshot(feed_store) == before

    clock.advance(minutes=2)
    retried = (await watcher.run_once())[0]
    assert retried.status == "ok" and retried.created == ["deepseek-v5"]
    assert await announced(feed_store) == [("deepseek-v5", "huggingface")]


async def test_backoff_grows_with_each_failure_and_resets_on_success(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """Consecutive failures wait 5, 10, 20 minutes; a success clears the count."""
    watcher = make_watcher((OPENROUTER,))
    feeds.fail("openrouter", "500")
    waits = []
    for number in (1, 2, 3):
        report = (await watcher.run_once())[0]
        assert (report.status, report.failures) == ("failed", number)
        assert report.next_attempt_at is not None
        retry_at = dt.datetime.fromisoformat(report.next_attempt_at.replace("Z", "+00:00"))
        waits.append((retry_at - clock.now).total_seconds() / 60)
        clock.now = retry_at
    assert waits == [5, 10, 20]
    assert backoff(30).total_seconds() == 6 * 3600
    assert backoff(1, retry_after=7200).total_seconds() == 7200

    feeds.failures.clear()
    assert (await watcher.run_once())[0].status == "ok"
    row = await feed_store.fetchone(
        "SELECT failures, next_attempt_at, last_error FROM feed_sources WHERE source = ?",
        (OPENROUTER,),
    )
    assert row is not None and tuple(row) == (0, None, None)


async def test_one_failing_source_does_not_stop_the_other(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """Hugging Face failing does not keep OpenRouter's new model from being added."""
    existing_listings(feeds)
    watcher = make_watcher()
    await watcher.run_once()
    feeds.fail("listing:deepseek-ai", "500")
    feeds.openrouter.append(or_model("qwen/qwen4-max", "Qwen: Qwen4 Max"))

    hf, orr = await watcher.run_once()

    assert hf.status == "failed" and orr.status == "ok"
    assert await announced(feed_store) == [("qwen4-max", "openrouter")]
