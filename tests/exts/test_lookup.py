"""The "Look up models" message menu through SimCord: cards for the models a message names,
and a button that compares them."""

from __future__ import annotations

from typing import Any

from bot.exts.lookup import find_models
from bot.render.limits import embed_problems
from tests.simcord_helpers import fields, member


async def test_menu_finds_both_models_and_the_button_compares_them(simcord_env: Any) -> None:
    alice, general = member(simcord_env)
    message = await alice.send(general, "DeepSeek V4 Pro vs Kimi K2.6")
    result = await alice.context_menu(general, "Look up models", message)
    assert not result.ephemeral
    cards = result.response.embeds
    assert [card.title for card in cards] == ["DeepSeek-V4-Pro", "Kimi K2.6"]
    first = fields(cards[0])
    assert first["Lab"] == "DeepSeek"
    assert first["Size"].startswith("1.6T")
    assert set(first) == {"Lab", "Released", "Size", "Context", "Price per 1M tokens", "Licence"}
    assert embed_problems(cards) == []
    compared = await alice.click(result.response.message, label="Compare these")
    embed = compared.response.embeds[0]
    assert embed.title == "DeepSeek-V4-Pro vs Kimi K2.6"
    assert not compared.ephemeral


async def test_one_model_gets_a_card_and_no_button(simcord_env: Any) -> None:
    alice, general = member(simcord_env)
    message = await alice.send(general, "anyone tried glm 5.1 yet?")
    result = await alice.context_menu(general, "Look up models", message)
    assert [card.title for card in result.response.embeds] == ["GLM-5.1"]
    assert not result.response.components


async def test_nothing_named_answers_privately(simcord_env: Any) -> None:
    alice, general = member(simcord_env)
    message = await alice.send(general, "lunch at noon?")
    result = await alice.context_menu(general, "Look up models", message)
    assert result.ephemeral
    assert result.response.content == "No catalog model named in that message."


async def test_only_the_asker_can_compare(simcord_env: Any) -> None:
    alice, general = member(simcord_env)
    bob = general.guild.add_member(simcord_env.create_user("bob"))
    message = await alice.send(general, "GPT-5 or Kimi K2.6?")
    result = await alice.context_menu(general, "Look up models", message)
    refused = await bob.click(result.response.message, label="Compare these")
    assert refused.ephemeral
    assert "Only the member who looked these up" in refused.response.content


async def test_longest_match_first_no_overlap_at_most_four(simcord_env: Any) -> None:
    index = simcord_env.bot.names.index
    slugs = [e.slug for e in find_models(index, "(DeepSeek-V4-Pro), deepseek v4 pro and K2.6!")]
    assert slugs == ["deepseek-v4-pro", "kimi-k2.6"]
    many = "GPT-5, Kimi K2.6, GLM-5.1, DeepSeek V4 Flash, DeepSeek V4 Pro"
    assert [e.slug for e in find_models(index, many)] == [
        "gpt-5",
        "kimi-k2.6",
        "glm-5.1",
        "deepseek-v4-flash",
    ]
