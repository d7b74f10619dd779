"""Release alerts in Discord: /subscribe, /unsubscribe, /subscriptions (Manage Server), and
the loop that announces new entries to every subscribed channel exactly once.

The work lives in bot/services/alerts (no discord.py there); this cog gives it a clock, a
`send` that renders and posts with the message's nonce, and the translation of discord.py's
errors into retry / fail / disable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.domain.errors import ModelRadarError
from bot.domain.sizes import SizeError, parse_size
from bot.exts.options import lab_autocomplete, resolve_lab
from bot.render.announce import AnnouncementMessage, announcement, post_title
from bot.render.subscriptions import filters, subscriptions_embed
from bot.services.alerts import (
    KIND_FILTERS,
    AlertService,
    AnnouncedEntry,
    ChannelGone,
    Outgoing,
    Rejected,
    Retryable,
    SendFailed,
    disable,
    guild_subscriptions,
    preview_entry,
    subscribe,
    unsubscribe,
)

if TYPE_CHECKING:
    from bot.app import ModelRadar

log = logging.getLogger(__name__)
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
            "Give me these in the channel's settings (Permissions), then run /subscribe again."
        )


class NoSuchSubscription(ModelRadarError):
    pass


def parse_min_params(text: str | None) -> int | None:
    """`min_params` as a parameter count ("70B" -> 70,000,000,000); None when left out."""
    if text is None or not text.strip():
        return None
    try:
        value = parse_size(text, "params")
    except SizeError as exc:
        raise ModelRadarError(f"`min_params`: {exc}. Nothing was changed.") from exc
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


class AlertsCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot
        settings = bot.settings
        self.service = AlertService(
            bot.store,
            self.send,
            clock=discord.utils.utcnow,
            rate_per_second=settings.alerts_rate_per_second,
            concurrency=settings.alerts_concurrency,
            max_attempts=settings.alerts_max_attempts,
        )
        self.deliver_loop.change_interval(seconds=settings.alerts_poll_seconds)

    async def cog_load(self) -> None:
        await self.service.start()
        self.deliver_loop.start()

    async def cog_unload(self) -> None:
        # Finish the sends under way, put back the rest, then stop the loop.
        await self.service.close()
        self.deliver_loop.cancel()

    # ------------------------------------------------------------ delivery

    async def send(self, outgoing: Outgoing) -> int:
        """Post one announcement (in a text channel or thread with its nonce; in a forum as a
        new post); translate failures for the service."""
        channel = self.bot.get_channel(outgoing.channel_id) or self.bot.get_partial_messageable(
            outgoing.channel_id, guild_id=outgoing.guild_id
        )
        message = announcement(outgoing.entries, outgoing.role_ids)
        try:
            if isinstance(channel, discord.ForumChannel):
                return await self._post_in_forum(channel, outgoing, message)
            if not isinstance(channel, discord.abc.Messageable):
                raise Rejected("the channel cannot hold messages")
            sent = await channel.send(
                content=message.content,
                embeds=message.embeds,
                allowed_mentions=message.allowed_mentions,
                nonce=outgoing.nonce,
            )
        except Exception as exc:
            failure = send_failure(exc)
            if failure is None:
                raise
            raise failure from exc
        return sent.id

    async def _post_in_forum(
        self, forum: discord.ForumChannel, outgoing: Outgoing, message: AnnouncementMessage
    ) -> int:
        """A new post titled with the entry's name, tagged with its lab where the forum has
        such a tag. Discord takes no nonce for a new post, so a retry first looks for a post
        of ours with that title among the forum's open posts (the try whose answer was lost)."""
        title = post_title(outgoing.entries)
        me = self.bot.user
        if outgoing.attempt > 1 and me is not None:
            for thread in forum.threads:
                if thread.owner_id == me.id and thread.name == title:
                    return thread.id
        created = await forum.create_thread(
            name=title,
            content=message.content or discord.utils.MISSING,
            embeds=message.embeds,
            allowed_mentions=message.allowed_mentions,
            applied_tags=lab_tags(forum, outgoing.entries),
        )
        return created.message.id

    async def run_pass(self) -> None:
        """Plan and deliver once; a pass already running will see the change itself soon."""
        if self.service.busy:
            return
        try:
            report = await self.service.run_once()
        except Exception:
            log.exception("Release alerts: a pass failed; the next one retries")
            return
        if report and (report.plan.messages or report.delivery.sent or report.delivery.failed):
            log.info("Release alerts: planned %s; delivered %s", report.plan, report.delivery)

    @tasks.loop(seconds=3)
    async def deliver_loop(self) -> None:
        await self.run_pass()

    @deliver_loop.before_loop
    async def _before(self) -> None:
        await self.bot.wait_until_ready()

    @commands.Cog.listener()
    async def on_store_changed(self) -> None:
        await self.run_pass()

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        count = await disable(
            self.bot.store, reason=REMOVED_FROM_GUILD, now=discord.utils.utcnow(), guild_id=guild.id
        )
        if count:
            log.info("Disabled %d subscription(s) of guild %d: removed", count, guild.id)

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        count = await disable(
            self.bot.store,
            reason=THREAD_DELETED,
            now=discord.utils.utcnow(),
            channel_id=payload.thread_id,
        )
        if count:
            log.info("Disabled %d subscription(s) of thread %d: deleted", count, payload.thread_id)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        count = await disable(
            self.bot.store,
            reason=CHANNEL_DELETED,
            now=discord.utils.utcnow(),
            channel_id=channel.id,
        )
        if count:
            log.info("Disabled %d subscription(s) of channel %d: deleted", count, channel.id)

    # ------------------------------------------------------------ commands

    def _lab_names(self) -> dict[str, str]:
        index = self.bot.names.index
        return {e.slug: e.name for e in index.entries if e.entity == "lab"}

    @app_commands.command(
        name="subscribe", description="Announce new models and events in a channel"
    )
    @app_commands.describe(
        channel="The channel to post announcements in",
        lab="Only this lab's new entries",
        kind="Only new entries of this kind",
        role="A role to ping with each announcement",
        open_weights_only="Only models whose weights are published",
        min_params='Only models with at least this many parameters in total, e.g. "70B"',
    )
    @app_commands.autocomplete(lab=lab_autocomplete)
    @app_commands.choices(kind=KIND_CHOICES)
    @server_admins_only
    async def subscribe_command(
        self,
        interaction: discord.Interaction,
        channel: Destination,
        lab: str | None = None,
        kind: str | None = None,
        role: discord.Role | None = None,
        open_weights_only: bool = False,
        min_params: str | None = None,
    ) -> None:
        minimum = parse_min_params(min_params)
        guild = channel.guild
        missing = missing_permissions(channel, guild.me)
        if missing:
            raise ChannelNotUsable(channel, missing)
        if role is not None and role.is_default():
            raise ModelRadarError(
                "Announcements never ping @everyone. Pick a role made for them (for example "
                "@model-news), or leave `role` empty."
            )
        lab_slug = resolve_lab(interaction, lab).slug if lab else None
        result = await subscribe(
            self.bot.store,
            guild_id=guild.id,
            channel_id=channel.id,
            lab=lab_slug,
            kind=kind,
            role_id=role.id if role else None,
            now=discord.utils.utcnow(),
            created_by=interaction.user.id,
            open_weights_only=open_weights_only,
            min_params=minimum,
            channel_type=channel_type(channel),
        )
        what = filters(result.subscription, self._lab_names())
        verb = {"created": "Subscribed", "updated": "Updated", "reactivated": "Re-enabled"}
        lines = [
            f"{verb[result.outcome]}: {channel.mention} gets new entries ({what})"
            + (f", pinging {role.mention}." if role else ".")
        ]
        lines.append("Entries added from now on are announced there; /subscriptions lists all.")
        if isinstance(channel, discord.ForumChannel):
            lines.append(
                "Each one is a new post titled with the model's name, tagged with its lab where "
                "the forum has a tag of that name."
            )
        permissions = channel.permissions_for(guild.me)
        if role is not None and not role.mentionable and not permissions.mention_everyone:
            lines.append(
                f"Note: {role.mention} is not mentionable and I lack Mention @everyone, @here "
                "and All Roles there, so announcements will name it without pinging."
            )
        embeds: list[discord.Embed] = []
        entry = await preview_entry(self.bot.store, result.subscription)
        if entry is None:
            lines.append("No entry in the catalog matches these filters yet: nothing to preview.")
        else:
            preview = announcement([entry])
            embeds = preview.embeds
            shown = f"**{discord.utils.escape_markdown(entry.name)}**"
            if isinstance(channel, discord.ForumChannel):
                tags = ", ".join(t.name for t in lab_tags(channel, [entry])) or "none"
                shown = f"a post titled “{post_title([entry])}” (tags: {tags})"
            lines.append(f"Preview, as the newest matching entry would be announced: {shown}")
        await interaction.response.send_message("\n".join(lines), embeds=embeds, ephemeral=True)

    @app_commands.command(name="unsubscribe", description="Stop announcements in a channel")
    @app_commands.describe(
        channel="The channel to stop announcing in",
        lab="Only stop this lab's announcements there",
    )
    @app_commands.autocomplete(lab=lab_autocomplete)
    @server_admins_only
    async def unsubscribe_command(
        self,
        interaction: discord.Interaction,
        channel: Destination,
        lab: str | None = None,
    ) -> None:
        lab_slug = resolve_lab(interaction, lab).slug if lab else None
        removed = await unsubscribe(
            self.bot.store,
            guild_id=channel.guild.id,
            channel_id=channel.id,
            lab=lab_slug,
            now=discord.utils.utcnow(),
        )
        if not removed:
            for_lab = f" for {lab}" if lab else ""
            raise NoSuchSubscription(
                f"{channel.mention} has no subscription{for_lab}. /subscriptions lists this "
                "server's subscriptions."
            )
        names = self._lab_names()
        listed = "; ".join(filters(sub, names) for sub in removed)
        noun = "subscription" if len(removed) == 1 else "subscriptions"
        await interaction.response.send_message(
            f"Removed {len(removed)} {noun} from {channel.mention} ({listed}).", ephemeral=True
        )

    @app_commands.command(
        name="subscriptions", description="This server's release alerts and their state"
    )
    @server_admins_only
    async def subscriptions_command(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None  # guild_only
        subs = await guild_subscriptions(self.bot.store, guild.id)
        embed = subscriptions_embed(subs, self._lab_names(), guild.name)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(AlertsCog(bot))
