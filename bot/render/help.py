"""/help: every command the bot syncs, each with a one-line example, in English or zh-CN."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.render.i18n import Locale, t
from bot.render.limits import DESCRIPTION

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

# The zh-CN localisations of /help itself (the translator reads them with bot/render/locales).
HELP_ZH_CN: dict[str, str] = {
    "help": "帮助",
    "Every command, with an example": "所有命令及用法示例",
}


@dataclass(frozen=True)
class HelpEntry:
    """One command as /help lists it."""

    name: str
    description: str
    servers_only: bool = False
    needs_manage: bool = False
    context_menu: bool = False

    @property
    def example(self) -> str:
        return EXAMPLES.get(self.name, self.name if self.context_menu else f"/{self.name}")


def _line(entry: HelpEntry, locale: Locale) -> str:
    notes = [t(locale, "help.servers_only")] if entry.servers_only else []
    if entry.needs_manage:
        notes.append(t(locale, "help.manage"))
    head = f"**{entry.name}**" if entry.context_menu else f"**/{entry.name}**"
    note = f" ({', '.join(notes)})" if notes else ""
    return f"{head} — {entry.description}{note}\n`{entry.example}`"


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
