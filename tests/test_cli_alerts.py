"""`modelradar subscriptions`: the release-alert subscriptions and announcements, in a terminal."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.services.alerts import disable, subscribe
from bot.store import Store


async def _subscribe_two(db: Path) -> None:
    now = dt.datetime(2026, 1, 2, 12, 0, tzinfo=dt.UTC)
    store = await Store.open(db)
    try:
        for channel, lab in ((111, "deepseek"), (222, None)):
            await subscribe(
                store, guild_id=9, channel_id=channel, lab=lab, kind=None, role_id=None, now=now
            )
        await disable(store, reason="the channel was deleted", now=now, channel_id=222)
    finally:
        await store.close()


async def test_subscriptions_lists_filters_and_state(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each subscription shows its channel, lab and state, a disabled one with its reason."""
    await _subscribe_two(db_path)

    code = await _run(["--database", str(db_path), "subscriptions"])

    out = capsys.readouterr().out
    assert code == 0
    assert "channel 111 · DeepSeek · any kind" in out
    assert "channel 222 · Every lab · any kind" in out
    assert "disabled: the channel was deleted" in out
    assert out.rstrip().endswith("Announcements: empty.")


async def test_subscriptions_as_json(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json gives each subscription's fields and the announcements by state."""
    await _subscribe_two(db_path)

    await _run(["--database", str(db_path), "subscriptions", "--json"])

    data = json.loads(capsys.readouterr().out)
    states = {s["channel_id"]: (s["lab"], s["state"]) for s in data["subscriptions"]}
    assert states == {111: ("deepseek", "active"), 222: (None, "disabled")}
    assert data["announcements"] == {}


async def _run(argv: list[str]) -> int:
    """main() runs its own event loop: call it from a worker thread."""
    return await asyncio.to_thread(main, argv)
