"""The platform through SimCord: an auto-sharded bot with the guilds intent only, and the
heartbeat file the Docker HEALTHCHECK reads."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.ext import commands

from bot.app import heartbeat_fresh, heartbeat_path
from bot.config import Settings
from tests.simcord_helpers import member


def test_the_bot_is_sharded_with_the_guilds_intent_and_no_member_cache(
    settings: Settings,
) -> None:
    from bot import create_bot

    bot = create_bot(settings)
    assert isinstance(bot, commands.AutoShardedBot)
    expected = discord.Intents.none()
    expected.guilds = True
    assert bot.intents == expected
    assert bot._connection.member_cache_flags == discord.MemberCacheFlags.none()


async def test_the_bot_answers_with_the_guilds_intent_only(simcord_env: Any) -> None:
    """The lookups need nothing beyond the guilds intent: /about still answers."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "about")
    assert result.response.embeds[0].title == "Model Radar"


async def test_the_heartbeat_is_touched_every_minute_while_connected(
    simcord_env: Any, settings: Settings
) -> None:
    """Once ready the bot writes `<store>.heartbeat`, and touches it again a minute later."""
    path = heartbeat_path(settings.database_path)
    await simcord_env.settle()
    assert path.exists()
    assert heartbeat_fresh(settings.database_path)
    old = time.time() - 600
    os.utime(path, (old, old))
    assert not heartbeat_fresh(settings.database_path)
    await simcord_env.advance_time(61)
    assert heartbeat_fresh(settings.database_path)


def test_heartbeat_fresh_fails_when_missing_or_older_than_three_minutes(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    assert not heartbeat_fresh(db)
    heartbeat_path(db).touch()
    now = heartbeat_path(db).stat().st_mtime
    assert heartbeat_fresh(db, now=now + 170)
    assert not heartbeat_fresh(db, now=now + 181)


async def test_a_heartbeat_on_a_read_only_place_warns_and_the_bot_keeps_answering(
    simcord_env: Any, tmp_path: Path
) -> None:
    cog = simcord_env.bot.get_cog("Heartbeat")
    simcord_env.bot.heartbeat_file = tmp_path / "missing" / "dir" / "x.heartbeat"
    assert cog.touch() is False
    alice, general = member(simcord_env)
    result = await alice.slash(general, "about")
    assert result.response.embeds


async def test_a_real_connect_asks_discord_for_the_shard_count(
    settings: Settings, monkeypatch: Any
) -> None:
    """Built with one shard (tests need a number); connect() leaves the count to Discord."""
    from bot import create_bot

    seen: list[int | None] = []

    class Launched(Exception):
        pass

    async def launch_shards(self: Any) -> None:
        seen.append(self.shard_count)
        raise Launched

    monkeypatch.setattr(commands.AutoShardedBot, "launch_shards", launch_shards)
    bot = create_bot(settings)
    assert bot.shard_count == 1
    with pytest.raises(Launched):
        await bot.connect()
    with pytest.raises(Launched):
        await create_bot(settings, shard_count=3).connect()
    assert seen == [None, 3]
