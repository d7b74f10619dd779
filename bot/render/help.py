"""/help: every command the bot syncs, each with a one-line example, in English or zh-CN."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.render.i18n import Locale, t
from bot.render.limits import DESCRIPTION
from bot.render.locales import ZH_CN as COMMAND_ZH_CN

# One example per command, as typed in Discord. A command without one is still listed (with
# its bare name), and tests/exts/test_help.py fails until it has one.
EXAMPLES: dict[str, str] = {
    "compare": "/compare model1:DeepSeek-V4-Pro model2:Kimi K2.6 chart:True",
    "model": "/model name:Kimi K2.6",
    "timeline": "/timeline lab:DeepSeek vs:Moonshot since:2025",
    "coincidences": "/coincidences lab:DeepSeek window_days:14",
    "lab": "/lab name:深度求索",
    "search": "/search query:MLA",
    "top": "/top metric:Context window kind:chat limit:10",
    "about": "/about",
    "help": "/help",
    "subscribe": "/subscribe channel:#releases lab:DeepSeek role:@radar",
    "unsubscribe": "/unsubscribe channel:#releases",
    "subscriptions": "/subscriptions",
    "Look up models": "Apps › Look up models on a message",
}


def example(name: str, locale: Locale = "en", *, context_menu: bool = False) -> str:
    """A command's example as the asker types it: zh-CN members see (and type) the commands',
    options' and choices' Chinese names, so their examples use them."""
    if context_menu:
        return t(locale, "help.menu_example") if locale != "en" else EXAMPLES.get(name, name)
    text = EXAMPLES.get(name, f"/{name}")
    if locale != "zh-CN":
        return text
    command, *options = _OPTION.split(text)
    shown = ["/" + COMMAND_ZH_CN.get(command[1:], command[1:])]
    for option in options:
        key, _, value = option.partition(":")
        shown.append(f"{COMMAND_ZH_CN.get(key, key)}:{COMMAND_ZH_CN.get(value, value)}")
    return " ".join(shown)


_OPTION = re.compile(r" (?=[a-z_0-9]+:)")


@dataclass(frozen=True)
class HelpEntry:
    """One command as /help lists it."""

    name: str
    description: str
    servers_only: bool = False
    needs_manage: bool = False
    context_menu: bool = False
    shown_name: str | None = None  # the name as the asker's client shows it (zh-CN: Chinese)


def _line(entry: HelpEntry, locale: Locale) -> str:
    notes = [t(locale, "help.servers_only")] if entry.servers_only else []
    if entry.needs_manage:
        notes.append(t(locale, "help.manage"))
    shown = entry.shown_name or entry.name
    head = f"**{shown}**" if entry.context_menu else f"**/{shown}**"
    note = t(locale, "help.notes", notes=t(locale, "list.sep").join(notes)) if notes else ""
    text = example(entry.name, locale, context_menu=entry.context_menu)
    return f"{head} — {entry.description}{note}\n`{text}`"


def help_embed(entries: Sequence[HelpEntry], *, chinese: bool = False) -> discord.Embed:
    locale: Locale = "zh-CN" if chinese else "en"
    lines = [t(locale, "help.intro"), ""]
    lines += [_line(entry, locale) for entry in entries]
    description = "\n".join(lines)
    if len(description) > DESCRIPTION:  # never expected: a dozen commands take ~1,500
        description = description[: DESCRIPTION - 1] + "…"
    embed = discord.Embed(
        title=t(locale, "help.title"), description=description, colour=discord.Colour.blurple()
    )
    embed.set_footer(text=t(locale, "help.footer"))
    return embed
