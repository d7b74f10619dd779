"""Hugging Face: each configured organisation's newest model repos, and details for new ones.

Listing: `GET /api/models?author=ORG&sort=createdAt&limit=N` (conditional), newest first,
then the `Link: <...>; rel="next"` pages (same host only) while they hold repos not seen yet.
Details, only for a repo that may become or fill a model:
`GET /api/models/{repo}?expand[]=safetensors&expand[]=config` for the parameter count
(`safetensors.total`) and expert counts, and `GET /{repo}/resolve/main/config.json` for the
context (`max_position_embeddings`). Nothing is estimated: a field the source does not give
stays empty.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from typing import Any

from bot.domain.dates import PartialDate
from bot.domain.models import make_slug
from bot.feeds.config import HuggingFaceConfig
from bot.feeds.errors import BudgetExhausted, FeedError, Unavailable
from bot.feeds.http import NOT_MODIFIED, Requests, with_query
from bot.feeds.items import HUGGINGFACE, Observation, Observed
from bot.store.feeds import Cursor, ScopeState

log = logging.getLogger(__name__)

_BASE_WORD = re.compile(r"(?:^|[-_.])base(?:$|[-_.])", re.IGNORECASE)
_EXPERT_KEYS = ("n_routed_experts", "num_experts", "num_local_experts", "moe_num_experts")
_KINDS = {
    "feature-extraction": "embedding",
    "sentence-similarity": "embedding",
    "image-text-to-text": "multimodal",
    "any-to-any": "omni",
}
MAX_CONTEXT = 100_000_000


def listing_url(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/api/models"


def listing_params(organisation: str, limit: int) -> dict[str, str | list[str]]:
    # Newest first always: the Hub ignores `direction` (huggingface_hub no longer sends it).
    return {"author": organisation, "sort": "createdAt", "limit": str(limit)}


def parse_listing(data: Any, url: str) -> list[dict[str, Any]]:
    """Check the listing's shape; raise FeedError("malformed") when it is not a repo list."""
    if not isinstance(data, list):
        raise FeedError("malformed", "expected a list of repos", url=url)
    repos = []
    for entry in data:
        if not isinstance(entry, dict):
            raise FeedError("malformed", "a listing entry is not an object", url=url)
        repo = entry.get("id", entry.get("modelId"))
        if not isinstance(repo, str) or repo.count("/") != 1:
            raise FeedError("malformed", f"a listing entry has no repo id ({repo!r})", url=url)
        repos.append({**entry, "id": repo})
    return repos


def _created(value: object) -> PartialDate | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return PartialDate.from_date(moment.astimezone(dt.UTC).date())


