"""How a send can fail, as the delivery service sees it (the Discord layer translates).

The service stays free of discord.py: the sender raises one of these, and the service decides
whether to retry later, fail the message, or disable the channel's subscriptions.
"""

from __future__ import annotations


class SendFailed(Exception):
    """A send that did not (knowingly) post; `reason` is shown in /subscriptions."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Retryable(SendFailed):
    """5xx, a network error or a timeout (Discord may have accepted it: the nonce covers that),
    or a 429 (`retry_after` seconds, when Discord said how long)."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class ChannelGone(SendFailed):
    """403 or 404 (Unknown Channel, Missing Access, Missing Permissions): stop trying and
    disable the channel's subscriptions with the reason."""


class Rejected(SendFailed):
    """Any other 4xx: sending the same message again cannot succeed; fail it."""
