"""The watchers against payloads shaped as the real APIs answer (shared/reference/feed-apis.md):
Hub listings in pages with `Link: rel="next"`, repos made public long after `createdAt`, the
bot down for days, OpenRouter's time-window prices and discounts, and a renamed OpenRouter id."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.feeds.items import HUGGINGFACE, OPENROUTER
from bot.feeds.report import source_text
from bot.feeds.watcher import Watcher
from bot.store import Store
from bot.store import feeds as feed_state
from bot.store.catalog import model as get_model
from tests.feeds.conftest import START, Clock, MakeWatcher, feed_settings
from tests.feeds.fakes import FakeFeeds, existing_listings, hf_repo, just_now, or_model
from tests.feeds.test_failures import snapshot
from tests.feeds.test_watcher import announced

HF_ONLY = (HUGGINGFACE,)
OR_ONLY = (OPENROUTER,)
MAINS = ("0.6B", "1.7B", "4B", "8B", "14B", "32B", "30B-A3B", "235B-A22B")
COPIES = ("FP8", "AWQ", "GGUF", "GPTQ-Int4")


def created_at(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def only(watcher: Watcher, organisations: dict[str, str]) -> Watcher:
    hf = replace(watcher.config.huggingface, organisations=organisations)
    watcher.config = replace(watcher.config, huggingface=hf)
    return watcher


def launch(feeds: FakeFeeds) -> None:
    """A 40-repo launch: 8 models, then their 32 quantised copies (created a little later, so
    the newest-first listing shows the copies first and the models only on page 2)."""
    for n, size in enumerate(MAINS):
        made = START - dt.timedelta(hours=6) + dt.timedelta(minutes=n)
        feeds.add_repo("Qwen", hf_repo(f"Qwen/Qwen9-{size}", created_at(made)))
        for k, copy in enumerate(COPIES):
            later = made + dt.timedelta(hours=1, minutes=10 * k)
            feeds.add_repo("Qwen", hf_repo(f"Qwen/Qwen9-{size}-{copy}", created_at(later)))


# ---------------------------------------------------------------- pages


async def test_a_launch_larger_than_a_page_loses_no_model(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """40 repos at once: the models are on the second page. With 10 requests a cycle, the
    first cycle reads both pages and 4 models and says the listing is unfinished; the second
    goes on from page 2 (not page 1) and adds the other 4; the third asks page 1 again."""
    existing_listings(feeds)
    watcher = only(make_watcher(HF_ONLY, feeds_max_requests_per_cycle=10), {"Qwen": "qwen"})
    await watcher.run_once()
    launch(feeds)
    assert len(feeds.listing("Qwen")) == 42
    feeds.log.clear()

    clock.advance(minutes=10)
    first = (await watcher.run_once())[0]

    assert first.status == "ok" and first.pages == 2 and first.requests == 10
    assert feeds.requests("listing:") == ["listing:Qwen", "listing:Qwen:2"]
    assert len(first.created) == 4 and len(first.deferred) == 4
    assert first.unfinished == ["Qwen"]
    assert "listing unfinished (request cap)" in source_text(first)
    assert "pages read 2, items seen 38, new 4" in source_text(first)
    feeds.log.clear()

    clock.advance(minutes=10)
    second = (await watcher.run_once())[0]

    assert feeds.requests("listing:") == ["listing:Qwen:2"]
    assert len(second.created) == 4 and second.deferred == [] and second.unfinished == []
    slugs = sorted(slug for slug, _ in await announced(feed_store))
    assert slugs == sorted(f"qwen9-{size.lower()}" for size in MAINS)
    for slug in slugs:
        model = await get_model(feed_store, slug)
        assert model is not None and str(model.released) == "2026-05-01"
    feeds.log.clear()

    clock.advance(minutes=10)
    third = (await watcher.run_once())[0]
    assert feeds.requests("listing:") == ["listing:Qwen"] and third.not_modified == 1
    assert third.created == [] and third.unfinished == []


async def test_the_listing_stops_at_the_first_page_holding_a_known_repo(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """A page with a repo seen before ends the walk: older pages hold nothing new."""
    feeds.listings["Qwen"] = [
        hf_repo(f"Qwen/Old-{n}", created_at(START - dt.timedelta(days=n + 1))) for n in range(70)
    ]
    watcher = only(make_watcher(HF_ONLY), {"Qwen": "qwen"})
    baseline = (await watcher.run_once())[0]
    assert baseline.pages == 1  # the first look reads one page: all of it is old
    feeds.add_repo("Qwen", hf_repo("Qwen/Qwen9-8B", created_at(START)))
    feeds.log.clear()

    clock.advance(minutes=10)
    report = (await watcher.run_once())[0]

    assert report.pages == 1 and feeds.requests("listing:") == ["listing:Qwen"]
    assert report.created == ["qwen9-8b"]


async def test_a_next_page_on_another_host_is_refused(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """A `rel="next"` link to another host fails the source, naming it; it is never asked
    and nothing is written."""
    existing_listings(feeds)
    watcher = only(make_watcher(HF_ONLY), {"Qwen": "qwen"})
    await watcher.run_once()
    launch(feeds)
    elsewhere = FakeFeeds()
    await elsewhere.start()
    other = elsewhere.url
    try:
        feeds.link_base = other
        before = await snapshot(feed_store)
        clock.advance(minutes=10)
        report = (await watcher.run_once())[0]
    finally:
        await elsewhere.close()

    assert report.status == "failed" and report.error is not None
    assert report.error.startswith(f"next page on another host refused: {other}/")
    assert elsewhere.log == []
    assert await snapshot(feed_store) == before


# ---------------------------------------------------------------- release days


async def test_a_repo_made_public_weeks_after_its_creation_is_announced_today(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """Created privately 20 days ago, public now: released today, announced, and the raw
    createdAt kept in the note."""
    existing_listings(feeds)
    watcher = only(make_watcher(HF_ONLY), {"deepseek-ai": "deepseek"})
    await watcher.run_once()
    private_since = created_at(START - dt.timedelta(days=20))
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", private_since))

    clock.advance(hours=1)
    report = (await watcher.run_once())[0]

    assert report.created == ["deepseek-v5"]
    assert await announced(feed_store) == [("deepseek-v5", "huggingface")]
    model = await get_model(feed_store, "deepseek-v5")
    assert model is not None and str(model.released) == "2026-05-01"
    assert model.notes is not None and f"createdAt: {private_since}" in model.notes


async def test_after_five_days_down_the_day_is_the_later_of_creation_and_last_listing(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """The bot was down 5 days: a repo created while it was down is dated by createdAt; one
    created long before (and made public since the last listing) by that listing's day."""
    existing_listings(feeds)
    watcher = only(make_watcher(HF_ONLY), {"deepseek-ai": "deepseek"})
    await watcher.run_once()
    clock.advance(days=5)
    feeds.add_repo(
        "deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", created_at(START + dt.timedelta(days=3)))
    )
    feeds.add_repo(
        "deepseek-ai", hf_repo("deepseek-ai/Janus-9", created_at(START - dt.timedelta(days=30)))
    )

    report = (await watcher.run_once())[0]

    assert sorted(report.created) == ["deepseek-v5", "janus-9"]
    v5 = await get_model(feed_store, "deepseek-v5")
    janus = await get_model(feed_store, "janus-9")
    assert v5 is not None and str(v5.released) == "2026-05-04"
    assert janus is not None and str(janus.released) == "2026-05-01"
    assert sorted(slug for slug, _ in await announced(feed_store)) == ["deepseek-v5", "janus-9"]


