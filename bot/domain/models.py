"""The catalog's entities: labs, models and events, as pydantic v2 models.

The same models read the import format (YAML/JSON) and carry what the store keeps. Every
numeric field is optional: unknown stays None and is shown as a dash, never as 0.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    model_validator,
)

from bot.domain.dates import PartialDate, parse_date
from bot.domain.sizes import parse_size

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
DOMAIN_RE = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/[A-Za-z0-9._-]+)*$")
SLUG_ACCEPTED = 'lowercase letters, digits, "." and "-", starting with a letter or digit'

ModelKind = Literal[
    "base", "chat", "reasoning", "multimodal", "code", "prover", "omni", "embedding", "other"
]
MODEL_KINDS: tuple[str, ...] = ModelKind.__args__  # type: ignore[attr-defined]
EventKind = Literal["paper", "announcement", "talk", "release", "report", "other"]
EVENT_KINDS: tuple[str, ...] = EventKind.__args__  # type: ignore[attr-defined]
DateMeaning = Literal["announced", "weights", "api", "paper", "commit"]
Architecture = Literal["dense", "moe"]
Modality = Literal["text", "image", "video", "audio"]


def _slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise ValueError(f"{value!r} is not a valid slug; use {SLUG_ACCEPTED}")
    return value


def _date(value: object) -> PartialDate:
    return parse_date(value)


def _params(value: object) -> int:
    return parse_size(value, "params")


def _tokens(value: object) -> int:
    return parse_size(value, "tokens")


def _url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise ValueError(f"{value!r} is not a link; expected a URL starting with https://")
    return value


def _domain(value: str) -> str:
    if not DOMAIN_RE.match(value):
        raise ValueError(
            f'{value!r} is not a domain; expected a host such as "deepseek.com" or a host '
            f'and path such as "github.com/deepseek-ai" (no scheme)'
        )
    return value.lower()


Slug = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_slug)]
Name = Annotated[str, Field(min_length=1, max_length=100)]
Url = Annotated[str, Field(max_length=500), AfterValidator(_url)]
Date = Annotated[PartialDate, PlainValidator(_date), PlainSerializer(str, return_type=str)]
Domain = Annotated[str, Field(max_length=200), AfterValidator(_domain)]
Params = Annotated[int, PlainValidator(_params)]
Tokens = Annotated[int, PlainValidator(_tokens)]
Price = Annotated[float, Field(ge=0, le=100_000)]


class Entity(BaseModel):
    """Shared configuration: unknown fields are errors; strings are stripped; NaN and
    infinity are not numbers (JSON cannot store them, so a model holding one could not be
    read back)."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, frozen=True, allow_inf_nan=False
    )


class Lab(Entity):
    slug: Slug
    name: Name
    aliases: list[Name] = []
    country: str | None = Field(default=None, max_length=60)
    homepage: Url | None = None
    hugging_face: str | None = Field(default=None, max_length=100)
    domains: list[Domain] = []
    sources: list[Url] = []
    notes: str | None = Field(default=None, max_length=2000)


class Model(Entity):
    slug: Slug
    name: Name
    lab: Slug
    family: str | None = Field(default=None, max_length=100)
    aliases: list[Name] = []
    released: Date
    released_as: DateMeaning | None = None
    kind: ModelKind | None = None
    open_weights: bool | None = None
    license: str | None = Field(default=None, max_length=100)
    architecture: Architecture | None = None
    params_total: Params | None = None
    params_active: Params | None = None
    context: Tokens | None = None
    max_output: Tokens | None = None
    input_modalities: list[Modality] = []
    output_modalities: list[Modality] = []
    techniques: list[Annotated[str, Field(min_length=1, max_length=80)]] = []
    predecessor: Slug | None = None
    hugging_face: str | None = Field(default=None, max_length=200)
    paper: Url | None = None
    price_input: Price | None = None
    price_output: Price | None = None
    benchmarks: dict[Annotated[str, Field(min_length=1, max_length=80)], float] = {}
    highlights: list[Annotated[str, Field(min_length=1, max_length=300)]] = []
    sources: list[Url] = []
    notes: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _active_within_total(self) -> Model:
        if (
            self.params_active is not None
            and self.params_total is not None
            and self.params_active > self.params_total
        ):
            raise ValueError(
                "params_active is larger than params_total; active parameters are a part of "
                "the total (for example params_total: 1.6T, params_active: 49B)"
            )
        if self.predecessor == self.slug:
            raise ValueError("a model cannot be its own predecessor")
        return self


class Event(Entity):
    slug: Slug | None = None
    date: Date
    lab: Slug
    kind: EventKind
    title: str = Field(min_length=1, max_length=200)
    short_name: str | None = Field(default=None, min_length=1, max_length=40)
    summary: str | None = Field(default=None, max_length=1000)
    url: Url | None = None
    models: list[Slug] = []
    sources: list[Url] = []

    @property
    def key(self) -> str:
        """The event's identity: its slug, or one made from lab, date and title."""
        if self.slug:
            return self.slug
        return make_slug(f"{self.lab}-{self.date}-{self.title}")


def make_slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")
    return slug[:64].rstrip("-.") or "event"


def dump(entity: BaseModel) -> dict[str, Any]:
    """The entity as the import format writes it (dates as text, unset fields left out)."""
    return entity.model_dump(mode="json", exclude_defaults=True)
