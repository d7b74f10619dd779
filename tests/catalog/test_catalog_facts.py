"""The facts rules of the bundled catalog (issue 10), checked over the whole of data/.

Every model cites a primary source on its own lab's domains; closed models carry no
parameter counts; prices are positive and finite; context windows are written as integers;
every name and alias leads to exactly one model; the audit's corrections hold; the catalog is
broad and current.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from bot.catalog.bundled import catalog_files
from bot.catalog.loader import load_paths
from bot.catalog.validate import Catalog, validate_entries
from bot.domain.models import Lab
from bot.services.names import NameIndex
from bot.store import Store


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded = load_paths(catalog_files())
    result, problems = validate_entries(loaded.entries)
    assert loaded.problems + problems == []
    return result


@pytest.fixture(scope="module")
def raw_models() -> list[tuple[Path, dict[str, Any]]]:
    """Every model as written in its YAML file, before validation converts anything."""
    found = []
    for path in catalog_files():
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found.extend((path, entry) for entry in document.get("models") or [])
    return found


def _on_domain(url: str, domains: list[str]) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    for domain in domains:
        domain_host, _, domain_path = domain.partition("/")
        host_ok = host == domain_host or host.endswith("." + domain_host)
        path_ok = not domain_path or (path + "/").startswith("/" + domain_path + "/")
        if host_ok and path_ok:
            return True
    return False


def test_on_domain_matches_hosts_subdomains_and_org_paths() -> None:
    domains = ["deepseek.com", "github.com/deepseek-ai"]
    assert _on_domain("https://api-docs.deepseek.com/news", domains)
    assert _on_domain("https://github.com/deepseek-ai/DeepSeek-V3", domains)
    assert not _on_domain("https://github.com/deepseek-ai-fan/x", domains)
    assert not _on_domain("https://notdeepseek.com/x", domains)
    assert not _on_domain("https://openrouter.ai/deepseek/deepseek-r1", domains)


def test_every_lab_declares_its_domains(catalog: Catalog) -> None:
    assert [lab.slug for lab in catalog.labs if not lab.domains] == []


def test_every_model_cites_a_primary_source_on_its_labs_domains(catalog: Catalog) -> None:
    """Third-party pages (aggregators, news) may only be a second source."""
    labs: dict[str, Lab] = {lab.slug: lab for lab in catalog.labs}
    missing = [
        model.slug
        for model in catalog.models
        if not any(_on_domain(url, labs[model.lab].domains) for url in model.sources)
    ]
    assert missing == []


# Closed models whose lab itself published the parameter counts (the entry cites where).
LAB_PUBLISHED_SIZES: dict[str, str] = {
    "seed-1.6": "ByteDance Seed blog, Introduction to Techniques Used in Seed1.6 (230B/23B)",
}


def test_closed_models_have_no_parameter_counts(catalog: Catalog) -> None:
    """Closed models' sizes stay empty unless their lab published them; third-party
    estimates stay out."""
    sized = {
        m.slug
        for m in catalog.models
        if m.open_weights is False and (m.params_total or m.params_active)
    }
    assert sized == set(LAB_PUBLISHED_SIZES)


def test_every_price_is_positive_and_finite(catalog: Catalog) -> None:
    bad = [
        (m.slug, m.price_input, m.price_output)
        for m in catalog.models
        for price in (m.price_input, m.price_output)
        if price is not None and not (math.isfinite(price) and price > 0)
    ]
    assert bad == []


def test_context_windows_are_written_as_integers(
    raw_models: list[tuple[Path, dict[str, Any]]],
) -> None:
    """ "128K" means 131,072 to a config but 128,000 to OpenAI: the file says which."""
    written = [
        f"{path.name}: {entry.get('slug')} {field}={entry[field]!r}"
        for path, entry in raw_models
        for field in ("context", "max_output")
        if field in entry and not isinstance(entry[field], int)
    ]
    assert written == []


async def test_every_name_and_alias_leads_to_exactly_one_model(
    store: Store, catalog: Catalog
) -> None:
    """Resolved as /compare resolves them: no alias is ambiguous, and an exact name wins over
    a family of the same name."""
    index = await NameIndex.load(store)
    wrong = []
    for model in catalog.models:
        for text in (model.name, *model.aliases):
            try:
                found = index.resolve(text, "model").slug
            except Exception as exc:  # report every failure at once
                found = type(exc).__name__
            if found != model.slug:
                wrong.append(f"{text!r}: {found} (expected {model.slug})")
    assert wrong == [], "\n".join(wrong)


def test_no_alias_is_given_to_two_models(catalog: Catalog) -> None:
    from bot.domain.names import normalize

    owners: dict[str, set[str]] = {}
    for model in catalog.models:
        for text in (model.slug, model.name, *model.aliases):
            owners.setdefault(normalize(text), set()).add(model.slug)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


AUDIT: list[tuple[str, str, Any]] = [
    ("step3", "released", "2025-07-31"),
    ("minimax-text-01", "released", "2025-01-15"),
    ("hunyuan-a13b", "released", "2025-06-27"),
    ("glm-4.6", "params_active", 32_000_000_000),
    ("deepseek-v3.2", "params_total", 671_000_000_000),
    ("deepseek-prover-v2-671b", "predecessor", "deepseek-prover-v1.5"),
    ("glm-4.5", "released", "2025-07-28"),
    ("glm-4.5-air", "released", "2025-07-28"),
]


@pytest.mark.parametrize(("slug", "field", "expected"), AUDIT)
def test_the_audit_corrections_hold(catalog: Catalog, slug: str, field: str, expected: Any) -> None:
    model = next(m for m in catalog.models if m.slug == slug)
    value = getattr(model, field)
    assert (str(value) if field == "released" else value) == expected


def test_audit_licences_and_the_kimina_preview_weights(catalog: Catalog) -> None:
    models = {m.slug: m for m in catalog.models}
    assert "MiniMax Model License" in (models["minimax-text-01"].license or "")
    assert "Community License" in (models["hunyuan-a13b"].license or "")
    preview = models["kimina-prover-preview"]
    assert preview.params_total != 72_000_000_000
    assert str(models["kimina-prover-72b"].released) == "2025-07-10"


def test_audit_event_dates(catalog: Catalog) -> None:
    events = {e.slug: e for e in catalog.events}
    assert str(events["deepseek-nsa-paper"].date) == "2025-02-18"
    assert str(events["moonshot-moba-paper"].date) == "2025-02-18"
    assert str(events["deepseek-v3-tech-report"].date) == "2024-12-26"
    assert "within two hours" in (events["deepseek-r1-release"].summary or "")
    assert "two days" not in (events["deepseek-nsa-paper"].summary or "")


def test_breadth_and_currency(catalog: Catalog) -> None:
    """At least 300 models of at least 25 labs, the newest from September 2026 or later."""
    per_lab = Counter(m.lab for m in catalog.models)
    assert len(catalog.models) >= 300
    assert len(per_lab) >= 25 and len(catalog.labs) >= 25
    newest = max(m.released.start for m in catalog.models)
    assert newest >= dt.date(2026, 9, 1)
    for lab in (
        "openai",
        "anthropic",
        "google",
        "xai",
        "nvidia",
        "ai2",
        "ibm",
        "cohere",
        "microsoft",
        "meituan",
        "ant-group",
        "shanghai-ai-lab",
        "01-ai",
    ):
        assert per_lab[lab] >= 3, lab


def test_closed_models_since_2024_are_priced(catalog: Catalog) -> None:
    """At least 85% of the closed models released since 2024 have both list prices."""
    closed = [
        m
        for m in catalog.models
        if m.open_weights is False and m.released.start >= dt.date(2024, 1, 1)
    ]
    priced = [m for m in closed if m.price_input is not None and m.price_output is not None]
    assert closed and len(priced) / len(closed) >= 0.85, (
        f"{len(priced)} of {len(closed)}; unpriced: {[m.slug for m in closed if m not in priced]}"
    )


def test_every_event_has_a_short_name(catalog: Catalog) -> None:
    assert [e.key for e in catalog.events if not e.short_name] == []
