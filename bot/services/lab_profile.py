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
from bot.store import Store

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
    row = await store.fetchone("SELECT id, data FROM labs WHERE slug = ?", (slug,))
    if row is None:
        raise NotFound("lab", slug)
    lab_id = row[0]
    lab = Lab.model_validate_json(row[1])
    counts = await store.fetchone(
        "SELECT COUNT(*), COALESCE(SUM(open_weights = 1), 0), COUNT(open_weights) "
        "FROM models WHERE lab_id = ?",
        (lab_id,),
    )
    assert counts is not None
    latest_rows = await store.fetchall(
        "SELECT data FROM models WHERE lab_id = ? ORDER BY released DESC, name LIMIT ?",
        (lab_id, LATEST),
    )
    release_rows = await store.fetchall(
        "SELECT released, name FROM models WHERE lab_id = ? ORDER BY released, name", (lab_id,)
    )
    event_rows = await store.fetchall(
        "SELECT date FROM events WHERE lab_id = ? ORDER BY date", (lab_id,)
    )
    releases = [(PartialDate.from_sort_key(r[0]), r[1]) for r in release_rows]
    event_dates = [PartialDate.from_sort_key(r[0]) for r in event_rows]
    period, timeline = _timeline(releases, event_dates)
    return LabProfile(
        lab=lab,
        models=int(counts[0]),
        events=len(event_rows),
        open_weights=int(counts[1]),
        open_weights_known=int(counts[2]),
        first_release=releases[0][0] if releases else None,
        latest=tuple(Model.model_validate_json(r[0]) for r in latest_rows),
        period=period,
        timeline=timeline,
    )
