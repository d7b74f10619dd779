"""Release announcements: one entry as an embed, several as a digest; pings only the
subscription's roles (allowed mentions limited to them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlparse

import discord

from bot.domain.models import Event, Model
from bot.render import words
from bot.render.i18n import Locale, t
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


def nearby_line(near: Nearby, locale: Locale = "en") -> str:
    """ "Kimi K2.6 (Moonshot AI) came out 4 days earlier"."""
    who = f"{fit_escaped(near.name, 100)} ({fit_escaped(near.lab, 60)})"
    if locale != "en":
        if near.days == 0:
            return t(locale, "ann.same_day", who=who)
        key = "ann.earlier" if near.days > 0 else "ann.later"
        return t(locale, key, who=who, days=abs(near.days))
    if near.days == 0:
        return f"{who} came out the same day."
    n = abs(near.days)
    when = f"{n} day{'s' if n != 1 else ''} {'earlier' if near.days > 0 else 'later'}"
    return f"{who} came out {when}."


def parameters(model: Model, locale: Locale = "en") -> str:
    if model.params_total is not None and model.params_active is not None:
        return t(
            locale,
            "ann.params",
            total=params(model.params_total),
            active=params(model.params_active),
        )
    return params(model.params_total)


def licence(model: Model, locale: Locale = "en") -> str:
    if model.license:
        return fit_escaped(words.licence_name(model.license, locale), 100)
    if model.open_weights is not None:
        return t(locale, "ann.open" if model.open_weights else "ann.closed")
    return DASH


def _links(
    weights: str | None,
    paper: str | None,
    page: str | None,
    sources: Sequence[str],
    locale: Locale = "en",
) -> str:
    parts = []
    if weights:
        parts.append(_link(t(locale, "ann.weights"), weights_url(weights)))
    if paper:
        parts.append(_link(t(locale, "ann.paper"), paper))
    if page:
        parts.append(_link(t(locale, "ann.announcement"), page))
    shown = [_link(_domain(s), s) for s in dict.fromkeys(sources) if s not in {paper, page}]
    del shown[MAX_SOURCES:]
    while True:  # drop sources until the links fit a field
        tail = [t(locale, "compare.sources") + ", ".join(shown)] if shown else []
        value = " · ".join(parts + tail)
        if len(value) <= FIELD_VALUE or not shown:
            break
        shown.pop()
    return clip(value, FIELD_VALUE) if value else DASH


def _description(
    lead: str, entry: AnnouncedEntry, extra: Sequence[str] = (), locale: Locale = "en"
) -> str:
    lines = [lead, *extra, *(nearby_line(near, locale) for near in entry.nearby)]
    return fit_lines(lines, 2000)


def model_embed(entry: AnnouncedEntry, locale: Locale = "en") -> discord.Embed:
    model = entry.model
    assert model is not None
    url = weights_url(model.hugging_face) if model.hugging_face else model.paper
    kind = ""
    if model.kind and model.kind != "other":
        kind = t(locale, "ann.kind", kind=words.kind(model.kind, locale))
    highlights = [f"• {fit_escaped(h, 300)}" for h in model.highlights[:2]]
    embed = discord.Embed(
        title=clip(t(locale, "ann.new_model", kind=kind, name=model.name), TITLE),
        url=url,
        description=_description(
            t(
                locale,
                "ann.released",
                lab=fit_escaped(entry.lab_name, 100),
                name=fit_escaped(model.name, 100),
            ),
            entry,
            highlights,
            locale,
        ),
        colour=COLOUR,
    )
    released = words.released(model, locale)
    embed.add_field(name=t(locale, "row.lab"), value=fit_escaped(entry.lab_name, 200))
    embed.add_field(name=t(locale, "row.released"), value=released)
    embed.add_field(name=t(locale, "row.kind"), value=words.kind(model.kind, locale))
    embed.add_field(name=t(locale, "ann.parameters"), value=parameters(model, locale))
    embed.add_field(name=t(locale, "ann.context"), value=tokens(model.context))
    embed.add_field(name=t(locale, "row.licence"), value=licence(model, locale))
    embed.add_field(
        name=t(locale, "model.links"),
        value=_links(model.hugging_face, model.paper, None, model.sources, locale),
        inline=False,
    )
    embed.set_footer(text=t(locale, "ann.footer"))
    return embed


def event_embed(entry: AnnouncedEntry, locale: Locale = "en") -> discord.Embed:
    event = entry.event
    assert event is not None
    embed = discord.Embed(
        title=clip(
            t(locale, "ann.new_event", kind=words.kind(event.kind, locale), title=event.title),
            TITLE,
        ),
        url=event.url,
        description=_description(
            fit_escaped(event.summary, 1000)
            if event.summary
            else f"**{fit_escaped(entry.lab_name, 100)}**: {fit_escaped(event.title, 200)}",
            entry,
            locale=locale,
        ),
        colour=COLOUR,
    )
    embed.add_field(name=t(locale, "row.lab"), value=fit_escaped(entry.lab_name, 200))
    embed.add_field(name=t(locale, "ann.date"), value=words.date(event.date, locale))
    embed.add_field(name=t(locale, "row.kind"), value=words.kind(event.kind, locale))
    if event.models:
        embed.add_field(
            name=t(locale, "lab.models"),
            value=clip(", ".join(f"`{slug}`" for slug in event.models), FIELD_VALUE),
            inline=False,
        )
    embed.add_field(
        name=t(locale, "model.links"),
        value=_links(None, None, event.url, event.sources, locale),
        inline=False,
    )
    embed.set_footer(text=t(locale, "ann.footer"))
    return embed


def _digest_line(entry: AnnouncedEntry, locale: Locale = "en") -> str:
    if entry.model is not None:
        model: Model = entry.model
        name = fit_escaped(model.name, 100)
        if model.hugging_face:
            name = f"[{name}]({weights_url(model.hugging_face)})"
        facts = [fit_escaped(entry.lab_name, 60), words.date(model.released, locale)]
        if model.params_total is not None:
            facts.append(parameters(model, locale))
        if model.context is not None:
            facts.append(t(locale, "ann.context_value", tokens=tokens(model.context)))
        if model.license:
            facts.append(fit_escaped(words.licence_name(model.license, locale), 40))
        return f"• **{name}** · " + " · ".join(facts)
    event: Event | None = entry.event
    assert event is not None
    title = fit_escaped(event.title, 150)
    if event.url:
        title = f"[{title}]({event.url})"
    kind = words.kind(event.kind, locale)
    when = words.date(event.date, locale)
    return f"• {kind}: **{title}** · {fit_escaped(entry.lab_name, 60)} · {when}"


def digest_embed(entries: Sequence[AnnouncedEntry], locale: Locale = "en") -> discord.Embed:
    """Several new entries in one embed, as many lines as fit."""
    models = sum(1 for e in entries if e.model is not None)
    events = len(entries) - models
    counts = [
        t(locale, f"ann.new_{word}s" if n != 1 else f"ann.new_{word}s_one", count=n)
        for n, word in ((models, "model"), (events, "event"))
        if n
    ]
    embed = discord.Embed(
        title=t(locale, "ann.and").join(counts),
        description=fit_lines([_digest_line(e, locale) for e in entries], DIGEST_BUDGET),
        colour=COLOUR,
    )
    embed.set_footer(text=t(locale, "ann.footer"))
    return embed


THREAD_NAME = 100  # a forum post's title


def post_title(entries: Sequence[AnnouncedEntry], locale: Locale = "en") -> str:
    """A forum post's title: the model's (or event's) name; a digest's count line."""
    if len(entries) == 1:
        return clip(entries[0].name, THREAD_NAME)
    return clip(digest_embed(entries, locale).title or "New entries", THREAD_NAME)


def announcement(
    entries: Sequence[AnnouncedEntry], role_ids: Sequence[int] = (), locale: Locale = "en"
) -> AnnouncementMessage:
    """The message for one entry (a full embed) or several (a digest), pinging `role_ids`."""
    if not entries:
        raise ValueError("an announcement needs at least one entry")
    if len(entries) == 1:
        entry = entries[0]
        if entry.model is not None:
            embed = model_embed(entry, locale)
        else:
            embed = event_embed(entry, locale)
    else:
        embed = digest_embed(entries, locale)
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
