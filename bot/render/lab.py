"""/lab as an embed and as terminal text: profile, counts, latest releases, compact timeline."""

from __future__ import annotations

from urllib.parse import quote

import discord

from bot.domain.models import Model
from bot.render import words
from bot.render.i18n import Locale, t
from bot.render.limits import FIELD_VALUE, FOOTER, TITLE, fit_fields
from bot.render.listing import fit_escaped, fit_lines, wrap
from bot.render.text import DASH, clip, date, params, table, tokens
from bot.services.lab import Bucket, LabProfile

DESCRIPTION_BUDGET = 1500
TIMELINE_NAMES = 4


def hugging_face_url(org: str) -> str:
    return "https://huggingface.co/" + quote(org, safe="")


def open_weights(profile: LabProfile, locale: Locale = "en") -> str:
    """ "8 of 9 (89%)", with how many are unknown; a dash when none is known."""
    share = profile.open_share
    if share is None:
        return DASH
    text = t(
        locale,
        "lab.open_share",
        open=profile.open_weights,
        known=profile.open_weights_known,
        share=f"{share:.0%}",
    )
    unknown = profile.models - profile.open_weights_known
    if unknown:
        text += t(locale, "lab.unknown", count=unknown)
    return text


def _size(model: Model) -> str:
    if model.params_active is not None and model.params_total is not None:
        return f"{params(model.params_total)}/{params(model.params_active)}"
    return params(model.params_total)


def _bucket_summary(bucket: Bucket, locale: Locale = "en") -> str:
    if locale != "en":
        zh_parts = []
        if bucket.models:
            zh_parts.append(t(locale, "lab.n_models", count=len(bucket.models)))
        if bucket.events:
            zh_parts.append(t(locale, "lab.n_events", count=bucket.events))
        return t(locale, "list.sep").join(zh_parts)
    parts = []
    if bucket.models:
        parts.append(f"{len(bucket.models)} model{'s' if len(bucket.models) != 1 else ''}")
    if bucket.events:
        parts.append(f"{bucket.events} event{'s' if bucket.events != 1 else ''}")
    return ", ".join(parts)


def _period_name(profile: LabProfile) -> str:
    return "per quarter" if profile.period == "quarter" else "per year"


def lab_embed(profile: LabProfile, locale: Locale = "en") -> discord.Embed:
    lab = profile.lab
    embed = discord.Embed(
        title=fit_escaped(lab.name, TITLE), url=lab.homepage, colour=discord.Colour.teal()
    )
    lines = []
    if lab.aliases:
        aliases = " · ".join(fit_escaped(alias, 60) for alias in lab.aliases)
        lines.append(t(locale, "lab.aka", names=clip(aliases, 600)))
    facts = []
    if lab.country:
        facts.append(fit_escaped(words.country(lab.country, locale), 60))
    if lab.hugging_face:
        org = fit_escaped(lab.hugging_face, 100)
        facts.append(f"Hugging Face: [{org}]({hugging_face_url(lab.hugging_face)})")
    if facts:
        lines.append(" · ".join(facts))
    if lab.notes:
        lines.append(fit_escaped(lab.notes, 500))
    embed.description = fit_lines(lines, DESCRIPTION_BUDGET) or None

    embed.add_field(name=t(locale, "lab.models"), value=str(profile.models))
    embed.add_field(name=t(locale, "model.events"), value=str(profile.events))
    embed.add_field(name=t(locale, "lab.open_weights"), value=open_weights(profile, locale))

    latest = [
        f"**{fit_escaped(model.name, 100)}** · {words.date(model.released, locale)} · "
        f"{_size(model)} · {tokens(model.context)}"
        for model in profile.latest
    ]
    embed.add_field(
        name=t(locale, "lab.latest_of", shown=len(profile.latest), total=profile.models)
        if profile.latest
        else t(locale, "lab.latest"),
        value=fit_lines(latest, FIELD_VALUE) or t(locale, "empty.lab_models"),
        inline=False,
    )
    steps = []
    for bucket in profile.timeline:
        names = t(locale, "list.sep").join(
            fit_escaped(n, 40) for n in bucket.models[:TIMELINE_NAMES]
        )
        if len(bucket.models) > TIMELINE_NAMES:
            names += f" +{len(bucket.models) - TIMELINE_NAMES}"
        steps.append(
            f"`{bucket.label}` {_bucket_summary(bucket, locale)}"
            + (t(locale, "lab.names", names=names) if names else "")
        )
    embed.add_field(
        name=t(
            locale,
            "lab.timeline_quarter" if profile.period == "quarter" else "lab.timeline_year",
        ),
        value=fit_lines(
            steps, FIELD_VALUE, more=t(locale, "lab.earlier_not_shown", n="{n}"), keep_last=True
        )
        or t(locale, "empty.lab_dated"),
        inline=False,
    )
    footer = (
        t(locale, "compare.sources") + " · ".join(lab.sources)
        if lab.sources
        else t(locale, "lab.catalog")
    )
    embed.set_footer(text=clip(footer, FOOTER // 2))
    return fit_fields(embed)


def lab_text(profile: LabProfile, width: int = 80) -> str:
    lab = profile.lab
    out: list[str] = []
    heading = lab.name
    if lab.aliases:
        heading += " (" + ", ".join(lab.aliases) + ")"
    out.extend(wrap(heading, width))
    facts = [
        f"Country: {lab.country or DASH}",
        f"Homepage: {lab.homepage or DASH}",
        f"Hugging Face: {lab.hugging_face or DASH}",
    ]
    out.extend(wrap(" · ".join(facts), width))
    out.extend(
        wrap(
            f"Models: {profile.models} · Events: {profile.events} · "
            f"Open weights: {open_weights(profile)} · "
            f"First release: {date(profile.first_release)}",
            width,
        )
    )
    out.append("")
    out.append("Latest releases")
    if profile.latest:
        rows = [
            [
                model.released.iso(),
                model.name,
                model.kind or DASH,
                params(model.params_total),
                params(model.params_active),
                tokens(model.context),
            ]
            for model in profile.latest
        ]
        out.append(
            table(
                ["Released", "Model", "Kind", "Total", "Active", "Context"],
                rows,
                right=(3, 4, 5),
                max_width=width,
            )
        )
    else:
        out.append("No models in the catalog yet.")
    out.append("")
    out.append(f"Timeline ({_period_name(profile)})")
    if profile.timeline:
        rows = [
            [
                bucket.label,
                str(len(bucket.models)),
                str(bucket.events),
                ", ".join(bucket.models) or DASH,
            ]
            for bucket in profile.timeline
        ]
        out.append(
            table(["Period", "Models", "Events", "Releases"], rows, right=(1, 2), max_width=width)
        )
    else:
        out.append("Nothing dated yet.")
    return "\n".join(out)
