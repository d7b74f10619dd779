"""From a feed to Discord (SimCord): a release the watchers notice is announced once in each
subscribed channel, even when both sources list it and later cycles see it again."""

from __future__ import annotations

from typing import Any

import discord

from bot.app import ModelRadar
from bot.feeds.items import HUGGINGFACE, OPENROUTER
from tests.feeds.conftest import eventually, seen
from tests.feeds.fakes import FakeFeeds, hf_repo, just_now, or_model


def announcements(channel: Any) -> list[discord.Message]:
    return [m for m in channel.history() if m.author.bot and m.embeds]


async def test_a_new_release_is_announced_once_per_subscribed_channel(
    simcord_env: Any, simcord_bot: ModelRadar, feeds: FakeFeeds
) -> None:
    """Two channels subscribe (one to DeepSeek only); a new DeepSeek repo, also listed on
    OpenRouter, gives each channel one announcement; the next cycles add nothing."""
    await eventually(lambda: seen(simcord_bot, "qwen/qwen-vl-max"))
    await eventually(lambda: seen(simcord_bot, "deepseek-ai/ESFT-vanilla-lite"))
    guild = simcord_env.create_guild("AI News")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    alice = guild.add_member(simcord_env.create_user("alice"), roles=[admins])
    everything = guild.create_text_channel("model-news")
    deepseek = guild.create_text_channel("deepseek-news")
    await alice.slash(everything, "subscribe", channel=everything)
    await alice.slash(deepseek, "subscribe", channel=deepseek, lab="deepseek")
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", just_now()))
    feeds.openrouter.append(
        or_model(
            "deepseek/deepseek-v5",
            "DeepSeek: DeepSeek V5",
            hugging_face_id="deepseek-ai/DeepSeek-V5",
        )
    )
    feeds_cog = simcord_bot.get_cog("Feeds")

    reports = {r.source: r for r in await feeds_cog.run_cycle()}  # type: ignore[union-attr]
    await simcord_env.advance_time(10)

    assert reports[HUGGINGFACE].created == ["deepseek-v5"]
    assert reports[OPENROUTER].created == [] and "deepseek-v5" in reports[OPENROUTER].filled
    for channel in (everything, deepseek):
        [message] = announcements(channel)
        assert "DeepSeek-V5" in (message.embeds[0].title or "")
        assert not message.mention_everyone and not message.role_mentions

    await feeds_cog.run_cycle()  # type: ignore[union-attr]
    await simcord_env.advance_time(10)
    assert [len(announcements(c)) for c in (everything, deepseek)] == [1, 1]
