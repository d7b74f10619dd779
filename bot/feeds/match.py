"""Matching what a feed saw to a model the catalog already has.

First by Hugging Face repo id (unique across labs), then by name within the same lab: the repo
name, the OpenRouter id and display name are compared, normalised, with every slug, name and
alias of the lab's models. So one release seen through both sources is one model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.models import Model
from bot.domain.names import normalize
from bot.feeds.items import Observation


@dataclass(frozen=True, slots=True)
class Match:
    slug: str | None = None
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.slug is None and len(self.candidates) > 1


class KnownModels:
    """The catalog's models, indexed by Hugging Face id and by (lab, normalised name)."""

    def __init__(self, models: Iterable[Model], names: Iterable[tuple[str, str]] = ()) -> None:
        self.models: dict[str, Model] = {}
        self._by_hf: dict[str, str] = {}
        self._by_name: dict[tuple[str, str], set[str]] = {}
        for model in models:
            self.put(model)
        for norm, slug in names:
            named = self.models.get(slug)
            if named is not None and norm:
                self._by_name.setdefault((named.lab, norm), set()).add(slug)

    def put(self, model: Model) -> None:
        """Add or refresh a model (one created or filled earlier in this cycle)."""
        self.models[model.slug] = model
        if model.hugging_face:
            self._by_hf.setdefault(model.hugging_face.lower(), model.slug)
        for text in (model.slug, model.name, *model.aliases):
            norm = normalize(text)
            if norm:
                self._by_name.setdefault((model.lab, norm), set()).add(model.slug)

    def match(self, observation: Observation) -> Match:
        if observation.hugging_face:
            slug = self._by_hf.get(observation.hugging_face.lower())
            if slug is not None:
                return Match(slug, (slug,))
        found: set[str] = set()
        for name in observation.names:
            found |= self._by_name.get((observation.lab, normalize(name)), set())
        if len(found) == 1:
            slug = next(iter(found))
            return Match(slug, (slug,))
        return Match(None, tuple(sorted(found)))
