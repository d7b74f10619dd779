"""Release announcements: one entry as an embed, several as a digest; pings only the
subscription's roles (allowed mentions limited to them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlparse

import discord

from bot.domain.models import Event, Model
from bot.render.limits import DESCRIPTION, FIELD_VALUE, TITLE, TOTAL
from bot.render.listing import fit_escaped, fit_lines
from bot.render.text import DASH, clip, params, tokens
from bot.services.alerts.content import AnnouncedEntry, Nearby

FOOTER = "Model Radar · new in the catalog"
COLOUR = discord.Colour.gold()
MAX_SOURCES = 4
DIGEST_BUDGET = min(DESCRIPTION, TOTAL - 500)  # room left for the title and footer


@dataclass(frozen=True, slots=True)
class AnnouncementMessage:
    content: str | None
    embeds: list[discord.Embed]
    allowed_mentions: discord.AllowedMentions


def weights_url(repo: str) -> str:
    return "https://huggingface.co/" + quote(repo, safe="/")


def _domain(url: str) -> str:
    host = urlparse(url).netloc or url
    return host.removeprefix("www.")


def _link(label: str, url: str) -> str:
    return f"[{fit_escaped(label, 60)}]({url})"


def nearby_line(near: Nearby) -> str:
    """ "Kimi K2.6 (Moonshot AI) came out 4 days earlier"."""
    who = f"{fit_escaped(near.name, 100)} ({fit_escaped(near.lab, 60)})"
    if near.days == 0:
        return f"{who} came out the same day."
    n = abs(near.days)
    when = f"{n} day{'s' if n != 1 else ''} {'earlier' if near.days > 0 else 'later'}"
    return f"{who} came out {when}."


def parameters(model: Model) -> str:
    if model.params_total is not None and model.params_active is not None:
        return f"{params(model.params_total)} total, {params(model.params_active)} active"
    return params(model.params_total)


def licence(model: Model) -> str:
    if model.license:
        return fit_escaped(model.license, 100)
    if model.open_weights is not None:
        return "open weights" if model.open_weights else "closed weights"
    return DASH


def _links(weights: str | None, paper: str | None, page: str | None, sources: Sequence[str]) -> str:
    parts = []
    if weights:
        parts.append(_link("Weights", weights_url(weights)))
    if paper:
        parts.append(_link("Paper", paper))
    if page:
        parts.append(_link("Announcement", page))
    shown = [_link(_domain(s), s) for s in dict.fromkeys(sources) if s not in {paper, page}]
    del shown[MAX_SOURCES:]
    while True:  # drop sources until the links fit a field
        tail = ["Sources: " + ", ".join(shown)] if shown else []
        value = " · ".join(parts + tail)
        if len(value) <= FIELD_VALUE or not shown:
            break
        shown.pop()
    return clip(value, FIELD_VALUE) if value else DASH


def _description(lead: str, entry: AnnouncedEntry, extra: Sequence[str] = ()) -> str:
    lines = [lead, *extra, *(nearby_line(near) for near in entry.nearby)]
    return fit_lines(lines, 2000)


def model_embed(entry: AnnouncedEntry) -> discord.Embed:
    model = entry.model
    assert model is not None
    url = weights_url(model.hugging_face) if model.hugging_face else model.paper
    kind = f" {model.kind}" if model.kind and model.kind != "other" else ""
    highlights = [f"• {fit_escaped(h, 300)}" for h in model.highlights[:2]]
    embed = discord.Embed(
        title=clip(f"New{kind} model: {model.name}", TITLE),
        url=url,
        description=_description(
            f"**{fit_escaped(entry.lab_name, 100)}** released **{fit_escaped(model.name, 100)}**.",
            entry,
            highlights,
        ),
        colour=COLOUR,
    )
    released = model.released.human()
    if model.released_as:
        released += f" ({model.released_as})"
    embed.add_field(name="Lab", value=fit_escaped(entry.lab_name, 200))
    embed.add_field(name="Released", value=released)
    embed.add_field(name="Kind", value=model.kind or DASH)
    embed.add_field(name="Parameters", value=parameters(model))
    embed.add_field(name="Context", value=tokens(model.context))
    embed.add_field(name="Licence", value=licence(model))
    embed.add_field(
        name="Links",
        value=_links(model.hugging_face, model.paper, None, model.sources),
        inline=False,
    )
    embed.set_footer(text=FOOTER)
    return embed


def event_embed(entry: AnnouncedEntry) -> discord.Embed:
    event = entry.event
    assert event is not None
    embed = discord.Embed(
        title=clip(f"New {event.kind}: {event.title}", TITLE),
        url=event.url,
        description=_description(
            fit_escaped(event.summary, 1000)
            if event.summary
            else f"**{fit_escaped(entry.lab_name, 100)}**: {fit_escaped(event.title, 200)}",
            entry,
        ),
        colour=COLOUR,
    )
    embed.add_field(name="Lab", value=fit_escaped(entry.lab_name, 200))
    embed.add_field(name="Date", value=event.date.human())
    embed.add_field(name="Kind", value=event.kind)
    if event.models:
        embed.add_field(
            name="Models",
            value=clip(", ".join(f"`{slug}`" for slug in event.models), FIELD_VALUE),
            inline=False,
        )
    embed.add_field(name="Links", value=_links(None, None, event.url, event.sources), inline=False)
    embed.set_footer(text=FOOTER)
    return embed


def _digest_line(entry: AnnouncedEntry) -> str:
    if entry.model is not None:
        model: Model = entry.model
        name = fit_escaped(model.name, 100)
        if model.hugging_face:
            name = f"[{name}]({weights_url(model.hugging_face)})"
        facts = [fit_escaped(entry.lab_name, 60), model.released.human()]
        if model.params_total is not None:
            facts.append(parameters(model))
        if model.context is not None:
            facts.append(f"{tokens(model.context)} context")
        if model.license:
            facts.append(fit_escaped(model.license, 40))
        return f"• **{name}** · " + " · ".join(facts)
    event: Event | None = entry.event
    assert event is not None
    title = fit_escaped(event.title, 150)
    if event.url:
        title = f"[{title}]({event.url})"
    return f"• {event.kind}: **{title}** · {fit_escaped(entry.lab_name, 60)} · {event.date.human()}"


def digest_embed(entries: Sequence[AnnouncedEntry]) -> discord.Embed:
    """Several new entries in one embed, as many lines as fit."""
    models = sum(1 for e in entries if e.model is not None)
    events = len(entries) - models
    counts = [
        f"{n} new {word}{'s' if n != 1 else ''}"
        for n, word in ((models, "model"), (events, "event"))
        if n
    ]
    embed = discord.Embed(
        title=" and ".join(counts),
        description=fit_lines([_digest_line(e) for e in entries], DIGEST_BUDGET),
        colour=COLOUR,
    )
    embed.set_footer(text=FOOTER)
    return embed


THREAD_NAME = 100  # a forum post's title


def post_title(entries: Sequence[AnnouncedEntry]) -> str:
    """A forum post's title: the model's (or event's) name; a digest's count line."""
    if len(entries) == 1:
        return clip(entries[0].name, THREAD_NAME)
    return clip(digest_embed(entries).title or "New entries", THREAD_NAME)


def announcement(
    entries: Sequence[AnnouncedEntry], role_ids: Sequence[int] = ()
) -> AnnouncementMessage:
    """The message for one entry (a full embed) or several (a digest), pinging `role_ids`."""
    if not entries:
        raise ValueError("an announcement needs at least one entry")
    if len(entries) == 1:
        entry = entries[0]
        embed = model_embed(entry) if entry.model is not None else event_embed(entry)
    else:
        embed = digest_embed(entries)
    roles = list(dict.fromkeys(role_ids))
    return AnnouncementMessage(
        content=" ".join(f"<@&{role}>" for role in roles) or None,
        embeds=[embed],
        allowed_mentions=discord.AllowedMentions(
            everyone=False,
            users=False,
            roles=[discord.Object(id=role) for role in roles],
            replied_user=False,
        ),
    )
