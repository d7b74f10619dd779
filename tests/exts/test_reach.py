"""User installs through SimCord: the lookups work in a DM with the bot and are synced for
guild and user installs in every context; subscriptions stay server-only."""

from __future__ import annotations

from typing import Any

from tests.exts.test_localisation import synced

LOOKUPS = {"compare", "timeline", "coincidences", "model", "lab", "search", "top", "about"}
GUILD_INSTALL, USER_INSTALL = 0, 1
GUILD, BOT_DM, PRIVATE_CHANNEL = 0, 1, 2


async def test_a_lookup_is_usable_in_a_dm_with_the_bot(simcord_env: Any) -> None:
    """A user who installed the bot to their account runs /compare in its DM and gets the
    same answer a server member gets."""
    bob = simcord_env.create_user("bob")
    available = set(bob.available_commands())
    assert available >= LOOKUPS
    assert not available & {"subscribe", "unsubscribe", "subscriptions"}
    result = await bob.slash("compare", model1="deepseek-v4-pro", model2="kimi-k2.6")
    embed = result.response.embeds[0]
    assert "DeepSeek-V4-Pro" in embed.title and "Kimi K2.6" in embed.title
    assert not result.ephemeral
    timeline = await bob.slash("timeline", lab="deepseek")
    assert timeline.response.embeds


async def test_lookups_sync_for_user_installs_everywhere_and_subscriptions_stay_in_servers(
    simcord_env: Any,
) -> None:
    """As Discord stores them: every lookup for guild and user installs, in servers, the bot's
    DM and group DMs; subscription commands never outside a server."""
    commands = {c["name"]: c for c in synced(simcord_env)}
    stored = await simcord_env.bot.http.get_global_commands(simcord_env.bot.application_id)
    assert {c["name"] for c in stored} == set(commands)
    for command in stored:
        name = command["name"]
        if name in LOOKUPS or name == "help":
            assert sorted(command["integration_types"]) == [GUILD_INSTALL, USER_INSTALL], name
            assert sorted(command["contexts"]) == [GUILD, BOT_DM, PRIVATE_CHANNEL], name
        elif name in {"subscribe", "unsubscribe", "subscriptions"}:
            assert USER_INSTALL not in (command.get("integration_types") or []), name
            assert command.get("contexts") in (None, [GUILD]) or command.get("dm_permission") is (
                False
            ), name
    assert set(commands) >= LOOKUPS
