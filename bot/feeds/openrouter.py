"""OpenRouter: `GET /api/v1/models`, one list of every model with its prices and context.

Each entry: `id` ("deepseek/deepseek-v3.2", which OpenRouter may rename), `canonical_slug`
(permanent: the item's key; `id` is recorded as its alias), `name` ("DeepSeek: DeepSeek
V3.2"), `created` (Unix seconds: when OpenRouter added it, not a release day; kept in the
note), `context_length`, `pricing.prompt`/`pricing.completion` (USD per token, as text),
`hugging_face_id` (empty for closed models), `top_provider.max_completion_tokens`,
`architecture.input_modalities`/`output_modalities`.

Prices become USD per million tokens, and only the standard list price is used: the top-level
price is the one in force when asked, so inside a time-window override (`pricing.overrides`
entries with `utc_start`/`utc_end`) it is that window's price, and with a `discount` it is
the discounted one. A price equal to a time-window override's is not taken (the standard one
is unknown that cycle and the stored one stays); a discount is undone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from bot.domain.dates import PartialDate
from bot.domain.models import make_slug
from bot.feeds.config import OpenRouterConfig
from bot.feeds.errors import FeedError
from bot.feeds.http import NOT_MODIFIED, Requests
from bot.feeds.items import OPENROUTER, Observation, Observed
from bot.store.feeds import ScopeState

MODALITIES = ("text", "image", "video", "audio")
MAX_PRICE = 100_000.0


def models_url(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/api/v1/models"


def parse_models(data: Any, url: str) -> list[dict[str, Any]]:
    """Check the list's shape; raise FeedError("malformed") when it is not `{data: [...]}`."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise FeedError("malformed", "expected an object with a data list", url=url)
    entries = []
    for entry in data["data"]:
        if not isinstance(entry, dict):
            raise FeedError("malformed", "a model entry is not an object", url=url)
        model_id = entry.get("id")
        if not isinstance(model_id, str) or "/" not in model_id:
            raise FeedError("malformed", f"a model entry has no id ({model_id!r})", url=url)
        entries.append(entry)
    return entries


