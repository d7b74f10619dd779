"""A local stand-in for Hugging Face and OpenRouter: listings shaped like the real ones
(shared/reference/feed-apis.md): the Hub lists newest `createdAt` first, `limit` repos a page,
with a `Link: <...cursor=...>; rel="next"` header for the next page; OpenRouter answers
`{data, total_count, links}` with `canonical_slug`, and prices that may carry time-window
`overrides` and a `discount`.

Served by aiohttp on 127.0.0.1 (port 0). Tests change what it lists between cycles and make
chosen requests fail (timeout, 429, 500, malformed or truncated JSON, a cut-off body) or
misbehave (redirects elsewhere, in a loop or on the same host; a body of hundreds of MB).
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer
from yarl import URL


def just_now() -> str:
    """createdAt for a repo made now on the real clock (what the CLI and the bot run on)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def hf_repo(
    repo: str,
    created: str = "2026-04-30T09:12:44.000Z",
    *,
    tags: tuple[str, ...] = (),
    pipeline: str | None = "text-generation",
) -> dict[str, Any]:
    """One entry of `GET /api/models?author=...` as the Hub returns it."""
    return {
        "_id": hashlib.sha1(repo.encode()).hexdigest()[:24],
        "id": repo,
        "likes": 12,
        "trendingScore": 3,
        "private": False,
        "downloads": 0,
        "tags": ["transformers", "safetensors", "text-generation", "license:mit", *tags],
        "pipeline_tag": pipeline,
        "library_name": "transformers",
        "createdAt": created,
        "modelId": repo,
    }


def or_model(
    model_id: str,
    name: str,
    *,
    created: dt.datetime = dt.datetime(2026, 4, 30, 15, tzinfo=dt.UTC),
    context: int | None = 163840,
    prompt: str = "0.00000027",
    completion: str = "0.0000011",
    hugging_face_id: str = "",
    canonical_slug: str | None = None,
) -> dict[str, Any]:
    """One entry of OpenRouter's `GET /api/v1/models` `data` list."""
    return {
        "id": model_id,
        "canonical_slug": canonical_slug or model_id.split(":")[0] + "-20260430",
        "hugging_face_id": hugging_face_id,
        "name": name,
        "created": int(created.timestamp()),
        "description": "A model.",
        "context_length": context,
        "architecture": {
            "modality": "text->text",
            "input_modalities": ["text"],
            "output_modalities": ["text"],
            "tokenizer": "Other",
            "instruct_type": None,
        },
        "pricing": {
            "prompt": prompt,
            "completion": completion,
            "request": "0",
            "image": "0",
            "input_cache_read": "0",
        },
        "top_provider": {
            "context_length": context,
            "max_completion_tokens": 65536,
            "is_moderated": False,
        },
        "per_request_limits": None,
        "supported_parameters": ["max_tokens", "temperature", "tools"],
    }


HUGE_BYTES = 200 * 1024 * 1024  # what the "huge" modes would send if the client kept reading
HUGE_CHUNK = 64 * 1024


@dataclass
class Failure:
    # timeout, 429, 500, malformed, truncated-json, cut-off; redirect-away (to `location`),
    # redirect-loop, redirect-same-host; huge (chunked), huge-declared (with Content-Length)
    mode: str
    retry_after: str | None = None
    location: str | None = None


