"""`modelradar run` without a network: one line saying Discord could not be reached and what
to check, exit 1, no traceback, and no piece of the token. Discord is never contacted: its
API address is pointed at a closed port on 127.0.0.1, or the login is made to fail as a DNS
failure does."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import discord.http
import pytest
from aiohttp.client_reqrep import ConnectionKey

from bot.cli import main
from bot.cli.run import unreachable
from tests.feeds.test_failures import closed_port

# Shaped like a real bot token (id.timestamp.hmac), made up.
TOKEN = "MTI3NzAwMDAwMDAwMDAwMDAwMA.GhXk2b.q8VwE3ZpLmN0tYr5uIoPaSdFgHjKlZxCvBnM12"


def token_pieces(token: str = TOKEN, size: int = 8) -> set[str]:
    """Every run of `size` characters of the token: none may be printed."""
    return {token[i : i + size] for i in range(len(token) - size + 1)}


def assert_one_clear_line(output: str) -> None:
    assert "Traceback" not in output
    assert not any(piece in output for piece in token_pieces()), output
    lines = [line for line in output.splitlines() if "could not reach Discord" in line]
    assert len(lines) == 1, output
    assert lines[0].startswith("modelradar: could not reach Discord (")
    assert "then run `modelradar run` again" in lines[0]


def test_run_with_discord_unreachable_says_so_and_exits_1(db_path: Path) -> None:
    """The real login, against a port nobody listens on: one line, exit 1, within seconds."""
    script = textwrap.dedent(
        f"""
        import sys
        import discord.http
        discord.http.Route.BASE = "http://127.0.0.1:{closed_port()}/api/v10"
        from bot.cli import main
        sys.exit(main(["run"]))
        """
    )
    env = {**os.environ, "DISCORD_TOKEN": TOKEN, "MODELRADAR_DATABASE_PATH": str(db_path)}
    env["MODELRADAR_FEEDS_ENABLED"] = "false"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=db_path.parent,
    )
    assert result.returncode == 1, result.stderr
    assert time.monotonic() - started < 30
    assert_one_clear_line(result.stdout + result.stderr)
    assert "Cannot connect to host 127.0.0.1" in result.stderr


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def test_run_when_dns_fails_says_so_and_exits_1(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    restore_logging: None,
) -> None:
    """A login that fails to resolve discord.com (no network) is one line naming DNS."""

    async def no_dns(self: discord.http.HTTPClient, token: str) -> None:
        key = ConnectionKey("discord.com", 443, True, True, None, None, None, None)
        raise aiohttp.ClientConnectorDNSError(
            key, OSError(-3, f"Temporary failure in name resolution for {token}")
        )

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", no_dns)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("MODELRADAR_DATABASE_PATH", str(db_path))
    monkeypatch.chdir(db_path.parent)

    assert main(["run"]) == 1

    captured = capsys.readouterr()
    assert_one_clear_line(captured.out + captured.err)
    assert "the name discord.com could not be resolved" in captured.err


@pytest.mark.parametrize("leak", [TOKEN, TOKEN[:47], TOKEN.split(".")[2][5:20]])
def test_no_part_of_the_token_gets_into_the_line(leak: str) -> None:
    """An error whose text carries the token, or a piece of it, is not quoted."""
    line = unreachable(aiohttp.ClientConnectionError(f"refused for {leak}\nsecond line"), TOKEN)
    assert_one_clear_line(line)
    assert "withheld" in line
    plain = unreachable(aiohttp.ClientConnectionError("Connect call failed"), TOKEN)
    assert "(Connect call failed)" in plain


def test_run_with_a_refused_token_says_so_and_exits_1(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    restore_logging: None,
) -> None:
    """A token Discord refuses (401 at login) is one line saying where to get a new one, not
    discord.py's traceback."""

    async def refused(self: discord.http.HTTPClient, token: str) -> None:
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", refused)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("MODELRADAR_DATABASE_PATH", str(db_path))
    monkeypatch.chdir(db_path.parent)

    assert main(["run"]) == 1

    output = capsys.readouterr()
    text = output.out + output.err
    assert "Traceback" not in text
    assert not any(piece in text for piece in token_pieces())
    [line] = [line for line in text.splitlines() if "refused the token" in line]
    assert "https://discord.com/developers/applications" in line
