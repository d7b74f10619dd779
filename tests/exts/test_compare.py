"""/compare through SimCord, as members of a server would use them (/model in test_model)."""

from __future__ import annotations

from typing import Any

import pytest
import simcord

from bot.catalog.importer import import_catalog
from bot.catalog.validate import Catalog
from bot.domain.errors import NotFound
from bot.domain.models import Model
from bot.exts.options import NameNotResolved
from bot.render.limits import embed_problems
from tests.simcord_helpers import expected_errors, fields, member

PNG = b"\x89PNG\r\n\x1a\n"


async def test_compare_v4_pro_with_k2_6(simcord_env: Any) -> None:
    """/compare answers publicly with the rows, the best marked, the ratios and sources."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "compare", model1="deepseek-v4-pro", model2="kimi-k2.6")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "DeepSeek-V4-Pro vs Kimi K2.6"
    assert "1.6x the total parameters, about 1.5x the active ones, 4x the context" in (
        embed.description or ""
    )
    rows = fields(embed)
    assert rows["Total params"] == "**DeepSeek-V4-Pro** 1.6T ★\n**Kimi K2.6** 1T"
    assert rows["Max output"] == "**DeepSeek-V4-Pro** 384K\n**Kimi K2.6** —"
    assert str(embed.footer.text).startswith("Sources: huggingface.co/deepseek-ai/")
    assert embed_problems([embed]) == []


async def test_compare_four_models_typed_loosely(simcord_env: Any) -> None:
    """Four names typed as people type them resolve, and the answer stays within limits."""
    alice, general = member(simcord_env)
    result = await alice.slash(
        general,
        "compare",
        model1="deepseek v4 pro",
        model2="V4 Flash",
        model3="K2.6",
        model4="glm 5.1",
    )
    embed = result.response.embeds[0]
    assert embed.title == "DeepSeek-V4-Pro vs DeepSeek-V4-Flash vs Kimi K2.6 vs GLM-5.1"
    assert fields(embed)["Context window"].count("★") == 2
    assert embed_problems([embed]) == []


@pytest.mark.parametrize(
    ("typed", "first"),
    [("deepseek v4 pro", "deepseek-v4-pro"), ("v4pro", "deepseek-v4-pro"), ("kimi", "kimi-k3")],
)
async def test_model1_autocomplete(simcord_env: Any, typed: str, first: str) -> None:
    """Typing into model1 offers at most 25 models, the one meant first."""
    alice, general = member(simcord_env)
    choices = await alice.autocomplete(general, "compare", "model1", typed)
    assert 0 < len(choices) <= 25
    assert choices[0]["value"] == first
    assert all(len(choice["name"]) <= 100 for choice in choices)


async def test_every_model_option_autocompletes(simcord_env: Any) -> None:
    """model2, model3, model4 and /model's name suggest models too."""
    alice, general = member(simcord_env)
    for command, option in (
        ("compare", "model2"),
        ("compare", "model3"),
        ("compare", "model4"),
        ("model", "name"),
    ):
        choices = await alice.autocomplete(general, command, option, "k2.6")
        assert choices[0]["value"] == "kimi-k2.6", (command, option)


@pytest.mark.simcord(check_errors=False)
async def test_unknown_name_gets_suggestions_privately(simcord_env: Any) -> None:
    """A misspelt model gets an ephemeral reply with close names to try."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "compare", model1="deepsek-v4-pro", model2="kimi-k2.6")
    assert result.ephemeral
    assert "No model matches 'deepsek-v4-pro'" in result.response.content
    assert "`deepseek-v4-pro`" in result.response.content


@pytest.mark.simcord(check_errors=False)
async def test_unknown_model_is_refused_by_its_option_with_the_usual_message(
    simcord_env: Any,
) -> None:
    """An unknown model2 stops /compare in the option itself, with the service's message."""
    with pytest.raises(NotFound) as raised:
        simcord_env.bot.names.index.resolve("gpt-99 ultra", "model")
    alice, general = member(simcord_env)
    result = await alice.slash(general, "compare", model1="deepseek-v4-pro", model2="gpt-99 ultra")
    assert result.ephemeral
    assert result.response.content == str(raised.value)
    assert result.response.content.startswith("No model matches 'gpt-99 ultra'")
    [error] = expected_errors(simcord_env)
    assert isinstance(error, NameNotResolved) and isinstance(error.original, NotFound)


@pytest.mark.simcord(check_errors=False)
async def test_family_name_lists_its_models_privately(simcord_env: Any) -> None:
    """A family name ("claude 4.5") gets an ephemeral list of the models it could mean."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "compare", model1="claude 4.5", model2="kimi-k2.6")
    assert result.ephemeral
    content = result.response.content
    assert "`claude-sonnet-4.5`" in content and "`claude-opus-4.5`" in content


@pytest.mark.simcord(check_errors=False)
async def test_same_model_twice_is_refused_privately(simcord_env: Any) -> None:
    """Comparing a model with itself gets an ephemeral message naming a model to use instead."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "compare", model1="v4pro", model2="DeepSeek-V4-Pro")
    assert result.ephemeral
    content = result.response.content
    assert content.startswith("Comparing a model with itself")
    assert "for example `deepseek-v4-pro` and `deepseek-v4" in content


async def test_chart_attaches_a_png(simcord_env: Any) -> None:
    """chart:True defers, then answers with the comparison and a PNG shown in the embed."""
    alice, general = member(simcord_env)
    result = await alice.slash(
        general, "compare", model1="deepseek-v4-pro", model2="kimi-k2.6", chart=True
    )
    callbacks = [r.json for r in simcord_env.http_requests if r.path.endswith("/callback")]
    assert callbacks[-1]["type"] == 5  # deferred first (DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE)
    assert not result.ephemeral
    message = result.response
    [attachment] = message.attachments
    assert attachment.filename == "compare.png"
    assert attachment.content_type == "image/png"
    assert (await attachment.read()).startswith(PNG)
    assert str(message.embeds[0].image.url).endswith("compare.png")
    assert message.embeds[0].title == "DeepSeek-V4-Pro vs Kimi K2.6"


