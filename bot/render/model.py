"""/model as an embed and as terminal text: facts, highlights, predecessor and successors with
what changed, related events and links.

Short facts are inline fields (a single model: columns on desktop, a plain list on a phone,
both read well); lists (techniques, benchmarks, neighbours, events, links) take full-width
fields. Every field is fitted to 1024 characters and the whole embed to 6000.
"""

from __future__ import annotations

import discord

from bot.domain.models import Model
from bot.render import words
from bot.render.i18n import Locale, t
from bot.render.limits import FIELD_VALUE, TITLE, TOTAL, fit_fields
from bot.render.listing import fit_escaped, fit_lines, wrap
from bot.render.text import DASH, clip, date, fit_width, params, price, table, tokens
from bot.services.model import Change, Neighbour, Profile

COLOUR = discord.Colour.dark_gold()
DESCRIPTION_BUDGET = 1200
NEIGHBOUR_BUDGET = 700
LINKS_BUDGET = 900


def released(model: Model, locale: Locale = "en") -> str:
    """ "24 Apr 2026 (weights)": the date and what it is the date of."""
    return words.released(model, locale)


def modalities(model: Model, locale: Locale = "en") -> str:
    return words.modalities(model, locale)


def licence(model: Model, locale: Locale = "en") -> str:
    return words.licence(model, locale)


def prices(model: Model, locale: Locale = "en") -> str:
    if model.price_input is None and model.price_output is None:
        return DASH
    return t(
        locale, "model.prices", input=price(model.price_input), output=price(model.price_output)
    )


def facts(profile: Profile, locale: Locale = "en") -> list[tuple[str, str]]:
    """The short facts, as (name, plain text) pairs; unknown values are dashes."""
    model = profile.model
    return [
        (t(locale, "row.released"), released(model, locale)),
        (t(locale, "row.lab"), profile.lab_name),
        (t(locale, "row.kind"), words.kind(model.kind, locale)),
        (t(locale, "row.architecture"), words.architecture(model.architecture, locale)),
        (t(locale, "row.params_total"), params(model.params_total)),
        (t(locale, "row.params_active"), params(model.params_active)),
        (t(locale, "row.context"), tokens(model.context)),
        (t(locale, "row.max_output"), tokens(model.max_output)),
        (t(locale, "row.modalities"), modalities(model, locale)),
        (t(locale, "row.licence"), licence(model, locale)),
        (t(locale, "model.price_per_million"), prices(model, locale)),
    ]


def _changed_value(change: Change, value: int | str | None, locale: Locale) -> str:
    if value is None:
        return DASH
    if change.kind == "params" and isinstance(value, int):
        return params(value)
    if change.kind == "tokens" and isinstance(value, int):
        return tokens(value)
    text = str(value)
    match change.key:
        case "architecture":
            return words.architecture(text, locale) if locale != "en" else text
        case "license":
            return words.licence_name(text, locale)
        case "open_weights":
            return words.weights(text == "open", locale) if locale != "en" else text
    return text


def _changed_item(change: Change, item: str, locale: Locale) -> str:
    if change.key.endswith("_modalities"):
        return words.modality_list([item], locale)
    return item


def change_text(change: Change, locale: Locale = "en") -> str:
    """ "Total params 685B → 1.6T", "Techniques +Muon, +mHC; −DSA"."""
    label = t(locale, f"change.{change.key}")
    if change.kind == "list":
        parts = [f"+{_changed_item(change, item, locale)}" for item in change.added]
        parts += [f"−{_changed_item(change, item, locale)}" for item in change.removed]
        return f"{label} {t(locale, 'list.sep').join(parts)}"
    old = _changed_value(change, change.old, locale)
    new = _changed_value(change, change.new, locale)
    return f"{label} {old} → {new}"


def _neighbour(neighbour: Neighbour, budget: int, locale: Locale = "en") -> str:
    when = words.date(neighbour.model.released, locale)
    head = t(locale, "model.neighbour", name=fit_escaped(neighbour.model.name, 100), date=when)
    lines = [fit_escaped(change_text(c, locale), 300) for c in neighbour.changes]
    lines = lines or [t(locale, "model.no_change")]
    more = t(locale, "model.more_changes", n="{n}")
    return head + "\n" + fit_lines(lines, max(budget - len(head) - 1, 40), more=more)


