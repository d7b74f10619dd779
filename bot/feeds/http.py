"""HTTP for the feed watchers: polite GETs of JSON, with every failure given a kind.

One `FeedHttp` (an aiohttp session with the User-Agent and timeout) serves a whole cycle; each
source gets a `Requests` from it, which counts requests against the per-cycle cap, sends
`If-None-Match`/`If-Modified-Since` from what earlier cycles remembered, and collects the new
validators, which the caller stores only when the whole source's cycle commits.

What a feed answers is bounded: redirects are followed by hand, only on the same host and at
most `MAX_REDIRECTS` in a row (what another host serves is never read), and a body larger than
MODELRADAR_FEEDS_MAX_RESPONSE_MB is refused from its Content-Length or as soon as more than
that has arrived, never read whole first. A `Link: <...>; rel="next"` header is read into
`Requests.next_url`, and only when it stays on the host asked (like a redirect).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import aiohttp
from yarl import URL

from bot import __version__
from bot.feeds.errors import BudgetExhausted, FeedError, Unavailable
from bot.feeds.links import next_page, redirect_target

log = logging.getLogger(__name__)

MAX_RETRY_AFTER: Final = 24 * 3600.0
NOT_MODIFIED: Final = object()
MAX_REDIRECTS: Final = 5
REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
MB: Final = 1024 * 1024
CHUNK: Final = 64 * 1024
DEFAULT_MAX_RESPONSE_MB: Final = 20


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None


def user_agent(contact_url: str | None = None) -> str:
    contact = f"; +{contact_url}" if contact_url else ""
    return f"ModelRadar/{__version__} (Discord bot watching model releases{contact})"


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Read Retry-After: seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def decode_json(body: bytes | bytearray, url: str) -> Any:
    """Parse a body; a document that stops early is "truncated", anything else "malformed"."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FeedError("malformed", f"not UTF-8 ({exc})", url=url) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # The parser ran out of input (an unterminated string runs to the end by definition).
        ran_out = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        if not text.strip() or ran_out:
            raise FeedError("truncated", "the JSON stops before its end", url=url) from exc
        raise FeedError("malformed", f"not JSON: {exc.msg} at {exc.pos}", url=url) from exc


class FeedHttp:
    """The aiohttp session of one watcher cycle."""

    def __init__(
        self,
        *,
        timeout_seconds: float,
        contact_url: str | None = None,
        max_response_mb: int = DEFAULT_MAX_RESPONSE_MB,
    ) -> None:
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self.headers = {"User-Agent": user_agent(contact_url), "Accept": "application/json"}
        self.max_response_mb = max_response_mb
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> FeedHttp:
        self._session = aiohttp.ClientSession(timeout=self.timeout, headers=self.headers)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("FeedHttp is used outside `async with`")
        return self._session

    def requests(self, cap: int, validators: Mapping[str, Validators]) -> Requests:
        return Requests(self, cap, dict(validators))


