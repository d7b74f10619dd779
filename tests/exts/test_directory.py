"""/search and /top through SimCord, as a member of a server would use them."""

from __future__ import annotations

from typing import Any

import pytest
from simcord import OptionError

from bot.render.limits import embed_problems
from tests.simcord_helpers import expected_errors, member


async def test_search_mla_lists_deepseek_v3_and_kimi_k2(simcord_env: Any) -> None:
    """/search MLA lists the models using Multi-head Latent Attention."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "search", query="MLA")
    embed = result.response.embeds[0]
    assert "DeepSeek-V3" in (embed.description or "")
    assert "Kimi K2" in (embed.description or "")
    assert "technique MLA" in (embed.description or "")
    assert embed_problems([embed]) == []


async def test_search_with_only_spaces_says_what_to_type(simcord_env: Any) -> None:
    """A query of spaces gets a private message with examples of what to search for."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "search", query="   ")
    assert result.ephemeral
    assert "MLA" in result.response.content
    assert len(expected_errors(simcord_env)) == 1


async def test_search_cannot_be_sent_over_100_characters(simcord_env: Any) -> None:
    """Discord's client refuses a query over 100 characters before it reaches the bot."""
    alice, general = member(simcord_env)
    with pytest.raises(OptionError):
        await alice.slash(general, "search", query="x" * 101)


async def test_top_context_ranks_the_largest_windows_first(simcord_env: Any) -> None:
    """/top context lists ten models, 10M Llama 4 Scout first, and counts the unknown ones."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "top", metric="context")
    embed = result.response.embeds[0]
    lines = (embed.description or "").splitlines()
    assert embed.title == "Top 10 models by context window"
    assert len(lines) == 10
    assert "Llama 4 Scout" in lines[0] and "10M" in lines[0]
    assert "have no known context window" in (embed.footer.text or "")


async def test_top_with_kind_and_limit(simcord_env: Any) -> None:
    """/top released kind:prover limit:2 shows the two newest provers only (Mistral's
    Leanstral 1.5 and Leanstral)."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "top", metric="released", kind="prover", limit=2)
    embed = result.response.embeds[0]
    assert embed.title == "Newest 2 prover models"
    lines = (embed.description or "").splitlines()
    assert len(lines) == 2
    assert all("Leanstral" in line for line in lines)


async def test_top_limit_bounds(simcord_env: Any) -> None:
    """The limit option takes 1 and 25; Discord's client refuses 0 and 26."""
    alice, general = member(simcord_env)
    one = await alice.slash(general, "top", metric="released", limit=1)
    assert len((one.response.embeds[0].description or "").splitlines()) == 1
    most = await alice.slash(general, "top", metric="released", limit=25)
    assert len((most.response.embeds[0].description or "").splitlines()) == 25
    for limit in (0, 26):
        with pytest.raises(OptionError):
            await alice.slash(general, "top", metric="released", limit=limit)


async def test_top_by_price_with_no_prices_says_so(simcord_env: Any) -> None:
    """Ranking by a price no model of the kind has says so instead of listing zeros."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "top", metric="price_input", kind="embedding")
    embed = result.response.embeds[0]
    assert embed.description == (
        "None of the 2 embedding models in the catalog has a known input price yet."
    )
    assert not embed.footer.text  # the description already says it


async def test_top_by_input_price_lists_the_cheapest_first(simcord_env: Any) -> None:
    """/top price_input ranks the priced models, cheapest first, with their list price."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "top", metric="price_input")
    lines = (result.response.embeds[0].description or "").splitlines()
    assert len(lines) == 10 and all("$" in line for line in lines)
    prices = [float(line.split("$")[1].split()[0]) for line in lines]
    assert prices == sorted(prices) and prices[0] > 0


async def test_everyone_in_a_lab_name_pings_nobody(simcord_env: Any) -> None:
    """A lab named "@everyone Labs" is shown by /lab and /search defused, pinging nobody."""
    from bot.catalog.importer import import_catalog
    from bot.catalog.validate import Catalog
    from bot.domain.models import Lab

    bot = simcord_env.bot
    lab = Lab(slug="everyone-labs", name="@everyone Labs", sources=["https://example.org/"])
    await import_catalog(bot.store, Catalog(labs=[lab]))
    await bot.names.refresh()
    alice, general = member(simcord_env)
    for result in (
        await alice.slash(general, "lab", name="everyone-labs"),
        await alice.slash(general, "search", query="everyone"),
    ):
        embed = result.response.embeds[0]
        shown = f"{embed.title}\n{embed.description}"
        assert "@\u200beveryone Labs" in shown  # defused even where Discord would not ping
        assert "@everyone" not in shown
        assert not result.response.message.mention_everyone
