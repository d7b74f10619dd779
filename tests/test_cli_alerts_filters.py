"""`modelradar subscriptions` shows a subscription's further filters (issue 11)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from bot.cli import main
from bot.services.alerts import subscribe
from bot.store import Store


async def test_subscriptions_lists_the_further_filters(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """open_weights_only and min_params show with the lab and kind."""
    store = await Store.open(db_path)
    try:
        await subscribe(
            store,
            guild_id=9,
            channel_id=333,
            lab=None,
            kind="models",
            role_id=None,
            now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
            open_weights_only=True,
            min_params=70 * 10**9,
        )
    finally:
        await store.close()

    code = await asyncio.to_thread(main, ["--database", str(db_path), "subscriptions"])

    assert code == 0
    assert "Every lab · Any model · open weights only · 70B+ parameters" in capsys.readouterr().out
