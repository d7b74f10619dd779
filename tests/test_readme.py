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