def _tags(entry: Mapping[str, Any]) -> list[str]:
    tags = entry.get("tags")
    return [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []


def _license(tags: list[str]) -> str | None:
    for tag in tags:
        if tag.startswith("license:"):
            value = tag.removeprefix("license:")
            if value and value not in {"other", "unknown"} and len(value) <= 100:
                return value
    return None


def _kind(name: str, pipeline_tag: object) -> str | None:
    if _BASE_WORD.search(name):
        return "base"
    return _KINDS.get(pipeline_tag) if isinstance(pipeline_tag, str) else None


def observation(
    entry: Mapping[str, Any],
    *,
    organisation: str,
    lab: str,
    base_url: str,
    config: HuggingFaceConfig,
) -> Observation:
    repo: str = entry["id"]
    name = repo.split("/", 1)[1]
    tags = _tags(entry)
    offered: dict[str, Any] = {
        "hugging_face": repo,
        "open_weights": True,
        "license": _license(tags),
    }
    return Observation(
        source=HUGGINGFACE,
        item=repo,
        scope=organisation,
        lab=lab,
        url=f"{base_url.rstrip('/')}/{repo}",
        name=name[:100],
        slug=make_slug(name),
        released=_created(entry.get("createdAt")),
        released_as="weights",
        hugging_face=repo,
        names=(name,),
        offered=offered,
        # A name like "-Base" says what this repo is, not what a model it matched (perhaps
        # through an alias) is: so the kind is only used for a model this repo creates.
        new_only={"kind": _kind(name, entry.get("pipeline_tag"))},
        ignored=config.ignored(organisation, name, tags),
        created=entry.get("createdAt") if isinstance(entry.get("createdAt"), str) else None,
    )


def _positive_int(value: object, limit: int | None = None) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value if limit is None or value <= limit else None


def details_from(info: Any, config_json: Any) -> dict[str, Any]:
    """Parameters, context and architecture as the repo states them (empty when it does not)."""
    found: dict[str, Any] = {}
    if isinstance(info, dict):
        safetensors = info.get("safetensors")
        if isinstance(safetensors, dict):
            total = _positive_int(safetensors.get("total"))
            if total:
                found["params_total"] = total
    for config in (config_json, info.get("config") if isinstance(info, dict) else None):
        if not isinstance(config, dict):
            continue
        nested = config.get("text_config")
        for source in (config, nested if isinstance(nested, dict) else {}):
            context = _positive_int(source.get("max_position_embeddings"), MAX_CONTEXT)
            if context and "context" not in found:
                found["context"] = context
            for key in _EXPERT_KEYS:
                experts = _positive_int(source.get(key))
                if experts and experts > 1:
                    found["architecture"] = "moe"
    return found


async def fetch_details(requests: Requests, base_url: str, repo: str) -> dict[str, Any]:
    """The repo's details; raise BudgetExhausted when the cap leaves no room for both requests."""
    if requests.remaining < 2:
        raise BudgetExhausted
    base = base_url.rstrip("/")
    url = f"{base}/api/models/{repo}"
    try:
        info = await requests.get_json(
            url, {"expand[]": ["safetensors", "config"]}, conditional=False
        )
    except Unavailable:
        info = None
    try:
        config_json = await requests.get_json(
            f"{base}/{repo}/resolve/main/config.json", conditional=False
        )
    except FeedError as exc:
        # A repo without config.json (or gated) is normal; a config.json that is not JSON,
        # is too large or redirects to another host (never followed) is the repo's problem,
        # not the feed's. Timeouts and 5xx still fail the cycle.
        if exc.kind not in {"unavailable", "malformed", "truncated", "too-large", "redirect"}:
            raise
        if exc.kind in {"too-large", "redirect"}:
            log.info("Hugging Face %s: config.json not used: %s", repo, exc)
        config_json = None
    return details_from(info, config_json)


async def observe(
    requests: Requests,
    *,
    base_url: str,
    config: HuggingFaceConfig,
    labs: set[str],
    cursor: Cursor,
    seen: Collection[str],
    seeded: Collection[str],
    now: str,
    wants_details: Callable[[Observation], bool],
) -> Observed:
    """List each organisation (from `cursor.start` on, within the request cap), following
    `rel="next"` pages until a page holds a repo seen before (everything older was seen) or
    the listing ends; fetch details for the repos `wants_details` picks. An organisation whose
    pages the cap cut keeps the URL of the first page not wholly read, and the next cycle
    goes on from there. Raise FeedError on any failure that should be retried."""
    observed = Observed()
    organisations = list(config.organisations)
    if cursor.start in config.organisations:
        start = organisations.index(cursor.start)
        organisations = organisations[start:] + organisations[:start]
    for organisation in organisations:
        lab = config.organisations[organisation]
        if lab not in labs:
            observed.warnings.append(f"{organisation}: lab {lab!r} is not in the catalog; skipped")
            continue
        if not await _list(
            requests,
            observed,
            organisation=organisation,
            lab=lab,
            base_url=base_url,
            config=config,
            state=cursor.scopes.get(organisation, ScopeState()),
            seen=seen,
            baseline=organisation not in seeded,
            now=now,
            wants_details=wants_details,
        ):
            break
    return observed


async def _list(
    requests: Requests,
    observed: Observed,
    *,
    organisation: str,
    lab: str,
    base_url: str,
    config: HuggingFaceConfig,
    state: ScopeState,
    seen: Collection[str],
    baseline: bool,
    now: str,
    wants_details: Callable[[Observation], bool],
) -> bool:
    """One organisation's pages; False when the request cap stops the cycle here."""
    started = state.started_at if state.next_url else now
    url: str = state.next_url or listing_url(base_url)
    params = None if state.next_url else listing_params(organisation, config.limit)
    first = state.next_url is None

    def unfinished(at: str) -> None:
        observed.listings[organisation] = ScopeState(state.listed_at, at, started)
        observed.unfinished.append(organisation)
        observed.cursor = observed.cursor or organisation

    while True:
        try:
            data = await requests.get_json(url, params, conditional=first)
        except BudgetExhausted:
            unfinished(str(with_query(url, params)))
            observed.warnings.append(f"request cap reached; next cycle starts at {organisation}")
            return False
        except Unavailable as exc:
            observed.warnings.append(f"{organisation}: listing unavailable ({exc}); skipped")
            if not first:  # a stale next-page URL: start again from the first page
                observed.listings[organisation] = ScopeState(state.listed_at)
            return True
        except FeedError as exc:
            if first or exc.kind != "http":
                raise
            # A next-page URL the Hub no longer accepts (an expired cursor answers 400).
            observed.warnings.append(f"{organisation}: next page refused ({exc}); restarting")
            observed.listings[organisation] = ScopeState(state.listed_at)
            return True
        observed.pages += 1
        if organisation not in observed.scopes:
            observed.scopes.append(organisation)
        if data is NOT_MODIFIED:
            break
        key = str(requests.last_url)
        next_url = requests.next_url
        reached_seen = False
        cut = False
        for entry in parse_listing(data, key):
            item = observation(
                entry, organisation=organisation, lab=lab, base_url=base_url, config=config
            )
            reached_seen = reached_seen or item.item in seen
            if wants_details(item):
                try:
                    details = await fetch_details(requests, base_url, item.item)
                except BudgetExhausted:
                    # Not recorded as seen; this page is asked for again (in full) next time.
                    observed.deferred.append(item.item)
                    cut = True
                    requests.fresh.pop(key, None)
                    continue
                item = _with_details(item, details)
            observed.observations.append(item)
        if cut:
            unfinished(key)
            observed.warnings.append(
                f"{organisation}: request cap reached; the rest of this listing next cycle"
            )
            return False
        # A page with a repo seen before reaches what earlier listings read: everything older
        # was seen. The first look at an organisation reads one page (all of it is old).
        if next_url is None or reached_seen or baseline:
            break
        url, params, first = next_url, None, False
    observed.listings[organisation] = ScopeState(listed_at=started)
    return True


def _with_details(seen: Observation, details: dict[str, Any]) -> Observation:
    return replace(seen, offered={**seen.offered, **details})
