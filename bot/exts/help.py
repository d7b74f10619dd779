"""/help: every command the bot has synced, with a one-line example, in the asker's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.reach import everywhere
from bot.render.help import HelpEntry, help_embed
from bot.render.i18n import Locale, locale_of, t
from bot.render.locales import ZH_CN

if TYPE_CHECKING:
    from bot.app import ModelRadar


def help_entries(tree: app_commands.CommandTree, *, chinese: bool = False) -> list[HelpEntry]:
    """The tree's commands in the order they were added: slash commands, then message menus."""
    entries = []
    for command in tree.get_commands():
        contexts = command.allowed_contexts
        servers_only = command.guild_only or (
            contexts is not None and not contexts.dm_channel and not contexts.private_channel
        )
        perms = command.default_permissions
        needs_manage = bool(perms and perms.manage_guild)
        locale: Locale = "zh-CN" if chinese else "en"
        shown = ZH_CN.get(command.name) if chinese else None
        if isinstance(command, app_commands.ContextMenu):
            description = t(locale, "help.right_click")
            entries.append(
                HelpEntry(command.name, description, servers_only, needs_manage, True, shown)
            )
            continue
        description = command.description
        if chinese:
            description = ZH_CN.get(description, description)
        entries.append(
            HelpEntry(command.name, description, servers_only, needs_manage, shown_name=shown)
        )
    return entries


class HelpCog(commands.Cog):
    def __init__(self, bot: ModelRadar) -> None:
        self.bot = bot

    @everywhere
    @app_commands.command(name="help", description="Every command, with an example")
    async def help_command(self, interaction: discord.Interaction) -> None:
        chinese = locale_of(interaction.locale) == "zh-CN"
        entries = help_entries(self.bot.tree, chinese=chinese)
        await interaction.response.send_message(
            embed=help_embed(entries, chinese=chinese), ephemeral=True
        )


async def setup(bot: ModelRadar) -> None:
    await bot.add_cog(HelpCog(bot))