async def test_the_weights_day_beats_the_openrouter_listing_day(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """OpenRouter lists a model first (dated the day it appeared there); the repo appearing
    days later gives it the weights day. A curated model keeps its day."""
    existing_listings(feeds)
    await make_watcher().run_once()
    feeds.openrouter.append(or_model("z-ai/glm-6", "Z.AI: GLM 6"))
    await make_watcher(OR_ONLY).run_once()
    listed = await get_model(feed_store, "glm-6")
    assert listed is not None and (str(listed.released), listed.released_as) == (
        "2026-05-01",
        "api",
    )
    assert listed.notes is not None and "OpenRouter created:" in listed.notes
    curated = await get_model(feed_store, "kimi-k2")
    assert curated is not None

    clock.advance(days=1)
    await make_watcher().run_once()
    clock.advance(days=1)
    feeds.add_repo("zai-org", hf_repo("zai-org/GLM-6", created_at(START)))
    feeds.add_repo("moonshotai", hf_repo("moonshotai/Kimi-K2-Instruct", created_at(START)))
    await make_watcher().run_once()

    weights = await get_model(feed_store, "glm-6")
    assert weights is not None
    assert (str(weights.released), weights.released_as) == ("2026-05-03", "weights")
    again = await get_model(feed_store, "kimi-k2")
    assert again is not None and again.released == curated.released
    assert again.hugging_face == "moonshotai/Kimi-K2-Instruct"
    hf_seen = await feed_state.seen_items(feed_store, HUGGINGFACE)
    assert hf_seen["moonshotai/Kimi-K2-Instruct"] == feed_state.SeenItem("matched", "kimi-k2")


# ---------------------------------------------------------------- OpenRouter


def windowed(prompt: str, completion: str, **extra: object) -> dict[str, object]:
    """OpenRouter pricing with an off-peak window at half price."""
    return {
        "prompt": prompt,
        "completion": completion,
        "request": "0",
        "image": "0",
        "input_cache_read": "0",
        "overrides": [
            {
                "utc_start": "16:30",
                "utc_end": "00:30",
                "prompt": "0.0000003",
                "completion": "0.000001",
            },
            {"min_prompt_tokens": 128000, "prompt": "0.0000012"},
        ],
        **extra,
    }


async def test_time_window_and_discounted_prices_do_not_flip_the_stored_price(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """The standard price is stored; the off-peak window's and a discounted price leave it;
    a change of the standard price changes it."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY)
    await watcher.run_once()
    kimi = feeds.openrouter[0]

    async def price() -> tuple[float | None, float | None]:
        clock.advance(hours=6)
        await watcher.run_once()
        model = await get_model(feed_store, "kimi-k2")
        assert model is not None
        return model.price_input, model.price_output

    kimi["pricing"] = windowed("0.0000006", "0.000002")  # peak: the standard price in force
    assert await price() == (0.6, 2.0)
    kimi["pricing"] = windowed("0.0000003", "0.000001")  # off-peak: the window's price
    assert await price() == (0.6, 2.0)
    kimi["pricing"] = windowed("0.00000048", "0.0000016", discount=0.2)  # 20% off
    assert await price() == (0.6, 2.0)
    kimi["pricing"] = windowed("0.0000006", "0.000002")
    assert await price() == (0.6, 2.0)
    kimi["pricing"] = windowed("0.0000007", "0.000002")  # the list price changed
    assert await price() == (0.7, 2.0)


async def test_a_renamed_openrouter_id_is_the_same_model(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """Items are keyed on canonical_slug: an id renamed under the same slug is recorded as
    another alias of the same model, not announced again."""
    existing_listings(feeds)
    watcher = make_watcher(OR_ONLY)
    await watcher.run_once()
    slug = "moonshotai/kimi-k9-20260501"
    feeds.openrouter.append(
        or_model("moonshotai/kimi-k9-preview", "MoonshotAI: Kimi K9 Preview", canonical_slug=slug)
    )
    clock.advance(minutes=10)
    first = (await watcher.run_once())[0]
    assert first.created == ["kimi-k9-preview"]
    feeds.openrouter[-1] = or_model(
        "moonshotai/kimi-k9", "MoonshotAI: Kimi K9", canonical_slug=slug
    )

    clock.advance(minutes=10)
    renamed = (await watcher.run_once())[0]

    assert renamed.created == [] and renamed.new == []
    assert renamed.renamed == {"moonshotai/kimi-k9": slug}
    assert "new id of moonshotai/kimi-k9-20260501" in source_text(renamed)
    assert await announced(feed_store) == [("kimi-k9-preview", "openrouter")]
    seen = await feed_state.seen_items(feed_store, OPENROUTER)
    assert seen[slug] == feed_state.SeenItem("created", "kimi-k9-preview")
    assert seen["moonshotai/kimi-k9"] == feed_state.SeenItem("alias", "kimi-k9-preview")
    assert seen["moonshotai/kimi-k9-preview"] == feed_state.SeenItem("alias", "kimi-k9-preview")
    found = await feed_state.found(feed_store, "kimi-k9-preview")
    assert [(f.item, f.url) for f in found] == [(slug, f"{feeds.url}/moonshotai/kimi-k9")]


async def test_a_store_keyed_on_ids_announces_nothing_again(
    feeds: FakeFeeds, make_watcher: MakeWatcher, feed_store: Store, clock: Clock
) -> None:
    """A store from before canonical slugs (items keyed on id, a bare cursor) goes on: what it
    saw under an id is not new under the slug."""
    existing_listings(feeds)
    feeds.openrouter.append(or_model("qwen/qwen9-max", "Qwen: Qwen9 Max"))
    watcher = make_watcher(OR_ONLY)
    await watcher.run_once()
    async with feed_store.transaction() as conn:
        await conn.execute(
            "DELETE FROM feed_items WHERE source = 'openrouter' AND outcome = 'alias'"
        )
        await conn.execute(
            "UPDATE feed_items SET item = substr(item, 1, length(item) - 9) "
            "WHERE source = 'openrouter'"
        )
        await conn.execute("UPDATE feed_sources SET cursor = NULL")
    assert "qwen/qwen9-max" in await feed_state.seen_items(feed_store, OPENROUTER)

    clock.advance(minutes=10)
    report = (await watcher.run_once())[0]

    assert report.status == "ok" and report.created == []
    assert await announced(feed_store) == []


# ---------------------------------------------------------------- modelradar watch --once


async def watch(db_path: Path, url: str, *argv: str) -> int:
    args = build_parser().parse_args(["watch", "--once", *argv])
    return int(await args.handler(args, feed_settings(db_path, url)))


async def test_watch_once_reports_counts_per_source_and_exits_0(
    feeds: FakeFeeds, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing_listings(feeds)
    assert await watch(db_path, feeds.url) == 0
    capsys.readouterr()
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", just_now()))
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5-FP8", just_now()))

    assert await watch(db_path, feeds.url, "--json") == 0

    reports = {r["source"]: r for r in json.loads(capsys.readouterr().out)}
    listings = len({k for k in feeds.listings})
    assert reports["huggingface"]["counts"]["new"] == 1
    assert reports["huggingface"]["counts"]["ignored"] == 1
    assert reports["huggingface"]["counts"]["items_seen"] >= listings
    assert reports["huggingface"]["counts"]["failed"] is False
    assert set(reports["openrouter"]["counts"]) == {
        "pages_read",
        "items_seen",
        "new",
        "filled",
        "ignored",
        "failed",
    }
    assert reports["openrouter"]["counts"]["pages_read"] == 1

    assert await watch(db_path, feeds.url) == 0
    text = capsys.readouterr().out
    assert "pages read " in text and "failed no" in text


async def test_watch_once_exits_1_when_every_source_failed(
    feeds: FakeFeeds, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing_listings(feeds)
    feeds.fail("openrouter", "500")
    feeds.fail("listing:deepseek-ai", "malformed")

    assert await watch(db_path, feeds.url, "--json") == 1

    reports = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in reports] == ["failed", "failed"]
    assert all(r["counts"]["failed"] is True for r in reports)
    assert await watch(db_path, feeds.url, "--force") == 1
    assert "failed yes" in capsys.readouterr().out


async def test_watch_once_exits_1_when_one_source_failed(
    feeds: FakeFeeds, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing_listings(feeds)
    feeds.fail("listing:Qwen", "429", retry_after="60")

    assert await watch(db_path, feeds.url) == 1

    out = capsys.readouterr().out
    assert "Hugging Face: failed after" in out and "OpenRouter: 1 request(s)" in out
