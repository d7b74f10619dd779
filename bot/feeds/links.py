"""Where a feed answer points next (a redirect's Location, a `Link: <...>; rel="next"`
header), followed only while it stays on the host asked."""

from __future__ import annotations

import aiohttp
from yarl import URL

from bot.feeds.errors import FeedError


def same_host(current: URL, target: URL) -> bool:
    """Whether a redirect stays on the host asked: the same host and port, or the same host
    moving from http to https."""
    if target.scheme not in {"http", "https"} or target.host is None or current.host is None:
        return False
    if target.host.lower() != current.host.lower():
        return False
    if (target.scheme, target.port) == (current.scheme, current.port):
        return True
    return (current.scheme, current.port, target.scheme, target.port) == (
        "http",
        80,
        "https",
        443,
    )


def redirect_target(response: aiohttp.ClientResponse, current: URL, key: str) -> URL:
    """Where a 3xx points; FeedError when it has no usable Location or leaves the host."""
    status = response.status
    location = response.headers.get("Location")
    if not location:
        raise FeedError("http", f"{status} redirect without a Location", url=key)
    try:
        target = current.join(URL(location))
    except ValueError as exc:
        raise FeedError("http", f"{status} redirect to an unreadable Location", url=key) from exc
    if not same_host(current, target):
        raise FeedError(
            "redirect",
            "redirect to another host refused",
            url=key,
            text=f"redirect to another host refused: {target} (asked for {key})",
        )
    return target


def next_page(response: aiohttp.ClientResponse, current: URL, key: str) -> str | None:
    """The `Link: <...>; rel="next"` target, resolved against the page; FeedError when it
    points to another host (never followed, like a redirect there)."""
    link = response.links.get("next")
    if link is None:
        return None
    target = link.get("url")
    if not isinstance(target, URL):
        return None
    target = current.join(target)
    if not same_host(current, target):
        raise FeedError(
            "redirect",
            "next page on another host refused",
            url=key,
            text=f"next page on another host refused: {target} (listed by {key})",
        )
    return str(target)
