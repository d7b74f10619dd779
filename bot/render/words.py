"""The catalog's own vocabulary in the asker's language: dates, model and event kinds, what a
release date is the date of, modalities, architectures, countries and open weights.

English is what the catalog stores ("reasoning", "weights", "text"), so English output is the
stored word; other locales look the word up in their string table (bot/render/strings_*.py)
under "kind.", "date_as.", "modality.", "arch.", "country." or "licence.", and show the stored
word when the table has none (a country or licence the table does not know is shown as given).
Names, licences' own titles, techniques and highlights are the sources' words and stay as they
are.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.dates import PartialDate
from bot.domain.models import Model
from bot.render.i18n import Locale, has, t

DASH = "—"


def _word(locale: Locale, prefix: str, word: str) -> str:
    key = f"{prefix}.{word}"
    return t(locale, key) if locale != "en" and has(locale, key) else word


def date(value: PartialDate | None, locale: Locale = "en") -> str:
    """ "24 Apr 2026", "Apr 2026", "2026"; in zh-CN "2026 年 4 月 24 日"; a dash if unknown."""
    if value is None:
        return DASH
    if locale == "en":
        return value.human()
    if value.month is None:
        return t(locale, "date.year", year=value.year)
    month = t(locale, f"month.{value.month}")
    if value.day is None:
        return t(locale, "date.month", year=value.year, month=month)
    return t(locale, "date.day", year=value.year, month=month, day=value.day)


def kind(value: str | None, locale: Locale = "en") -> str:
    """A model or event kind ("reasoning", "paper"); a dash if unknown."""
    return _word(locale, "kind", value) if value else DASH


def date_meaning(value: str, locale: Locale = "en") -> str:
    """What a release date is the date of: "weights", "announced", "api", "paper", "commit"."""
    return _word(locale, "date_as", value)


def released(model: Model, locale: Locale = "en") -> str:
    """ "24 Apr 2026 (weights)": the date and what it is the date of."""
    text = date(model.released, locale)
    if not model.released_as:
        return text
    return t(locale, "date.as", date=text, meaning=date_meaning(model.released_as, locale))


def modality_list(values: Sequence[str], locale: Locale = "en") -> str:
    return t(locale, "list.sep").join(_word(locale, "modality", v) for v in values)


def modalities(model: Model, locale: Locale = "en") -> str:
    """ "text, image → text"; a dash when neither side is known."""
    if not model.input_modalities and not model.output_modalities:
        return DASH
    given = modality_list(model.input_modalities, locale) or DASH
    out = modality_list(model.output_modalities, locale) or DASH
    return f"{given} → {out}"


def modalities_text(text: str, locale: Locale = "en") -> str:
    """A modalities line already written in English ("text, image → text", as /compare's rows
    hold it) in `locale`."""
    if locale == "en":
        return text
    sides = [side.split(", ") for side in text.split(" → ")]
    return " → ".join(modality_list(side, locale) for side in sides)


def architecture(value: str | None, locale: Locale = "en") -> str:
    """ "MoE" or "Dense" (as the catalog's "moe"/"dense" read); a dash if unknown."""
    if not value:
        return DASH
    english = {"moe": "MoE", "dense": "Dense"}.get(value.casefold(), value)
    return _word(locale, "arch", english)


def country(value: str, locale: Locale = "en") -> str:
    return _word(locale, "country", value)


def licence_name(value: str, locale: Locale = "en") -> str:
    """A licence's title as given ("Apache-2.0"); "Proprietary" is a word, so it is translated."""
    return _word(locale, "licence", value)


def weights(open_weights: bool, locale: Locale = "en") -> str:
    return t(locale, "words.open_weights" if open_weights else "words.no_open_weights")


def licence(model: Model, locale: Locale = "en") -> str:
    """ "MIT · open weights"; a dash when neither is known."""
    parts = []
    if model.license:
        parts.append(licence_name(model.license, locale))
    if model.open_weights is not None:
        parts.append(weights(model.open_weights, locale))
    return " · ".join(parts) or DASH
