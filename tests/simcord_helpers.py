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
