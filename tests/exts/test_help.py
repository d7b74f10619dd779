"""/help through SimCord: every synced command, each with a one-line example, in English or
(for a zh-CN user) Chinese, usable in a DM too."""

from __future__ import annotations

import re
from typing import Any

import pytest
import simcord.interactions

from bot.render.help import EXAMPLES
from tests.exts.test_localisation import synced
from tests.simcord_helpers import member


def chinese_for(monkeypatch: pytest.MonkeyPatch, user_id: int) -> list[int]:
    """Interactions of `user_id` arrive with locale zh-CN; returns a list that grows each time
    the wrapper changed a payload (assert on it, so a SimCord change fails loudly)."""
    original = simcord.interactions.base_payload
    changed: list[int] = []

    def wrapped(backend: Any, **kw: Any) -> Any:
        record, payload = original(backend, **kw)
        if kw.get("user_id") == user_id:
            payload["locale"] = "zh-CN"
            changed.append(user_id)
        return record, payload

    monkeypatch.setattr(simcord.interactions, "base_payload", wrapped)
    return changed


def listed(description: str) -> dict[str, str]:
    """{command: example} from the help embed's text."""
    found = re.findall(r"\*\*/?([^*]+)\*\* — .*\n`([^`]+)`", description)
    return dict(found)


async def test_help_lists_every_command_with_an_example(simcord_env: Any) -> None:
    alice, general = member(simcord_env)
    result = await alice.slash(general, "help")
    embed = result.response.embeds[0]
    assert result.ephemeral
    entries = listed(embed.description)
    commands = {c["name"] for c in synced(simcord_env)}
    assert set(entries) == commands
    for name, example in entries.items():
        assert name in EXAMPLES, f"/{name} has no example in bot/render/help.py"
        assert example == EXAMPLES[name]
    assert "`/compare model1:DeepSeek-V4-Pro model2:Kimi K2.6 chart:True`" in embed.description
    assert "/subscribe** — Announce new models and events in a channel (servers only" in (
        embed.description
    )


async def test_every_example_uses_real_option_names(simcord_env: Any) -> None:
    """An example's `option:` words are options of that command (a renamed option fails)."""
    commands = {c["name"]: c for c in synced(simcord_env)}
    for name, command in commands.items():
        options = {o["name"] for o in command.get("options", [])}
        used = set(re.findall(r"(\w+):", EXAMPLES[name]))
        assert used <= options, f"/{name}: {used - options} are not options"


async def test_help_in_a_dm_and_in_chinese(
    simcord_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bob = simcord_env.create_user("bob")
    changed = chinese_for(monkeypatch, bob.id)
    result = await bob.slash("help")
    assert changed, "the locale wrapper never ran: SimCord changed how it builds payloads"
    embed = result.response.embeds[0]
    assert embed.title == "Model Radar：命令"
    assert "**/比较** — 并排比较两到四个模型" in embed.description  # /compare, as zh-CN shows it
    assert "`/比较 模型1:DeepSeek-V4-Pro 模型2:Kimi K2.6 图表:True`" in embed.description
    assert "`/排行 指标:上下文窗口 类型:对话 数量:10`" in embed.description
    assert "（仅限服务器、需要“管理服务器”权限）" in embed.description
    assert "Every command" not in embed.description  # /help's own description too


async def test_every_chinese_example_uses_the_synced_chinese_names(simcord_env: Any) -> None:
    """A zh-CN example's command and option names are the localisations Discord was sent
    (what a zh-CN member sees and types)."""
    from bot.render.help import example

    for command in synced(simcord_env):
        if command.get("type", 1) != 1:
            continue
        text = example(command["name"], "zh-CN")
        head = text.split(" ")[0]
        assert head == "/" + command["name_localizations"]["zh-CN"], text
        options = {o["name_localizations"]["zh-CN"] for o in command.get("options", [])}
        used = set(re.findall(r"(\w+):", text))
        assert used <= options, f"{text}: {used - options} are not its options in zh-CN"
