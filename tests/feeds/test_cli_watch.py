"""`modelradar watch --once`: one cycle from the terminal, printing what it found and did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.feeds.config import load_config
from tests.feeds.conftest import feed_settings
from tests.feeds.fakes import FakeFeeds, existing_listings, hf_repo, just_now


async def watch(db_path: Path, url: str, *argv: str) -> int:
    args = build_parser().parse_args(["watch", *argv])
    return int(await args.handler(args, feed_settings(db_path, url)))


async def test_watch_once_prints_what_it_found_and_did(
    feeds: FakeFeeds, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first run says it only recorded; the next names the repo it added and the filter
    that skipped its FP8 copy."""
    existing_listings(feeds)
    assert await watch(db_path, feeds.url, "--once") == 0
    first = capsys.readouterr().out
    listings = len(load_config().huggingface.organisations)
    # one listing per organisation, and the details of two repos
    assert f"Hugging Face: {listings + 2} request(s)" in first
    assert "first look at deepseek-ai" in first and "nothing announced" in first

    today = just_now()
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5", today))
    feeds.add_repo("deepseek-ai", hf_repo("deepseek-ai/DeepSeek-V5-FP8", today))
    assert await watch(db_path, feeds.url, "--once", "--source", "huggingface") == 0
    second = capsys.readouterr().out
    lines = {line.split()[0]: line for line in second.splitlines() if line.startswith("  ")}
    assert "created deepseek-v5 (announced)" in lines["deepseek-ai/DeepSeek-V5"]
    assert "ignored: quantised copy" in lines["deepseek-ai/DeepSeek-V5-FP8"]
    assert "OpenRouter" not in second


async def test_watch_once_reports_a_failure_and_exits_non_zero(
    feeds: FakeFeeds, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A failing source is printed with its error and next attempt; the exit code is 1."""
    feeds.fail("openrouter", "500")
    code = await watch(db_path, feeds.url, "--once", "--json")
    reports = {r["source"]: r for r in json.loads(capsys.readouterr().out)}
    assert code == 1
    assert reports["openrouter"]["status"] == "failed"
    assert reports["openrouter"]["error"].startswith("server: 500")
    assert reports["huggingface"]["status"] == "ok"