def model_embed(profile: Profile, locale: Locale = "en") -> discord.Embed:
    model = profile.model
    links = list(profile.links)
    hugging_face = next((link.url for link in links if link.label == "Hugging Face"), None)
    embed = discord.Embed(title=fit_escaped(model.name, TITLE), url=hugging_face, colour=COLOUR)
    lines = [f"{fit_escaped(profile.lab_name, 100)} · {released(model, locale)}"]
    if model.aliases:
        aliases = t(locale, "list.sep").join(fit_escaped(alias, 60) for alias in model.aliases)
        lines.append(t(locale, "model.aka", names=clip(aliases, 300)))
    lines += [f"• {fit_escaped(text, 300)}" for text in model.highlights]
    embed.description = fit_lines(lines, DESCRIPTION_BUDGET)
    for name, value in facts(profile, locale):
        embed.add_field(name=name, value=fit_escaped(value, FIELD_VALUE), inline=True)
    if model.techniques:
        text = t(locale, "list.sep").join(model.techniques)
        embed.add_field(
            name=t(locale, "row.techniques"), value=fit_escaped(text, FIELD_VALUE), inline=False
        )
    if model.benchmarks:
        scores = [f"{fit_escaped(k, 100)}: {v:g}" for k, v in model.benchmarks.items()]
        embed.add_field(
            name=t(locale, "model.benchmarks"), value=fit_lines(scores, FIELD_VALUE), inline=False
        )
    if profile.predecessor is not None:
        value = _neighbour(profile.predecessor, NEIGHBOUR_BUDGET, locale)
        embed.add_field(name=t(locale, "model.predecessor"), value=value, inline=False)
    elif profile.missing_predecessor:
        value = t(locale, "model.not_in_catalog", slug=fit_escaped(profile.missing_predecessor, 64))
        embed.add_field(name=t(locale, "model.predecessor"), value=value, inline=False)
    if profile.successors:
        each = max(NEIGHBOUR_BUDGET // len(profile.successors), 120)
        parts = [_neighbour(n, each, locale) for n in profile.successors]
        if len(parts) == 1:
            name = t(locale, "model.successor")
        else:
            name = t(locale, "model.successors", count=len(parts))
        embed.add_field(name=name, value=fit_lines(parts, FIELD_VALUE), inline=False)
    if profile.events:
        events = [
            f"{words.date(e.date, locale)} · "
            + (
                f"[{fit_escaped(e.title, 150)}]({e.url})"
                if e.url and len(e.url) < 300
                else fit_escaped(e.title, 150)
            )
            for e in profile.events
        ]
        embed.add_field(
            name=t(locale, "model.events"), value=fit_lines(events, FIELD_VALUE), inline=False
        )
    if links:
        shown = [
            f"[{fit_escaped(link.label, 60)}]({link.url})" for link in links if len(link.url) < 400
        ]
        embed.add_field(
            name=t(locale, "model.links"),
            value=fit_lines(shown, LINKS_BUDGET) or DASH,
            inline=False,
        )
    embed.set_footer(text=t(locale, "model.footer", slug=clip(model.slug, 64)))
    return fit_fields(embed, TOTAL)


# ---------------------------------------------------------------- terminal


def model_text(profile: Profile, width: int = 80) -> str:
    """Facts in aligned columns, then highlights, neighbours, events and links, in `width`."""
    model = profile.model
    out = wrap(f"{model.name} ({profile.lab_name})", width)
    if model.aliases:
        out += wrap("Also known as " + ", ".join(model.aliases), width)
    label = max(len(name) for name, _ in facts(profile))
    out.append("")
    for name, value in facts(profile):
        body = wrap(value, width - label - 2) or [DASH]
        out.append(f"{name.ljust(label)}  {body[0]}")
        out += [" " * (label + 2) + more for more in body[1:]]
    if model.techniques:
        out += ["", "Techniques", *_indent(", ".join(model.techniques), width)]
    if model.highlights:
        out += ["", "Highlights"]
        for text in model.highlights:
            lines = wrap(text, width - 4)
            out += ["  - " + lines[0], *("    " + more for more in lines[1:])]
    if model.benchmarks:
        rows = [[name, f"{score:g}"] for name, score in model.benchmarks.items()]
        out += ["", table(["Benchmark", "Score"], rows, right=(1,), max_width=width)]
    if profile.predecessor is not None:
        out += ["", *_neighbour_text("Predecessor", profile.predecessor, width)]
    elif profile.missing_predecessor:
        out += ["", f"Predecessor: {profile.missing_predecessor} (not in the catalog)"]
    for neighbour in profile.successors:
        out += ["", *_neighbour_text("Successor", neighbour, width)]
    if profile.events:
        rows = [[date(e.date), e.kind, e.title] for e in profile.events]
        out += ["", table(["Date", "Kind", "Event"], rows, max_width=width)]
    if profile.links:
        out += ["", "Links"]
        tag = min(max(len(link.label) for link in profile.links), 20)
        for link in profile.links:
            out.append(fit_width(f"  {fit_width(link.label, tag)}  {link.url}", width))
    return "\n".join(line.rstrip() for line in "\n".join(out).splitlines())


def _indent(text: str, width: int) -> list[str]:
    return ["  " + line for line in wrap(text, width - 2)]


def _neighbour_text(title: str, neighbour: Neighbour, width: int) -> list[str]:
    head = f"{title}: {neighbour.model.name} ({date(neighbour.model.released)})"
    lines = wrap(head, width)
    for change in neighbour.changes or ():
        lines += _indent(change_text(change), width)
    if not neighbour.changes:
        lines += _indent(t("en", "model.no_change"), width)
    return lines
