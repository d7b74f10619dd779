"""Planning without a store: what an observation creates, fills or leaves alone."""

from __future__ import annotations

from typing import Any

from bot.domain.models import Model
from bot.feeds.config import load_config
from bot.feeds.huggingface import observation as hf_observation
from bot.feeds.items import Observation
from bot.feeds.match import KnownModels
from bot.feeds.openrouter import observation as or_observation
from bot.feeds.plan import plan
from bot.store.feeds import Fill, SeenItem
from tests.feeds.fakes import hf_repo, or_model

CONFIG = load_config()
BASE = "https://huggingface.co"


def model(slug: str, **fields: Any) -> Model:
    return Model.model_validate(
        {"slug": slug, "name": slug, "lab": "deepseek", "released": "2025", **fields}
    )


def hf(repo: str, **extra: Any) -> Observation:
    return hf_observation(
        hf_repo(repo, **extra),
        organisation=repo.split("/")[0],
        lab="deepseek",
        base_url=BASE,
        config=CONFIG.huggingface,
    )


def orr(model_id: str, name: str, **extra: Any) -> Observation:
    return or_observation(
        or_model(model_id, name, **extra),
        author=model_id.split("/")[0],
        lab="deepseek",
        base_url="https://openrouter.ai",
        config=CONFIG.openrouter,
    )


SEEDED = {"deepseek-ai", "deepseek"}


def test_a_base_repo_creates_a_base_model_but_never_relabels_a_known_one() -> None:
    """ "-Base" makes a new model's kind base; a known model matched by alias keeps its kind."""
    known = KnownModels([model("deepseek-v9", aliases=["DeepSeek-V9-Base"])])
    result = plan(
        [hf("deepseek-ai/DeepSeek-V9-Base"), hf("deepseek-ai/DeepSeek-V10-Base")],
        known=known,
        seen={},
        seeded=SEEDED,
        ours={},
    )
    assert result.created == ["deepseek-v10-base"]
    assert result.models["deepseek-v10-base"].kind == "base"
    assert result.models["deepseek-v9"].kind is None
    assert "kind" not in result.filled["deepseek-v9"]


def test_a_curated_value_is_never_replaced_but_a_feed_value_follows_its_source() -> None:
    """A price a curator wrote stays; one this same OpenRouter model (its canonical slug)
    wrote follows its changes; one another model wrote stays."""
    known = KnownModels(
        [
            model("curated", price_input=1.0),
            model("ours", price_input=0.27),
            model("theirs", price_input=0.27),
        ]
    )
    ours = {
        ("ours", "price_input"): Fill("openrouter", "deepseek/ours-20260430", "0.27"),
        ("theirs", "price_input"): Fill("openrouter", "deepseek/another-id", "0.27"),
    }
    cheaper = {"prompt": "0.0000002"}
    result = plan(
        [orr(f"deepseek/{slug}", slug, **cheaper) for slug in ("curated", "ours", "theirs")],
        known=known,
        seen={},
        seeded=SEEDED,
        ours=ours,
    )
    after = {slug: known.models[slug].price_input for slug in ("curated", "ours", "theirs")}
    assert after == {"curated": 1.0, "ours": 0.2, "theirs": 0.27}
    assert "price_input" in result.filled["ours"] and "price_input" not in result.filled["theirs"]


def test_a_name_two_models_share_creates_nothing() -> None:
    """An id whose name fits two known models of the lab is recorded as ambiguous."""
    known = KnownModels([model("v9-chat", aliases=["V9"]), model("v9-reasoner", aliases=["V9"])])
    result = plan(
        [orr("deepseek/v9", "DeepSeek: V9")], known=known, seen={}, seeded=SEEDED, ours={}
    )
    assert result.created == [] and result.models == {}
    assert [(i.outcome, i.detail) for i in result.items if i.outcome != "alias"] == [
        ("ambiguous", "matches v9-chat, v9-reasoner")
    ]


def test_a_slug_taken_by_another_lab_gets_the_lab_in_front() -> None:
    """A new repo whose slug another lab's model has becomes "<lab>-<slug>"."""
    other = Model.model_validate(
        {"slug": "nova-1", "name": "Nova 1", "lab": "qwen", "released": "2025"}
    )
    result = plan(
        [hf("deepseek-ai/Nova-1")], known=KnownModels([other]), seen={}, seeded=SEEDED, ours={}
    )
    assert result.created == ["deepseek-nova-1"]


def test_a_feed_fills_only_the_fillable_fields() -> None:
    """A source that offers more than FILLABLE (a family, a paper, both empty here) fills only
    FILLABLE fields: what a feed may change on a known model is enforced, not just declared."""
    from dataclasses import replace

    from bot.feeds.plan import fill

    known = model("deepseek-v9")
    seen = replace(
        hf("deepseek-ai/DeepSeek-V9"),
        offered={"family": "V9", "paper": "https://arxiv.org/abs/1", "license": "MIT"},
    )
    filled, changes = fill(known, seen, {})
    assert changes == {"license": "MIT"}
    assert (filled.family, filled.paper, filled.license) == (None, None, "MIT")


def test_a_release_day_yields_only_from_openrouter_to_the_weights() -> None:
    """A day an OpenRouter listing gave a model yields to the repo's first-seen day; a curated
    day, or one a curator changed since, stays; a repo seen before changes nothing."""
    from dataclasses import replace

    from bot.domain.dates import parse_date

    repo = replace(hf("deepseek-ai/DeepSeek-V9"), released=parse_date("2026-05-03"))
    listed = Fill("openrouter", "deepseek/deepseek-v9-20260430", '"2026-05-01"')

    def day(released: str, ours: dict[tuple[str, str], Fill], seen: bool = False) -> str:
        known = KnownModels([model("deepseek-v9", released=released)])
        plan(
            [repo],
            known=known,
            seen={repo.item: SeenItem("matched", "deepseek-v9")} if seen else {},
            seeded=SEEDED,
            ours=ours,
        )
        return str(known.models["deepseek-v9"].released)

    assert day("2026-05-01", {("deepseek-v9", "released"): listed}) == "2026-05-03"
    assert day("2026-05-01", {}) == "2026-05-01"  # curated
    assert day("2026-04-29", {("deepseek-v9", "released"): listed}) == "2026-04-29"  # edited
    assert day("2026-05-01", {("deepseek-v9", "released"): listed}, seen=True) == "2026-05-01"
