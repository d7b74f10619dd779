"""Release alerts through SimCord: who may subscribe, and exactly one announcement per
subscribed channel whatever happens in between (restarts, 500s, 403s, other processes)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import discord
import pytest
from simcord import SetupError

from bot import create_bot
from bot.app import ModelRadar
from bot.config import Settings
from bot.services.alerts import guild_subscriptions
from tests.conftest import close_bot

ADMIN = discord.Permissions(manage_guild=True)
MESSAGES = "/channels/*/messages"
NO_EMOJI = {"emoji_id": None, "emoji_name": None}


def new_model(slug: str, lab: str = "deepseek", days_ago: int = 1, **extra: Any) -> dict[str, Any]:
    """A model released `days_ago` days before today's real date (the CLI runs on it)."""
    released = dt.date.today() - dt.timedelta(days=days_ago)
    return {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "lab": lab,
        "released": released.isoformat(),
        "kind": "chat",
        **extra,
    }


def cli_import(settings: Settings, path: Path, data: dict[str, Any], **env: str) -> None:
    """`modelradar import PATH` in another process while the bot runs, as an operator would."""
    path.write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "import", str(path)],
        env={**os.environ, "MODELRADAR_DATABASE_PATH": str(settings.database_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def announcements(channel: Any) -> list[discord.Message]:
    """The bot's announcements in a channel (its only messages with embeds there)."""
    return [m for m in channel.history() if m.author.bot and m.embeds]


def user_errors(env: Any) -> list[str]:
    """The errors the bot answered as a user's mistakes, by class name (load_extension imports
    the cog's module afresh); reading them acknowledges them."""
    return [type(getattr(e, "original", e)).__name__ for e in env.errors]


def posts(env: Any) -> list[Any]:
    return [r for r in env.http_requests if r.method == "POST" and r.path.endswith("/messages")]


class World:
    """A server with an admin (a role with Manage Server), a member and text channels."""

    def __init__(self, env: Any, channels: int = 1) -> None:
        self.env = env
        self.guild = env.create_guild("AI News")
        admins = self.guild.create_role("Admins", permissions=ADMIN)
        self.admin = self.guild.add_member(env.create_user("alice"), roles=[admins])
        self.member = self.guild.add_member(env.create_user("bob"))
        self.channels = [self.guild.create_text_channel(f"news-{n}") for n in range(channels)]

    async def subscribe(self, channel: Any, **options: Any) -> str:
        result = await self.admin.slash(channel, "subscribe", channel=channel, **options)
        assert result.ephemeral
        return str(result.response.content)

    async def subscriptions(self) -> discord.Embed:
        result = await self.admin.slash(self.channels[0], "subscriptions")
        assert result.ephemeral
        return result.response.embeds[0]


async def test_admin_subscribes_and_an_import_is_announced_once(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """An admin subscribes; a CLI import while the bot runs posts one announcement, with a
    nonce, and importing the same file again posts nothing more."""
    world = World(simcord_env)
    news = world.channels[0]
    assert (await world.subscribe(news)).startswith("Subscribed")
    data = {"models": [new_model("deepseek-v9", hugging_face="deepseek-ai/DeepSeek-V9")]}

    cli_import(settings, tmp_path / "new.json", data)
    await simcord_env.advance_time(10)
    cli_import(settings, tmp_path / "new.json", data)
    await simcord_env.advance_time(10)

    [message] = announcements(news)
    embed = message.embeds[0]
    assert embed.title == "New chat model: Deepseek V9"
    assert embed.url == "https://huggingface.co/deepseek-ai/DeepSeek-V9"
    assert message.content == "" and not message.role_mentions
    [post] = posts(simcord_env)
    assert post.json["nonce"] and len(post.json["nonce"]) <= 25


async def test_member_without_manage_server_is_refused(simcord_env: Any) -> None:
    """The commands are invisible without Manage Server, and when an admin overrides that for
    a member, the bot's own check still refuses."""
    world = World(simcord_env)
    news = world.channels[0]
    for name in ("subscribe", "unsubscribe", "subscriptions"):
        assert name not in world.member.available_commands(news)
        assert name in world.admin.available_commands(news)
    with pytest.raises(SetupError):
        await world.member.slash(news, "subscribe", channel=news)

    commands = {c.name: c for c in await simcord_env.bot.tree.fetch_commands()}
    world.guild.set_command_permissions(commands["subscribe"], {world.member: True})
    result = await world.member.slash(news, "subscribe", channel=news)

    assert result.ephemeral
    assert "Manage Server permission" in result.response.content
    assert user_errors(simcord_env) == ["MissingPermissions"]
    assert await guild_subscriptions(simcord_env.bot.store, world.guild.id) == []


async def test_subscribe_says_which_channel_permissions_are_missing(simcord_env: Any) -> None:
    """Subscribing a channel where the bot may not embed links or attach files is refused,
    naming both."""
    world = World(simcord_env)
    me = world.guild.me
    locked = world.guild.create_text_channel(
        "locked",
        overwrites={me: discord.PermissionOverwrite(embed_links=False, attach_files=False)},
    )

    text = await world.subscribe(locked)

    assert "Embed Links" in text and "Attach Files" in text
    assert "Send Messages" not in text
    assert user_errors(simcord_env) == ["ChannelNotUsable"]
    assert await guild_subscriptions(simcord_env.bot.store, world.guild.id) == []


async def test_restarts_before_and_after_delivery_post_no_duplicate(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """The bot stops after an import but before delivering it; the next one delivers it once,
    and a further restart after delivery posts nothing again."""
    world = World(simcord_env)
    news = world.channels[0]
    await world.subscribe(news)
    bots: list[ModelRadar] = []
    try:
        cli_import(settings, tmp_path / "new.json", {"models": [new_model("deepseek-v9")]})
        await close_bot(simcord_env.bot)  # before it noticed the import
        bots.append(create_bot(settings))
        await simcord_env.restart_bot(bots[-1])
        await simcord_env.advance_time(10)
        assert len(announcements(news)) == 1

        await close_bot(bots[-1])
        bots.append(create_bot(settings))
        await simcord_env.restart_bot(bots[-1])
        await simcord_env.advance_time(30)
    finally:
        for bot in bots:
            await close_bot(bot)

    assert len(announcements(news)) == 1
    assert len(posts(simcord_env)) == 1


async def test_injected_500_is_retried_to_one_message(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """Discord answers 500 once: the bot retries with the same nonce and posts once."""
    world = World(simcord_env)
    news = world.channels[0]
    await world.subscribe(news)
    simcord_env.inject_error("POST", MESSAGES, status=500, times=1)

    cli_import(settings, tmp_path / "new.json", {"models": [new_model("deepseek-v9")]})
    await simcord_env.advance_time(30)

    assert len(announcements(news)) == 1
    tries = posts(simcord_env)
    assert len(tries) == 2
    assert tries[0].json["nonce"] == tries[1].json["nonce"]


async def test_injected_403_disables_the_subscription_and_says_why(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """Discord answers 403 Missing Permissions: the subscription is disabled, nothing more is
    tried, and /subscriptions shows why."""
    world = World(simcord_env)
    news = world.channels[0]
    await world.subscribe(news)
    simcord_env.inject_error(
        "POST", MESSAGES, status=403, code=50013, message="Missing Permissions", times=1
    )

    cli_import(settings, tmp_path / "a.json", {"models": [new_model("deepseek-v9")]})
    await simcord_env.advance_time(30)
    cli_import(settings, tmp_path / "b.json", {"models": [new_model("deepseek-v10")]})
    await simcord_env.advance_time(30)

    assert announcements(news) == []
    assert len(posts(simcord_env)) == 1
    field = (await world.subscriptions()).fields[0]
    assert "disabled" in field.value and "Missing Permissions" in field.value


async def test_lab_filter_holds(simcord_env: Any, settings: Settings, tmp_path: Path) -> None:
    """A channel subscribed to DeepSeek gets only DeepSeek's entry; one subscribed to every
    lab gets both, in one digest."""
    world = World(simcord_env, channels=2)
    deepseek, everything = world.channels
    await world.subscribe(deepseek, lab="deepseek")
    await world.subscribe(everything)

    models = [new_model("deepseek-v9"), new_model("kimi-k9", lab="moonshot", days_ago=3)]
    cli_import(settings, tmp_path / "new.json", {"models": models})
    await simcord_env.advance_time(10)

    [only] = announcements(deepseek)
    assert only.embeds[0].title == "New chat model: Deepseek V9"
    [digest] = announcements(everything)
    assert digest.embeds[0].title == "2 new models"
    assert "Kimi K9" in (digest.embeds[0].description or "")


async def test_role_is_pinged_only_where_configured(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """The channel whose subscription names a role pings that role (and nothing else); the
    other channel pings nobody."""
    world = World(simcord_env, channels=2)
    pinged, quiet = world.channels
    role = world.guild.create_role("model-news", mentionable=True)
    await world.subscribe(pinged, role=role)
    await world.subscribe(quiet)

    cli_import(settings, tmp_path / "new.json", {"models": [new_model("deepseek-v9")]})
    await simcord_env.advance_time(10)

    [with_role] = announcements(pinged)
    assert [r.id for r in with_role.role_mentions] == [role.id]
    assert not with_role.mention_everyone and not with_role.mentions
    [without] = announcements(quiet)
    assert without.role_mentions == [] and without.content == ""
    allowed = {r.path: r.json["allowed_mentions"] for r in posts(simcord_env)}
    for channel, roles in ((pinged, [role.id]), (quiet, [])):
        sent = allowed[f"/channels/{channel.id}/messages"]
        assert sent["parse"] == [] and [int(r) for r in sent["roles"]] == roles


async def test_two_labs_with_their_roles_in_one_channel_ping_only_their_own(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """DeepSeek -> @ds and Moonshot -> @ms in one channel: a DeepSeek and a Kimi release
    imported together arrive as two messages, the DeepSeek one pinging only @ds and the Kimi
    one only @ms (a merged digest used to ping @ds for Kimi)."""
    world = World(simcord_env)
    news = world.channels[0]
    ds = world.guild.create_role("ds", mentionable=True)
    ms = world.guild.create_role("ms", mentionable=True)
    await world.subscribe(news, lab="deepseek", role=ds)
    await world.subscribe(news, lab="moonshot", role=ms)

    models = [new_model("deepseek-v9"), new_model("kimi-k9", lab="moonshot")]
    cli_import(settings, tmp_path / "new.json", {"models": models})
    await simcord_env.advance_time(10)

    pings = {m.embeds[0].title: [r.id for r in m.role_mentions] for m in announcements(news)}
    assert pings == {"New chat model: Deepseek V9": [ds.id], "New chat model: Kimi K9": [ms.id]}
    for post in posts(simcord_env):
        allowed = post.json["allowed_mentions"]
        assert allowed["parse"] == [] and len(allowed["roles"]) == 1
        assert post.json["content"] == f"<@&{allowed['roles'][0]}>"


async def test_open_weights_and_size_filters_hold_and_show(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """A subscription to open-weight models of 70B+ gets only the large open model, and
    /subscriptions shows both filters."""
    world = World(simcord_env)
    news = world.channels[0]
    answer = await world.subscribe(news, open_weights_only=True, min_params="70B")
    assert "open weights only · 70B+ parameters" in answer

    models = [
        new_model("deepseek-v9", open_weights=True, params_total="671B"),
        new_model("deepseek-v9-lite", open_weights=True, params_total="16B"),
        new_model("deepseek-v9-pro", open_weights=False, params_total="1.6T"),
    ]
    cli_import(settings, tmp_path / "new.json", {"models": models})
    await simcord_env.advance_time(10)

    [only] = announcements(news)
    assert only.embeds[0].title == "New chat model: Deepseek V9"
    [field] = (await world.subscriptions()).fields
    assert field.name == "1. Every lab · any kind · open weights only · 70B+ parameters"


@pytest.mark.simcord(check_errors=False)
async def test_bad_min_params_is_a_clear_ephemeral_error(simcord_env: Any) -> None:
    """min_params that is not a size is refused, saying what is accepted; nothing is stored."""
    world = World(simcord_env)
    news = world.channels[0]

    result = await world.admin.slash(news, "subscribe", channel=news, min_params="lots")

    assert result.ephemeral
    assert "`min_params`: cannot read 'lots'" in result.response.content
    assert '"49B"' in result.response.content
    assert await guild_subscriptions(simcord_env.bot.store, world.guild.id) == []


async def test_forum_subscription_makes_one_tagged_post_per_release(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """A forum channel subscription: two releases imported together become two posts (not
    a digest), each titled with the model's name, tagged with its lab where the forum has a
    tag of that name (case-insensitive); a later import of the same file posts nothing."""
    world = World(simcord_env)
    forum = world.guild.create_forum_channel("releases")
    simcord_env.backend.edit_channel(
        forum.id,
        {"available_tags": [{"id": "9001", "name": "deepseek", "moderated": False, **NO_EMOJI}]},
    )
    await simcord_env.settle()
    answer = await world.subscribe(forum)
    assert answer.startswith("Subscribed") and "new post" in answer

    models = [new_model("deepseek-v9"), new_model("kimi-k9", lab="moonshot")]
    cli_import(settings, tmp_path / "new.json", {"models": models})
    await simcord_env.advance_time(10)
    cli_import(settings, tmp_path / "new.json", {"models": models})
    await simcord_env.advance_time(10)

    cached = simcord_env.bot.get_channel(forum.id)
    posts_by_title = {t.name: t for t in cached.threads}
    assert sorted(posts_by_title) == ["Deepseek V9", "Kimi K9"]
    assert [t.name for t in posts_by_title["Deepseek V9"].applied_tags] == ["deepseek"]
    assert posts_by_title["Kimi K9"].applied_tags == []
    for thread in forum.threads:
        [starter] = thread.history()
        assert starter.embeds[0].title == f"New chat model: {thread.name}"


async def test_thread_subscription_posts_in_the_thread(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """A thread subscription announces in the thread, not in its parent channel."""
    world = World(simcord_env)
    parent = world.channels[0]
    simcord_env.backend.create_thread(parent.id, "deepseek-releases", world.admin.id)
    await simcord_env.settle()
    [thread] = parent.threads
    answer = await world.subscribe(thread, lab="deepseek")
    assert answer.startswith("Subscribed")

    cli_import(settings, tmp_path / "new.json", {"models": [new_model("deepseek-v9")]})
    await simcord_env.advance_time(10)

    [message] = announcements(thread)
    assert message.embeds[0].title == "New chat model: Deepseek V9"
    assert announcements(parent) == []
    [post] = posts(simcord_env)
    assert post.path == f"/channels/{thread.id}/messages" and post.json["nonce"]


async def test_subscribe_previews_the_newest_matching_entry(simcord_env: Any) -> None:
    """/subscribe shows the announcement the newest matching catalog entry would get, or says
    that nothing matches yet."""
    world = World(simcord_env, channels=2)
    store = simcord_env.bot.store
    row = await store.fetchone(
        "SELECT m.name, m.kind FROM new_entries ne JOIN models m ON m.id = ne.entity_id "
        "JOIN labs l ON l.id = m.lab_id WHERE ne.entity = 'model' AND l.slug = 'deepseek' "
        "ORDER BY ne.released DESC, ne.id DESC LIMIT 1"
    )

    result = await world.admin.slash(
        world.channels[0], "subscribe", channel=world.channels[0], lab="deepseek", kind="models"
    )
    assert result.ephemeral and "Preview" in result.response.content
    [embed] = result.response.embeds
    assert row["name"] in (embed.title or "")

    result = await world.admin.slash(
        world.channels[1], "subscribe", channel=world.channels[1], min_params="99T"
    )
    assert "No entry in the catalog matches these filters yet" in result.response.content
    assert result.response.embeds == []


async def test_old_entries_and_corrections_produce_nothing(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """On the bundled baseline, a model released 60 days ago and a correction to an existing
    model announce nothing."""
    world = World(simcord_env)
    news = world.channels[0]
    await world.subscribe(news)
    row = await simcord_env.bot.store.fetchone("SELECT data FROM models ORDER BY slug LIMIT 1")
    corrected = {**json.loads(row[0]), "notes": "Corrected in a test."}

    data = {"models": [new_model("deepseek-v0", days_ago=60), corrected]}
    cli_import(settings, tmp_path / "old.json", data)
    await simcord_env.advance_time(30)

    assert announcements(news) == []
    assert posts(simcord_env) == []


async def test_first_import_into_an_empty_store_is_a_baseline(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """A bot on an empty store (no bundled catalog) announces nothing of the first import,
    however recent, and announces the next one."""
    empty = Settings(database_path=tmp_path / "empty.db", sync_bundled_catalog=False)
    bot = create_bot(empty)
    try:
        await close_bot(simcord_env.bot)
        await simcord_env.restart_bot(bot)
        world = World(simcord_env)
        news = world.channels[0]
        await world.subscribe(news)
        lab = {"slug": "deepseek", "name": "DeepSeek"}
        no_sync = {"MODELRADAR_SYNC_BUNDLED_CATALOG": "false"}

        first = {"labs": [lab], "models": [new_model("deepseek-v9")]}
        cli_import(empty, tmp_path / "first.json", first, **no_sync)
        await simcord_env.advance_time(10)
        assert announcements(news) == []

        cli_import(
            empty, tmp_path / "next.json", {"models": [new_model("deepseek-v10")]}, **no_sync
        )
        await simcord_env.advance_time(10)
        assert [m.embeds[0].title for m in announcements(news)] == ["New chat model: Deepseek V10"]
    finally:
        await close_bot(bot)


async def test_ten_channels_and_three_entries_give_each_channel_one_digest(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """Three entries imported together reach each of ten subscribed channels exactly once, as
    one digest listing all three."""
    world = World(simcord_env, channels=10)
    for channel in world.channels:
        await world.subscribe(channel)
    models = [
        new_model("deepseek-v9"),
        new_model("kimi-k9", lab="moonshot"),
        new_model("qwen9", lab="qwen", days_ago=2),
    ]

    cli_import(settings, tmp_path / "new.json", {"models": models})
    await simcord_env.advance_time(10)
    await simcord_env.advance_time(30)

    for channel in world.channels:
        [digest] = announcements(channel)
        assert digest.embeds[0].title == "3 new models"
        assert (digest.embeds[0].description or "").count("\n") == 2
    assert len(posts(simcord_env)) == 10


async def test_deleted_channel_disables_its_subscription(simcord_env: Any) -> None:
    """Deleting a subscribed channel disables its subscription at once, saying so."""
    world = World(simcord_env, channels=2)
    kept, doomed = world.channels
    await world.subscribe(kept)
    await world.subscribe(doomed)

    simcord_env.backend.delete_channel(doomed.id)
    await simcord_env.settle()

    fields = {f.value.split("\n")[0]: f.value for f in (await world.subscriptions()).fields}
    assert "active" in fields[f"Channel: <#{kept.id}>"]
    assert "the channel was deleted" in fields[f"Channel: <#{doomed.id}>"]


async def test_leaving_a_server_disables_its_subscriptions(simcord_env: Any) -> None:
    """When the bot is removed from a server, that server's subscriptions are disabled."""
    world = World(simcord_env)
    await world.subscribe(world.channels[0])

    simcord_env.backend.remove_guild(world.guild.id)
    await simcord_env.settle()

    [sub] = await guild_subscriptions(simcord_env.bot.store, world.guild.id)
    assert sub.state == "disabled" and sub.disabled_reason == "I was removed from the server"


async def test_unsubscribe_stops_announcements(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """After /unsubscribe a channel gets nothing; unsubscribing it again says there is none."""
    world = World(simcord_env)
    news = world.channels[0]
    await world.subscribe(news, lab="deepseek")

    removed = await world.admin.slash(news, "unsubscribe", channel=news)
    again = await world.admin.slash(news, "unsubscribe", channel=news)
    cli_import(settings, tmp_path / "new.json", {"models": [new_model("deepseek-v9")]})
    await simcord_env.advance_time(10)

    assert "Removed 1 subscription" in removed.response.content
    assert again.ephemeral and "has no subscription" in again.response.content
    assert user_errors(simcord_env) == ["NoSuchSubscription"]
    assert announcements(news) == []
    assert (await world.subscriptions()).fields == []


async def test_subscriptions_lists_filters_role_and_last_announcement(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """/subscriptions shows each subscription's lab, kind, role, state and last announcement."""
    world = World(simcord_env, channels=2)
    role = world.guild.create_role("model-news")
    await world.subscribe(world.channels[0], lab="deepseek", kind="reasoning", role=role)
    await world.subscribe(world.channels[1])
    cli_import(settings, tmp_path / "new.json", {"models": [new_model("kimi-k9", lab="moonshot")]})
    await simcord_env.advance_time(10)

    fields = (await world.subscriptions()).fields
    by_channel = {f.value.split("\n")[0]: f for f in fields}
    filtered = by_channel[f"Channel: <#{world.channels[0].id}>"]
    assert filtered.name.endswith("DeepSeek · Reasoning models")
    assert f"<@&{role.id}>" in filtered.value and "Last announcement: never" in filtered.value
    everything = by_channel[f"Channel: <#{world.channels[1].id}>"]
    assert everything.name.endswith("Every lab · any kind")
    assert "Last announcement: <t:" in everything.value


async def test_alert_commands_are_localised(simcord_env: Any) -> None:
    """/subscribe, /unsubscribe and /subscriptions, their options and the kind choices carry
    zh-CN names and descriptions."""
    puts = [r for r in simcord_env.http_requests if r.method == "PUT" and "/commands" in r.path]
    commands = {c["name"]: c for c in puts[-1].json}
    missing = []
    for name in ("subscribe", "unsubscribe", "subscriptions"):
        command = commands[name]
        items = [command, *command.get("options", [])]
        for item in items:
            for key in ("name", "description"):
                if "zh-CN" not in (item.get(f"{key}_localizations") or {}):
                    missing.append(f"/{name} {item['name']} {key}")
            for choice in item.get("choices", []):
                if "zh-CN" not in (choice.get("name_localizations") or {}):
                    missing.append(f"/{name} choice {choice['name']}")
    assert missing == []


async def test_announcements_follow_the_servers_preferred_locale(
    simcord_env: Any, settings: Settings, tmp_path: Path
) -> None:
    """A server whose preferred locale is zh-CN gets its announcements in Chinese."""
    world = World(simcord_env)
    news = world.channels[0]
    assert (await world.subscribe(news)).startswith("Subscribed")
    guild = simcord_env.bot.get_guild(world.guild.id)
    guild.preferred_locale = discord.Locale.chinese  # SimCord has no setting for it
    data = {"models": [new_model("deepseek-v9", hugging_face="deepseek-ai/DeepSeek-V9")]}

    cli_import(settings, tmp_path / "new.json", data)
    await simcord_env.advance_time(10)

    [message] = announcements(news)
    embed = message.embeds[0]
    assert embed.title == "新对话模型：Deepseek V9"
    assert [f.name for f in embed.fields][:3] == ["实验室", "发布日期", "类型"]
    assert embed.footer.text == "Model Radar · 目录新增"
