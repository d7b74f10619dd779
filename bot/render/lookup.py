"""The "Look up models" message menu's answer: one compact card per model named in a message.

A card is the few facts that settle a chat argument (lab, date, size, context, price, licence)
as inline fields; /model has the rest, /compare the side-by-side view (the cards' button).
"""

from __future__ import annotations

import discord

from bot.domain.models import Model
from bot.render.i18n import Locale, t
from bot.render.limits import TITLE, TOTAL, fit_fields
from bot.render.listing import fit_escaped
from bot.render.model import COLOUR, licence, prices, released
from bot.render.text import DASH, clip, params, tokens
from bot.services.model import Profile

VALUE_LIMIT = 200  # a card stays compact: a long licence text is clipped
MAX_CARDS = 4  # also keeps four cards far below Discord's 6,000 characters per message


def size(model: Model, locale: Locale = "en") -> str:
    """ "1.6T (49B active)", "1T", or a dash."""
    total = params(model.params_total)
    if model.params_active is None or model.params_active == model.params_total:
        return total
    return t(locale, "lookup.size_active", total=total, active=params(model.params_active))


def card_embed(profile: Profile, locale: Locale = "en") -> discord.Embed:
    """One model as a compact card: name (title), then short inline facts."""
    model = profile.model
    embed = discord.Embed(title=fit_escaped(model.name, TITLE), colour=COLOUR)
    card = [
        (t(locale, "row.lab"), profile.lab_name),
        (t(locale, "row.released"), released(model, locale)),
        (t(locale, "lookup.size"), size(model, locale)),
        (t(locale, "ann.context"), tokens(model.context)),
        (t(locale, "model.price_per_million"), prices(model, locale)),
        (t(locale, "row.licence"), licence(model, locale)),
    ]
    for name, value in card:
        embed.add_field(name=name, value=fit_escaped(value or DASH, VALUE_LIMIT), inline=True)
    embed.set_footer(text=t(locale, "lookup.footer", slug=clip(model.slug, 64)))
    return fit_fields(embed, TOTAL // MAX_CARDS)
