"""Deciding what a source's observations change: new models, filled fields, seen items.

Pure: takes what the store holds (known models, seen items, seeded scopes, earlier fills) and
returns a `Plan`, which the watcher writes in one transaction. The rules:
- an ignored item (a filter rule) is recorded as seen and nothing else;
- an item matching a known model fills that model's empty fields (an update, never announced),
  and may replace a value only when this same source and item wrote it and now says otherwise;
- in a scope seen for the first time everything else is recorded as seen (seeding, silent);
- an item seen before (under its key or, for an OpenRouter model, an id it was listed under)
  is left alone; a new one becomes one new model; the ids an item is listed under are
  recorded as its aliases (outcome "alias"), so a renamed OpenRouter id is not a new model;
- a model keeps its release day, except that a day an OpenRouter listing gave it (and nobody
  changed since) yields to the day its weights appear on Hugging Face; a curated day stays;
- past `max_created` new models the rest are only counted (`Plan.new`), not built: the
  watcher then writes none of them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from bot.domain.models import Model, dump
from bot.feeds.items import FILLABLE, HUGGINGFACE, OPENROUTER, Observation
from bot.feeds.match import KnownModels
from bot.store.feeds import FieldRecord, Fill, FoundRecord, ItemRecord, SeenItem

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Plan:
    models: dict[str, Model] = field(default_factory=dict)  # to write, by slug
    created: list[str] = field(default_factory=list)
    filled: dict[str, list[str]] = field(default_factory=dict)  # slug -> fields filled
    items: list[ItemRecord] = field(default_factory=list)
    found: list[FoundRecord] = field(default_factory=list)
    fields: list[FieldRecord] = field(default_factory=list)
    new: int = 0  # new models: those created, and past `max_created` those only counted


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def fill(
    model: Model, observation: Observation, ours: dict[tuple[str, str], Fill]
) -> tuple[Model, dict[str, Any]]:
    """The model with the observation's fields filled where empty; and what changed."""
    changes: dict[str, Any] = {}
    for name, value in observation.offered.items():
        if name not in FILLABLE or _empty(value):
            continue
        current = getattr(model, name)
        if _empty(current):
            changes[name] = value
        elif current != value:
            earlier = ours.get((model.slug, name))
            if (
                earlier is not None
                and (earlier.source, earlier.item) == (observation.source, observation.item)
                and earlier.value == _json(current)
            ):
                changes[name] = value
    if not changes:
        return model, {}
    return Model.model_validate({**dump(model), **changes}), changes


def create(observation: Observation) -> Model:
    data: dict[str, Any] = {
        "slug": observation.slug,
        "name": observation.name,
        "lab": observation.lab,
        "released": observation.released,
        "released_as": observation.released_as,
        "sources": [observation.url],
    }
    given = {**observation.new_only, **observation.offered}
    data.update({k: v for k, v in given.items() if not _empty(v)})
    return Model.model_validate(data)


def _free_slug(observation: Observation, known: KnownModels) -> str | None:
    for slug in (observation.slug, f"{observation.lab}-{observation.slug}"):
        if slug not in known.models and len(slug) <= 64:
            return slug
    return None


