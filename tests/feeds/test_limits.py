"""What a feed answers is bounded: no redirect to another host, no body above the size cap.
Each such answer fails its source with a line naming the URL (and the limit), and writes
nothing."""

from __future__ import annotations

import asyncio
import json
import tracemalloc
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.feeds.items import HUGGINGFACE, OPENROUTER
from bot.feeds.report import source_text
from bot.store import Store
from tests.feeds.conftest import MakeWatcher
from tests.feeds.fakes import HUGE_BYTES, FakeFeeds, existing_listings, hf_repo, or_model
from tests.feeds.test_failures import snapshot
from tests.feeds.test_watcher import announced

MB = 1024 * 1024
HF_ONLY = (HUGGINGFACE,)
OR_ONLY = (OPENROUTER,)


@pytest_asyncio.fixture
async def elsewhere() -> AsyncIterator[FakeFeeds]:
    """Another server (also on 127.0.0.1) that a feed redirects to; it lists a new model."""
    fake = FakeFeeds()
    await fake.start()
    fake.openrouter = [or_model("qwen/qwen-evil", "Qwen: Qwen Evil")]
    fake.listings["deepseek-ai"] = [hf_repo("deepseek-ai/DeepSeek-Evil")]
    try:
        yield fake
    finally:
        await fake.close()


# ---------------------------------------------------------------- redirects


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
async def test_redirect_to_another_host_is_refused(
    host: str,
    feeds: FakeFeeds,
    elsewhere: FakeFeeds,
    make_watcher: MakeWatcher,
    feed_store: Store,
) -> None:
    """A listing that redirects to another host (another name, or the same address on
    another port) fails the source, naming where it pointed; nothing there is asked for,
    imported or announced."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY)
    await watcher.run_once()
    assert elsewhere.server is not None
    target = f"http://{host}:{elsewhere.server.port}/api/v1/models"
    feeds.fail("openrouter", "redirect-away", location=target)
    before = await snapshot(feed_store)

    report = (await watcher.run_once(force=True))[0]

    assert report.status == "failed" and report.error is not None
    assert report.error.startswith(f"redirect to another host refused: {target}")
    assert f"{feeds.url}/api/v1/models" in report.error
    assert "http: 0" not in report.error
    assert f"redirect to another host refused: {target}" in source_text(report)
    assert elsewhere.log == []
    assert await snapshot(feed_store) == before
    assert await announced(feed_store) == []


async def test_a_config_json_on_another_host_is_left_out_not_fatal(
    feeds: FakeFeeds, elsewhere: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """A repo whose config.json redirects elsewhere (as LFS files do) still becomes a model,
    without the context that file would have given; the other host is never asked."""
    existing_listings(feeds)
    watcher = make_watcher(HF_ONLY)
    await watcher.run_once()
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", "2026-04-30T23:50:00.000Z"))
    feeds.details["deepseek-ai/DeepSeek-V5"] = {"id": "deepseek-ai/DeepSeek-V5"}
    assert elsewhere.server is not None
    feeds.fail(
        "config:deepseek-ai/DeepSeek-V5",
        "redirect-away",
        location=f"http://localhost:{elsewhere.server.port}/config.json",
    )

    report = (await watcher.run_once())[0]

    assert report.status == "ok" and report.created == ["deepseek-v5"]
    assert elsewhere.log == []


async def test_redirect_on_the_same_host_is_followed(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """A redirect to another path of the same host is followed; each hop is a request."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY)
    await watcher.run_once()
    feeds.openrouter.append(or_model("qwen/qwen4-max", "Qwen: Qwen4 Max"))
    feeds.fail("openrouter", "redirect-same-host")

    report = (await watcher.run_once())[0]

    assert report.status == "ok", report.error
    assert report.created == ["qwen4-max"] and report.requests == 2
    assert await announced(feed_store) == [("qwen4-max", "openrouter")]


async def test_redirect_loop_is_too_many_redirects(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """A listing that redirects to itself fails after a few hops with "too many redirects"
    and its URL, not aiohttp's `http: 0, message=''`."""
    existing_listings(feeds)
    watcher = make_watcher(HF_ONLY)
    await watcher.run_once()
    feeds.fail("listing:deepseek-ai", "redirect-loop")
    feeds.log.clear()
    before = await snapshot(feed_store)

    report = (await watcher.run_once(force=True))[0]

    assert report.status == "failed" and report.error is not None
    listing = f"{feeds.url}/api/models?author=deepseek-ai"
    assert report.error.startswith(f"too many redirects: {listing}")
    assert "message=''" not in report.error
    assert len(feeds.requests("listing:deepseek-ai")) == 6  # the request and 5 hops
    assert await snapshot(feed_store) == before


# ---------------------------------------------------------------- response size


@pytest.mark.parametrize("mode", ["huge", "huge-declared"])
async def test_a_body_over_the_cap_is_refused_early_in_bounded_memory(
    mode: str, feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """A listing of 200 MB (streamed without a length, or declared up front) fails the
    source with its URL and the cap; the watcher stops reading at the cap, so the server
    gets only a few MB out and the process holds a few MB, not hundreds."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY, feeds_max_response_mb=1, feeds_timeout_seconds=30)
    await watcher.run_once()
    feeds.fail("openrouter", mode)
    before = await snapshot(feed_store)

    tracemalloc.start()
    try:
        report = (await watcher.run_once(force=True))[0]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    await asyncio.wait_for(feeds.huge_done.wait(), 10)

    assert report.status == "failed" and report.error is not None
    assert report.error.startswith(f"response too large: {feeds.url}/api/v1/models")
    assert "MODELRADAR_FEEDS_MAX_RESPONSE_MB=1" in report.error
    if mode == "huge-declared":
        assert f"declares {HUGE_BYTES:,} bytes" in report.error
    assert feeds.sent < 40 * MB, feeds.sent  # of 200 MB: socket buffers at most, not the body
    assert peak < 8 * MB, peak
    assert await snapshot(feed_store) == before


async def test_a_body_under_the_cap_is_read(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """The cap is on size alone: a listing just under it is read as usual."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY, feeds_max_response_mb=1)
    await watcher.run_once()
    padding = "x" * 1000
    feeds.openrouter.extend(
        {**or_model(f"unknown-author/m{n}", "M"), "description": padding} for n in range(620)
    )
    feeds.openrouter.append(or_model("qwen/qwen4-max", "Qwen: Qwen4 Max"))
    assert 0.8 * MB < len(json.dumps({"data": feeds.openrouter})) < MB

    report = (await watcher.run_once())[0]

    assert report.status == "ok", report.error
    assert report.created == ["qwen4-max"]
