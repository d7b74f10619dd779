"""Watcher cycles against the local fake: seeding, new entries, filters, fills, one entry for
one release seen twice, HTTP validators and the request cap."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bot.feeds.config import load_config
from bot.feeds.items import HUGGINGFACE, OPENROUTER
from bot.feeds.watcher import SourceReport
from bot.store import Store
from bot.store import feeds as feed_state
from bot.store.catalog import model as get_model
from tests.feeds.conftest import MakeWatcher
from tests.feeds.fakes import FakeFeeds, existing_listings, hf_repo, or_model

HF_ONLY = (HUGGINGFACE,)
OR_ONLY = (OPENROUTER,)


async def count(store: Store, sql: str, *params: Any) -> int:
    return int(await store.scalar(sql, params))


async def announced(store: Store) -> list[tuple[str, str]]:
    rows = await store.fetchall(
        "SELECT slug, source FROM new_entries WHERE announce = 1 ORDER BY id"
    )
    return [(row[0], row[1]) for row in rows]


def by_source(reports: list[SourceReport]) -> dict[str, SourceReport]:
    return {report.source: report for report in reports}


async def test_first_run_records_what_exists_without_announcing(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """The first cycle of each source records every listed item and creates nothing."""
    existing_listings(feeds)
    models_before = await count(feed_store, "SELECT COUNT(*) FROM models")
    entries_before = await count(feed_store, "SELECT COUNT(*) FROM new_entries")

    reports = by_source(await make_watcher().run_once())

    assert reports[HUGGINGFACE].status == "ok" and reports[OPENROUTER].status == "ok"
    assert "deepseek-ai" in reports[HUGGINGFACE].seeded and "qwen" in reports[OPENROUTER].seeded
    assert reports[HUGGINGFACE].created == [] and reports[OPENROUTER].created == []
    assert await count(feed_store, "SELECT COUNT(*) FROM models") == models_before
    assert await count(feed_store, "SELECT COUNT(*) FROM new_entries") == entries_before
    seen = await feed_state.seen_items(feed_store, HUGGINGFACE)
    assert seen["deepseek-ai/ESFT-vanilla-lite"].outcome == "seeded"
    assert seen["deepseek-ai/DeepSeek-V4-Pro"].outcome == "matched"
    assert seen["Qwen/Qwen3.6-27B-FP8"].outcome == "ignored"
    openrouter_seen = await feed_state.seen_items(feed_store, OPENROUTER)
    assert openrouter_seen["qwen/qwen-vl-max-20260430"].outcome == "seeded"
    assert openrouter_seen["qwen/qwen-vl-max"] == feed_state.SeenItem("alias", None)


async def test_new_repo_becomes_one_announced_entry(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """A repo that appears after the first cycle becomes one model, announced once, released
    the day it first appeared (createdAt, the day before, is only when the repo was made)."""
    existing_listings(feeds)
    watcher = make_watcher(HF_ONLY)
    await watcher.run_once()
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", "2026-04-30T23:50:00.000Z"))
    feeds.details["deepseek-ai/DeepSeek-V5"] = {
        "_id": "x",
        "id": "deepseek-ai/DeepSeek-V5",
        "safetensors": {"parameters": {"BF16": 1_201_000_000_000}, "total": 1_201_000_000_000},
        "config": {"architectures": ["DeepseekV5ForCausalLM"], "model_type": "deepseek_v5"},
    }
    feeds.configs["deepseek-ai/DeepSeek-V5"] = {
        "max_position_embeddings": 1048576,
        "n_routed_experts": 384,
        "num_experts_per_tok": 8,
    }

    report = (await watcher.run_once())[0]
    again = (await watcher.run_once())[0]

    assert report.created == ["deepseek-v5"] and again.created == []
    assert await announced(feed_store) == [("deepseek-v5", "huggingface")]
    model = await get_model(feed_store, "deepseek-v5")
    assert model is not None
    assert (model.name, model.lab, str(model.released), model.released_as) == (
        "DeepSeek-V5",
        "deepseek",
        "2026-05-01",
        "weights",
    )
    assert model.notes is not None and "createdAt: 2026-04-30T23:50:00.000Z" in model.notes
    assert model.hugging_face == "deepseek-ai/DeepSeek-V5"
    assert (model.params_total, model.context, model.architecture) == (
        1_201_000_000_000,
        1048576,
        "moe",
    )
    assert model.sources == [f"{feeds.url}/deepseek-ai/DeepSeek-V5"]
    assert model.params_active is None and model.price_input is None
    found = await feed_state.found(feed_store, "deepseek-v5")
    assert [(f.source, f.item, f.created) for f in found] == [
        ("huggingface", "deepseek-ai/DeepSeek-V5", True)
    ]
    assert await feed_state.found_automatically(feed_store) == {"deepseek-v5"}


async def test_quantised_and_adapter_repos_are_ignored(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """GGUF, AWQ, FP8 and adapter repos create nothing and are never asked about."""
    existing_listings(feeds)
    watcher = make_watcher(HF_ONLY)
    await watcher.run_once()
    feeds.log.clear()
    models_before = await count(feed_store, "SELECT COUNT(*) FROM models")
    for repo in ("Qwen/Qwen3.6-27B-GGUF", "Qwen/Qwen3.6-27B-AWQ", "Qwen/Qwen3.6-35B-A3B-FP8"):
        feeds.add_repo("Qwen", hf_repo(repo))
    feeds.add_repo(
        "deepseek-ai",
        hf_repo("deepseek-ai/DeepSeek-V4-Pro-Math", tags=("base_model:adapter:x/y",)),
    )

    report = (await watcher.run_once())[0]

    assert report.created == []
    assert {item.item: item.outcome for item in report.new} == {
        "Qwen/Qwen3.6-27B-GGUF": "ignored",
        "Qwen/Qwen3.6-27B-AWQ": "ignored",
        "Qwen/Qwen3.6-35B-A3B-FP8": "ignored",
        "deepseek-ai/DeepSeek-V4-Pro-Math": "ignored",
    }
    assert await count(feed_store, "SELECT COUNT(*) FROM models") == models_before
    assert feeds.requests("details:") == [] and feeds.requests("config:") == []


async def test_openrouter_prices_fill_a_known_model_quietly(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """New prices fill a known model's empty fields, keep its curated context, announce
    nothing, and follow later price changes of the same id."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY)
    await watcher.run_once()
    before = await get_model(feed_store, "kimi-k2")
    assert before is not None and before.price_input is None and before.context == 131072
    entries_before = await count(feed_store, "SELECT COUNT(*) FROM new_entries")
    feeds.openrouter[0]["pricing"].update(prompt="0.00000027", completion="0.0000011")

    report = (await watcher.run_once())[0]

    after = await get_model(feed_store, "kimi-k2")
    assert after is not None
    assert (after.price_input, after.price_output) == (0.27, 1.1)
    assert after.context == 131072  # curated 128K kept; OpenRouter says 163840
    assert after.max_output == 65536  # filled on the first cycle: it was empty
    assert report.filled == {"kimi-k2": ["price_input", "price_output"]}
    assert await count(feed_store, "SELECT COUNT(*) FROM new_entries") == entries_before

    feeds.openrouter[0]["pricing"].update(prompt="0.00000025")
    await watcher.run_once()
    cheaper = await get_model(feed_store, "kimi-k2")
    assert cheaper is not None and (cheaper.price_input, cheaper.context) == (0.25, 131072)
    assert await count(feed_store, "SELECT COUNT(*) FROM new_entries") == entries_before


