"""/subscriptions: a server's release-alert subscriptions with their state and last errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import discord

from bot.render.limits import FIELD_NAME, FIELD_VALUE, fit_fields
from bot.render.listing import fit_escaped
from bot.render.text import clip, params
from bot.services.alerts.subscriptions import KIND_FILTERS, Subscription

EMPTY = (
    "No subscriptions in this server yet. Someone with Manage Server can add one with "
    "`/subscribe channel:#news` (optionally a lab, a kind and a role to ping)."
)


def parse_stamp(text: str) -> dt.datetime:
    """A timestamp as the store writes it ("2026-01-01T00:00:00.000000Z")."""
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)


def _when(text: str | None, style: discord.utils.TimestampStyle = "R") -> str:
    return discord.utils.format_dt(parse_stamp(text), style) if text else "never"


def filters(sub: Subscription, lab_names: Mapping[str, str]) -> str:
    """ "DeepSeek · reasoning models", "Every lab · any kind · open weights only · 70B+
    parameters"."""
    lab = lab_names.get(sub.lab, sub.lab) if sub.lab else "Every lab"
    kind = KIND_FILTERS.get(sub.kind, sub.kind) if sub.kind else "any kind"
    parts = [lab, kind]
    if sub.open_weights_only:
        parts.append("open weights only")
    if sub.min_params is not None:
        parts.append(f"{params(sub.min_params)}+ parameters")
    return " · ".join(parts)


# How a subscription posts, where it is not a plain message in a channel.
POSTS = {"forum": "a new forum post per entry", "thread": "messages in the thread"}


def state(sub: Subscription) -> str:
    if sub.active:
        return "✅ active"
    return f"⛔ disabled: {fit_escaped(sub.disabled_reason or 'no reason recorded', 300)}"


def subscription_lines(sub: Subscription) -> list[str]:
    lines = [f"Channel: <#{sub.channel_id}>", f"State: {state(sub)}"]
    if sub.channel_type in POSTS:
        lines.append(f"Posts: {POSTS[sub.channel_type]}")
    if sub.role_id is not None:
        lines.append(f"Pings: <@&{sub.role_id}>")
    lines.append(f"Since: {_when(sub.created_at, 'D')}")
    lines.append(f"Last announcement: {_when(sub.last_announced_at)}")
    if sub.last_error and sub.last_error != sub.disabled_reason:
        error = fit_escaped(sub.last_error, 300)
        lines.append(f"Last error: {error} ({_when(sub.last_error_at)})")
    return lines


def subscriptions_embed(
    subs: Sequence[Subscription], lab_names: Mapping[str, str], guild_name: str
) -> discord.Embed:
    embed = discord.Embed(
        title=clip(f"Release alerts in {guild_name}", 256), colour=discord.Colour.gold()
    )
    if not subs:
        embed.description = EMPTY
        return embed
    active = sum(1 for sub in subs if sub.active)
    embed.description = (
        f"{len(subs)} subscription{'s' if len(subs) != 1 else ''}, {active} active. "
        "A disabled one comes back with `/subscribe` once the problem is fixed."
    )
    for n, sub in enumerate(subs, 1):
        embed.add_field(
            name=clip(f"{n}. {filters(sub, lab_names)}", FIELD_NAME),
            value=clip("\n".join(subscription_lines(sub)), FIELD_VALUE),
            inline=False,
        )
    return fit_fields(embed)


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
