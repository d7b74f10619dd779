"""Logging: one setup, the level from settings, discord.http never at DEBUG."""

from __future__ import annotations

import logging

from bot.logs import setup_logging


def test_discord_http_stays_above_debug() -> None:
    """Even at DEBUG, the logger that prints request bodies stays at INFO or above."""
    setup_logging("DEBUG")
    try:
        assert logging.getLogger().level == logging.DEBUG
        assert logging.getLogger("discord.http").level >= logging.INFO
    finally:
        setup_logging("WARNING")
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_modelradar", False)]
    assert len(ours) == 1
