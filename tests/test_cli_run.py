"""`modelradar run` without a token says what README says: the same permissions and links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.run import NO_TOKEN

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"https://discord\.com/oauth2/authorize\?\S+?(?=[`\s]|$)")


def _invite_steps() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Putting the bot in your server", 1)[1].split("\n## ", 1)[0]


def _readme_permissions() -> list[str]:
    """The bot permissions README's step 3 names in bold: the four, then the thread one."""
    step = _invite_steps().split("\n3. ", 1)[1].split("\n4. ", 1)[0]
    step = step.split("**Two ways to add it.**", 1)[0]
    named = re.findall(r"\*\*([A-Z][A-Za-z ]+)\*\*", " ".join(step.split()))
    return list(dict.fromkeys(named))  # the forum note names Send Messages again


def test_no_token_message_names_readmes_permissions() -> None:
    """View Channels, Send Messages, Embed Links, Attach Files, and Send Messages in Threads,
    in README's order; "Create Posts" is README's note on forums, not a permission to tick."""
    permissions = [p for p in _readme_permissions() if p != "Create Posts"]
    assert permissions == [
        "View Channels",
        "Send Messages",
        "Embed Links",
        "Attach Files",
        "Send Messages in Threads",
    ]
    text = " ".join(NO_TOKEN.split())
    quoted = re.findall(r'"([A-Z][A-Za-z ]+)"', text)
    assert [q for q in quoted if q in permissions] == permissions


def test_no_token_message_gives_readmes_two_invite_links() -> None:
    """The server-install link (permissions=52224) and the user-install link, as in README."""
    readme_links = LINK.findall(_invite_steps())
    assert LINK.findall(NO_TOKEN) == readme_links
    assert len(readme_links) == 2
    server, user = readme_links
    assert "scope=bot+applications.commands" in server and "permissions=52224" in server
    assert "integration_type=1&scope=applications.commands" in user


def test_run_without_a_token_prints_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`modelradar run` with no DISCORD_TOKEN exits 2 and prints the message."""
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    assert main(["--database", str(tmp_path / "x.db"), "run"]) == 2
    err = capsys.readouterr().err
    assert "View Channels" in err and "integration_type=1" in err
