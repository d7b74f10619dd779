"""/top: models ranked by one metric, with an optional kind filter.

Largest first for sizes and context, cheapest first for prices, newest first for release
dates. Models whose value for the metric is unknown are left out of the ranking and counted,
so the answer can say "12 models have no known context window" instead of ranking them as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError, phrase
from bot.domain.models import EVENT_KINDS, MODEL_KINDS
from bot.store import Store, catalog


@dataclass(frozen=True, slots=True)
class MetricInfo:
    label: str
    """Column heading and title word: "context window"."""
    unknown: str
    """What a model without a value lacks: "known context window"."""
    descending: bool


METRICS: dict[str, MetricInfo] = {
    "params_total": MetricInfo("total parameters", "known total parameter count", True),
    "params_active": MetricInfo("active parameters", "known active parameter count", True),
    "context": MetricInfo("context window", "known context window", True),
    "price_input": MetricInfo("input price", "known input price", False),
    "price_output": MetricInfo("output price", "known output price", False),
    "released": MetricInfo("release date", "known release date", True),
}
MIN_LIMIT, MAX_LIMIT, DEFAULT_LIMIT = 1, 25, 10


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    slug: str
    name: str
    lab: str
    kind: str | None
    released: PartialDate
    value: int | float | PartialDate


@dataclass(frozen=True, slots=True)
class TopResult:
    metric: str
    kind: str | None
    limit: int
    entries: tuple[Ranked, ...]
    unknown: int
    """Models (of this kind) left out because their value is unknown."""

    @property
    def info(self) -> MetricInfo:
        return METRICS[self.metric]

    def unknown_note(self) -> str | None:
        """ "12 models have no known context window", or None when every model has one."""
        if not self.unknown:
            return None
        noun = f"{self.kind} model" if self.kind else "model"
        if self.unknown == 1:
            return f"1 {noun} has no {self.info.unknown}"
        return f"{self.unknown} {noun}s have no {self.info.unknown}"


def check(metric: str, kind: str | None, limit: int) -> None:
    """ModelRadarError saying what to type when metric, kind or limit is not accepted."""
    if metric not in METRICS:
        raise ModelRadarError(
            f"There is no metric {metric!r}; use one of: {', '.join(METRICS)}.",
            phrase("top_metric", metric=repr(metric), metrics=tuple(METRICS)),
        )
    if kind is not None and kind not in MODEL_KINDS:
        raise ModelRadarError(
            f"There is no kind {kind!r}; use one of: {', '.join(MODEL_KINDS)}.",
            phrase("top_kind", kind=repr(kind), kinds=MODEL_KINDS),
        )
    if isinstance(limit, bool) or not isinstance(limit, int) or not MIN_LIMIT <= limit <= MAX_LIMIT:
        raise ModelRadarError(
            f"The limit must be a whole number from {MIN_LIMIT} to {MAX_LIMIT} (you gave "
            f"{limit}); try {DEFAULT_LIMIT}."
        )


async def top(
    store: Store, metric: str, kind: str | None = None, limit: int = DEFAULT_LIMIT
) -> TopResult:
    """The `limit` best models by `metric`, and how many had no value for it."""
    check(metric, kind, limit)
    info = METRICS[metric]
    rows, unknown = await catalog.ranked(
        store, metric, descending=info.descending, kind=kind, limit=limit
    )
    entries = []
    for n, (slug, name, lab, model_kind, released, value) in enumerate(rows, start=1):
        date = PartialDate.from_sort_key(released)
        entries.append(
            Ranked(n, slug, name, lab, model_kind, date, date if metric == "released" else value)
        )
    return TopResult(metric, kind, limit, tuple(entries), unknown)


@dataclass(frozen=True, slots=True)
class KindCounts:
    """How many models and events of each kind the catalog holds (kinds with none absent)."""

    models: dict[str, int]
    events: dict[str, int]

    def model_kinds(self) -> list[tuple[str, int]]:
        """(kind, models) of every model kind present, the most models first."""
        present = [(kind, self.models[kind]) for kind in MODEL_KINDS if self.models.get(kind)]
        return sorted(present, key=lambda item: -item[1])

    def entry_kinds(self) -> list[tuple[str, int]]:
        """(kind, models and events) of every model or event kind present, the most first."""
        kinds = dict.fromkeys((*MODEL_KINDS, *EVENT_KINDS))
        present = [
            (kind, self.models.get(kind, 0) + self.events.get(kind, 0))
            for kind in kinds
            if self.models.get(kind) or self.events.get(kind)
        ]
        return sorted(present, key=lambda item: -item[1])


class KindCache:
    """The catalog's kind counts, read again only when the catalog has changed.

    `key` is anything replaced whenever the catalog changes: the bot passes its live name
    index, rebuilt (a new object) on every catalog change, so a keystroke costs no query."""

    def __init__(self) -> None:
        self._key: object = None
        self._counts: KindCounts | None = None

    async def get(self, store: Store, key: object) -> KindCounts:
        if self._counts is None or key is not self._key:
            models, events = await catalog.kind_counts(store)
            self._counts, self._key = KindCounts(models, events), key
        return self._counts
