"""/model's service: the model, its lab, predecessor and successors with what changed, links."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.catalog.importer import import_catalog
from bot.catalog.validate import Catalog
from bot.domain.errors import NotFound
from bot.domain.models import Event, Lab, Model
from bot.services.model import as_dict, changes, links, profile, profile_slug
from bot.services.names import Ambiguous, NameIndex
from bot.store import Store

SOURCE = ["https://example.org/source"]


def model(slug: str, **fields: Any) -> Model:
    data = {"slug": slug, "name": slug.upper(), "lab": "alpha", "released": "2025-01-01"}
    return Model.model_validate({"sources": SOURCE, **data, **fields})


async def fill(store: Store, models: list[Model], events: list[Event] | None = None) -> None:
    alpha = Lab.model_validate({"slug": "alpha", "name": "Alpha Lab", "sources": SOURCE})
    await import_catalog(store, Catalog(labs=[alpha], models=models, events=events or []))


async def test_v4_pro_profile_from_the_bundled_catalog(store: Store) -> None:
    """V4-Pro's profile names its lab, its predecessor V3.2 with what changed, and events."""
    result = await profile(store, await NameIndex.load(store), "DeepSeek V4 Pro")
    assert result.model.slug == "deepseek-v4-pro"
    assert result.lab_name == "DeepSeek"
    assert result.predecessor is not None
    assert result.predecessor.model.slug == "deepseek-v3.2"
    total = next(c for c in result.predecessor.changes if c.key == "params_total")
    assert (total.old, total.new) == (671 * 10**9, 16 * 10**11)
    assert "deepseek-v4-tech-report" in {event.key for event in result.events}
    assert result.links[0].url == "https://huggingface.co/deepseek-ai/DeepSeek-V4-Pro"


async def test_k2_5_has_a_predecessor_and_a_successor(store: Store) -> None:
    """Kimi K2.5 sits between K2 Thinking (gained image and video input) and K2.6."""
    result = await profile(store, await NameIndex.load(store), "kimi-k2.5")
    assert result.predecessor is not None
    assert result.predecessor.model.slug == "kimi-k2-thinking"
    by_key = {c.key: c for c in result.predecessor.changes}
    assert "context" not in by_key  # both 256K
    assert by_key["input_modalities"].added == ("image", "video")
    assert [n.model.slug for n in result.successors] == ["kimi-k2.6"]


async def test_changes_cover_size_architecture_licence_modalities_techniques() -> None:
    """Every kind of difference is reported, from the older model to the newer."""
    old = model(
        "old",
        params_total="7B",
        architecture="dense",
        license="Apache-2.0",
        open_weights=True,
        input_modalities=["text"],
        techniques=["GQA", "RoPE"],
        context="32K",
    )
    new = model(
        "new",
        params_total="30B",
        params_active="3B",
        architecture="moe",
        license="Custom",
        open_weights=False,
        input_modalities=["text", "image"],
        techniques=["rope", "MoE"],
        context="32K",
    )
    found = {c.key: c for c in changes(old, new)}
    assert set(found) == {
        "params_total",
        "architecture",
        "license",
        "open_weights",
        "input_modalities",
        "techniques",
    }
    assert (found["architecture"].old, found["architecture"].new) == ("dense", "MoE")
    assert (found["open_weights"].old, found["open_weights"].new) == ("open", "closed")
    assert found["techniques"].added == ("MoE",)
    assert found["techniques"].removed == ("GQA",)


def test_a_value_known_on_one_side_is_not_a_change() -> None:
    """Unknown → known is not reported as a change (it would read as a change from zero)."""
    assert changes(model("a"), model("b", params_total="7B", context="8K")) == ()


async def test_missing_predecessor_and_unknown_model(empty_store: Store) -> None:
    """A predecessor slug not in the store is named as missing; an unknown slug is NotFound."""
    await fill(empty_store, [model("solo")])
    await empty_store.writer.execute(
        "UPDATE models SET predecessor = 'gone', "
        "data = json_set(data, '$.predecessor', 'gone') WHERE slug = 'solo'"
    )
    result = await profile_slug(empty_store, "solo")
    assert result.predecessor is None and result.missing_predecessor == "gone"
    with pytest.raises(NotFound):
        await profile_slug(empty_store, "nothing")


async def test_several_successors_in_release_order(empty_store: Store) -> None:
    """Two successors are listed oldest first, each with its own changes."""
    await fill(
        empty_store,
        [
            model("base", params_total="7B"),
            model("later", released="2025-06-01", predecessor="base", params_total="70B"),
            model("sooner", released="2025-03-01", predecessor="base", params_total="14B"),
        ],
    )
    result = await profile_slug(empty_store, "base")
    assert [n.model.slug for n in result.successors] == ["sooner", "later"]
    assert [n.changes[0].new for n in result.successors] == [14 * 10**9, 70 * 10**9]


def test_links_put_weights_and_paper_first_each_once() -> None:
    """Hugging Face and the paper come first; a source repeating them is not listed twice."""
    found = links(
        model(
            "m",
            hugging_face="org/repo",
            paper="https://arxiv.org/abs/1",
            sources=["https://huggingface.co/org/repo", "https://www.github.com/org/repo"],
        )
    )
    assert [(link.label, link.url) for link in found] == [
        ("Hugging Face", "https://huggingface.co/org/repo"),
        ("Paper", "https://arxiv.org/abs/1"),
        ("github.com", "https://www.github.com/org/repo"),
    ]


async def test_family_name_is_ambiguous(store: Store) -> None:
    """/model resolves names by the shared rules: a family lists its models."""
    with pytest.raises(Ambiguous):
        await profile(store, await NameIndex.load(store), "claude 4.5")


async def test_an_entry_resolved_by_the_bot_profiles_like_the_name_typed(store: Store) -> None:
    """/model passes the entry its option resolved; the terminal passes text: one profile."""
    index = await NameIndex.load(store)
    entry = index.resolve("kimi k2.5", "model")
    assert await profile(store, index, entry) == await profile(store, index, "kimi k2.5")


async def test_json_form_is_serialisable(store: Store) -> None:
    """as_dict gives plain JSON with the model, its neighbours' changes and links."""
    result = await profile(store, await NameIndex.load(store), "kimi-k2.5")
    data = json.loads(json.dumps(as_dict(result)))
    assert data["model"]["slug"] == "kimi-k2.5"
    assert data["predecessor"]["slug"] == "kimi-k2-thinking"
    inputs = next(c for c in data["predecessor"]["changes"] if c["field"] == "input_modalities")
    assert inputs["added"] == ["image", "video"]
    assert data["successors"][0]["slug"] == "kimi-k2.6"
