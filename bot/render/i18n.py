"""Answers in the asker's language: one string table per locale, the same keys in each
(bot/render/strings/en.toml and zh-CN.toml, flattened to dotted keys: "error.apology").

`locale_of(interaction.locale)` picks the table (zh-CN for Chinese, English otherwise) and
`t(locale, key, **values)` formats one string. Render functions take `locale: Locale = "en"`,
so the terminal and callers that don't say stay English. tests/render/test_i18n.py checks that
both tables have the same keys and the same {placeholders} per key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

import discord

Locale = Literal["en", "zh-CN"]

STRINGS = Path(__file__).with_name("strings")


def load_table(path: Path) -> dict[str, str]:
    """A TOML string table as {dotted key: string}; anything but strings and tables is a
    mistake in the file, named by its key."""
    flat: dict[str, str] = {}

    def walk(prefix: str, node: dict[str, Any]) -> None:
        for name, value in node.items():
            key = f"{prefix}.{name}" if prefix else name
            if isinstance(value, dict):
                walk(key, value)
            elif isinstance(value, str):
                flat[key] = value
            else:
                raise TypeError(f"{path.name}: {key} is not a string")

    walk("", tomllib.loads(path.read_text(encoding="utf-8")))
    return flat


EN = load_table(STRINGS / "en.toml")
ZH_CN = load_table(STRINGS / "zh-CN.toml")

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
