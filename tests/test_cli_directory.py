"""`modelradar lab`, `search` and `top` run as subprocesses against a temporary store."""

from __future__ import annotations

import json
from pathlib import Path

from bot.render.text import display_width
from tests.test_cli import run


def widest(text: str) -> int:
    return max(display_width(line) for line in text.splitlines())


def test_lab_by_chinese_name_prints_an_80_column_profile(db_path: Path) -> None:
    """`modelradar lab 深度求索` prints DeepSeek's profile in tables within 80 columns."""
    result = run(["lab", "深度求索"], db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("DeepSeek (深度求索")
    assert "DeepSeek-V4-Pro" in result.stdout and "Timeline (per " in result.stdout
    assert widest(result.stdout) <= 80


def test_unknown_lab_fails_with_suggestions(db_path: Path) -> None:
    """A misspelt lab exits 1 and suggests the close name on stderr."""
    result = run(["lab", "deepsek"], db_path)
    assert result.returncode == 1
    assert "No lab matches 'deepsek'" in result.stderr and "deepseek" in result.stderr


def test_search_json_lists_ranked_hits(db_path: Path) -> None:
    """`modelradar search MLA --json` gives hits with their tier and why they matched."""
    result = run(["search", "MLA", "--json", "--limit", "100"], db_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    slugs = [hit["slug"] for hit in data["hits"]]
    assert {"deepseek-v3", "kimi-k2"} <= set(slugs)
    assert data["hits"][0]["tier"] == "technique"
    assert data["total"] >= len(slugs)


def test_search_table_fits_80_columns(db_path: Path) -> None:
    """A search with long names still prints within 80 columns; events show their short
    display name."""
    result = run(["search", "sparse attention"], db_path)
    assert result.returncode == 0, result.stderr
    assert "\nNSA  " in result.stdout and "DeepSeek-V3.2-Exp" in result.stdout
    assert widest(result.stdout) <= 80


def test_top_prints_a_ranking_and_the_unknown_count(db_path: Path) -> None:
    """`modelradar top context --limit 3` prints three rows and how many were left out."""
    result = run(["top", "context", "--limit", "3"], db_path)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line[:3].strip() in {"1", "2", "3"}]
    assert len(rows) == 3 and "Llama 4 Scout" in rows[0]
    assert "have no known context window" in result.stdout
    assert widest(result.stdout) <= 80


def test_top_json_and_limit_out_of_range(db_path: Path) -> None:
    """--json gives the ranking; a limit of 30 exits 1 saying the range."""
    result = run(["top", "params_total", "--kind", "prover", "--json"], db_path)
    data = json.loads(result.stdout)
    assert {m["slug"] for m in data["models"]} >= {"deepseek-prover-v2-671b"}
    bad = run(["top", "context", "--limit", "30"], db_path)
    assert bad.returncode == 1 and "from 1 to 25" in bad.stderr
