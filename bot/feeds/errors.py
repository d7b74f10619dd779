"""How a feed request can fail."""

from __future__ import annotations


class FeedError(Exception):
    """A request that failed; `kind` says how (timeout, connection, rate-limited, redirect,
    too-large, ...). `text`, when given, is the whole message instead of "kind: message (url)"."""

    def __init__(
        self,
        kind: str,
        message: str,
        *,
        url: str,
        retry_after: float | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(text or f"{kind}: {message} ({url})")
        self.kind = kind
        self.url = url
        self.retry_after = retry_after


class Unavailable(FeedError):
    """404, 401 or 403: the thing is not there (or gated); not worth retrying soon."""


class BudgetExhausted(Exception):
    """The per-cycle request cap is reached; the rest waits for the next cycle."""