@dataclass
class FakeFeeds:
    """What the fake sources list now; tests edit these between cycles."""

    listings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # org -> repos
    details: dict[str, dict[str, Any]] = field(default_factory=dict)  # repo -> API details
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)  # repo -> config.json
    openrouter: list[dict[str, Any]] = field(default_factory=list)
    failures: dict[str, Failure] = field(default_factory=dict)  # request key -> failure
    etags: bool = True
    link_base: str | None = None  # where `rel="next"` links point instead of this server
    log: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    server: TestServer | None = None
    sent: int = 0  # bytes the "huge" modes wrote before the client went away
    huge_done: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("")).rstrip("/")

    def fail(
        self, key: str, mode: str, retry_after: str | None = None, location: str | None = None
    ) -> None:
        self.failures[key] = Failure(mode, retry_after, location)

    def requests(self, key_prefix: str = "") -> list[str]:
        return [key for key, _, _ in self.log if key.startswith(key_prefix)]

    def add_repo(self, org: str, repo: dict[str, Any]) -> None:
        self.listings.setdefault(org, []).insert(0, repo)

    # ------------------------------------------------------------ serving

    async def _answer(
        self,
        request: web.Request,
        key: str,
        payload: Any,
        headers: dict[str, str] | None = None,
    ) -> web.StreamResponse:
        self.log.append((key, str(request.rel_url), dict(request.headers)))
        failure = self.failures.get(key)
        moved = "moved" in request.query  # where a same-host redirect pointed: served as usual
        if failure is not None and failure.mode == "redirect-same-host" and moved:
            failure = None
        body = json.dumps(payload).encode()
        if failure is not None:
            if failure.mode == "redirect-away":
                assert failure.location is not None
                raise web.HTTPFound(failure.location)
            if failure.mode == "redirect-loop":
                raise web.HTTPFound(str(request.rel_url))
            if failure.mode == "redirect-same-host":
                raise web.HTTPMovedPermanently(str(request.rel_url.update_query(moved="1")))
            if failure.mode in {"huge", "huge-declared"}:
                return await self._huge(request, declared=failure.mode == "huge-declared")
            if failure.mode == "timeout":
                await asyncio.sleep(30)
            if failure.mode == "429":
                headers = {"Retry-After": failure.retry_after} if failure.retry_after else {}
                return web.Response(status=429, text="Too Many Requests", headers=headers)
            if failure.mode == "500":
                return web.Response(status=500, text="Internal Server Error")
            if failure.mode == "malformed":
                return web.Response(
                    body=b"<html><body>We'll be right back</body></html>",
                    content_type="application/json",
                )
            if failure.mode == "truncated-json":
                return web.Response(body=body[: len(body) // 2], content_type="application/json")
            if failure.mode == "cut-off":
                response = web.StreamResponse(headers={"Content-Type": "application/json"})
                response.content_length = len(body)
                await response.prepare(request)
                await response.write(body[: len(body) // 2])
                assert request.transport is not None
                request.transport.close()
                return response
        if payload is None:
            return web.Response(status=404, text="Not Found")
        etag = f'W/"{hashlib.sha1(body).hexdigest()[:16]}"'
        if self.etags and request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag, **(headers or {})})
        headers = {**(headers or {}), **({"ETag": etag} if self.etags else {})}
        return web.Response(body=body, content_type="application/json", headers=headers)

    async def _huge(self, request: web.Request, *, declared: bool) -> web.StreamResponse:
        """A JSON list of HUGE_BYTES, written a chunk at a time for as long as the client
        reads; `sent` counts what got out."""
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        if declared:
            response.content_length = HUGE_BYTES
        else:
            response.enable_chunked_encoding()
        chunk = b"[" + b'"x",' * (HUGE_CHUNK // 4 - 1) + b"0,"
        try:
            await response.prepare(request)
            while self.sent < HUGE_BYTES:
                await response.write(chunk)
                self.sent += len(chunk)
        except ConnectionError:
            pass
        finally:
            self.huge_done.set()
        return response

    def listing(self, org: str) -> list[dict[str, Any]]:
        """An organisation's repos as the Hub lists them: newest createdAt first."""
        repos = self.listings.get(org, [])
        return sorted(repos, key=lambda repo: str(repo.get("createdAt", "")), reverse=True)

    async def _listing(self, request: web.Request) -> web.StreamResponse:
        org = request.query.get("author", "")
        assert request.query.get("sort") == "createdAt"
        limit = int(request.query.get("limit", "1000"))
        cursor = request.query.get("cursor")
        offset = int(json.loads(base64.urlsafe_b64decode(cursor))["offset"]) if cursor else 0
        repos = self.listing(org)
        page = repos[offset : offset + limit]
        headers = {}
        if offset + limit < len(repos):
            token = base64.urlsafe_b64encode(json.dumps({"offset": offset + limit}).encode())
            query = {"author": org, "sort": "createdAt", "limit": str(limit)}
            following = request.url.with_query({**query, "cursor": token.decode()})
            if self.link_base is not None:
                following = (
                    URL(self.link_base).with_path(following.path).with_query(following.query)
                )
            headers["Link"] = f'<{following}>; rel="next"'
        key = f"listing:{org}" + (f":{offset // limit + 1}" if offset else "")
        return await self._answer(request, key, page, headers)

    async def _details(self, request: web.Request) -> web.StreamResponse:
        repo = f"{request.match_info['org']}/{request.match_info['name']}"
        return await self._answer(request, f"details:{repo}", self.details.get(repo))

    async def _config(self, request: web.Request) -> web.StreamResponse:
        repo = f"{request.match_info['org']}/{request.match_info['name']}"
        return await self._answer(request, f"config:{repo}", self.configs.get(repo))

    async def _openrouter(self, request: web.Request) -> web.StreamResponse:
        payload = {"data": self.openrouter, "total_count": len(self.openrouter), "links": {}}
        payload["links"] = {"next": None}
        return await self._answer(request, "openrouter", payload)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/api/models", self._listing)
        app.router.add_get("/api/models/{org}/{name}", self._details)
        app.router.add_get("/{org}/{name}/resolve/main/config.json", self._config)
        app.router.add_get("/api/v1/models", self._openrouter)
        self.server = TestServer(app, host="127.0.0.1", port=0)
        await self.server.start_server()

    async def close(self) -> None:
        if self.server is not None:
            await self.server.close()


def existing_listings(feeds: FakeFeeds) -> None:
    """What the sources list before the watcher first looks: known models and an old repo."""
    feeds.listings["deepseek-ai"] = [
        hf_repo("deepseek-ai/DeepSeek-V4-Pro", "2026-04-24T02:00:00.000Z"),
        hf_repo("deepseek-ai/ESFT-vanilla-lite", "2026-04-20T08:00:00.000Z"),
        hf_repo("deepseek-ai/DeepSeek-V3.2", "2025-12-01T10:00:00.000Z"),
    ]
    feeds.listings["Qwen"] = [
        hf_repo("Qwen/Qwen3.6-27B", "2026-04-10T08:00:00.000Z"),
        hf_repo("Qwen/Qwen3.6-27B-FP8", "2026-04-10T08:05:00.000Z"),
    ]
    feeds.openrouter = [
        or_model(
            "moonshotai/kimi-k2",
            "MoonshotAI: Kimi K2",
            prompt="0",
            completion="0",
            hugging_face_id="moonshotai/Kimi-K2-Instruct",
        ),
        or_model("anthropic/claude-sonnet-4.5", "Anthropic: Claude Sonnet 4.5"),
        or_model("qwen/qwen-vl-max", "Qwen: Qwen VL Max"),
    ]
