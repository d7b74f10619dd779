"""The terminal entry points, run as a user would: subprocesses against a temporary store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(args: list[str], db: Path, *, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["MODELRADAR_DATABASE_PATH"] = str(db)
    if token:
        env["DISCORD_TOKEN"] = token
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=db.parent,
    )


def test_run_without_token_explains_how_to_get_one(tmp_path: Path) -> None:
    """`modelradar run` with no token exits 2 and says how to create one and what to try."""
    result = run(["run"], tmp_path / "m.db")
    assert result.returncode == 2
    assert "DISCORD_TOKEN" in result.stderr
    assert "discord.com/developers/applications" in result.stderr
    assert "applications.commands" in result.stderr
    assert "modelradar compare" in result.stderr


def test_import_reports_counts_and_second_run_changes_nothing(tmp_path: Path) -> None:
    """Importing a file prints created counts; importing it again reports it unchanged."""
    path = tmp_path / "mine.yaml"
    path.write_text(
        "models:\n  - slug: my-model\n    name: My Model\n    lab: deepseek\n"
        '    released: "2025-06"\n    params_total: 7B\n    sources: [https://example.org/m]\n',
        encoding="utf-8",
    )
    first = run(["import", str(path)], tmp_path / "m.db")
    assert first.returncode == 0, first.stderr
    assert "models: 1 created, 0 updated, 0 unchanged" in first.stdout
    second = run(["import", str(path)], tmp_path / "m.db")
    assert "models: 0 created, 0 updated, 1 unchanged" in second.stdout


def test_import_of_a_broken_file_fails_on_stderr(tmp_path: Path) -> None:
    """A broken file exits non-zero, names file, line and field on stderr, and writes nothing."""
    path = tmp_path / "bad.yaml"
    path.write_text(
        "models:\n  - slug: bad\n    name: Bad\n    lab: deepseek\n    released: 2025-13-40\n",
        encoding="utf-8",
    )
    result = run(["import", str(path), "--dry-run"], tmp_path / "m.db")
    assert result.returncode == 1
    assert "bad.yaml:5: model 'bad': field 'released': month 13" in result.stderr
    assert result.stdout == ""


def test_about_works_on_a_fresh_store(tmp_path: Path) -> None:
    """A fresh store is filled from the bundled catalog on first use."""
    result = run(["about"], tmp_path / "fresh.db")
    assert result.returncode == 0, result.stderr
    assert "labs" in result.stdout and "models" in result.stdout
    assert "bundled" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_about_json_counts_models_by_lab(tmp_path: Path) -> None:
    """`about --json` says how many models each lab has and its newest, the largest first;
    the bundled catalog holds at least 300 models of 25 labs, the newest from 2026-09 on."""
    result = run(["about", "--json"], tmp_path / "fresh.db")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["models"] >= 300 and data["labs"] >= 25
    assert data["newest_date"] >= "2026-09"
    by_lab = {lab["slug"]: lab for lab in data["by_lab"]}
    assert by_lab["anthropic"]["models"] >= 3 and by_lab["anthropic"]["newest"]
    counts = [lab["models"] for lab in data["by_lab"]]
    assert counts == sorted(counts, reverse=True) and sum(counts) == data["models"]


def test_token_is_never_printed(tmp_path: Path) -> None:
    """Settings never show the token in their repr."""
    from bot.config import Settings

    settings = Settings(database_path=tmp_path / "x.db", DISCORD_TOKEN="secret-token-value")
    assert "secret-token-value" not in repr(settings)
    assert "secret-token-value" not in str(settings.model_dump())
    assert settings.token() == "secret-token-value"
