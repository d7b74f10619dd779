"""/subscriptions: a server's release-alert subscriptions with their state and last errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import discord

from bot.render.i18n import Locale, has, t
from bot.render.limits import FIELD_NAME, FIELD_VALUE, fit_fields
from bot.render.listing import fit_escaped
from bot.render.locales import ZH_CN as COMMAND_ZH_CN
from bot.render.text import clip, params
from bot.services.alerts.subscriptions import KIND_FILTERS, Subscription


def parse_stamp(text: str) -> dt.datetime:
    """A timestamp as the store writes it ("2026-01-01T00:00:00.000000Z")."""
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)


def _when(
    text: str | None, style: discord.utils.TimestampStyle = "R", locale: Locale = "en"
) -> str:
    """A Discord timestamp (each member's client shows it in their language), or "never"."""
    return discord.utils.format_dt(parse_stamp(text), style) if text else t(locale, "sub.never")


def kind_filter(kind: str, locale: Locale = "en") -> str:
    """A kind filter's label ("Code models"); zh-CN as the /subscribe choices show it."""
    label = KIND_FILTERS.get(kind, kind)
    return COMMAND_ZH_CN.get(label, label) if locale == "zh-CN" else label


def filters(sub: Subscription, lab_names: Mapping[str, str], locale: Locale = "en") -> str:
    """ "DeepSeek · reasoning models", "Every lab · any kind · open weights only · 70B+
    parameters"."""
    lab = lab_names.get(sub.lab, sub.lab) if sub.lab else t(locale, "sub.every_lab")
    kind = kind_filter(sub.kind, locale) if sub.kind else t(locale, "sub.any_kind")
    parts = [lab, kind]
    if sub.open_weights_only:
        parts.append(t(locale, "sub.open_only"))
    if sub.min_params is not None:
        parts.append(t(locale, "sub.min_params", size=params(sub.min_params)))
    return " · ".join(parts)


# How a subscription posts, where it is not a plain message in a channel.
POSTS = {"forum": "a new forum post per entry", "thread": "messages in the thread"}


def reason(text: str, locale: Locale = "en") -> str:
    """Why a subscription was disabled: the bot's own reasons (stored in English) are
    translated; Discord's error texts are shown as Discord gave them."""
    key = f"reason.{text}"
    return t(locale, key) if locale != "en" and has(locale, key) else text


def state(sub: Subscription, locale: Locale = "en") -> str:
    if sub.active:
        return t(locale, "sub.active")
    why = reason(sub.disabled_reason, locale) if sub.disabled_reason else t(locale, "sub.no_reason")
    return t(locale, "sub.disabled", reason=fit_escaped(why, 300))


def subscription_lines(sub: Subscription, locale: Locale = "en") -> list[str]:
    lines = [
        t(locale, "sub.channel", channel=f"<#{sub.channel_id}>"),
        t(locale, "sub.state", state=state(sub, locale)),
    ]
    if sub.channel_type in POSTS:
        lines.append(t(locale, "sub.posts", posts=t(locale, f"sub.posts_{sub.channel_type}")))
    if sub.role_id is not None:
        lines.append(t(locale, "sub.pings", role=f"<@&{sub.role_id}>"))
    lines.append(t(locale, "sub.since", when=_when(sub.created_at, "D", locale)))
    lines.append(t(locale, "sub.last", when=_when(sub.last_announced_at, "R", locale)))
    if sub.last_error and sub.last_error != sub.disabled_reason:
        error = fit_escaped(reason(sub.last_error, locale), 300)
        when = _when(sub.last_error_at, "R", locale)
        lines.append(t(locale, "sub.last_error", error=error, when=when))
    return lines


def subscriptions_embed(
    subs: Sequence[Subscription],
    lab_names: Mapping[str, str],
    guild_name: str,
    locale: Locale = "en",
) -> discord.Embed:
    embed = discord.Embed(
        title=clip(t(locale, "sub.title", guild=guild_name), 256), colour=discord.Colour.gold()
    )
    if not subs:
        embed.description = t(locale, "sub.empty")
        return embed
    active = sum(1 for sub in subs if sub.active)
    key = "sub.summary_one" if len(subs) == 1 else "sub.summary"
    embed.description = t(locale, key, count=len(subs), active=active)
    for n, sub in enumerate(subs, 1):
        embed.add_field(
            name=clip(f"{n}. {filters(sub, lab_names, locale)}", FIELD_NAME),
            value=clip("\n".join(subscription_lines(sub, locale)), FIELD_VALUE),
            inline=False,
        )
    return fit_fields(embed)


def subscribed_text(
    outcome: str,
    channel: str,
    what: str,
    *,
    role: str | None = None,
    forum: bool = False,
    role_unpingable: bool = False,
    preview: str | None = None,
    locale: Locale = "en",
) -> str:
    """/subscribe's answer: what was done, how it will post, and what the preview shows
    (`preview` is how the newest matching entry would appear, None when none matches)."""
    head = t(locale, f"sub.{outcome}", channel=channel, what=what)
    head += t(locale, "sub.pinging", role=role) if role else t(locale, "sub.end")
    lines = [head, t(locale, "sub.from_now")]
    if forum:
        lines.append(t(locale, "sub.forum_note"))
    if role and role_unpingable:
        lines.append(t(locale, "sub.unpingable", role=role))
    if preview is None:
        lines.append(t(locale, "sub.no_preview"))
    else:
        lines.append(t(locale, "sub.preview", shown=preview))
    return "\n".join(lines)


def forum_preview(title: str, tags: Sequence[str], locale: Locale = "en") -> str:
    shown = t(locale, "list.sep").join(tags) or t(locale, "sub.no_tags")
    return t(locale, "sub.forum_preview", title=title, tags=shown)


def unsubscribed_text(
    count: int, channel: str, listed: Sequence[str], locale: Locale = "en"
) -> str:
    key = "sub.removed_one" if count == 1 else "sub.removed"
    return t(locale, key, count=count, channel=channel, listed=t(locale, "sub.join").join(listed))


def _short(text: str | None) -> str:
    """A stored timestamp as "2026-01-02 12:00 UTC", or "never"."""
    return parse_stamp(text).strftime("%Y-%m-%d %H:%M UTC") if text else "never"


def subscriptions_text(
    subs: Sequence[Subscription], lab_names: Mapping[str, str], outbox: Mapping[str, int]
) -> str:
    """Every subscription, two lines each, and the outbox by state (for the terminal)."""
    if not subs:
        lines = ["No release-alert subscriptions. Add one in Discord with /subscribe."]
    else:
        lines = []
        for sub in subs:
            role = f" · pings role {sub.role_id}" if sub.role_id is not None else ""
            if sub.channel_type in POSTS:
                role += f" · {POSTS[sub.channel_type]}"
            state_text = "active" if sub.active else f"disabled: {sub.disabled_reason or '?'}"
            lines.append(
                f"#{sub.id}  server {sub.guild_id} · channel {sub.channel_id} · "
                f"{filters(sub, lab_names)}{role}"
            )
            detail = (
                f"     {state_text} · since {_short(sub.created_at)} · "
                f"last announcement {_short(sub.last_announced_at)}"
            )
            if sub.last_error and sub.last_error != sub.disabled_reason:
                detail += f" · last error: {clip(sub.last_error, 120)}"
            lines.append(detail)
    counts = ", ".join(f"{n} {state}" for state, n in sorted(outbox.items())) or "empty"
    lines.append(f"Announcements: {counts}.")
    return "\n".join(lines)
