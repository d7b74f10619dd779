"""The README tells the truth: every setting is documented, and its commands are what CI runs."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def _env_name(name: str) -> str:
    alias = Settings.model_fields[name].validation_alias
    return alias if isinstance(alias, str) else f"MODELRADAR_{name.upper()}"


def test_every_setting_is_in_the_configuration_table() -> None:
    """Each setting's environment variable appears in README's configuration table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [_env_name(n) for n in Settings.model_fields if f"`{_env_name(n)}`" not in readme]
    assert missing == []


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the README's test command verbatim."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marker = "Run the tests"
    block = readme[readme.index(marker) :].split("```sh\n", 1)[1].split("\n```", 1)[0]
    command = block.strip()
    assert command.endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()


def _commands_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]


def _subcommands() -> dict[str, list[str]]:
    """Every subcommand of `modelradar` and its long flags (but --help)."""
    import argparse

    from bot.cli import build_parser

    [sub] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        name: [
            flag
            for action in parser._actions
            for flag in action.option_strings
            if flag.startswith("--") and flag != "--help"
        ]
        for name, parser in sub.choices.items()
    }


# Flags every subcommand has (--json: all but `run`), named once under the table.
SHARED_FLAGS = ("--json", "--database")


def test_every_terminal_flag_is_in_the_command_table() -> None:
    """Each subcommand has its own row in README's command table naming each of its flags;
    the shared --json and --database are named under the table, with the exception."""
    section = _commands_section()
    lines = section.splitlines()
    rows = [line for line in lines if line.startswith("|")]
    subcommands = _subcommands()
    missing = []
    for name, flags in subcommands.items():
        terminal = [row.split(" | ")[1] for row in rows if f"`modelradar {name}" in row]
        assert len(terminal) == 1, f"modelradar {name}: {len(terminal)} rows in the table"
        missing += [
            f"{name} {flag}"
            for flag in flags
            if flag not in SHARED_FLAGS and f"[{flag}" not in terminal[0]
        ]
    assert missing == []
    last_row = max(i for i, line in enumerate(lines) if line.startswith("|"))
    under = " ".join(" ".join(lines[last_row + 1 :]).split())
    assert "Every terminal command but `run` takes `--json`" in under
    assert "every one takes `--database PATH`" in under
    assert [name for name, flags in subcommands.items() if "--json" not in flags] == ["run"]
    assert all("--database" in flags for flags in subcommands.values())
