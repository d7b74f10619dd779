"""/search's service: names, aliases and techniques, ranked, case- and punctuation-insensitive."""

from __future__ import annotations

import pytest

from bot.domain.errors import ModelRadarError
from bot.services.search import MAX_QUERY, Tier, search
from bot.store import Store
from tests.services.directory_data import event, fill, lab, model


def found(result: object) -> list[str]:
    return [hit.slug for hit in result.hits]  # type: ignore[attr-defined]


async def test_mla_finds_deepseek_v3_and_kimi_k2(store: Store) -> None:
    """The technique MLA finds the model that popularised it and the one that adopted it."""
    result = await search(store, "MLA", limit=100)
    assert {"deepseek-v3", "kimi-k2"} <= set(found(result))
    hit = next(h for h in result.hits if h.slug == "kimi-k2")
    assert hit.tier == Tier.TECHNIQUE and hit.matched == "technique MLA"


async def test_chinese_name_finds_the_lab(store: Store) -> None:
    """深度求索 is an alias of DeepSeek: the lab is the first and exact result."""
    result = await search(store, "深度求索")
    first = result.hits[0]
    assert (first.entity, first.slug, first.tier) == ("lab", "deepseek", Tier.EXACT)
    assert first.matched == "alias 深度求索"


async def test_sparse_attention_finds_nsa_and_v32_exp(store: Store) -> None:
    """ "sparse attention" finds the NSA paper and DeepSeek-V3.2-Exp, however it is written."""
    for query in ("sparse attention", "Sparse-Attention", "SPARSEATTENTION"):
        slugs = found(await search(store, query, limit=50))
        assert "deepseek-nsa-paper" in slugs
        assert "deepseek-v3.2-exp" in slugs


async def test_muon_finds_the_optimizer_users(store: Store) -> None:
    """ "muon" finds DeepSeek-V4 (technique Muon) and the Muon paper."""
    slugs = found(await search(store, "muon", limit=50))
    assert {"deepseek-v4-pro", "moonshot-muon-scalable-paper"} <= set(slugs)


async def test_ranking_exact_then_prefix_then_substring_then_technique_then_text(
    empty_store: Store,
) -> None:
    """Exact names beat prefixes, which beat substrings, families, techniques and text."""
    await fill(
        empty_store,
        [lab("alpha"), lab("beta", name="Beta Labs")],
        [
            model("nova", name="Nova", released="2024-01-01"),
            model("nova-pro", name="Nova Pro", released="2025-01-01"),
            model("super-nova", name="SuperNova", released="2026-01-01"),
            model("star", name="Star", family="Nova Family"),
            model("orbit", name="Orbit", techniques=["NOVA attention"]),
            model("comet", name="Comet", highlights=["Faster than nova"]),
        ],
        [event("launch", title="Launching things", summary="Nova arrives")],
    )
    result = await search(empty_store, "nova")
    assert found(result) == ["nova", "nova-pro", "super-nova", "star", "orbit", "comet", "launch"]
    tiers = [hit.tier for hit in result.hits]
    assert tiers == sorted(tiers)
    assert result.total == 7


async def test_labs_come_before_models_within_a_tier(empty_store: Store) -> None:
    """A lab and a model both named exactly: the lab is listed first."""
    await fill(empty_store, [lab("orion")], [model("orion-1", lab="orion", aliases=["Orion"])])
    result = await search(empty_store, "orion")
    assert [(h.entity, h.slug) for h in result.hits][:2] == [("lab", "orion"), ("model", "orion-1")]


async def test_newer_models_first_within_a_tier(empty_store: Store) -> None:
    """Two prefix matches are ordered newest first."""
    await fill(
        empty_store,
        [lab("alpha")],
        [model("zeta-1", released="2024-05-01"), model("zeta-2", released="2025-05-01")],
    )
    assert found(await search(empty_store, "zeta")) == ["zeta-2", "zeta-1"]


async def test_limit_cuts_the_hits_but_total_counts_them_all(store: Store) -> None:
    """A limit of 3 shows three hits and still reports how many matched."""
    result = await search(store, "deepseek", limit=3)
    assert len(result.hits) == 3
    assert result.total > 3
    assert result.hits[0].slug == "deepseek"


async def test_like_wildcards_in_a_query_are_literal(empty_store: Store) -> None:
    """A % typed by the user matches a literal %, not everything."""
    await fill(empty_store, [lab("alpha")], [model("a1"), model("b1", aliases=["100% open"])])
    assert found(await search(empty_store, "%")) == ["b1"]


async def test_no_match_gives_an_empty_result(store: Store) -> None:
    """A query matching nothing returns no hits and a zero total."""
    result = await search(store, "zzqxvw")
    assert result.hits == () and result.total == 0


@pytest.mark.parametrize("query", ["", "   ", "-.-", "\t"])
async def test_empty_query_says_what_to_type(store: Store, query: str) -> None:
    """An empty query (or only separators) is refused with examples of what to type."""
    with pytest.raises(ModelRadarError, match="MLA"):
        await search(store, query)


async def test_too_long_query_says_the_limit(store: Store) -> None:
    """A query over 100 characters is refused, naming the limit."""
    await search(store, "x" * MAX_QUERY)
    with pytest.raises(ModelRadarError, match="at most 100"):
        await search(store, "x" * (MAX_QUERY + 1))


async def test_limit_below_one_is_refused(store: Store) -> None:
    """A limit of 0 is an error saying the limit must be at least 1."""
    with pytest.raises(ModelRadarError, match="at least 1"):
        await search(store, "MLA", limit=0)


async def test_non_ascii_case_and_width_match_as_names_do(empty_store: Store) -> None:
    """SQL pre-filters with the same normalize() as Python: "über" finds the family "Über"
    and a technique written in full-width letters, which SQLite's lower() would have missed."""
    await fill(
        empty_store,
        [lab("orion")],
        [
            model("orion-1", lab="orion", family="Über Orion"),
            model("orion-2", lab="orion", techniques=["ＭＬＡ attention"]),
        ],
    )
    assert found(await search(empty_store, "über orion")) == ["orion-1"]
    assert found(await search(empty_store, "mla attention")) == ["orion-2"]
