"""One watcher cycle: each source is fetched, planned and written in one transaction, or not.

A source that fails (timeout, refused connection, 429, 5xx, malformed or truncated JSON) writes
nothing but its backoff: the next attempt waits 5 minutes after the first failure, doubling up
to 6 hours, and at least as long as a Retry-After asked. The other source goes on regardless.
New models enter through the importer, which records them in `new_entries` (announced by the
alerts area) in the same transaction as the watcher's own state. A cycle that would add more
than MODELRADAR_FEEDS_MAX_NEW_PER_CYCLE new models from one source is a failure too: a listing
that suddenly holds thousands of new models is more likely broken or hostile than a launch, so
none is added (or announced) until someone looks; the first, silent look at a source creates
nothing and is never stopped by it.

Release days: neither source says when a model became public (`createdAt` is when a repo was
created, often privately; OpenRouter's `created` is when it was added there). So an item that
appears in a scope's listing became public since that scope's previous full listing: when that
listing is at most two days old the release day is the day the item was first seen, otherwise
(the bot was down) the later of the source's date and that listing's day. The source's own
date is kept in the note of a model the feed creates; only the silent first look at a scope
uses it alone. Each scope's last full listing (and, for a listing the request cap cut, the
next page to read) is kept in `feed_sources.cursor`.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass, field

import aiosqlite

from bot.catalog.importer import ImportReport, import_catalog
from bot.catalog.validate import Catalog
from bot.config import Settings
from bot.domain.models import Model
from bot.feeds import huggingface, openrouter
from bot.feeds.config import FeedsConfig
from bot.feeds.errors import FeedError
from bot.feeds.http import FeedHttp, Requests, Validators
from bot.feeds.items import (
    HUGGINGFACE,
    LABELS,
    OPENROUTER,
    Observation,
    Observed,
)
from bot.feeds.match import KnownModels
from bot.feeds.plan import Plan, plan
from bot.feeds.release_days import dated, previous_listing
from bot.store import Store
from bot.store import feeds as state
from bot.store.connection import timestamp

log = logging.getLogger(__name__)

SOURCES = (HUGGINGFACE, OPENROUTER)
BACKOFF_BASE = dt.timedelta(minutes=5)
BACKOFF_MAX = dt.timedelta(hours=6)


def backoff(failures: int, retry_after: float | None = None) -> dt.timedelta:
    """How long to wait after the `failures`-th failure in a row."""
    delay: dt.timedelta = min(BACKOFF_BASE * (2 ** max(failures - 1, 0)), BACKOFF_MAX)
    if retry_after is not None:
        delay = max(delay, dt.timedelta(seconds=retry_after))
    return delay


def too_many_new(count: int, label: str, limit: int, url: str) -> FeedError:
    return FeedError(
        "too-many-new",
        f"{count} new models",
        url=url,
        text=(
            f"{count} new models from {label} in one cycle is more than "
            f"MODELRADAR_FEEDS_MAX_NEW_PER_CYCLE={limit}; none added (if they are real "
            "releases, raise the limit and run `modelradar watch --once --force`)"
        ),
    )


def jittered(minutes: float, spread: float = 0.1) -> float:
    """Seconds until the next cycle: the interval, give or take `spread` of it."""
    return minutes * 60 * random.uniform(1 - spread, 1 + spread)


@dataclass(slots=True)
class SourceReport:
    """What one source did in one cycle, for the log and `modelradar watch --once`."""

    source: str
    status: str = "ok"  # ok, skipped (backing off), failed
    requests: int = 0
    not_modified: int = 0
    pages: int = 0  # listing pages read
    seeded: list[str] = field(default_factory=list)
    listed: int = 0  # items seen in the listings
    new: list[state.ItemRecord] = field(default_factory=list)  # items not seen before
    created: list[str] = field(default_factory=list)
    announced: list[str] = field(default_factory=list)
    filled: dict[str, list[str]] = field(default_factory=dict)
    deferred: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)  # listings with pages left to read
    renamed: dict[str, str] = field(default_factory=dict)  # new id -> the item it names
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    failures: int = 0
    next_attempt_at: str | None = None

    @property
    def label(self) -> str:
        return LABELS.get(self.source, self.source)

    @property
    def ignored(self) -> int:
        return sum(1 for item in self.new if item.outcome == "ignored")

    @property
    def failed(self) -> bool:
        return self.status == "failed"


class Watcher:
    """Runs cycles of the configured sources against one store."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        config: FeedsConfig,
        sources: tuple[str, ...] = SOURCES,
    ) -> None:
        self.store = store
        self.settings = settings
        self.config = config
        self.sources = sources

    async def run_once(self, *, force: bool = False) -> list[SourceReport]:
        """One cycle of every source; `force` ignores a source's backoff."""
        reports = []
        async with FeedHttp(
            timeout_seconds=self.settings.feeds_timeout_seconds,
            contact_url=self.settings.feeds_contact_url,
            max_response_mb=self.settings.feeds_max_response_mb,
        ) as http:
            for source in self.sources:
                reports.append(await self._run_source(source, http, force))
        return reports

    async def _run_source(self, source: str, http: FeedHttp, force: bool) -> SourceReport:
        report = SourceReport(source)
        current = await state.source_state(self.store, source)
        now = timestamp(self.store.clock())
        if not force and current.next_attempt_at and now < current.next_attempt_at:
            report.status = "skipped"
            report.failures = current.failures
            report.next_attempt_at = current.next_attempt_at
            report.error = current.last_error
            return report
        known_validators = {
            url: Validators(etag, modified)
            for url, (etag, modified) in (await state.validators(self.store)).items()
        }
        requests = http.requests(self.settings.feeds_max_requests_per_cycle, known_validators)
        cursor = state.Cursor.load(current.cursor)
        try:
            observed = await self._observe(source, requests, cursor)
            report.pages = observed.pages
            result = await self._commit(source, observed, requests, report, current, cursor)
        except Exception as exc:
            report.requests, report.not_modified = requests.used, requests.not_modified
            await self._failed(report, current, exc)
            return report
        report.requests, report.not_modified = requests.used, requests.not_modified
        report.announced = result.announced
        log.info(
            "Feed %s: %d requests (%d not modified), %d new items, created %s, filled %s",
            report.label,
            report.requests,
            report.not_modified,
            len(report.new),
            ", ".join(report.created) or "none",
            ", ".join(report.filled) or "none",
        )
        return report

    async def _observe(self, source: str, requests: Requests, cursor: state.Cursor) -> Observed:
        labs = await state.lab_slugs(self.store)
        now = self.store.now()
        if source == OPENROUTER:
            return await openrouter.observe(
                requests,
                base_url=self.settings.feeds_openrouter_url,
                config=self.config.openrouter,
                labs=labs,
                now=now,
            )
        known = await self._known()
        seen = await state.seen_items(self.store, source)
        seeded = await state.seeded_scopes(self.store, source)

        def wants_details(item: Observation) -> bool:
            if item.ignored or item.item in seen:
                return False
            match = known.match(item)
            if match.slug is None:
                return item.scope in seeded and not match.ambiguous
            model = known.models[match.slug]
            return model.params_total is None or model.context is None

        return await huggingface.observe(
            requests,
            base_url=self.settings.feeds_huggingface_url,
            config=self.config.huggingface,
            labs=labs,
            cursor=cursor,
            seen=seen,
            seeded=seeded,
            now=now,
            wants_details=wants_details,
        )

    async def _known(self) -> KnownModels:
        rows = await state.known_models(self.store)
        models = [Model.model_validate_json(row.data) for row in rows]
        return KnownModels(models, await state.model_names(self.store))

    async def _commit(
        self,
        source: str,
        observed: Observed,
        requests: Requests,
        report: SourceReport,
        current: state.SourceState,
        cursor: state.Cursor,
    ) -> ImportReport:
        # Read the store again after the network: a curator's import may have landed meanwhile.
        seen = await state.seen_items(self.store, source)
        seeded = await state.seeded_scopes(self.store, source)
        moment = self.store.clock()
        observations = [
            dated(obs, previous_listing(cursor, obs.scope, current), moment)
            if obs.scope in seeded
            else obs
            for obs in observed.observations
        ]
        planned: Plan = plan(
            observations,
            known=await self._known(),
            seen=seen,
            seeded=seeded,
            ours=await state.fills(self.store),
            max_created=self.settings.feeds_max_new_per_cycle,
        )
        limit = self.settings.feeds_max_new_per_cycle
        if planned.new > limit:
            url = (
                self.settings.feeds_openrouter_url
                if source == OPENROUTER
                else self.settings.feeds_huggingface_url
            )
            raise too_many_new(planned.new, report.label, limit, url)
        scopes = {**cursor.scopes, **observed.listings}
        record = state.CycleRecord(
            source=source,
            now=timestamp(moment),
            cursor=state.Cursor(observed.cursor, scopes).dump(),
            seeded=[scope for scope in observed.scopes if scope not in seeded],
            items=planned.items,
            validators={url: (v.etag, v.last_modified) for url, v in requests.fresh.items()},
            found=planned.found,
            fields=planned.fields,
        )

        async def write_state(conn: aiosqlite.Connection, _: ImportReport) -> None:
            await state.write_cycle(conn, record)

        result = await import_catalog(
            self.store,
            Catalog(models=list(planned.models.values())),
            source=source,
            max_age_days=self.settings.announce_max_age_days,
            also=write_state,
        )
        report.seeded = record.seeded
        report.listed = len(observed.observations)
        report.new = [
            item for item in planned.items if item.item not in seen and item.outcome != "alias"
        ]
        report.renamed = {
            item.item: item.detail
            for item in planned.items
            if item.outcome == "alias" and item.item not in seen and item.detail in seen
        }
        report.created = planned.created
        report.filled = planned.filled
        report.deferred = observed.deferred
        report.unfinished = observed.unfinished
        report.warnings = observed.warnings
        return result

    async def _failed(
        self, report: SourceReport, current: state.SourceState, exc: Exception
    ) -> None:
        report.status = "failed"
        report.failures = current.failures + 1
        retry_after = exc.retry_after if isinstance(exc, FeedError) else None
        moment = self.store.clock()
        report.next_attempt_at = timestamp(moment + backoff(report.failures, retry_after))
        report.error = str(exc) or type(exc).__name__
        if isinstance(exc, FeedError):
            log.warning(
                "Feed %s failed (%s); nothing written; next attempt after %s",
                report.label,
                report.error,
                report.next_attempt_at,
            )
        else:
            log.exception("Feed %s failed unexpectedly; nothing written", report.label)
        try:
            await state.record_failure(
                self.store,
                report.source,
                now=timestamp(moment),
                error=report.error,
                next_attempt_at=report.next_attempt_at,
            )
        except Exception:
            log.exception("Feed %s: could not record the failure", report.label)