async def test_unknown_openrouter_model_is_a_new_entry(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """An OpenRouter id no model matches becomes an announced model with its prices."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY)
    await watcher.run_once()
    feeds.openrouter.append(
        or_model(
            "moonshotai/kimi-k9", "MoonshotAI: Kimi K9", prompt="0.0000006", completion="0.0000025"
        )
    )
    feeds.openrouter.append(or_model("moonshotai/kimi-k9:free", "MoonshotAI: Kimi K9 (free)"))

    report = (await watcher.run_once())[0]

    assert report.created == ["kimi-k9"]
    assert await announced(feed_store) == [("kimi-k9", "openrouter")]
    model = await get_model(feed_store, "kimi-k9")
    assert model is not None
    assert (model.name, model.lab, model.released_as) == ("Kimi K9", "moonshot", "api")
    assert (model.price_input, model.price_output, model.context) == (0.6, 2.5, 163840)
    assert {i.item: i.outcome for i in report.new}["moonshotai/kimi-k9-20260430:free"] == (
        "ignored"
    )


async def test_one_release_seen_on_both_sources_is_one_entry(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """A repo and the OpenRouter id naming it become one model with both sources' fields."""
    existing_listings(feeds)
    watcher = make_watcher()
    await watcher.run_once()
    feeds.add_repo("moonshotai", hf_repo("moonshotai/Kimi-K9", "2026-04-30T10:00:00.000Z"))
    feeds.openrouter.append(
        or_model("moonshotai/kimi-k9", "MoonshotAI: Kimi K9", hugging_face_id="moonshotai/Kimi-K9")
    )

    reports = by_source(await watcher.run_once())

    assert reports[HUGGINGFACE].created == ["kimi-k9"]
    assert reports[OPENROUTER].created == []
    assert reports[OPENROUTER].filled["kimi-k9"][:2] == ["context", "max_output"]
    assert await announced(feed_store) == [("kimi-k9", "huggingface")]
    model = await get_model(feed_store, "kimi-k9")
    assert model is not None and model.price_input == 0.27 and model.released_as == "weights"
    found = await feed_state.found(feed_store, "kimi-k9")
    assert {(f.source, f.created) for f in found} == {("huggingface", True), ("openrouter", False)}


async def test_openrouter_first_then_the_repo_is_still_one_entry(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """When OpenRouter lists a model before its weights appear, the repo fills that model."""
    existing_listings(feeds)
    await make_watcher().run_once()
    feeds.openrouter.append(or_model("z-ai/glm-6", "Z.AI: GLM 6"))
    await make_watcher(OR_ONLY).run_once()
    feeds.add_repo("zai-org", hf_repo("zai-org/GLM-6", "2026-04-30T10:00:00.000Z"))
    feeds.details["zai-org/GLM-6"] = {
        "id": "zai-org/GLM-6",
        "safetensors": {"total": 744_000_000_000},
    }

    report = (await make_watcher(HF_ONLY).run_once())[0]

    assert report.created == []
    assert report.filled["glm-6"] == ["hugging_face", "open_weights", "license", "params_total"]
    assert await announced(feed_store) == [("glm-6", "openrouter")]
    model = await get_model(feed_store, "glm-6")
    assert model is not None and model.hugging_face == "zai-org/GLM-6"


async def test_known_repo_fills_only_empty_fields(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """A curated model's parameter count stays; its missing context comes from config.json."""
    existing_listings(feeds)
    feeds.details["deepseek-ai/DeepSeek-V3.2"] = {
        "id": "deepseek-ai/DeepSeek-V3.2",
        "safetensors": {"total": 684_531_386_000},
    }
    feeds.configs["deepseek-ai/DeepSeek-V3.2"] = {"max_position_embeddings": 163840}
    before = await get_model(feed_store, "deepseek-v3.2")
    assert before is not None and before.context is None

    await make_watcher(HF_ONLY).run_once()

    after = await get_model(feed_store, "deepseek-v3.2")
    assert after is not None
    assert after.params_total == before.params_total == 671_000_000_000
    assert after.context == 163840
    assert (
        await count(feed_store, "SELECT COUNT(*) FROM new_entries WHERE source = ?", HUGGINGFACE)
        == 0
    )


async def test_conditional_requests_get_304_and_change_nothing(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """Listings are asked for with If-None-Match; a 304 costs nothing and writes nothing new."""
    existing_listings(feeds)
    watcher = make_watcher()
    await watcher.run_once()
    feeds.log.clear()

    quiet = by_source(await watcher.run_once())

    listing_headers = [headers for key, _, headers in feeds.log if key.startswith("listing:")]
    assert listing_headers and all("If-None-Match" in h for h in listing_headers)
    assert all(h["User-Agent"].startswith("ModelRadar/") for _, _, h in feeds.log)
    listings = len(load_config().huggingface.organisations)
    assert quiet[HUGGINGFACE].not_modified == quiet[HUGGINGFACE].requests == listings
    assert quiet[OPENROUTER].not_modified == 1 and quiet[HUGGINGFACE].new == []

    feeds.add_repo("Qwen", hf_repo("Qwen/Qwen4-8B", "2026-04-30T10:00:00.000Z"))
    changed = by_source(await watcher.run_once())[HUGGINGFACE]
    assert changed.not_modified == listings - 1 and changed.created == ["qwen4-8b"]


async def test_request_cap_defers_work_to_the_next_cycle(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """With a cap of 3 requests, two new repos are created over two cycles, none lost."""
    existing_listings(feeds)
    await make_watcher(HF_ONLY).run_once()
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", "2026-04-30T10:00:00.000Z"))
    feeds.add_repo(
        "deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5-Lite", "2026-04-30T11:00:00.000Z")
    )
    capped = make_watcher(HF_ONLY, feeds_max_requests_per_cycle=3)

    first = (await capped.run_once())[0]
    second = (await capped.run_once())[0]

    assert first.requests == second.requests == 3
    assert first.created == ["deepseek-v5-lite"] and first.deferred == ["deepseek-ai/DeepSeek-V5"]
    assert second.created == ["deepseek-v5"]
    assert sorted(slug for slug, _ in await announced(feed_store)) == [
        "deepseek-v5",
        "deepseek-v5-lite",
    ]


async def test_an_organisation_added_later_is_seeded_not_announced(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store
) -> None:
    """Repos of an organisation watched for the first time are recorded, not announced."""
    from dataclasses import replace

    existing_listings(feeds)
    watcher = make_watcher(HF_ONLY)
    hf = watcher.config.huggingface
    watcher.config = replace(
        watcher.config, huggingface=replace(hf, organisations={"deepseek-ai": "deepseek"})
    )
    await watcher.run_once()
    feeds.add_repo("Qwen", hf_repo("Qwen/Qwen4-8B", "2026-04-30T10:00:00.000Z"))
    watcher.config = replace(watcher.config, huggingface=hf)

    report = (await watcher.run_once())[0]

    assert "Qwen" in report.seeded and report.created == []
    assert await announced(feed_store) == []


def test_released_dates_are_the_repos_creation_day() -> None:
    """createdAt late in the UTC day stays on that UTC day."""
    from bot.feeds.huggingface import _created

    assert str(_created("2026-04-30T23:50:00.000Z")) == "2026-04-30"
    assert _created("yesterday") is None
    assert (
        json.dumps(str(_created(dt.date(2026, 1, 1).isoformat() + "T00:00:00Z"))) == '"2026-01-01"'
    )
