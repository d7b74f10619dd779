"""The string tables: every key in both, with the same {placeholders}; locale_of's mapping."""

from __future__ import annotations

import string

import discord

from bot.render.i18n import EN, ZH_CN, locale_of, t


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_tables_have_the_same_keys() -> None:
    assert set(EN) - set(ZH_CN) == set(), "keys missing from ZH_CN"
    assert set(ZH_CN) - set(EN) == set(), "keys missing from EN"


def test_each_key_has_the_same_placeholders_in_both() -> None:
    for key in EN:
        assert placeholders(EN[key]) == placeholders(ZH_CN[key]), key


def test_no_chinese_string_is_left_in_english() -> None:
    """A zh-CN string with English words, identical to the English one, was forgotten."""
    for key, text in ZH_CN.items():
        literal = "".join(part for part, _, _, _ in string.Formatter().parse(text))
        if any(c.isascii() and c.isalpha() for c in literal):
            assert text != EN[key], key


def test_locale_of() -> None:
    assert locale_of(discord.Locale.chinese) == "zh-CN"
    assert locale_of(discord.Locale.taiwan_chinese) == "en"
    assert locale_of(discord.Locale.american_english) == "en"
    assert locale_of(None) == "en"


def test_t_formats() -> None:
    assert t("en", "error.cooldown", seconds=3) == "Slow down: try again in 3 s."
    assert t("zh-CN", "error.cooldown", seconds=3) == "慢一点：请在 3 秒后再试。"
