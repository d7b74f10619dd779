"""What a feed answers is bounded: no redirect to another host, no body above the size cap,
no cycle that adds more new models than the per-cycle limit. Each such answer fails its
source with a line naming the URL (or the source) and the limit, and writes nothing."""

from __future__ import annotations

import asyncio
import json
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.cli import build_parser
from bot.feeds.items import HUGGINGFACE, OPENROUTER
from bot.feeds.report import source_text
from bot.store import Store
from tests.feeds.conftest import MakeWatcher, feed_settings
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


def new_models(count: int, author: str = "qwen") -> list[dict[str, object]]:
    return [or_model(f"{author}/new-{n}", f"Qwen: New {n}") for n in range(count)]


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


# ---------------------------------------------------------------- new models per cycle


async def test_more_new_models_than_the_limit_adds_none(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """51 new OpenRouter models in one cycle (the limit is 50) add none and say so; the
    source backs off like any failure. 50 are added."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY)
    await watcher.run_once()
    feeds.openrouter.extend(new_models(51))
    before = await snapshot(feed_store)

    report = (await watcher.run_once())[0]

    assert report.status == "failed"
    assert report.error == (
        "51 new models from OpenRouter in one cycle is more than "
        "MODELRADAR_FEEDS_MAX_NEW_PER_CYCLE=50; none added (if they are real releases, "
        "raise the limit and run `modelradar watch --once --force`)"
    )
    assert "none added" in source_text(report)
    assert await snapshot(feed_store) == before
    assert await announced(feed_store) == []

    feeds.openrouter.pop()
    report = (await watcher.run_once(force=True))[0]
    assert report.status == "ok" and len(report.created) == 50


async def test_a_huge_listing_of_new_models_is_counted_not_built(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """100,000 new models in a listing: the cycle counts them, builds none, and is quick."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY, feeds_max_new_per_cycle=5, feeds_timeout_seconds=30)
    await watcher.run_once()
    feeds.openrouter.extend(
        {"id": f"qwen/bulk-{n}", "name": f"Bulk {n}", "created": 1777000000} for n in range(100_000)
    )

    loop = asyncio.get_running_loop()
    started = loop.time()
    report = (await watcher.run_once())[0]

    assert report.status == "failed" and report.error is not None
    assert report.error.startswith("100000 new models from OpenRouter in one cycle")
    assert loop.time() - started < 15
    assert await announced(feed_store) == []


async def test_the_first_look_at_a_source_is_exempt(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """The silent baseline pass records any number of existing models and creates none."""
    existing_listings(feeds)
    feeds.openrouter.extend(new_models(120))

    report = (await make_watcher(OR_ONLY).run_once())[0]

    assert report.status == "ok" and report.created == []
    assert len(report.new) == 123
    assert await announced(feed_store) == []


async def test_watch_once_exits_1_when_a_cycle_brings_too_many(
    feeds: FakeFeeds, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`modelradar watch --once` prints the refusal and exits 1."""
    existing_listings(feeds)

    async def watch(*argv: str) -> int:
        args = build_parser().parse_args(["watch", "--once", "--source", "openrouter", *argv])
        return int(await args.handler(args, feed_settings(db_path, feeds.url)))

    assert await watch() == 0
    feeds.openrouter.extend(new_models(60))
    capsys.readouterr()

    assert await watch() == 1
    out = capsys.readouterr().out
    assert "OpenRouter: failed after 1 request(s), nothing written: 60 new models from " in out
    assert "MODELRADAR_FEEDS_MAX_NEW_PER_CYCLE=50; none added" in out