def per_million(value: object) -> float | None:
    """USD per token (text or number) -> USD per million tokens; None for free or unknown."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        per_token = float(value)
    except ValueError:
        return None
    price = round(per_token * 1_000_000, 6)
    if not math.isfinite(price) or price <= 0 or price > MAX_PRICE:
        return None
    return price


_WINDOW_KEYS = ("utc_start", "utc_end", "start", "end", "time_window", "window")


def _discount(pricing: Mapping[str, Any]) -> float:
    """The fraction taken off (0.2 for 20% off); 0 when there is none or it is unreadable."""
    value = pricing.get("discount")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return 0.0
    try:
        fraction = float(value)
    except ValueError:
        return 0.0
    return fraction if math.isfinite(fraction) and 0 < fraction < 1 else 0.0


def _window_prices(pricing: Mapping[str, Any], key: str) -> set[float]:
    """The prices (per million) time-window overrides give `key`."""
    overrides = pricing.get("overrides")
    prices: set[float] = set()
    for entry in overrides if isinstance(overrides, list) else []:
        if isinstance(entry, dict) and any(k in entry for k in _WINDOW_KEYS):
            price = per_million(entry.get(key))
            if price is not None:
                prices.add(price)
    return prices


def standard_price(pricing: Mapping[str, Any], key: str) -> float | None:
    """The standard list price of `key` ("prompt", "completion") per million tokens: without
    the discount, and None when the price in force is a time window's (the standard one is
    not in the answer then)."""
    price = per_million(pricing.get(key))
    if price is None:
        return None
    discount = _discount(pricing)
    candidates = {price, round(price / (1 - discount), 6)} if discount else {price}
    if candidates & _window_prices(pricing, key):
        return None
    return round(price / (1 - discount), 6) if discount else price


def _positive_int(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return int(value) if float(value).is_integer() else None


def _created(value: object) -> PartialDate | None:
    seconds = _positive_int(value)
    if seconds is None:
        return None
    try:
        moment = dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return PartialDate.from_date(moment.date())


def _modalities(architecture: object, key: str) -> list[str]:
    if not isinstance(architecture, dict) or not isinstance(architecture.get(key), list):
        return []
    given = set(architecture[key])
    return [m for m in MODALITIES if m in given]


def _table(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def display_name(entry: Mapping[str, Any], fallback: str) -> str:
    """ "DeepSeek: DeepSeek V3.2" -> "DeepSeek V3.2" (OpenRouter prefixes the author)."""
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        return fallback
    _, sep, rest = name.partition(": ")
    return (rest if sep and rest.strip() else name).strip()[:100]


def item_key(entry: Mapping[str, Any]) -> str:
    """The permanent key of a listed model: its `canonical_slug`, with the variant (":free",
    ":thinking") of its id, which variants may share the slug without; its id when there is
    no usable slug."""
    model_id: str = entry["id"]
    canonical = entry.get("canonical_slug")
    if not isinstance(canonical, str) or canonical.count("/") != 1 or ":" in canonical:
        return model_id
    _, colon, variant = model_id.partition(":")
    return f"{canonical}:{variant}" if colon and variant else canonical


def observation(
    entry: Mapping[str, Any], *, author: str, lab: str, base_url: str, config: OpenRouterConfig
) -> Observation:
    model_id: str = entry["id"]
    key = item_key(entry)
    tail = model_id.split("/", 1)[1]
    hf = entry.get("hugging_face_id")
    hugging_face = hf if isinstance(hf, str) and hf.count("/") == 1 else None
    pricing = _table(entry.get("pricing"))
    top = _table(entry.get("top_provider"))
    architecture = entry.get("architecture")
    name = display_name(entry, tail)
    names = (tail, name) + ((hugging_face.split("/", 1)[1],) if hugging_face else ())
    offered: dict[str, Any] = {
        "hugging_face": hugging_face,
        "context": _positive_int(entry.get("context_length")),
        "max_output": _positive_int(top.get("max_completion_tokens")),
        "price_input": standard_price(pricing, "prompt"),
        "price_output": standard_price(pricing, "completion"),
        "input_modalities": _modalities(architecture, "input_modalities"),
        "output_modalities": _modalities(architecture, "output_modalities"),
    }
    return Observation(
        source=OPENROUTER,
        item=key,
        scope=author,
        lab=lab,
        url=f"{base_url.rstrip('/')}/{model_id}",
        name=name,
        slug=make_slug(tail),
        released=_created(entry.get("created")),
        released_as="api",
        hugging_face=hugging_face,
        names=names,
        offered=offered,
        ignored=config.ignored(model_id),
        created=str(entry["created"]) if _positive_int(entry.get("created")) else None,
        aliases=(model_id,) if key != model_id else (),
    )


async def observe(
    requests: Requests, *, base_url: str, config: OpenRouterConfig, labs: set[str], now: str
) -> Observed:
    """The models of the configured authors (one list, every author listed in full at `now`);
    raise FeedError on a failure worth retrying."""
    observed = Observed()
    authors = {a: lab for a, lab in config.authors.items() if lab in labs}
    for author, lab in config.authors.items():
        if lab not in labs:
            observed.warnings.append(f"{author}: lab {lab!r} is not in the catalog; skipped")
    url = models_url(base_url)
    data = await requests.get_json(url, conditional=True)
    observed.scopes = sorted(authors)
    observed.pages = 1
    observed.listings = {author: ScopeState(listed_at=now) for author in authors}
    if data is NOT_MODIFIED:
        return observed
    for entry in parse_models(data, url):
        author = entry["id"].split("/", 1)[0]
        if author in authors:
            observed.observations.append(
                observation(
                    entry, author=author, lab=authors[author], base_url=base_url, config=config
                )
            )
    return observed
