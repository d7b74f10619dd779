"""Answers in the asker's language: one string table per locale, the same keys in each
(bot/render/strings_en.py, strings_zh_cn.py).

`locale_of(interaction.locale)` picks the table (zh-CN for Chinese, English otherwise) and
`t(locale, key, **values)` formats one string. Render functions take `locale: Locale = "en"`,
so the terminal and callers that don't say stay English. tests/render/test_i18n.py checks that
both tables have the same keys and the same {placeholders} per key.
"""

from __future__ import annotations

from typing import Literal

import discord

from bot.render.strings_en import EN
from bot.render.strings_zh_cn import ZH_CN

Locale = Literal["en", "zh-CN"]

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
