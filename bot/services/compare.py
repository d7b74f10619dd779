"""/compare: two to four models side by side, as a pure result that any renderer can show.

The result holds raw values (sizes as ints, prices as floats, dates as PartialDate, lists as
tuples); unknown values stay None, so renderers show a dash and never a 0. Each row marks its
best value(s) where a comparison makes sense and at least two values are known: the largest
parameter counts, context and max output, the cheapest prices, the newest release and the
highest benchmark score (every bundled benchmark is a higher-is-better score).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError, NotFound, phrase
from bot.domain.models import Lab, Model
from bot.domain.names import normalize
from bot.services.compare_ratios import Ratio, ratios_of
from bot.services.names import NameEntry, NameIndex
from bot.store import Store, catalog

MIN_MODELS = 2
MAX_MODELS = 4

RowKind = Literal["date", "text", "params", "tokens", "price", "list", "licence", "score"]
Best = Literal["max", "min"]
Value = str | int | float | PartialDate | tuple[str, ...] | tuple[str | None, bool | None]


class SameModel(ModelRadarError):
    """The same model named twice: a comparison with itself says nothing."""

    def __init__(self, entry: NameEntry, typed: Sequence[str], instead: str | None) -> None:
        self.entry = entry
        said = " and ".join(repr(text) for text in typed)
        message = f"Comparing a model with itself: {said} both name {entry.name} (`{entry.slug}`)."
        shown = [repr(text) for text in typed] + [repr(entry.slug)] * 2
        values = {"first": shown[0], "second": shown[1], "name": entry.name}
        if instead:
            message += f" Name two different models, for example `{entry.slug}` and `{instead}`."
            said_it = phrase("same_model_instead", **values, slug=entry.slug, instead=instead)
        else:
            message += " Name two different models."
            said_it = phrase("same_model", **values, slug=entry.slug)
        super().__init__(message, said_it)


class WrongCount(ModelRadarError):
    """Fewer than two or more than four models."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"Compare needs {MIN_MODELS} to {MAX_MODELS} models and got {count}; name them "
            "one after another, for example `deepseek-v4-pro` and `kimi-k2.6`.",
            phrase("compare_count", least=MIN_MODELS, most=MAX_MODELS, count=count),
        )


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the comparison: a value per model (None when unknown) and the best ones."""

    key: str
    label: str
    kind: RowKind
    values: tuple[Value | None, ...]
    best: frozenset[int] = frozenset()

    @property
    def known(self) -> int:
        return sum(value is not None for value in self.values)


@dataclass(frozen=True, slots=True)
class Comparison:
    models: tuple[Model, ...]
    labs: tuple[Lab | None, ...]
    rows: tuple[Row, ...]
    benchmarks: tuple[Row, ...]
    ratios: tuple[Ratio, ...]
    sources: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(model.name for model in self.models)

    def lab_name(self, index: int) -> str | None:
        lab = self.labs[index]
        return lab.name if lab is not None else None

    def row(self, key: str) -> Row:
        for row in (*self.rows, *self.benchmarks):
            if row.key == key:
                return row
        raise KeyError(key)


# ---------------------------------------------------------------- resolving names


def resolve(
    index: NameIndex, names: Sequence[str | NameEntry], typed: Sequence[str] = ()
) -> list[NameEntry]:
    """The models named, distinct: text is resolved by the same rules as everywhere
    (NotFound, Ambiguous); entries already resolved (the bot's options) are taken as they are.
    `typed` is what the user typed, for the message when a model is named twice."""
    entries = [
        name if isinstance(name, NameEntry) else index.resolve(name, "model") for name in names
    ]
    words = list(typed) or [name if isinstance(name, str) else name.slug for name in names]
    check_names(entries, words, index)
    return entries


def check_names(
    entries: Sequence[NameEntry], typed: Sequence[str], index: NameIndex | None = None
) -> None:
    """Two to four models, each named once; raise WrongCount or SameModel otherwise."""
    if not MIN_MODELS <= len(entries) <= MAX_MODELS:
        raise WrongCount(len(entries))
    seen: dict[str, int] = {}
    for position, entry in enumerate(entries):
        if entry.slug in seen:
            first = seen[entry.slug]
            words = [typed[first], typed[position]] if len(typed) == len(entries) else []
            taken = {e.slug for e in entries}
            raise SameModel(entry, words, _another(index, entry, taken))
        seen[entry.slug] = position


def _another(index: NameIndex | None, entry: NameEntry, taken: set[str]) -> str | None:
    """A model worth comparing instead: same family first, then the same lab, newest first."""
    if index is None:
        return None
    models = [e for e in index.entries if e.entity == "model" and e.slug not in taken]
    models.sort(key=lambda e: e.released, reverse=True)
    for key in ("family", "lab"):
        wanted = getattr(entry, key)
        for candidate in models:
            if wanted is not None and getattr(candidate, key) == wanted:
                return candidate.slug
    return models[0].slug if models else None


# ---------------------------------------------------------------- the comparison


async def compare(
    store: Store, index: NameIndex, names: Sequence[str | NameEntry], typed: Sequence[str] = ()
) -> Comparison:
    """/compare and `modelradar compare`: the models named (typed text, or entries the bot's
    options resolved), checked (two to four, each once) and compared. `typed` is what the user
    typed for those entries, quoted back if one model is named twice."""
    entries = resolve(index, names, typed)
    return await compare_slugs(store, [entry.slug for entry in entries])


async def compare_slugs(store: Store, slugs: Sequence[str]) -> Comparison:
    """Compare models already resolved to slugs (NotFound if one has gone from the store)."""
    if not MIN_MODELS <= len(slugs) <= MAX_MODELS:
        raise WrongCount(len(slugs))
    found = await catalog.models_by_slug(store, slugs)
    for slug in slugs:
        if slug not in found:
            raise NotFound("model", slug)
    models = [found[slug] for slug in slugs]
    labs = await catalog.labs_by_slug(store, [model.lab for model in models])
    return build(models, [labs.get(model.lab) for model in models])


def build(models: Sequence[Model], labs: Sequence[Lab | None]) -> Comparison:
    """The comparison of these models (pure: no store)."""
    if not MIN_MODELS <= len(models) <= MAX_MODELS:
        raise WrongCount(len(models))

    def row(
        key: str,
        label: str,
        kind: RowKind,
        values: Sequence[Value | None],
        best: Best | None = None,
    ) -> Row:
        return Row(key, label, kind, tuple(values), _best(values, best))

    def seq(items: Sequence[str]) -> tuple[str, ...] | None:
        return tuple(items) or None

    rows = (
        row("released", "Released", "date", [m.released for m in models], "max"),
        row("lab", "Lab", "text", [_lab_name(m, lab) for m, lab in zip(models, labs, strict=True)]),
        row("kind", "Kind", "text", [m.kind for m in models]),
        row("architecture", "Architecture", "text", [_architecture(m) for m in models]),
        row("params_total", "Total params", "params", [m.params_total for m in models], "max"),
        row("params_active", "Active params", "params", [m.params_active for m in models], "max"),
        row("context", "Context window", "tokens", [m.context for m in models], "max"),
        row("max_output", "Max output", "tokens", [m.max_output for m in models], "max"),
        row("modalities", "Modalities", "text", [_modalities(m) for m in models]),
        row("licence", "Licence", "licence", [_licence(m) for m in models]),
        row("price_input", "Input price", "price", [m.price_input for m in models], "min"),
        row("price_output", "Output price", "price", [m.price_output for m in models], "min"),
        row("techniques", "Techniques", "list", [seq(m.techniques) for m in models]),
    )
    return Comparison(
        models=tuple(models),
        labs=tuple(labs),
        rows=rows,
        benchmarks=tuple(_benchmarks(models)),
        ratios=tuple(ratios_of(models)),
        sources=tuple(_sources(models)),
    )


def _architecture(model: Model) -> str | None:
    return {"moe": "MoE", "dense": "Dense"}.get(model.architecture or "")


def _modalities(model: Model) -> str | None:
    if not model.input_modalities and not model.output_modalities:
        return None
    given = ", ".join(model.input_modalities) or "?"
    out = ", ".join(model.output_modalities) or "?"
    return f"{given} → {out}"


def _licence(model: Model) -> tuple[str | None, bool | None] | None:
    if model.license is None and model.open_weights is None:
        return None
    return (model.license, model.open_weights)


def _sort_value(value: Value) -> object:
    return value.sort_key if isinstance(value, PartialDate) else value


def _best(values: Sequence[Value | None], best: Best | None) -> frozenset[int]:
    """Indices holding the best value; none when fewer than two are known or all are equal."""
    if best is None:
        return frozenset()
    known = [(i, _sort_value(v)) for i, v in enumerate(values) if v is not None]
    distinct = {v for _, v in known}
    if len(known) < 2 or len(distinct) < 2:
        return frozenset()
    pick = max if best == "max" else min
    top = pick(distinct)  # type: ignore[type-var]
    return frozenset(i for i, v in known if v == top)


def _benchmarks(models: Sequence[Model]) -> list[Row]:
    """Benchmarks reported by at least two of the models (all of them when there are two),
    matched by name ignoring case, spaces and dashes; highest score marked."""
    labels: dict[str, str] = {}
    scores: dict[str, dict[int, float]] = {}
    for index, model in enumerate(models):
        for name, score in model.benchmarks.items():
            key = normalize(name)
            labels.setdefault(key, name)
            scores.setdefault(key, {}).setdefault(index, score)
    rows = []
    for key, by_model in scores.items():
        if len(by_model) < 2:
            continue
        values = [by_model.get(i) for i in range(len(models))]
        rows.append(
            Row(f"benchmark:{key}", labels[key], "score", tuple(values), _best(values, "max"))
        )
    rows.sort(key=lambda r: (-r.known, r.label.casefold()))
    return rows


def _sources(models: Sequence[Model]) -> list[str]:
    """Every model's sources, in order, each once."""
    seen: dict[str, None] = {}
    for model in models:
        for url in model.sources:
            seen.setdefault(url, None)
    return list(seen)


def _lab_name(model: Model, lab: Lab | None) -> str:
    return lab.name if lab is not None else model.lab


# ---------------------------------------------------------------- JSON
