"""/about through SimCord: the bot starts on the bundled catalog and says what it holds."""

from __future__ import annotations

from typing import Any


async def test_about_shows_the_bundled_catalog(simcord_env: Any) -> None:
    """A member runs /about and sees the catalog's size and its newest release."""
    guild = simcord_env.create_guild("AI News")
    general = guild.create_text_channel("general")
    alice = guild.add_member(simcord_env.create_user("alice"))

    result = await alice.slash(general, "about")

    embed = result.response.embeds[0]
    fields = {field.name: field.value for field in embed.fields}
    assert embed.title == "Model Radar"
    assert " labs, " in fields["Catalog"] and " models, " in fields["Catalog"]
    models = int(fields["Catalog"].split(" labs, ")[1].split(" models")[0])
    assert models >= 20
    assert fields["Newest release"] != "—"
    assert "Anthropic " in fields["Models by lab"] and "DeepSeek " in fields["Models by lab"]
    assert not result.ephemeral
