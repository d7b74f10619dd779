"""The words of an error a user can cause, in the asker's language.

NotFound and Ambiguous carry their data (what, name, suggestions; text, matches) and are
worded here per locale; other expected errors carry a Phrase (a key of the "error." strings
and its values), worded in the asker's language. English keeps the error's own sentence, which
the English table matches (tests/render/test_error_phrases.py); an error without a Phrase is
shown as it says in every language."""

from __future__ import annotations

from discord import app_commands

from bot.domain.dates import PartialDate
from bot.domain.errors import ModelRadarError, NotFound, Phrase, Phrased
from bot.render import words
from bot.render.i18n import Locale, has, t
from bot.services.names import Ambiguous

SHOWN_MATCHES = 10


def _names(locale: Locale, names: list[str]) -> str:
    return t(locale, "list.sep").join(f"`{name}`" for name in names)


def _permission(name: str, locale: Locale) -> str:
    """Discord's own words for a permission ("manage_guild" is "Manage Server")."""
    key = f"perm.{name}"
    return t(locale, key) if has(locale, key) else name.replace("_", " ").title()


def worded(said: Phrase, locale: Locale = "en") -> str:
    """A Phrase in `locale`: Phrase values worded in turn, dates as the locale writes them,
    tuples as a list; the key must be in the tables."""

    def value(item: object) -> object:
        if isinstance(item, Phrase):
            return worded(item, locale)
        if isinstance(item, PartialDate):
            return words.date(item, locale)
        if isinstance(item, tuple):
            return t(locale, "list.sep").join(str(value(part)) for part in item)
        return item

    return t(locale, f"error.{said.key}", **{k: value(v) for k, v in said.values.items()})


def phrased(error: Phrased, locale: Locale = "en") -> str:
    """An error's message in `locale`: its Phrase where it has one (and the tables know it),
    otherwise its own words."""
    said = error.said
    if locale == "en" or said is None or not has(locale, f"error.{said.key}"):
        return str(error)
    return worded(said, locale)


def service_message(error: ModelRadarError, locale: Locale = "en") -> str:
    """A service's error: NotFound and Ambiguous from their data, others by their Phrase."""
    if isinstance(error, NotFound):
        what_key = f"entity.{error.what}"
        what = t(locale, what_key) if has(locale, what_key) else error.what
        message = t(locale, "error.not_found", what=what, name=repr(error.name))
        if error.suggestions:
            message += t(locale, "error.did_you_mean", names=_names(locale, error.suggestions))
        return message
    if isinstance(error, Ambiguous):
        matches = error.matches
        more = len(matches) - SHOWN_MATCHES
        return t(
            locale,
            "error.ambiguous",
            text=repr(error.text),
            count=len(matches),
            names=_names(locale, [m.slug for m in matches[:SHOWN_MATCHES]]),
            more=t(locale, "error.ambiguous_more", count=more) if more > 0 else "",
        )
    return phrased(error, locale)


def user_message(error: app_commands.AppCommandError, locale: Locale = "en") -> str | None:
    """The message for an error a user can cause, or None for a bug."""
    # A command's own error (CommandInvokeError) or a name option's (NameNotResolved).
    original = getattr(error, "original", None)
    if isinstance(original, ModelRadarError):
        return service_message(original, locale)
    if isinstance(error, app_commands.TransformerError):
        cause = error.__cause__ or error
        reason = phrased(cause, locale) if isinstance(cause, Phrased) else cause
        return t(locale, "error.unreadable", value=repr(error.value), reason=reason)
    if isinstance(error, app_commands.MissingPermissions | app_commands.BotMissingPermissions):
        names = t(locale, "list.sep").join(
            _permission(p, locale) for p in error.missing_permissions
        )
        key = (
            "error.missing_permissions"
            if isinstance(error, app_commands.MissingPermissions)
            else "error.bot_missing_permissions"
        )
        return t(locale, key, names=names)
    if isinstance(error, app_commands.NoPrivateMessage):
        return t(locale, "error.no_dm")
    if isinstance(error, app_commands.CommandOnCooldown):
        return t(locale, "error.cooldown", seconds=f"{error.retry_after:.0f}")
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or t(locale, "error.check_failed")
    return None


def apology(locale: Locale = "en") -> str:
    return t(locale, "error.apology")
