"""/top's service: rankings by metric, unknown values left out and counted, limit bounds."""

from __future__ import annotations

import pytest

from bot.domain.errors import ModelRadarError
from bot.services.top import top
from bot.store import Store
from tests.services.directory_data import fill, lab, model


async def test_context_ranking_on_the_bundled_catalog(store: Store) -> None:
    """The largest context windows come first: Llama 4 Scout's 10M leads, and the first ten
    all reach a million tokens."""
    result = await top(store, "context")
    values = [entry.value for entry in result.entries]
    assert len(result.entries) == 10
    assert values == sorted(values, reverse=True)  # type: ignore[type-var]
    assert result.entries[0].slug == "llama-4-scout"
    assert all(value >= 1_000_000 for value in values)  # type: ignore[operator]
    assert [entry.rank for entry in result.entries] == list(range(1, 11))


async def test_kind_filter_keeps_only_that_kind(store: Store) -> None:
    """With kind=prover, only provers are ranked, and the unknown count is of provers only."""
    result = await top(store, "params_total", kind="prover", limit=25)
    assert result.entries and {entry.kind for entry in result.entries} == {"prover"}
    everyone = await top(store, "params_total", limit=25)
    assert result.unknown <= everyone.unknown


async def test_unknown_values_are_left_out_and_counted(empty_store: Store) -> None:
    """Models without a context window are not ranked; the note says how many there are."""
    await fill(
        empty_store,
        [lab("alpha")],
        [
            model("big", context="1M"),
            model("small", context="8K"),
            model("mystery-a"),
            model("mystery-b", kind="chat"),
        ],
    )
    result = await top(empty_store, "context")
    assert [entry.slug for entry in result.entries] == ["big", "small"]
    assert result.unknown == 2
    assert result.unknown_note() == "2 models have no known context window"
    chat = await top(empty_store, "context", kind="chat")
    assert chat.entries == ()
    assert chat.unknown_note() == "1 chat model has no known context window"


async def test_every_value_known_gives_no_note(empty_store: Store) -> None:
    """When all models have the metric, nothing is left out and there is no note."""
    await fill(empty_store, [lab("alpha")], [model("a"), model("b", released="2025-02")])
    result = await top(empty_store, "released")
    assert result.unknown == 0 and result.unknown_note() is None


async def test_prices_rank_cheapest_first(empty_store: Store) -> None:
    """Input and output prices are ranked from the cheapest up."""
    await fill(
        empty_store,
        [lab("alpha")],
        [
            model("pricey", price_input=15.0, price_output=60.0),
            model("cheap", price_input=0.14, price_output=2.19),
            model("middle", price_input=1.0, price_output=0.5),
            model("unpriced"),
        ],
    )
    inputs = await top(empty_store, "price_input")
    assert [e.slug for e in inputs.entries] == ["cheap", "middle", "pricey"]
    outputs = await top(empty_store, "price_output")
    assert [e.slug for e in outputs.entries] == ["middle", "cheap", "pricey"]
    assert outputs.unknown_note() == "1 model has no known output price"


async def test_release_date_ranks_newest_first(empty_store: Store) -> None:
    """By release date the newest model leads; a month-only date sorts before that month's days."""
    await fill(
        empty_store,
        [lab("alpha")],
        [
            model("old", released="2024-03-01"),
            model("new", released="2026-04-24"),
            model("month", released="2025-06"),
            model("day", released="2025-06-15"),
        ],
    )
    result = await top(empty_store, "released")
    assert [e.slug for e in result.entries] == ["new", "day", "month", "old"]
    assert str(result.entries[0].value) == "2026-04-24"


async def test_ties_go_to_the_newer_model(empty_store: Store) -> None:
    """Two models with the same size are ordered newest first."""
    await fill(
        empty_store,
        [lab("alpha")],
        [
            model("older", released="2024-01-01", params_total="7B"),
            model("newer", released="2025-01-01", params_total="7B"),
        ],
    )
    result = await top(empty_store, "params_total")
    assert [e.slug for e in result.entries] == ["newer", "older"]


async def test_limit_is_respected(store: Store) -> None:
    """limit=1 gives one model and limit=25 at most 25."""
    assert len((await top(store, "params_total", limit=1)).entries) == 1
    assert len((await top(store, "released", limit=25)).entries) == 25


@pytest.mark.parametrize("limit", [0, 26, -3, 1000])
async def test_limit_out_of_range_says_the_range(store: Store, limit: int) -> None:
    """A limit outside 1..25 is refused with a message naming the range."""
    with pytest.raises(ModelRadarError, match="from 1 to 25"):
        await top(store, "context", limit=limit)


async def test_unknown_metric_and_kind_list_what_is_accepted(store: Store) -> None:
    """An unknown metric or kind is refused with the accepted values listed."""
    with pytest.raises(ModelRadarError, match="params_total, params_active, context"):
        await top(store, "speed")
    with pytest.raises(ModelRadarError, match="reasoning"):
        await top(store, "context", kind="robot")


async def test_empty_rankings_tell_the_truth(empty_store: Store) -> None:
    """No code models at all is not 'no known context window'; models of a kind without the
    value are counted and said so."""
    from bot.render.top import top_embed, top_text

    await fill(
        empty_store,
        [lab("alpha")],
        [
            model("a", kind="chat", context="8K"),
            model("b", kind="prover"),
            model("c", kind="prover"),
        ],
    )
    code = await top(empty_store, "context", kind="code")
    assert code.entries == () and code.unknown == 0
    assert top_embed(code).description == "No code models in the catalog yet."
    assert "No code models in the catalog yet." in top_text(code)
    provers = await top(empty_store, "context", kind="prover")
    assert top_embed(provers).description == (
        "None of the 2 prover models in the catalog has a known context window yet."
    )
    await fill(empty_store, [], [model("d", kind="omni")])
    omni = await top(empty_store, "price_input", kind="omni")
    assert top_embed(omni).description == (
        "The catalog's one omni model has no known input price yet."
    )


async def test_an_empty_catalog_says_it_is_empty(empty_store: Store) -> None:
    from bot.render.top import top_embed

    assert top_embed(await top(empty_store, "context")).description == (
        "No models in the catalog yet."
    )


async def test_kind_counts_are_read_once_per_key(store: Store) -> None:
    """KindCache reads the GROUP BY once per catalog key and lists only the kinds present."""
    from bot.render.top import kind_label
    from bot.services.top import KindCache

    cache = KindCache()
    key = object()
    counts = await cache.get(store, key)
    assert await cache.get(store, key) is counts
    assert await cache.get(store, object()) is not counts
    kinds = dict(counts.model_kinds())
    assert kinds and all(n > 0 for n in kinds.values())
    assert list(kinds.values()) == sorted(kinds.values(), reverse=True)
    assert dict(counts.entry_kinds())["paper"] == counts.events["paper"]
    assert kind_label("code", 1234) == "code (1,234)"
    assert kind_label("code", 12, "zh-CN") == "代码 code (12)"
