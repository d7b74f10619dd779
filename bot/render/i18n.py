"""Answers in the asker's language: one string table per locale, the same keys in each.

`locale_of(interaction.locale)` picks the table (zh-CN for Chinese, English otherwise) and
`t(locale, key, **values)` formats one string. Render functions take `locale: Locale = "en"`,
so the terminal and callers that don't say stay English. tests/render/test_i18n.py checks that
both tables have the same keys and the same {placeholders} per key.
"""

from __future__ import annotations

from typing import Literal

import discord

Locale = Literal["en", "zh-CN"]

EN: dict[str, str] = {
    # errors (bot/exts/errors.py)
    "error.apology": (
        "Sorry, something went wrong on our side while answering that. It has been logged."
    ),
    "error.not_found": "No {what} matches {name}.",
    "error.did_you_mean": " Did you mean {names}?",
    "error.ambiguous": "{text} matches {count} models: {names}{more}. Pick one.",
    "error.ambiguous_more": " and {count} more",
    "error.unreadable": "Could not read {value}: {reason}",
    "error.missing_permissions": "You need the {names} permission to use this command.",
    "error.bot_missing_permissions": "I am missing the {names} permission here.",
    "error.no_dm": "This command works in a server, not in direct messages.",
    "error.cooldown": "Slow down: try again in {seconds} s.",
    "error.check_failed": "You cannot use this command here.",
    "entity.model": "model",
    "entity.lab": "lab",
    "perm.manage_guild": "Manage Server",
    "perm.manage_channels": "Manage Channels",
    "list.sep": ", ",
}

ZH_CN: dict[str, str] = {
    "error.apology": "抱歉，我们这边在回答时出了问题，已记录下来。",
    "error.not_found": "没有与 {name} 匹配的{what}。",
    "error.did_you_mean": "你是不是想找 {names}？",
    "error.ambiguous": "{text} 匹配 {count} 个模型：{names}{more}。请选一个。",
    "error.ambiguous_more": " 等另外 {count} 个",
    "error.unreadable": "无法读取 {value}：{reason}",
    "error.missing_permissions": "你需要“{names}”权限才能使用此命令。",
    "error.bot_missing_permissions": "我在这里缺少“{names}”权限。",
    "error.no_dm": "此命令只能在服务器中使用，不能在私信中使用。",
    "error.cooldown": "慢一点：请在 {seconds} 秒后再试。",
    "error.check_failed": "你不能在这里使用此命令。",
    "entity.model": "模型",
    "entity.lab": "实验室",
    "perm.manage_guild": "管理服务器",
    "perm.manage_channels": "管理频道",
    "list.sep": "、",
}

TABLES: dict[Locale, dict[str, str]] = {"en": EN, "zh-CN": ZH_CN}


def locale_of(discord_locale: discord.Locale | None) -> Locale:
    """zh-CN for discord.Locale.chinese, English for every other locale (and for None)."""
    return "zh-CN" if discord_locale == discord.Locale.chinese else "en"


def t(locale: Locale, key: str, **values: object) -> str:
    """The string `key` of `locale`'s table, formatted with `values`."""
    return TABLES[locale][key].format(**values)


def has(locale: Locale, key: str) -> bool:
    """Whether `key` is in the tables (for keys built from data, such as "perm.<name>")."""
    return key in TABLES[locale]
