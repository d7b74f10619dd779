"""zh-CN localisations: every command the bot syncs carries a Chinese name and description."""

from __future__ import annotations

import re
from typing import Any

ZH = "zh-CN"
COMMANDS_PATH = re.compile(r"^/applications/\d+(/guilds/\d+)?/commands$")
# Options and choices are checked for these commands; add yours when its strings are in.
OPTIONS_CHECKED = {"lab", "search", "top", "timeline", "coincidences", "compare", "model"}


def synced(env: Any) -> list[dict[str, Any]]:
    """The command payloads of the bot's last bulk sync (PUT .../commands)."""
    puts = [r for r in env.http_requests if r.method == "PUT" and COMMANDS_PATH.match(r.path)]
    assert puts, "the bot never synced its commands"
    commands = puts[-1].json
    assert isinstance(commands, list) and commands
    return commands


def valid_name(name: str) -> bool:
    """Discord's rule for command and option names: 1-32 letters, digits, - or _, lowercase."""
    return (
        0 < len(name) <= 32
        and all(c.isalnum() or c in "-_" for c in name)
        and (name == name.lower())
    )


def localised(item: dict[str, Any], key: str) -> str | None:
    return (item.get(f"{key}_localizations") or {}).get(ZH)


async def test_every_command_has_a_chinese_name_and_description(simcord_env: Any) -> None:
    """Each synced command carries a valid zh-CN name and a zh-CN description."""
    missing = []
    names = []
    for command in synced(simcord_env):
        name, description = localised(command, "name"), localised(command, "description")
        if command.get("type", 1) != 1:  # a context menu has a name but no description
            description = description or "-"
        if not name or not description:
            missing.append(command["name"])
            continue
        assert valid_name(name), f"/{command['name']}: {name!r} is not a valid command name"
        assert 0 < len(description) <= 100, f"/{command['name']}: description too long"
        names.append(name)
    assert missing == [], f"commands without zh-CN name or description: {missing}"
    assert len(names) == len(set(names)), f"two commands share a zh-CN name: {sorted(names)}"


async def test_directory_options_and_choices_are_localised(simcord_env: Any) -> None:
    """The options and choices of /lab, /search and /top have Chinese names and descriptions."""
    commands = {c["name"]: c for c in synced(simcord_env)}
    assert set(commands) >= OPTIONS_CHECKED
    missing = []
    for command_name in sorted(OPTIONS_CHECKED):
        option_names = []
        for option in commands[command_name].get("options", []):
            where = f"/{command_name} {option['name']}"
            name = localised(option, "name")
            if not name or not localised(option, "description"):
                missing.append(where)
                continue
            assert valid_name(name), f"{where}: {name!r} is not a valid option name"
            option_names.append(name)
            for choice in option.get("choices", []):
                if not localised(choice, "name"):
                    missing.append(f"{where} choice {choice['name']!r}")
        assert len(option_names) == len(set(option_names)), f"/{command_name}: duplicate names"
    assert missing == [], f"not localised: {missing}"
