"""What a source saw: one observation per repo or model id, in the catalog's terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.domain.dates import PartialDate
from bot.store.feeds import ScopeState

HUGGINGFACE = "huggingface"
OPENROUTER = "openrouter"
LABELS = {HUGGINGFACE: "Hugging Face", OPENROUTER: "OpenRouter"}

# Fields a feed may fill on a model when they are empty; never anything else.
FILLABLE = (
    "hugging_face",
    "kind",
    "open_weights",
    "license",
    "architecture",
    "params_total",
    "context",
    "max_output",
    "price_input",
    "price_output",
    "input_modalities",
    "output_modalities",
)


@dataclass(frozen=True, slots=True)
class Observation:
    """One item of a listing: its identity, where it is, and the fields the source gives."""

    source: str
    item: str  # the Hugging Face repo id or the OpenRouter model id
    scope: str  # the organisation or author it was listed under
    lab: str
    url: str
    name: str
    slug: str
    released: PartialDate | None = None
    released_as: str | None = None
    hugging_face: str | None = None
    names: tuple[str, ...] = ()
    offered: dict[str, Any] = field(default_factory=dict)  # fills a known model's empty fields
    new_only: dict[str, Any] = field(default_factory=dict)  # only for a model it creates
    ignored: str | None = None  # why this is not a release (a filter rule)
    created: str | None = None  # the source's raw createdAt / created, kept in the note
    aliases: tuple[str, ...] = ()  # other ids the source lists this item under


@dataclass(slots=True)
class Observed:
    """A source's listings in one cycle, before anything is written."""

    observations: list[Observation] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)  # scopes whose listing was read
    cursor: str | None = None  # where the next cycle starts when the request cap cut this one
    deferred: list[str] = field(default_factory=list)  # items left for the next cycle
    warnings: list[str] = field(default_factory=list)
    pages: int = 0  # listing pages read (a 304 counts: it is a page known unchanged)
    listings: dict[str, ScopeState] = field(default_factory=dict)  # scopes' new states
    unfinished: list[str] = field(default_factory=list)  # scopes with pages left to read
