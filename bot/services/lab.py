"""A lab's profile for /lab: who it is, how much it released, its latest models, a compact timeline.

Every query goes through the (lab_id, released) and (lab_id, date) indexes, so a profile costs
a handful of indexed reads whatever the size of the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.domain.dates import PartialDate
from bot.domain.errors import NotFound
from bot.domain.models import Lab, Model
from bot.store import Store, catalog

LATEST = 5
# Releases spread over more years than this are counted per year; otherwise per quarter.
QUARTERS_UP_TO_YEARS = 2

Period = Literal["year", "quarter"]


@dataclass(frozen=True, slots=True)
class Bucket:
    """One step of the compact timeline: a year ("2025") or a quarter ("2025 Q1")."""

    label: str
    models: tuple[str, ...]
    events: int


@dataclass(frozen=True, slots=True)
class LabProfile:
    lab: Lab
    models: int
    events: int
    open_weights: int
    open_weights_known: int
    first_release: PartialDate | None
    latest: tuple[Model, ...]
    period: Period
    timeline: tuple[Bucket, ...]

    @property
    def open_share(self) -> float | None:
        """Share of the models with a known licence status that publish weights."""
        if not self.open_weights_known:
            return None
        return self.open_weights / self.open_weights_known


def _period(dates: list[PartialDate]) -> Period:
    if not dates:
        return "year"
    years = {d.year for d in dates}
    return "quarter" if max(years) - min(years) < QUARTERS_UP_TO_YEARS else "year"


def _label(value: PartialDate, period: Period) -> str:
    if period == "year" or value.month is None:
        return str(value.year)
    return f"{value.year} Q{(value.month - 1) // 3 + 1}"


def _timeline(
    releases: list[tuple[PartialDate, str]], event_dates: list[PartialDate]
) -> tuple[Period, tuple[Bucket, ...]]:
    period = _period([d for d, _ in releases] + event_dates)
    names: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    # A year-only date in quarter mode keeps its own "2025" bucket, ordered before Q1.
    for value, name in releases:
        names.setdefault(_label(value, period), []).append(name)
    for value in event_dates:
        label = _label(value, period)
        counts[label] = counts.get(label, 0) + 1
    labels = sorted(set(names) | set(counts))
    return period, tuple(
        Bucket(label, tuple(names.get(label, [])), counts.get(label, 0)) for label in labels
    )


async def lab_profile(store: Store, slug: str) -> LabProfile:
    """The profile of the lab with this slug; NotFound when there is none."""
    found = await catalog.lab_with_id(store, slug)
    if found is None:
        raise NotFound("lab", slug)
    lab_id, lab = found
    models, open_weights, open_weights_known = await catalog.lab_model_counts(store, lab_id)
    release_rows = await catalog.lab_releases(store, lab_id)
    event_rows = await catalog.lab_event_dates(store, lab_id)
    releases = [(PartialDate.from_sort_key(r[0]), r[1]) for r in release_rows]
    event_dates = [PartialDate.from_sort_key(r) for r in event_rows]
    period, timeline = _timeline(releases, event_dates)
    return LabProfile(
        lab=lab,
        models=models,
        events=len(event_rows),
        open_weights=open_weights,
        open_weights_known=open_weights_known,
        first_release=releases[0][0] if releases else None,
        latest=tuple(await catalog.latest_models(store, lab_id, LATEST)),
        period=period,
        timeline=timeline,
    )
