"""/lab's service: a lab's counts, open-weight share, latest releases and compact timeline."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.errors import NotFound
from bot.services.lab import LATEST, lab_profile
from bot.store import Store
from tests.services.directory_data import event, fill, lab, model


async def test_deepseek_profile_from_the_bundled_catalog(store: Store) -> None:
    """DeepSeek's profile counts its models and events and lists V4 among the latest."""
    profile = await lab_profile(store, "deepseek")
    assert profile.lab.name == "DeepSeek"
    assert "深度求索" in profile.lab.aliases
    assert profile.models >= 9 and profile.events >= 5
    assert len(profile.latest) == LATEST
    assert profile.latest[0].slug.startswith("deepseek-v4")
    dates = [m.released for m in profile.latest]
    assert dates == sorted(dates, reverse=True)
    assert sum(len(b.models) for b in profile.timeline) == profile.models
    assert sum(b.events for b in profile.timeline) == profile.events


async def test_counts_and_open_weight_share(empty_store: Store) -> None:
    """Open-weight share counts only models whose status is known."""
    await fill(
        empty_store,
        [lab("alpha"), lab("beta")],
        [
            model("a", open_weights=True),
            model("b", open_weights=True),
            model("c", open_weights=False),
            model("d"),
            model("other", lab="beta", open_weights=True),
        ],
        [event("e1"), event("e2", lab="beta")],
    )
    profile = await lab_profile(empty_store, "alpha")
    assert (profile.models, profile.events) == (4, 1)
    assert (profile.open_weights, profile.open_weights_known) == (2, 3)
    assert profile.open_share == pytest.approx(2 / 3)


async def test_a_lab_without_models(empty_store: Store) -> None:
    """A lab with nothing released has zero counts, no share and an empty timeline."""
    await fill(empty_store, [lab("alpha")], [])
    profile = await lab_profile(empty_store, "alpha")
    assert (profile.models, profile.events, profile.latest) == (0, 0, ())
    assert profile.open_share is None and profile.first_release is None
    assert profile.timeline == ()


async def test_short_history_is_counted_per_quarter(empty_store: Store) -> None:
    """Releases within two years are grouped by quarter; a year-only date keeps its year."""
    await fill(
        empty_store,
        [lab("alpha")],
        [
            model("jan", released="2025-01-20"),
            model("mar", released="2025-03"),
            model("jul", released="2025-07-11"),
            model("vague", released="2025"),
            model("next", released="2026-04-24"),
        ],
        [event("paper", date="2025-02-16")],
    )
    profile = await lab_profile(empty_store, "alpha")
    assert profile.period == "quarter"
    buckets = {b.label: (b.models, b.events) for b in profile.timeline}
    assert buckets == {
        "2025": (("vague",), 0),
        "2025 Q1": (("jan", "mar"), 1),
        "2025 Q3": (("jul",), 0),
        "2026 Q2": (("next",), 0),
    }
    assert profile.timeline[0].label == "2025"


async def test_long_history_is_counted_per_year(empty_store: Store) -> None:
    """Releases spread over more than two years are grouped by year."""
    await fill(
        empty_store,
        [lab("alpha")],
        [
            model("a", released="2022-05"),
            model("b", released="2024-06"),
            model("c", released="2024-07"),
        ],
    )
    profile = await lab_profile(empty_store, "alpha")
    assert profile.period == "year"
    assert [(b.label, len(b.models)) for b in profile.timeline] == [("2022", 1), ("2024", 2)]


async def test_unknown_lab_is_not_found(store: Store) -> None:
    """A slug no lab has raises NotFound."""
    with pytest.raises(NotFound):
        await lab_profile(store, "nobody")


async def test_profile_queries_use_the_lab_indexes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every query of a profile searches by index; none scans the models or events table."""
    seen: list[tuple[str, Any]] = []
    fetchall, fetchone = store.fetchall, store.fetchone

    async def all_rows(sql: str, params: Any = ()) -> Any:
        seen.append((sql, params))
        return await fetchall(sql, params)

    async def one_row(sql: str, params: Any = ()) -> Any:
        seen.append((sql, params))
        return await fetchone(sql, params)

    monkeypatch.setattr(store, "fetchall", all_rows)
    monkeypatch.setattr(store, "fetchone", one_row)
    await lab_profile(store, "deepseek")
    monkeypatch.undo()
    assert len(seen) >= 5
    for sql, params in seen:
        plan = " ".join(
            str(r[3]) for r in await store.fetchall("EXPLAIN QUERY PLAN " + sql, params)
        )
        assert "SCAN" not in plan and "INDEX" in plan, (sql, plan)
