"""Announcement embeds: what they say about a new entry, and that they fit Discord's limits."""

from __future__ import annotations

import datetime as dt

import discord

from bot.domain.models import Event, Model
from bot.render.announce import announcement, digest_embed, nearby_line
from bot.render.limits import embed_problems
from bot.services.alerts import AnnouncedEntry, Nearby

DAY = dt.date(2026, 4, 20)


def kimi_like(**extra: object) -> Model:
    data: dict[str, object] = {
        "slug": "radar-k3",
        "name": "Radar-K3",
        "lab": "moonshot",
        "released": DAY,
        "released_as": "weights",
        "kind": "reasoning",
        "open_weights": True,
        "license": "Modified MIT",
        "params_total": "1T",
        "params_active": "32B",
        "context": "256K",
        "hugging_face": "moonshotai/Radar-K3",
        "paper": "https://arxiv.org/abs/2604.00001",
        "sources": ["https://github.com/MoonshotAI/Radar-K3", "https://arxiv.org/abs/2604.00001"],
    }
    return Model.model_validate(data | extra)


def entry(model: Model, nearby: tuple[Nearby, ...] = (), entry_id: int = 1) -> AnnouncedEntry:
    return AnnouncedEntry(entry_id, model.lab, "Moonshot AI", model=model, nearby=nearby)


def test_model_announcement_names_the_specs_and_links() -> None:
    """One entry: name, lab, date, parameters, context, licence, weights, paper and sources."""
    near = (Nearby("DeepSeek-V4", "DeepSeek", 4),)
    message = announcement([entry(kimi_like(), near)])

    [embed] = message.embeds
    fields = {f.name: f.value for f in embed.fields}
    assert embed.title == "New reasoning model: Radar-K3"
    assert embed.url == "https://huggingface.co/moonshotai/Radar-K3"
    assert fields["Lab"] == "Moonshot AI"
    assert fields["Released"] == "20 Apr 2026 (weights)"
    assert fields["Parameters"] == "1T total, 32B active"
    assert fields["Context"] == "256K"
    assert fields["Licence"] == "Modified MIT"
    links = fields["Links"] or ""
    assert "[Weights](https://huggingface.co/moonshotai/Radar-K3)" in links
    assert "[Paper](https://arxiv.org/abs/2604.00001)" in links
    assert "[github.com](https://github.com/MoonshotAI/Radar-K3)" in links
    assert links.count("arxiv.org") == 1
    assert "DeepSeek-V4 (DeepSeek) came out 4 days earlier." in (embed.description or "")
    assert embed_problems(message.embeds) == []


def test_unknown_specs_show_as_dashes() -> None:
    """A model with nothing but a name and date shows dashes, not zeros."""
    bare = Model.model_validate(
        {"slug": "bare", "name": "Bare", "lab": "moonshot", "released": "2026-04"}
    )
    fields = {f.name: f.value for f in announcement([entry(bare)]).embeds[0].fields}
    assert fields["Parameters"] == fields["Context"] == fields["Licence"] == "—"


def test_nearby_lines_say_earlier_later_or_same_day() -> None:
    """Days before, after and on the same day read naturally, singular for one day."""
    assert nearby_line(Nearby("Kimi K2.6", "Moonshot AI", 4)).endswith("came out 4 days earlier.")
    assert nearby_line(Nearby("A", "B", -1)).endswith("came out 1 day later.")
    assert nearby_line(Nearby("A", "B", 0)).endswith("came out the same day.")


def test_event_announcement() -> None:
    """An event shows its title, summary, date, kind and link."""
    event = Event.model_validate(
        {
            "date": DAY,
            "lab": "moonshot",
            "kind": "paper",
            "title": "Radar attention",
            "summary": "A new attention.",
            "url": "https://arxiv.org/abs/2604.00002",
            "models": ["radar-k3"],
        }
    )
    [embed] = announcement([AnnouncedEntry(3, "moonshot", "Moonshot AI", event=event)]).embeds
    fields = {f.name: f.value for f in embed.fields}
    assert embed.title == "New paper: Radar attention"
    assert embed.description == "A new attention."
    assert fields["Date"] == "20 Apr 2026" and fields["Models"] == "`radar-k3`"
    assert "[Announcement](https://arxiv.org/abs/2604.00002)" in (fields["Links"] or "")


def test_digest_lists_what_fits_within_limits() -> None:
    """Forty entries with long names: one embed within every limit, ending with how many
    more there are."""
    entries = [
        entry(kimi_like(slug=f"m{n}", name=f"Model {n} " + "x" * 90), entry_id=n) for n in range(40)
    ]

    embed = digest_embed(entries)

    assert embed_problems([embed]) == []
    assert embed.title == "40 new models"
    lines = (embed.description or "").split("\n")
    assert lines[-1].startswith("… and ") and lines[-1].endswith(" more")
    assert len(lines) - 1 + int(lines[-1].split()[2]) == 40


def test_only_the_subscription_role_may_be_pinged() -> None:
    """With a role: the content mentions it and allowed mentions allow only it; without: no
    content and nothing allowed."""
    with_role = announcement([entry(kimi_like())], [42])
    assert with_role.content == "<@&42>"
    assert with_role.allowed_mentions.to_dict() == {"parse": [], "roles": [42]}

    without = announcement([entry(kimi_like())])
    assert without.content is None
    assert without.allowed_mentions.to_dict() == {"parse": [], "roles": []}
    assert isinstance(without.allowed_mentions, discord.AllowedMentions)