def plan(
    observations: list[Observation],
    *,
    known: KnownModels,
    seen: dict[str, SeenItem],
    seeded: set[str],
    ours: dict[tuple[str, str], Fill],
    max_created: int | None = None,
) -> Plan:
    result = Plan()
    ours = dict(ours)
    done: set[str] = set()
    aliases: list[tuple[str, Observation]] = []
    for obs in observations:
        if obs.item in done:
            continue
        done.add(obs.item)
        previous = _previous(obs, seen)
        record = _recorder(result, obs)
        aliases.extend((alias, obs) for alias in obs.aliases if alias != obs.item)
        if obs.ignored:
            record("ignored", detail=obs.ignored)
            continue
        match = known.match(obs)
        if match.ambiguous:
            record("ambiguous", detail="matches " + ", ".join(match.candidates))
            continue
        if match.slug is not None:
            model = known.models[match.slug]
            try:
                updated, changes = fill(model, obs, ours)
                if previous is None and obs.scope in seeded:
                    updated, changes = _weights_day(updated, changes, obs, ours)
            except ValidationError as exc:
                log.warning("%s %s: cannot fill %s: %s", obs.source, obs.item, model.slug, exc)
                updated, changes = model, {}
            if changes:
                known.put(updated)
                result.models[updated.slug] = updated
                if updated.slug not in result.created:
                    filled = result.filled.setdefault(updated.slug, [])
                    filled.extend(name for name in changes if name not in filled)
                for name, value in changes.items():
                    result.fields.append(FieldRecord(updated.slug, name, obs.item, _json(value)))
                    ours[(updated.slug, name)] = Fill(obs.source, obs.item, _json(value))
            kept = "created" if previous is not None and previous.outcome == "created" else None
            record(kept or "matched", match.slug, ", ".join(changes) or None)
            result.found.append(FoundRecord(match.slug, obs.item, obs.url, False))
            continue
        if obs.scope not in seeded:
            record("seeded")
            continue
        if previous is not None:
            record(previous.outcome, previous.model_slug)
            if previous.model_slug is not None and obs.aliases:
                # Where it is listed now (a renamed id has a new address).
                result.found.append(FoundRecord(previous.model_slug, obs.item, obs.url, False))
            continue
        if max_created is not None and result.new >= max_created:
            result.new += 1  # too many: counted, not built (a huge listing stays cheap)
            continue
        slug = _free_slug(obs, known)
        if slug is None or obs.released is None:
            record("skipped", detail=f"slug {obs.slug!r} is taken" if slug is None else "no date")
            continue
        try:
            model = create(_with_slug(obs, slug))
        except ValidationError as exc:
            record("invalid", detail=_problem(exc))
            continue
        known.put(model)
        result.models[model.slug] = model
        result.created.append(model.slug)
        result.new += 1
        record("created", model.slug)
        result.found.append(FoundRecord(model.slug, obs.item, obs.url, True))
        given = {**obs.offered, "released": str(model.released)}
        for name, value in given.items():
            if not _empty(value):
                result.fields.append(FieldRecord(model.slug, name, obs.item, _json(value)))
                ours[(model.slug, name)] = Fill(obs.source, obs.item, _json(value))
    slugs = {item.item: item.model_slug for item in result.items}
    for alias, obs in aliases:
        if alias not in done:
            done.add(alias)
            result.items.append(
                ItemRecord(alias, obs.scope, "alias", slugs.get(obs.item), obs.item)
            )
    return result


def _previous(obs: Observation, seen: dict[str, SeenItem]) -> SeenItem | None:
    """What an earlier cycle recorded for this item: under its key, or under an id it is
    listed under (a store from before OpenRouter items were keyed on canonical_slug)."""
    previous = seen.get(obs.item)
    if previous is not None:
        return previous
    for alias in obs.aliases:
        earlier = seen.get(alias)
        if earlier is not None and earlier.outcome != "alias":
            return earlier
    return None


def _weights_day(
    model: Model, changes: dict[str, Any], obs: Observation, ours: dict[tuple[str, str], Fill]
) -> tuple[Model, dict[str, Any]]:
    """A Hugging Face repo seen for the first time gives a model its weights day when the
    model's day is one an OpenRouter listing gave it (and nobody changed since)."""
    if obs.source != HUGGINGFACE or obs.released is None or obs.released == model.released:
        return model, changes
    earlier = ours.get((model.slug, "released"))
    if earlier is None or earlier.source != OPENROUTER:
        return model, changes
    if earlier.value != _json(str(model.released)):
        return model, changes
    day = {"released": str(obs.released), "released_as": obs.released_as}
    updated = Model.model_validate({**dump(model), **day})
    return updated, {**changes, "released": str(obs.released)}


def _recorder(result: Plan, obs: Observation) -> Callable[..., None]:
    def record(outcome: str, slug: str | None = None, detail: str | None = None) -> None:
        result.items.append(ItemRecord(obs.item, obs.scope, outcome, slug, detail))

    return record


def _with_slug(obs: Observation, slug: str) -> Observation:
    return obs if slug == obs.slug else replace(obs, slug=slug)
