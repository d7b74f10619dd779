"""A discord.py Translator giving command names and descriptions their zh-CN localisations."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.render.i18n import locale_of
from bot.render.locales import ZH_CN


class RadarTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale_of(locale) == "zh-CN":
            return ZH_CN.get(string.message)
        return None


async def setup(bot: commands.Bot) -> None:
    await bot.tree.set_translator(RadarTranslator())
