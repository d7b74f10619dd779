"""What /subscribe checks and what a failed send means: Manage Server, the permissions a
channel, forum or thread needs, the filters typed, forum tags, and discord.py's errors as
retry / fail / disable for the alert service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import aiohttp
import discord
from discord import app_commands

from bot.domain.errors import ModelRadarError, phrase
from bot.domain.sizes import SizeError, parse_size
from bot.services.alerts import (
    KIND_FILTERS,
    AnnouncedEntry,
    ChannelGone,
    Rejected,
    Retryable,
    SendFailed,
)

T = TypeVar("T", bound=Callable[..., Any])


def server_admins_only(func: T) -> T:
    """Manage Server only, in a server: hidden from others by default, and checked at run
    time too, since server admins can override a command's default permissions."""
    func = app_commands.checks.has_permissions(manage_guild=True)(func)
    func = app_commands.guild_only()(func)
    return app_commands.default_permissions(manage_guild=True)(func)


# What the bot needs in a channel to announce there (attribute, as Discord's UI names it):
# in a text or announcement channel, in a forum (a post per entry), in a thread.
NEEDED = (
    ("view_channel", "View Channel"),
    ("send_messages", "Send Messages"),
    ("embed_links", "Embed Links"),
    ("attach_files", "Attach Files"),
)
NEEDED_IN_FORUM = (
    ("view_channel", "View Channel"),
    ("send_messages", "Create Posts"),
    ("embed_links", "Embed Links"),
    ("attach_files", "Attach Files"),
)
NEEDED_IN_THREAD = (
    ("view_channel", "View Channel"),
    ("send_messages_in_threads", "Send Messages in Threads"),
    ("embed_links", "Embed Links"),
    ("attach_files", "Attach Files"),
)
# Where announcements can go: text and announcement channels, forum channels, threads.
Destination = discord.TextChannel | discord.ForumChannel | discord.Thread
MAX_TAGS = 5  # Discord applies at most five tags to a forum post
KIND_CHOICES = [
    app_commands.Choice(name=label, value=value) for value, label in KIND_FILTERS.items()
]
GONE = {
    10003: "the channel no longer exists (Unknown Channel, 10003)",
    50001: "I cannot see the channel (Missing Access, 50001): give me View Channel there",
    50013: (
        "I lack a permission in the channel (Missing Permissions, 50013): allow View Channel, "
        "Send Messages, Embed Links and Attach Files there"
    ),
}
REMOVED_FROM_GUILD = "I was removed from the server"
CHANNEL_DELETED = "the channel was deleted"
THREAD_DELETED = "the thread was deleted"


class ChannelNotUsable(ModelRadarError):
    def __init__(self, channel: Destination, missing: list[str]) -> None:
        super().__init__(
            f"I cannot announce in {channel.mention}: I am missing {', '.join(missing)} there. "
            "Give me these in the channel's settings (Permissions), then run /subscribe again.",
            phrase(
                "channel_not_usable",
                channel=channel.mention,
                missing=tuple(phrase(f"perm_{name}") for name in missing),
            ),
        )


class NoSuchSubscription(ModelRadarError):
    def __init__(self, channel: str, lab: str | None = None) -> None:
        message = f"{channel} has no subscription"
        message += f" for {lab}" if lab else ""
        message += ". /subscriptions lists this server's subscriptions."
        if lab:
            said = phrase("no_subscription_for", channel=channel, lab=lab)
        else:
            said = phrase("no_subscription", channel=channel)
        super().__init__(message, said)


def parse_min_params(text: str | None) -> int | None:
    """`min_params` as a parameter count ("70B" -> 70,000,000,000); None when left out."""
    if text is None or not text.strip():
        return None
    try:
        value = parse_size(text, "params")
    except SizeError as exc:
        raise ModelRadarError(
            f"`min_params`: {exc}. Nothing was changed.",
            phrase("min_params", reason=exc.said or str(exc)),
        ) from exc
    return value


def channel_type(channel: Destination) -> str:
    """How announcements are posted there: 'forum', 'thread' or 'text'."""
    if isinstance(channel, discord.ForumChannel):
        return "forum"
    return "thread" if isinstance(channel, discord.Thread) else "text"


def missing_permissions(channel: Destination, me: discord.Member) -> list[str]:
    """The permissions the bot lacks to announce in `channel`, as Discord's UI names them."""
    needed = {"forum": NEEDED_IN_FORUM, "thread": NEEDED_IN_THREAD}.get(
        channel_type(channel), NEEDED
    )
    permissions = channel.permissions_for(me)
    return [label for attr, label in needed if not getattr(permissions, attr)]


def lab_tags(
    forum: discord.ForumChannel, entries: Sequence[AnnouncedEntry]
) -> list[discord.ForumTag]:
    """The forum's tags named like the entries' labs (name or slug, case-insensitive)."""
    wanted = {n.casefold() for e in entries for n in (e.lab_name, e.lab_slug)}
    return [tag for tag in forum.available_tags if tag.name.casefold() in wanted][:MAX_TAGS]


def _retry_after(exc: discord.HTTPException) -> float | None:
    headers = getattr(exc.response, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def send_failure(exc: BaseException) -> SendFailed | None:
    """The service's view of a discord.py or network error; None for anything else."""
    if isinstance(exc, discord.Forbidden | discord.NotFound):
        reason = GONE.get(exc.code) or (
            f"Discord refused the message ({exc.status}, code {exc.code}: {exc.text[:150]})"
        )
        return ChannelGone(reason)
    if isinstance(exc, discord.RateLimited):
        return Retryable("rate limited by Discord", retry_after=exc.retry_after)
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:
            return Retryable("rate limited by Discord (429)", retry_after=_retry_after(exc))
        if exc.status >= 500:
            return Retryable(f"Discord error {exc.status}")
        return Rejected(f"Discord rejected the message ({exc.status}, code {exc.code})")
    if isinstance(exc, TimeoutError | aiohttp.ClientError | OSError):
        return Retryable(f"network error ({type(exc).__name__})")
    return None
