"""/model through SimCord, as members of a server would use them."""

from __future__ import annotations

from typing import Any

import pytest

from bot.render.limits import embed_problems
from tests.simcord_helpers import fields, member


async def test_model_shows_predecessor_and_successor(simcord_env: Any) -> None:
    """/model kimi k2.5 shows its facts, K2 Thinking as predecessor and K2.6 as successor."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "model", name="kimi k2.5")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Kimi K2.5"
    shown = fields(embed)
    assert shown["Total params"] == "1T" and shown["Context window"] == "256K"
    assert shown["Predecessor"].startswith("**Kimi K2 Thinking** (6 Nov 2025)\n")
    assert "Input +image, +video" in shown["Predecessor"]
    assert shown["Successor"].startswith("**Kimi K2.6** (20 Apr 2026)")
    assert "[Hugging Face](https://huggingface.co/moonshotai/Kimi-K2.5)" in shown["Links"]
    assert embed_problems([embed]) == []


@pytest.mark.simcord(check_errors=False)
async def test_model_unknown_name_is_private(simcord_env: Any) -> None:
    """/model with a name that matches nothing answers privately with suggestions."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "model", name="kimi k9")
    assert result.ephemeral
    assert result.response.content.startswith("No model matches 'kimi k9'")


@pytest.mark.simcord(check_errors=False)
async def test_model_ambiguous_name_offers_a_menu_and_the_pick_answers(simcord_env: Any) -> None:
    """/model name:"claude 4.5" offers the Claude 4.5 models; picking one shows its profile."""
    alice, general = member(simcord_env)
    offered = await alice.slash(general, "model", name="claude 4.5")
    assert offered.ephemeral
    picked = await alice.select(offered.response.message, ["claude-opus-4.5"])
    assert not picked.ephemeral
    assert picked.response.embeds[0].title == "Claude Opus 4.5"
