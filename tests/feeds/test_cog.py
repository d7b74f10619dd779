"""The watchers inside the bot (SimCord): a cycle when the bot is ready, then one per interval;
nothing at all when the feeds are off."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.app import ModelRadar
from tests.feeds.conftest import INTERVAL_MINUTES, eventually, seen
from tests.feeds.fakes import FakeFeeds, hf_repo, just_now


async def test_the_bot_watches_on_its_interval(
    simcord_env: Any, simcord_bot: ModelRadar, feeds: FakeFeeds
) -> None:
    """The first cycle seeds once the bot is ready; a repo added later is a model after the
    next interval."""
    await eventually(lambda: seen(simcord_bot, "qwen/qwen-vl-max"))
    await eventually(lambda: seen(simcord_bot, "deepseek-ai/ESFT-vanilla-lite"))
    assert await simcord_bot.store.scalar("SELECT COUNT(*) FROM feed_found WHERE created = 1") == 0
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", just_now()))

    await simcord_env.advance_time(INTERVAL_MINUTES * 60 * 1.1 + 1)
    await eventually(lambda: seen(simcord_bot, "deepseek-ai/DeepSeek-V5"))

    row = await simcord_bot.store.fetchone(
        "SELECT source, announce FROM new_entries WHERE slug = 'deepseek-v5'"
    )
    assert row is not None and tuple(row) == ("huggingface", 1)


@pytest.mark.parametrize("bot_settings", [False], indirect=True)
async def test_no_request_leaves_the_bot_when_feeds_are_off(
    simcord_env: Any, simcord_bot: ModelRadar, feeds: FakeFeeds
) -> None:
    """With MODELRADAR_FEEDS_ENABLED=false the bot never asks the sources anything."""
    await simcord_env.advance_time(INTERVAL_MINUTES * 60 * 1.1 + 1)
    await asyncio.sleep(0.2)
    assert feeds.log == []
    assert "Feeds" in simcord_bot.cogs and not simcord_bot.cogs["Feeds"].cycle.is_running()  # type: ignore[attr-defined]
