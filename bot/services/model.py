"""/model: everything known about one model, its predecessor and successors with what changed.

"What changed" always reads from the older model to the newer one: for the predecessor, what
this model changed; for each successor, what the successor changed. Only fields known on both
sides count as a change of value; a field known on one side only is not reported (a renderer
cannot say a value went from unknown to something without suggesting it was 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.domain.errors import NotFound
from bot.domain.models import Event, Lab, Model, dump
from bot.services.names import NameEntry, NameIndex
from bot.store import Store, catalog

HUGGING_FACE = "https://huggingface.co/"

ChangeKind = Literal["params", "tokens", "text", "list"]


@dataclass(frozen=True, slots=True)
class Change:
    """One difference from the older model to the newer one.

    For values (params, tokens, text) `old`/`new` are set; for lists (modalities, techniques)
    `added`/`removed` are."""

    key: str
    label: str
    kind: ChangeKind
    old: int | str | None = None
    new: int | str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A predecessor or successor and what changed between it and the profiled model."""

    model: Model
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Profile:
    model: Model
    lab: Lab | None
    predecessor: Neighbour | None
    missing_predecessor: str | None
    successors: tuple[Neighbour, ...]
    events: tuple[Event, ...]
    links: tuple[Link, ...]

    @property
    def lab_name(self) -> str:
        return self.lab.name if self.lab is not None else self.model.lab


async def profile(store: Store, index: NameIndex, name: str | NameEntry) -> Profile:
    """/model and `modelradar model`: the model named (typed text, resolved here with NotFound
    or Ambiguous, or an entry the bot's option resolved), profiled."""
    entry = name if isinstance(name, NameEntry) else index.resolve(name, "model")
    return await profile_slug(store, entry.slug)


async def profile_slug(store: Store, slug: str) -> Profile:
    model = await catalog.model(store, slug)
    if model is None:
        raise NotFound("model", slug)
    lab = await catalog.lab(store, model.lab)
    predecessor = None
    missing = None
    if model.predecessor:
        before = await catalog.model(store, model.predecessor)
        if before is None:
            missing = model.predecessor
        else:
            predecessor = Neighbour(before, changes(before, model))
    successors = tuple(
        Neighbour(after, changes(model, after)) for after in await catalog.successors(store, slug)
    )
    events = tuple(await catalog.events_for_model(store, slug))
    return Profile(model, lab, predecessor, missing, successors, events, links(model))


def changes(old: Model, new: Model) -> tuple[Change, ...]:
    """What `new` changed relative to `old`: params, context, architecture, licence, open
    weights, modalities and techniques."""
    found: list[Change] = []

    def value(
        key: str, label: str, kind: ChangeKind, a: int | str | None, b: int | str | None
    ) -> None:
        if a is not None and b is not None and a != b:
            found.append(Change(key, label, kind, old=a, new=b))

    def listed(key: str, label: str, a: Sequence[str], b: Sequence[str]) -> None:
        if not a or not b:
            return
        before = {item.casefold() for item in a}
        after = {item.casefold() for item in b}
        added = tuple(item for item in b if item.casefold() not in before)
        removed = tuple(item for item in a if item.casefold() not in after)
        if added or removed:
            found.append(Change(key, label, "list", added=added, removed=removed))

    value("params_total", "Total params", "params", old.params_total, new.params_total)
    value("params_active", "Active params", "params", old.params_active, new.params_active)
    value("context", "Context", "tokens", old.context, new.context)
    value("max_output", "Max output", "tokens", old.max_output, new.max_output)
    value("architecture", "Architecture", "text", _arch(old), _arch(new))
    value("license", "Licence", "text", old.license, new.license)
    value("open_weights", "Weights", "text", _weights(old), _weights(new))
    listed("input_modalities", "Input", old.input_modalities, new.input_modalities)
    listed("output_modalities", "Output", old.output_modalities, new.output_modalities)
    listed("techniques", "Techniques", old.techniques, new.techniques)
    return tuple(found)


def _arch(model: Model) -> str | None:
    return {"moe": "MoE", "dense": "dense"}.get(model.architecture or "")


def _weights(model: Model) -> str | None:
    if model.open_weights is None:
        return None
    return "open" if model.open_weights else "closed"


def links(model: Model) -> tuple[Link, ...]:
    """Weights on Hugging Face, the paper, then every source, each URL once."""
    found: dict[str, Link] = {}
    if model.hugging_face:
        url = HUGGING_FACE + model.hugging_face.strip("/")
        found[url] = Link("Hugging Face", url)
    if model.paper:
        found.setdefault(model.paper, Link("Paper", model.paper))
    for url in model.sources:
        found.setdefault(url, Link(_host(url), url))
    return tuple(found.values())


def _host(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


# ---------------------------------------------------------------- JSON


def _change_dict(change: Change) -> dict[str, object]:
    if change.kind == "list":
        return {"field": change.key, "added": list(change.added), "removed": list(change.removed)}
    return {"field": change.key, "old": change.old, "new": change.new}


def _neighbour_dict(neighbour: Neighbour) -> dict[str, object]:
    model = neighbour.model
    return {
        "slug": model.slug,
        "name": model.name,
        "released": str(model.released),
        "changes": [_change_dict(change) for change in neighbour.changes],
    }


def as_dict(result: Profile) -> dict[str, object]:
    """The profile for scripts (`modelradar model --json`)."""
    return {
        "model": dump(result.model),
        "lab": {"slug": result.model.lab, "name": result.lab_name},
        "predecessor": _neighbour_dict(result.predecessor) if result.predecessor else None,
        "missing_predecessor": result.missing_predecessor,
        "successors": [_neighbour_dict(n) for n in result.successors],
        "events": [dump(event) for event in result.events],
        "links": [{"label": link.label, "url": link.url} for link in result.links],
    }
