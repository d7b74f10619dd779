"""/lab through SimCord, as a member of a server would use it."""

from __future__ import annotations

from typing import Any

from bot.render.limits import embed_problems
from tests.simcord_helpers import expected_errors, fields, member


async def test_lab_deepseek_shows_its_profile(simcord_env: Any) -> None:
    """/lab deepseek answers publicly with counts, the latest V4 releases and a timeline."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "lab", name="deepseek")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "DeepSeek"
    assert "深度求索" in (embed.description or "")
    values = fields(embed)
    assert int(values["Models"]) >= 9
    latest = next(v for k, v in values.items() if k.startswith("Latest releases"))
    assert "DeepSeek-V4-Pro" in latest
    assert any(k.startswith("Timeline") for k in values)
    assert embed_problems([embed]) == []


async def test_lab_accepts_the_chinese_name_typed(simcord_env: Any) -> None:
    """Typing 月之暗面 without picking a suggestion still finds Moonshot AI."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "lab", name="月之暗面")
    assert result.response.embeds[0].title == "Moonshot AI"


async def test_unknown_lab_gets_an_ephemeral_reply_with_suggestions(simcord_env: Any) -> None:
    """A misspelt lab gets a private message suggesting close names."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "lab", name="deepsek")
    assert result.ephemeral
    assert "No lab matches 'deepsek'" in result.response.content
    assert "`deepseek`" in result.response.content
    assert len(expected_errors(simcord_env)) == 1


async def test_lab_autocomplete_offers_at_most_25_labs(simcord_env: Any) -> None:
    """The lab option suggests labs from what was typed, never more than 25."""
    alice, general = member(simcord_env)
    everything = await alice.autocomplete(general, "lab", "name", "")
    assert 0 < len(everything) <= 25
    moon = await alice.autocomplete(general, "lab", "name", "月之")
    assert moon[0]["value"] == "moonshot"
    assert all(len(choice["name"]) <= 100 for choice in everything + moon)


async def test_lab_anthropic_shows_a_closed_lab(simcord_env: Any) -> None:
    """/lab anthropic answers with Claude models, none of them open weights."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "lab", name="anthropic")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Anthropic"
    values = fields(embed)
    assert int(values["Models"]) >= 10
    latest = next(v for k, v in values.items() if k.startswith("Latest releases"))
    assert "Claude" in latest
    assert embed_problems([embed]) == []