@dataclass
class Requests:
    """One source's requests in one cycle: counted, conditional, classified."""

    http: FeedHttp
    cap: int
    known: dict[str, Validators]
    used: int = 0
    not_modified: int = 0
    fresh: dict[str, Validators] = field(default_factory=dict)
    last_url: str = ""
    next_url: str | None = None  # the last answer's `Link: <...>; rel="next"`, if any

    @property
    def remaining(self) -> int:
        return self.cap - self.used

    async def get_json(
        self, url: str, params: Mapping[str, str | list[str]] | None = None, *, conditional: bool
    ) -> Any:
        """GET and parse JSON; NOT_MODIFIED on 304. Raise FeedError, Unavailable or
        BudgetExhausted."""
        if self.remaining <= 0:
            raise BudgetExhausted
        target = with_query(url, params)
        key = self.last_url = str(target)
        self.next_url = None
        headers: dict[str, str] = {}
        cached = self.known.get(key) if conditional else None
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        self.used += 1
        try:
            body = await self._get(target, headers, key, cached, conditional)
        except FeedError:
            raise
        except TimeoutError as exc:
            raise FeedError("timeout", "no answer in time", url=key) from exc
        except aiohttp.ClientPayloadError as exc:
            raise FeedError("truncated", f"the body was cut off ({exc})", url=key) from exc
        except aiohttp.ServerDisconnectedError as exc:
            raise FeedError("truncated", "the server closed the connection", url=key) from exc
        except aiohttp.ClientConnectionError as exc:
            raise FeedError("connection", str(exc) or type(exc).__name__, url=key) from exc
        except aiohttp.ClientError as exc:
            raise FeedError("http", str(exc) or type(exc).__name__, url=key) from exc
        except asyncio.CancelledError:
            raise
        if body is NOT_MODIFIED:
            return NOT_MODIFIED
        assert isinstance(body, bytearray)
        return decode_json(body, key)

    async def _get(
        self,
        target: URL,
        headers: Mapping[str, str],
        key: str,
        cached: Validators | None,
        conditional: bool,
    ) -> bytearray | object:
        """The body of `target`, following same-host redirects by hand; NOT_MODIFIED on 304."""
        url = target
        for hop in range(MAX_REDIRECTS + 1):
            if hop:
                self.used += 1  # each hop is a request to the source
            session = self.http.session
            async with session.get(url, headers=headers, allow_redirects=False) as response:
                if response.status in REDIRECTS:
                    url = redirect_target(response, url, key)
                    continue
                if response.status == 304:
                    if cached is None:
                        raise FeedError("malformed", "304 to an unconditional request", url=key)
                    self.not_modified += 1
                    return NOT_MODIFIED
                _raise_for_status(response, key)
                self.next_url = next_page(response, url, key)
                body = await _read_capped(response, self.http.max_response_mb, key)
                if conditional:
                    etag = response.headers.get("ETag")
                    modified = response.headers.get("Last-Modified")
                    if etag or modified:
                        self.fresh[key] = Validators(etag, modified)
                return body
        raise FeedError(
            "redirect",
            "too many redirects",
            url=key,
            text=f"too many redirects: {key} (more than {MAX_REDIRECTS} in a row)",
        )


def _too_large(url: str, cap_mb: int, how: str) -> FeedError:
    return FeedError(
        "too-large",
        "response too large",
        url=url,
        text=(
            f"response too large: {url} {how}, more than "
            f"MODELRADAR_FEEDS_MAX_RESPONSE_MB={cap_mb} ({cap_mb} MB); not read further"
        ),
    )


async def _read_capped(response: aiohttp.ClientResponse, cap_mb: int, url: str) -> bytearray:
    """The body, read in chunks and refused as soon as it is larger than `cap_mb`: from its
    Content-Length before anything is read, or when more than that has arrived. The connection
    is closed then, so the rest is never received."""
    cap = cap_mb * MB
    declared = response.content_length
    if declared is not None and declared > cap:
        response.close()
        raise _too_large(url, cap_mb, f"declares {declared:,} bytes")
    body = bytearray()
    async for chunk in response.content.iter_chunked(CHUNK):
        body += chunk
        if len(body) > cap:
            response.close()
            raise _too_large(url, cap_mb, "sent more")
    return body


def with_query(url: str, params: Mapping[str, str | list[str]] | None) -> URL:
    target = URL(url)
    if not params:
        return target
    pairs = [
        (name, item)
        for name, value in params.items()
        for item in (value if isinstance(value, list) else [value])
    ]
    return target.extend_query(pairs)


def _raise_for_status(response: aiohttp.ClientResponse, url: str) -> None:
    status = response.status
    if status < 400:
        return
    if status == 429:
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        raise FeedError("rate-limited", "429 Too Many Requests", url=url, retry_after=wait)
    if status >= 500:
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        message = f"{status} {response.reason or ''}".strip()
        raise FeedError("server", message, url=url, retry_after=wait)
    if status in (401, 403, 404, 410):
        raise Unavailable("unavailable", str(status), url=url)
    raise FeedError("http", f"{status} {response.reason or ''}".strip(), url=url)
