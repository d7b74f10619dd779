"""Release alerts in Discord: /subscribe, /unsubscribe, /subscriptions (Manage Server), and
the loop that announces new entries to every subscribed channel exactly once.

The work lives in bot/services/alerts (no discord.py there); this cog gives it a clock, a
`send` that renders and posts with the message's nonce, and the translation of discord.py's
errors into retry / fail / disable.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.domain.errors import ModelRadarError, phrase
from bot.exts.alert_checks import (
    CHANNEL_DELETED,
    KIND_CHOICES,
    REMOVED_FROM_GUILD,
    THREAD_DELETED,
    ChannelNotUsable,
    Destination,
    NoSuchSubscription,
    channel_type,
    lab_tags,
    missing_permissions,
    parse_min_params,
    send_failure,
    server_admins_only,
)
from bot.exts.options import lab_autocomplete, resolve_lab
from bot.render.announce import AnnouncementMessage, announcement, post_title
from bot.render.i18n import Locale, locale_of
from bot.render.subscriptions import (
    filters,
    forum_preview,
    subscribed_text,
    subscriptions_embed,
    unsubscribed_text,
)
from bot.services.alerts import (
    AlertService,
    Outgoing,
    Rejected,
    disable,
    guild_subscriptions,
    preview_entry,
    subscribe,
    unsubscribe,
)

if TYPE_CHECKING:
    from bot.app import ModelRadar

log = logging.getLogger(__name__)


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

    def locale_of_guild(self, guild_id: int) -> Locale:
        """Announcements follow the server's preferred locale (zh-CN or English)."""
        guild = self.bot.get_guild(guild_id)
        return locale_of(guild.preferred_locale) if guild is not None else "en"

    async def send(self, outgoing: Outgoing) -> int:
        """Post one announcement (in a text channel or thread with its nonce; in a forum as a
        new post); translate failures for the service."""
        channel = self.bot.get_channel(outgoing.channel_id) or self.bot.get_partial_messageable(
            outgoing.channel_id, guild_id=outgoing.guild_id
        )
        locale = self.locale_of_guild(outgoing.guild_id)
        message = announcement(outgoing.entries, outgoing.role_ids, locale)
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
        title = post_title(outgoing.entries, self.locale_of_guild(outgoing.guild_id))
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
        locale = locale_of(interaction.locale)
        minimum = parse_min_params(min_params)
        guild = channel.guild
        missing = missing_permissions(channel, guild.me)
        if missing:
            raise ChannelNotUsable(channel, missing)
        if role is not None and role.is_default():
            raise ModelRadarError(
                "Announcements never ping @everyone. Pick a role made for them (for example "
                "@model-news), or leave `role` empty.",
                phrase("no_everyone"),
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
        forum = isinstance(channel, discord.ForumChannel)
        permissions = channel.permissions_for(guild.me)
        embeds: list[discord.Embed] = []
        shown: str | None = None
        entry = await preview_entry(self.bot.store, result.subscription)
        if entry is not None:
            # The preview is in the asker's language, as the answer around it.
            embeds = announcement([entry], locale=locale).embeds
            shown = f"**{discord.utils.escape_markdown(entry.name)}**"
            if isinstance(channel, discord.ForumChannel):
                tags = [tag.name for tag in lab_tags(channel, [entry])]
                shown = forum_preview(post_title([entry], locale), tags, locale)
        text = subscribed_text(
            result.outcome,
            channel.mention,
            filters(result.subscription, self._lab_names(), locale),
            role=role.mention if role else None,
            forum=forum,
            role_unpingable=role is not None
            and not role.mentionable
            and not permissions.mention_everyone,
            preview=shown,
            locale=locale,
        )
        await interaction.response.send_message(text, embeds=embeds, ephemeral=True)

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
            raise NoSuchSubscription(channel.mention, lab)
        locale = locale_of(interaction.locale)
        names = self._lab_names()
        listed = [filters(sub, names, locale) for sub in removed]
        await interaction.response.send_message(
            unsubscribed_text(len(removed), channel.mention, listed, locale), ephemeral=True
        )

    @app_commands.command(
        name="subscriptions", description="This server's release alerts and their state"
    )
    @server_admins_only
    async def subscriptions_command(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None  # guild_only
        subs = await guild_subscriptions(self.bot.store, guild.id)
        locale = locale_of(interaction.locale)
        embed = subscriptions_embed(subs, self._lab_names(), guild.name, locale)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(AlertsCog(bot))
