"""/compare's service: resolution, rows, best marks, ratios, shared benchmarks, unknowns."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import pytest

from bot.catalog.importer import import_catalog
from bot.catalog.validate import Catalog
from bot.domain.errors import NotFound
from bot.domain.models import Lab, Model
from bot.render.compare_json import compare_json
from bot.render.ratios import ratio_phrase, ratios_line
from bot.services.compare import (
    SameModel,
    WrongCount,
    build,
    compare,
    compare_slugs,
)
from bot.services.compare_ratios import Ratio
from bot.services.names import Ambiguous, NameIndex
from bot.store import Store

SOURCE = ["https://example.org/source"]


def lab(slug: str) -> Lab:
    return Lab.model_validate({"slug": slug, "name": slug.title(), "sources": SOURCE})


def model(slug: str, lab: str = "alpha", **fields: Any) -> Model:
    data = {"slug": slug, "name": slug.upper(), "lab": lab, "released": "2025-01-01"}
    return Model.model_validate({"sources": SOURCE, **data, **fields})


async def fill(store: Store, models: list[Model]) -> NameIndex:
    labs = [lab(slug) for slug in dict.fromkeys(m.lab for m in models)]
    await import_catalog(store, Catalog(labs=labs, models=models))
    return await NameIndex.load(store)


async def test_ratios_line_for_v4_pro_and_k2_6(store: Store) -> None:
    """V4-Pro vs K2.6: exact ratios plain, the inexact one says "about"."""
    result = await compare(store, await NameIndex.load(store), ["deepseek-v4-pro", "kimi-k2.6"])
    assert ratios_line(result.ratios, result.names) == (
        "DeepSeek-V4-Pro has 1.6x the total parameters, about 1.5x the active ones, "
        "4x the context of Kimi K2.6."
    )


async def test_best_marks_on_the_bundled_pair(store: Store) -> None:
    """The larger sizes and newer date are marked; rows without a comparison mark nothing."""
    result = await compare(store, await NameIndex.load(store), ["kimi k2.6", "v4 pro"])
    assert result.names == ("Kimi K2.6", "DeepSeek-V4-Pro")
    for key in ("params_total", "params_active", "context", "released"):
        assert result.row(key).best == {1}, key
    assert result.row("max_output").best == frozenset()  # only V4-Pro's is known
    assert result.row("architecture").best == frozenset()


async def test_unknown_values_stay_none_never_zero(store: Store) -> None:
    """K2 and K2.6 have no max output and no list price here: None, and no best is marked."""
    result = await compare(store, await NameIndex.load(store), ["kimi-k2", "kimi-k2.6"])
    assert result.row("max_output").values == (None, None)
    assert result.row("price_input").values == (None, None)
    assert result.row("price_input").best == frozenset()
    assert result.row("price_input").known == 0
    assert result.row("context").values == (131072, 262144)


async def test_cheapest_price_and_ties(empty_store: Store) -> None:
    """The cheapest price is marked, ties share the mark, and one known value marks nothing."""
    index = await fill(
        empty_store,
        [
            model("a", price_input=0.5, price_output=2.0, context=1000),
            model("b", price_input=0.3, context=1000),
            model("c", price_input=0.3, context=1000),
        ],
    )
    result = await compare(empty_store, index, ["a", "b", "c"])
    assert result.row("price_input").best == {1, 2}
    assert result.row("price_output").best == frozenset()
    assert result.row("context").best == frozenset()  # all equal: nothing stands out
    assert ratios_line(result.ratios, result.names) == "All 3 have the same context."


async def test_same_model_twice_is_refused_with_an_alternative(store: Store) -> None:
    """Naming one model twice (even by two names) says so and suggests a sibling instead."""
    index = await NameIndex.load(store)
    with pytest.raises(SameModel) as caught:
        await compare(store, index, ["v4pro", "DeepSeek-V4-Pro"])
    message = str(caught.value)
    assert message.startswith("Comparing a model with itself:")
    assert "'v4pro' and 'DeepSeek-V4-Pro'" in message
    assert "for example `deepseek-v4-pro` and `deepseek-v4" in message


async def test_names_resolve_by_the_shared_rules(store: Store) -> None:
    """A family name is ambiguous and a misspelling is not found, as everywhere else."""
    index = await NameIndex.load(store)
    with pytest.raises(Ambiguous):
        await compare(store, index, ["claude 4.5", "kimi-k2.6"])
    with pytest.raises(NotFound) as caught:
        await compare(store, index, ["deepsek v4 pro", "kimi-k2.6"])
    assert caught.value.suggestions


async def test_entries_resolved_by_the_bot_compare_like_typed_names(store: Store) -> None:
    """Entries the bot's options resolved give the same comparison as the names typed, and
    the same model twice still quotes what was typed."""
    index = await NameIndex.load(store)
    typed = ["v4pro", "kimi k2.6"]
    entries = [index.resolve(text, "model") for text in typed]
    assert await compare(store, index, entries, typed) == await compare(store, index, typed)
    twice = [entries[0], index.resolve("DeepSeek-V4-Pro", "model")]
    with pytest.raises(SameModel, match="'v4pro' and 'DeepSeek-V4-Pro' both name"):
        await compare(store, index, twice, ["v4pro", "DeepSeek-V4-Pro"])


async def test_two_to_four_models(store: Store) -> None:
    """One model or five are refused with a message saying how many are accepted."""
    index = await NameIndex.load(store)
    with pytest.raises(WrongCount, match="2 to 4 models and got 1"):
        await compare(store, index, ["kimi-k2.6"])
    five = ["deepseek-v4-pro", "deepseek-v4-flash", "kimi-k2.6", "glm-5.1", "deepseek-v3"]
    with pytest.raises(WrongCount, match="got 5"):
        await compare(store, index, five)


async def test_four_models_ratio_largest_to_smallest(store: Store) -> None:
    """With four models, each ratio is the largest known value over the smallest."""
    names = ["deepseek-v4-pro", "deepseek-v4-flash", "kimi-k2.6", "glm-5.1"]
    result = await compare(store, await NameIndex.load(store), names)
    assert len(result.rows[0].values) == 4
    assert ratios_line(result.ratios, result.names) == (
        "DeepSeek-V4-Pro has about 5.6x the total parameters and about 3.8x the active ones "
        "of DeepSeek-V4-Flash; DeepSeek-V4-Pro has about 5.2x the context of GLM-5.1."
    )
    assert result.row("context").best == {0, 1}


async def test_three_models_with_an_unknown_size(empty_store: Store) -> None:
    """A model with unknown sizes is left out of the ratios rather than counted as zero."""
    index = await fill(
        empty_store,
        [
            model("big", params_total="2T", context="128K"),
            model("small", params_total="500B", context="128K"),
            model("secret"),
        ],
    )
    result = await compare(empty_store, index, ["big", "small", "secret"])
    assert result.row("params_total").values == (2 * 10**12, 5 * 10**11, None)
    assert result.row("params_total").best == {0}
    assert ratios_line(result.ratios, result.names) == (
        "BIG has 4x the total parameters of SMALL; BIG and SMALL have the same context."
    )


async def test_only_shared_benchmarks_are_kept(empty_store: Store) -> None:
    """A benchmark only one model reports is dropped; names match ignoring case and dashes."""
    index = await fill(
        empty_store,
        [
            model("a", benchmarks={"SWE-bench Verified": 70.0, "Only A": 1.0}),
            model("b", benchmarks={"swe bench verified": 75.5, "Only B": 2.0}),
        ],
    )
    result = await compare(empty_store, index, ["a", "b"])
    assert [row.label for row in result.benchmarks] == ["SWE-bench Verified"]
    assert result.benchmarks[0].values == (70.0, 75.5)
    assert result.benchmarks[0].best == {1}


async def test_benchmarks_of_three_models_need_two_reports(empty_store: Store) -> None:
    """With three models a benchmark two of them report is shown, a dash for the third."""
    index = await fill(
        empty_store,
        [
            model("a", benchmarks={"MMLU": 80.0, "GPQA": 50.0}),
            model("b", benchmarks={"MMLU": 85.0}),
            model("c", benchmarks={"MMLU": 82.0, "AIME": 1.0}),
        ],
    )
    result = await compare(empty_store, index, ["a", "b", "c"])
    assert [(row.label, row.values) for row in result.benchmarks] == [("MMLU", (80.0, 85.0, 82.0))]


async def test_sources_are_gathered_once_each(empty_store: Store) -> None:
    """Sources of all models are listed in order without repeats."""
    index = await fill(
        empty_store,
        [
            model("a", sources=["https://a.example/1", "https://shared.example/x"]),
            model("b", sources=["https://shared.example/x", "https://b.example/2"]),
        ],
    )
    result = await compare(empty_store, index, ["a", "b"])
    assert result.sources == (
        "https://a.example/1",
        "https://shared.example/x",
        "https://b.example/2",
    )


async def test_a_model_gone_from_the_store_is_not_found(store: Store) -> None:
    """A slug the store no longer holds raises NotFound rather than comparing nothing."""
    with pytest.raises(NotFound):
        await compare_slugs(store, ["deepseek-v4-pro", "no-such-model"])


def test_ratio_wording() -> None:
    """Ratios below 10 keep one decimal, larger ones none; "about" only when rounded."""
    assert ratio_phrase(Ratio("context", 0, 1, Fraction(4)), "context") == "4x the context"
    assert ratio_phrase(Ratio("context", 0, 1, Fraction(8, 5)), "x") == "1.6x the x"
    assert ratio_phrase(Ratio("context", 0, 1, Fraction(49, 32)), "x") == "about 1.5x the x"
    assert ratio_phrase(Ratio("context", 0, 1, Fraction(123, 10)), "x") == "about 12x the x"
    assert ratio_phrase(Ratio("context", 0, 1, Fraction(20)), "x") == "20x the x"
    assert ratio_phrase(Ratio("context", 0, 1, Fraction(1)), "x") == "the same x"


def test_licence_and_modalities_rows_from_hand_built_models() -> None:
    """Licence pairs the licence with open weights; modalities read input → output."""
    a = model("a", license="MIT", open_weights=True, input_modalities=["text", "image"])
    b = model("b", output_modalities=["text"])
    result = build([a, b], [lab("alpha"), None])
    assert result.row("licence").values == (("MIT", True), None)
    assert result.row("modalities").values == ("text, image → ?", "? → text")
    assert result.row("lab").values == ("Alpha", "alpha")


async def test_json_form_is_serialisable(store: Store) -> None:
    """compare_json gives plain JSON with dates as text, unknowns as null and best indices."""
    result = await compare(store, await NameIndex.load(store), ["deepseek-v4-pro", "kimi-k2.6"])
    data = json.loads(json.dumps(compare_json(result)))
    rows = {row["key"]: row for row in data["rows"]}
    assert rows["released"]["values"] == ["2026-04-24", "2026-04-20"]
    assert rows["max_output"]["values"] == [393216, None]
    assert rows["params_total"]["best"] == [0]
    assert rows["licence"]["values"][0] == {"licence": "MIT", "open_weights": True}
    assert data["ratios"][2] == {
        "metric": "context",
        "larger": "deepseek-v4-pro",
        "smaller": "kimi-k2.6",
        "ratio": 4.0,
        "shown": "4",
        "exact": True,
    }
