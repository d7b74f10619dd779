"""/search: models, labs and events matching a name, alias, slug, family or technique.

Matching ignores case, spaces, dashes and dots (bot.domain.names.normalize), so "MLA",
"sparse-attention" and "深度求索" all work. Results are ranked in tiers: an exact name, alias
or slug; then names starting with the query; then names containing it (and families); then
techniques; then words in event titles, summaries and model highlights. Within a tier, labs
come before models before events, and newer before older.

SQL narrows the candidates (LIKE over the normalised aliases, and over normalize() of
families, techniques, titles and summaries, the same function registered in SQLite); Python
then ranks each.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Literal

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError, phrase
from bot.domain.names import normalize
from bot.store import Store
from bot.store import search as queries

MAX_QUERY = 100
DEFAULT_LIMIT = 15
EXAMPLES = "a model, lab or technique, for example `MLA`, `sparse attention` or `深度求索`"

EntityKind = Literal["lab", "model", "event"]
_ENTITY_ORDER: dict[str, int] = {"lab": 0, "model": 1, "event": 2}


class Tier(IntEnum):
    EXACT = 0
    PREFIX = 1
    SUBSTRING = 2
    TECHNIQUE = 3
    TEXT = 4


@dataclass(frozen=True, slots=True)
class Hit:
    entity: EntityKind
    slug: str
    name: str
    tier: Tier
    matched: str
    """Why it matched when the name does not show it: "alias 深度求索", "technique MLA",
    "summary"; empty when the name or slug itself matched."""
    lab: str | None = None
    date: PartialDate | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    hits: tuple[Hit, ...]
    total: int


def check_query(query: str) -> str:
    """The query stripped; ModelRadarError when it is empty or too long."""
    text = query.strip()
    if len(text) > MAX_QUERY:
        raise ModelRadarError(
            f"That search is {len(text)} characters long; type at most {MAX_QUERY}: {EXAMPLES}.",
            phrase("search_long", length=len(text), most=MAX_QUERY),
        )
    if not normalize(text):
        raise ModelRadarError(f"Type something to search for: {EXAMPLES}.", phrase("search_empty"))
    return text


def _name_tier(norm: str, text: str) -> Tier | None:
    key = normalize(text)
    if key == norm:
        return Tier.EXACT
    if key.startswith(norm):
        return Tier.PREFIX
    if norm in key:
        return Tier.SUBSTRING
    return None


class _Found:
    """Best tier per entity, with what made it match."""

    def __init__(self) -> None:
        self.best: dict[tuple[str, int], tuple[Tier, str]] = {}

    def add(self, entity: str, entity_id: int, tier: Tier, matched: str) -> None:
        key = (entity, entity_id)
        current = self.best.get(key)
        if current is None or tier < current[0]:
            self.best[key] = (tier, matched)

    def ids(self, entity: str) -> list[int]:
        return [entity_id for kind, entity_id in self.best if kind == entity]


async def search(store: Store, query: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Labs, models and events matching `query`, best first, at most `limit` of them."""
    text = check_query(query)
    if limit < 1:
        raise ModelRadarError(f"The limit must be at least 1 (you gave {limit}).")
    norm = normalize(text)
    like = queries.like(norm)
    found = _Found()

    for entity, entity_id, alias, key in await queries.aliases(store, like):
        tier = _name_tier(norm, key)
        if tier is not None:
            found.add(entity, entity_id, tier, f"alias {alias}")

    for entity_id, family in await queries.families(store, like):
        tier = _name_tier(norm, family)
        if tier is not None:
            # A family names several models: one tier below a name of the same quality.
            found.add("model", entity_id, Tier(min(tier + 1, Tier.SUBSTRING)), f"family {family}")

    for entity_id, technique in await queries.model_texts(store, "techniques", like):
        if norm in normalize(technique):
            found.add("model", entity_id, Tier.TECHNIQUE, f"technique {technique}")

    for entity_id, highlight in await queries.model_texts(store, "highlights", like):
        if norm in normalize(highlight):
            found.add("model", entity_id, Tier.TEXT, "highlights")

    for entity_id, slug, title, short_name, summary_text in await queries.events(store, like):
        named = [_name_tier(norm, text) for text in (slug, short_name) if text]
        tier = min((t for t in named if t is not None), default=None)
        title_tier = _name_tier(norm, title)
        if title_tier is not None and title_tier < Tier.SUBSTRING:
            found.add("event", entity_id, title_tier, "title")
        elif tier is not None:
            found.add("event", entity_id, tier, "slug")
        elif title_tier is not None:
            found.add("event", entity_id, Tier.TEXT, "title")
        elif norm in normalize(summary_text):
            found.add("event", entity_id, Tier.TEXT, "summary")

    hits = await _hits(store, found)
    hits.sort(key=_rank)
    return SearchResult(query=text, hits=tuple(hits[:limit]), total=len(hits))


def _rank(hit: Hit) -> tuple[Any, ...]:
    newest_first = -(hit.date.start.toordinal()) if hit.date else 0
    return (hit.tier, _ENTITY_ORDER[hit.entity], newest_first, hit.name.casefold(), hit.slug)


def _why(matched: str, slug: str, name: str) -> str:
    if matched.startswith("alias ") and matched[6:] in (slug, name):
        return ""
    return matched


async def _hits(store: Store, found: _Found) -> list[Hit]:
    hits: list[Hit] = []
    lab_ids = found.ids("lab")
    if lab_ids:
        for entity_id, slug, name, country in await queries.labs(store, lab_ids):
            tier, matched = found.best[("lab", entity_id)]
            matched = _why(matched, slug, name)
            hits.append(Hit("lab", slug, name, tier, matched, kind=country))
    model_ids = found.ids("model")
    if model_ids:
        for entity_id, slug, name, released, kind, lab in await queries.models(store, model_ids):
            tier, matched = found.best[("model", entity_id)]
            matched = _why(matched, slug, name)
            date = PartialDate.from_sort_key(released)
            hits.append(Hit("model", slug, name, tier, matched, lab, date, kind))
    event_ids = found.ids("event")
    if event_ids:
        for entity_id, slug, title, day, kind, lab in await queries.events_by_id(store, event_ids):
            tier, matched = found.best[("event", entity_id)]
            matched = "" if matched in ("title", "slug") else matched
            date = PartialDate.from_sort_key(day)
            hits.append(Hit("event", slug, title, tier, matched, lab, date, kind))
    return hits
