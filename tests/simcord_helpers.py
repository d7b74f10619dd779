"""Helpers for SimCord tests."""

from __future__ import annotations

from typing import Any


def expected_errors(env: Any) -> list[BaseException]:
    """The errors the tree handler answered since the last look, each asserted to be one a
    user can cause (a ModelRadarError), so an unexpected bug still fails the test."""
    from discord import app_commands

    from bot.domain.errors import ModelRadarError

    errors = list(env.errors)
    for error in errors:
        original = getattr(error, "original", error)
        assert isinstance(original, ModelRadarError | app_commands.CheckFailure), repr(error)
    return errors


def member(env: Any) -> tuple[Any, Any]:
    """A guild "AI News" with a #general channel and a member alice; (alice, general)."""
    guild = env.create_guild("AI News")
    general = guild.create_text_channel("general")
    alice = guild.add_member(env.create_user("alice"))
    return alice, general


def fields(embed: Any) -> dict[str, str]:
    """An embed's fields as {name: value}."""
    return {field.name: field.value for field in embed.fields}
