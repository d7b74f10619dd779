"""`modelradar compare` and `modelradar model` run as subprocesses against a temporary store."""

from __future__ import annotations

import json
from pathlib import Path

from bot.render.text import display_width
from tests.test_cli import run


def widest(text: str) -> int:
    return max(display_width(line) for line in text.splitlines())


def test_compare_prints_an_80_column_table(db_path: Path) -> None:
    """`modelradar compare deepseek-v4-pro kimi-k2.6` prints the ratios and aligned rows."""
    result = run(["compare", "deepseek-v4-pro", "kimi-k2.6"], db_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "DeepSeek-V4-Pro vs Kimi K2.6"
    assert "1.6x the total parameters, about 1.5x the active ones, 4x" in result.stdout
    total = next(line for line in lines if line.startswith("Total params"))
    assert total.split()[2:] == ["1.6T", "*", "1T"]
    assert widest(result.stdout) <= 80


def test_compare_four_models_fits_80_columns(db_path: Path) -> None:
    """Four models, one of them with long technique lists, still fit 80 columns."""
    names = ["deepseek v4 pro", "v4 flash", "kimi k2.6", "glm-5.1"]
    result = run(["compare", *names], db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[1] DeepSeek-V4-Pro\n[2] DeepSeek-V4-Flash\n")
    assert widest(result.stdout) <= 80


def test_compare_json_parses(db_path: Path) -> None:
    """--json prints the rows with raw values, null for unknowns, and the ratios."""
    result = run(["compare", "deepseek-v4-pro", "kimi-k2.6", "--json"], db_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [m["slug"] for m in data["models"]] == ["deepseek-v4-pro", "kimi-k2.6"]
    rows = {row["key"]: row for row in data["rows"]}
    assert rows["params_total"]["values"] == [1_600_000_000_000, 1_000_000_000_000]
    assert rows["max_output"]["values"] == [393216, None]
    assert data["ratios_line"].startswith("DeepSeek-V4-Pro has 1.6x the total parameters")


def test_unknown_name_exits_1_with_the_discord_message(db_path: Path) -> None:
    """A misspelt model exits 1 and prints the same suggestions as Discord on stderr."""
    result = run(["compare", "deepsek-v4-pro", "kimi-k2.6"], db_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "No model matches 'deepsek-v4-pro'. Did you mean 'deepseek-v4-pro'" in result.stderr


def test_same_model_twice_exits_1(db_path: Path) -> None:
    """Naming one model twice exits 1 and says what to type instead."""
    result = run(["compare", "v4pro", "deepseek-v4-pro"], db_path)
    assert result.returncode == 1
    assert "Comparing a model with itself" in result.stderr
    assert "for example 'deepseek-v4-pro' and 'deepseek-v4" in result.stderr
    assert "`" not in result.stderr  # no Markdown in the terminal


def test_model_prints_its_profile(db_path: Path) -> None:
    """`modelradar model kimi-k2.5` prints facts, predecessor and successor within 80 columns."""
    result = run(["model", "kimi-k2.5"], db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Kimi K2.5 (Moonshot AI)\n")
    assert "Predecessor: Kimi K2 Thinking (6 Nov 2025)" in result.stdout
    assert "  Input +image, +video" in result.stdout
    assert "Successor: Kimi K2.6 (20 Apr 2026)" in result.stdout
    assert widest(result.stdout) <= 80


def test_model_json_and_unknown_name(db_path: Path) -> None:
    """--json parses; a family name exits 1 listing the models it could mean."""
    result = run(["model", "deepseek-v4-pro", "--json"], db_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["model"]["slug"] == "deepseek-v4-pro"
    assert data["predecessor"]["slug"] == "deepseek-v3.2"
    family = run(["model", "claude 4.5"], db_path)
    assert family.returncode == 1
    assert "'claude-sonnet-4.5'" in family.stderr and "'claude-opus-4.5'" in family.stderr