async def test_everyone_in_a_model_name_does_not_ping(simcord_env: Any) -> None:
    """A model named "@everyone ..." is shown escaped and nobody is pinged."""
    bot = simcord_env.bot
    model = Model.model_validate(
        {
            "slug": "everyone-ultra",
            "name": "@everyone Ultra @here",
            "lab": "deepseek",
            "released": "2026-05-01",
            "params_total": "2T",
            "predecessor": "deepseek-v4-pro",
        }
    )
    await import_catalog(bot.store, Catalog(models=[model]))
    await bot.names.refresh(force=True)
    alice, general = member(simcord_env)

    for command, options in (
        ("compare", {"model1": "everyone-ultra", "model2": "deepseek-v4-pro"}),
        ("model", {"name": "everyone-ultra"}),
    ):
        result = await alice.slash(general, command, **options)
        assert not result.ephemeral, result.response.content
        assert result.response.message.mention_everyone is False
        assert "@everyone" not in repr(result.response.embeds[0].to_dict())
    sent = [r.json for r in simcord_env.http_requests if r.path.endswith("/callback")]
    for payload in sent[-2:]:
        assert payload["data"]["allowed_mentions"] == {"parse": []}


async def test_compare_gpt_5_with_claude_sonnet_4_5(simcord_env: Any) -> None:
    """Two closed models compare on context, output and list price; sizes stay unknown."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "compare", model1="gpt-5", model2="claude-sonnet-4.5")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "GPT-5 vs Claude Sonnet 4.5"
    shown = fields(embed)
    assert "400K" in shown["Context window"] and "200K" in shown["Context window"]
    assert "128K" in shown["Max output"]
    prices = " ".join(v for k, v in shown.items() if "price" in k.lower() or "$" in v)
    assert "$1.25" in prices and "$3" in prices
    assert embed_problems([embed]) == []


def _menu_values(result: Any) -> list[str]:
    """The values of the select menu on an answer (raw component payloads)."""
    [row] = result.response.components
    [menu] = row["components"]
    return [option["value"] for option in menu["options"]]


async def test_ambiguous_name_offers_a_menu_and_the_pick_completes_the_comparison(
    simcord_env: Any,
) -> None:
    """/compare model1:"claude 4.5" model2:"gpt-5": a private menu of the Claude 4.5 models;
    picking Sonnet compares it with GPT-5 (the other name kept), publicly."""
    alice, general = member(simcord_env)
    offered = await alice.slash(general, "compare", model1="claude 4.5", model2="gpt-5")
    assert offered.ephemeral
    assert "`claude-sonnet-4.5`" in offered.response.content  # the same message as before
    assert set(_menu_values(offered)) == {
        "claude-sonnet-4.5",
        "claude-haiku-4.5",
        "claude-opus-4.5",
    }
    [error] = expected_errors(simcord_env)
    assert isinstance(error, NameNotResolved)
    simcord_env.errors.clear()
    picked = await alice.select(offered.response.message, ["claude-sonnet-4.5"])
    assert not picked.ephemeral
    embed = picked.response.embeds[0]
    assert embed.title == "Claude Sonnet 4.5 vs GPT-5"
    assert embed_problems([embed]) == []
    # The private menu's message (the command's original response) loses its menu once used.
    edits = [r for r in simcord_env.http_requests if r.method == "PATCH" and "@original" in r.path]
    assert edits[-1].json["content"] == "Picked Claude Sonnet 4.5."
    assert edits[-1].json["components"] == []


@pytest.mark.simcord(check_errors=False)
async def test_the_pick_keeps_the_chart_option_and_a_second_ambiguous_name_asks_again(
    simcord_env: Any,
) -> None:
    """Two ambiguous names: a menu for each in turn; the chart option survives both picks."""
    alice, general = member(simcord_env)
    offered = await alice.slash(
        general, "compare", model1="claude 4.5", model2="kimi-k2.6", model3="claude 4.5", chart=True
    )
    again = await alice.select(offered.response.message, ["claude-opus-4.5"])
    assert "claude 4.5" in again.response.content
    done = await alice.select(again.response.message, ["claude-sonnet-4.5"])
    answer = done.response  # deferred while the chart draws, then the comparison
    assert not done.ephemeral
    assert answer.embeds[0].title == "Claude Opus 4.5 vs Kimi K2.6 vs Claude Sonnet 4.5"
    [attachment] = answer.attachments
    assert attachment.filename == "compare.png"


@pytest.mark.simcord(check_errors=False)
async def test_only_the_asker_can_pick(simcord_env: Any) -> None:
    """The menu is private: another member cannot even reach it (the view also checks)."""
    alice, general = member(simcord_env)
    bob = general.guild.add_member(simcord_env.create_user("bob"))
    offered = await alice.slash(general, "compare", model1="claude 4.5", model2="gpt-5")
    with pytest.raises(simcord.SetupError, match="not visible"):
        await bob.select(offered.response.message, ["claude-sonnet-4.5"])


@pytest.mark.simcord(check_errors=False)
async def test_ambiguous_beside_an_unknown_name_says_not_found(simcord_env: Any) -> None:
    """No menu when another name matches nothing: the not-found message, as before."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "compare", model1="claude 4.5", model2="gpt-99 ultra")
    assert result.ephemeral
    assert result.response.content.startswith("No model matches 'gpt-99 ultra'")
    assert not result.response.components
