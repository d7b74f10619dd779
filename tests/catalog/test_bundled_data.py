"""The bundled catalog in data/: valid, sourced, and telling the seed article's story."""

from __future__ import annotations

import pytest

from bot.catalog.bundled import catalog_files, data_dir
from bot.catalog.loader import load_paths
from bot.catalog.validate import validate_entries


@pytest.fixture(scope="module")
def bundled() -> tuple[object, list[object]]:
    loaded = load_paths(catalog_files())
    catalog, problems = validate_entries(loaded.entries)
    return catalog, loaded.problems + problems


def test_every_file_validates(bundled: tuple[object, list[object]]) -> None:
    """Every file in data/ parses and validates with no problem."""
    _, problems = bundled
    assert problems == []


def test_every_data_file_is_part_of_the_catalog() -> None:
    """No YAML file in data/ is left out of the bundled catalog by accident."""
    yaml_files = {p for p in data_dir().rglob("*.yaml")}
    assert yaml_files == set(catalog_files())


def test_size_and_spread(bundled: tuple[object, list[object]]) -> None:
    """At least 40 models from at least 10 labs."""
    catalog, _ = bundled
    assert len(catalog.models) >= 40  # type: ignore[attr-defined]
    assert len({m.lab for m in catalog.models}) >= 10  # type: ignore[attr-defined]


def test_every_entry_names_a_source(bundled: tuple[object, list[object]]) -> None:
    """Every lab, model and event lists at least one source link."""
    catalog, _ = bundled
    for kind in ("labs", "models", "events"):
        unsourced = [
            getattr(e, "slug", None) or e.title
            for e in getattr(catalog, kind)
            if not (e.sources or getattr(e, "url", None))
        ]
        assert unsourced == [], f"{kind} without sources: {unsourced}"


ARTICLE_MODELS = [
    "deepseek-v3",
    "deepseek-v3.2",
    "deepseek-v4-pro",
    "deepseek-v4-flash",
    "deepseek-r1",
    "kimi-k1.5",
    "kimi-k2",
    "kimi-k2.6",
    "kimina-prover-preview",
    "glm-5.1",
]


def test_article_models_are_present(bundled: tuple[object, list[object]]) -> None:
    """Every model the seed article names is in the catalog."""
    catalog, _ = bundled
    slugs = {m.slug for m in catalog.models}  # type: ignore[attr-defined]
    assert set(ARTICLE_MODELS) <= slugs
    assert any(s.startswith("deepseek-prover-v2") for s in slugs)


def test_article_figures(bundled: tuple[object, list[object]]) -> None:
    """V4-Pro is 1.6T/49B with 1M context; K2.6 is 1T/32B with 256K."""
    catalog, _ = bundled
    models = {m.slug: m for m in catalog.models}  # type: ignore[attr-defined]
    v4, k26 = models["deepseek-v4-pro"], models["kimi-k2.6"]
    assert (v4.params_total, v4.params_active, v4.context) == (
        1_600_000_000_000,
        49_000_000_000,
        1_048_576,
    )
    assert (k26.params_total, k26.params_active, k26.context) == (
        1_000_000_000_000,
        32_000_000_000,
        262_144,
    )


def test_article_papers_are_events(bundled: tuple[object, list[object]]) -> None:
    """The NSA and MoBA papers are events of their labs in February 2025."""
    catalog, _ = bundled
    events = catalog.events  # type: ignore[attr-defined]
    nsa = [e for e in events if "Native Sparse Attention" in e.title]
    moba = [e for e in events if "MoBA" in e.title or "Mixture of Block Attention" in e.title]
    assert nsa and nsa[0].lab == "deepseek" and nsa[0].date.iso().startswith("2025-02")
    assert moba and moba[0].lab == "moonshot" and moba[0].date.iso().startswith("2025-02")
