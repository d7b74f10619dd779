"""/top's and /timeline's `kind`: autocomplete offers only the kinds the catalog holds, with
counts; a kind typed by hand is still checked, and an absent one gets the truthful empty state."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.models import MODEL_KINDS
from tests.exts.test_localisation import synced
from tests.simcord_helpers import expected_errors, member


async def _without_embedding_models(env: Any) -> None:
    """Turn the catalog's embedding models into chat models, so that kind has none."""
    bot = env.bot
    async with bot.store.transaction() as db:
        await db.execute("UPDATE models SET kind = 'chat' WHERE kind = 'embedding'")
    await bot.names.refresh(force=True)


async def _model_counts(env: Any) -> dict[str, int]:
    rows = await env.bot.store.fetchall("SELECT kind, COUNT(*) FROM models GROUP BY kind")
    return {row[0]: row[1] for row in rows if row[0]}


async def test_kind_options_are_autocompleted_strings(simcord_env: Any) -> None:
    """`kind` syncs as an autocompleted string without static choices on both commands."""
    commands = {c["name"]: c for c in synced(simcord_env)}
    for name in ("top", "timeline"):
        [option] = [o for o in commands[name]["options"] if o["name"] == "kind"]
        assert option["type"] == 3 and option.get("autocomplete") is True, name
        assert not option.get("choices"), name


async def test_top_kind_offers_the_present_kinds_with_counts(simcord_env: Any) -> None:
    """/top kind suggests "code (21)"-style choices, only for kinds with models."""
    alice, general = member(simcord_env)
    counts = await _model_counts(simcord_env)
    choices = await alice.autocomplete(general, "top", "kind", "")
    assert {c["value"] for c in choices} == set(counts)
    for choice in choices:
        assert choice["name"] == f"{choice['value']} ({counts[choice['value']]:,})"
    narrowed = await alice.autocomplete(general, "top", "kind", "co")
    assert [c["value"] for c in narrowed] == ["code"]


async def test_top_kind_leaves_out_a_kind_with_no_models(simcord_env: Any) -> None:
    """Once no embedding model is left, it is no longer offered (the counts follow the
    catalog), and typing it by hand says there are none instead of ranking nothing."""
    alice, general = member(simcord_env)
    before = await alice.autocomplete(general, "top", "kind", "")
    assert "embedding" in {c["value"] for c in before}
    await _without_embedding_models(simcord_env)
    counts = await _model_counts(simcord_env)
    after = await alice.autocomplete(general, "top", "kind", "")
    assert "embedding" not in {c["value"] for c in after}
    assert f"chat ({counts['chat']:,})" in {c["name"] for c in after}
    result = await alice.slash(general, "top", metric="context", kind="embedding")
    assert not result.ephemeral
    assert result.response.embeds[0].description == "No embedding models in the catalog yet."


@pytest.mark.simcord(check_errors=False)
async def test_top_unknown_kind_is_refused_privately(simcord_env: Any) -> None:
    """A kind that is not one of the kinds gets a private message listing them."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "top", metric="context", kind="code (21)")
    assert result.ephemeral
    assert result.response.content.startswith("There is no kind 'code (21)'")
    assert all(kind in result.response.content for kind in MODEL_KINDS)
    assert len(expected_errors(simcord_env)) == 1


async def test_top_kind_suggestions_read_the_store_once_per_catalog(simcord_env: Any) -> None:
    """Keystrokes reuse the counts; a catalog change (a new name index) reads them again."""
    bot = simcord_env.bot
    cog = bot.get_cog("TopCog")
    alice, general = member(simcord_env)
    await alice.autocomplete(general, "top", "kind", "")
    first = cog.kinds._counts
    await alice.autocomplete(general, "top", "kind", "c")
    assert cog.kinds._counts is first
    await bot.names.refresh(force=True)
    await alice.autocomplete(general, "top", "kind", "c")
    assert cog.kinds._counts is not first


async def test_timeline_kind_offers_models_events_and_present_kinds(simcord_env: Any) -> None:
    """/timeline kind keeps "models" and "events" and adds the model and event kinds present."""
    alice, general = member(simcord_env)
    await _without_embedding_models(simcord_env)
    choices = await alice.autocomplete(general, "timeline", "kind", "")
    values = [c["value"] for c in choices]
    assert values[:2] == ["models", "events"]
    assert {"code", "paper", "chat"} <= set(values)
    assert "embedding" not in values and "talk" not in values  # no talks in the catalog
    models = sum((await _model_counts(simcord_env)).values())
    assert choices[0]["name"] == f"models ({models:,})"
    assert len(choices) <= 25 and len(values) == len(set(values))


async def test_timeline_absent_kind_typed_by_hand_says_nothing_matches(simcord_env: Any) -> None:
    """A kind with no entries, typed by hand, answers with the empty page, not an error."""
    alice, general = member(simcord_env)
    await _without_embedding_models(simcord_env)
    result = await alice.slash(general, "timeline", kind="embedding")
    assert not result.ephemeral
    assert "Nothing matches these filters." in (result.response.embeds[0].description or "")


@pytest.mark.simcord(check_errors=False)
async def test_timeline_unknown_kind_is_refused_privately(simcord_env: Any) -> None:
    """A value that is not a kind gets a private message listing what `kind` takes."""
    alice, general = member(simcord_env)
    result = await alice.slash(general, "timeline", kind="papers")
    assert result.ephemeral
    assert "`kind` 'papers' is not one of: models, events," in result.response.content
    assert len(expected_errors(simcord_env)) == 1
