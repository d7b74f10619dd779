"""`modelradar timeline` and `coincidences` run as subprocesses against a temporary store."""

from __future__ import annotations

import json
from pathlib import Path

from bot.render.text import display_width
from tests.test_cli import run


def widest(text: str) -> int:
    return max(display_width(line) for line in text.splitlines())


def test_timeline_prints_a_page_grouped_by_month_within_80_columns(db_path: Path) -> None:
    """`timeline --lab 深度求索 --vs kimi` prints page 1 with month headings and marks."""
    result = run(["timeline", "--lab", "深度求索", "--vs", "kimi", "--since", "2025-01"], db_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Timeline: DeepSeek vs Moonshot AI"
    assert lines[1].startswith("Page 1 of ")
    assert "-- January 2025" in lines
    r1 = next(line for line in lines if "  DeepSeek-R1  " in line)
    assert r1.startswith("2025-01-20") and "Kimi k1.5 (same day)" in r1
    assert widest(result.stdout) <= 80


def test_timeline_json_pages_and_filters(db_path: Path) -> None:
    """`--json --page 2 --since 2025 --until 2025-06 --kind models` parses and respects them."""
    args = ["timeline", "--since", "2025", "--until", "2025-06", "--kind", "models"]
    first = json.loads(run([*args, "--json"], db_path).stdout)
    second = json.loads(run([*args, "--page", "2", "--json"], db_path).stdout)
    assert first["page"] == 1 and second["page"] == 2 and first["total"] == second["total"]
    entries = first["entries"] + second["entries"]
    assert len(first["entries"]) == 10
    assert all(e["entity"] == "model" for e in entries)
    assert all("2025-01" <= e["date"] <= "2025-06-30" for e in entries)
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)


def test_timeline_refuses_since_after_until_and_a_missing_page(db_path: Path) -> None:
    """since after until, or a page past the end, exits 1 with what to type instead."""
    late = run(["timeline", "--since", "2025-06", "--until", "2025-01"], db_path)
    assert late.returncode == 1 and "is after 'until'" in late.stderr
    far = run(["timeline", "--lab", "deepseek", "--page", "99"], db_path)
    assert far.returncode == 1 and "There is no page 99" in far.stderr


def test_coincidences_lists_the_articles_four_within_80_columns(db_path: Path) -> None:
    """`coincidences --lab deepseek --vs moonshot --window 30` shows the four pairs."""
    result = run(
        [
            "coincidences",
            "--lab",
            "deepseek",
            "--vs",
            "moonshot",
            "--window",
            "30",
            "--limit",
            "100",
        ],
        db_path,
    )
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert any(
        r.split()[:3] == ["0", "2025-01-20", "DeepSeek-R1"] and "Kimi k1.5" in r for r in rows
    )
    assert any(r.split()[:3] == ["4", "2026-04-24", "DeepSeek-V4-Pro"] for r in rows)
    assert any(r.split()[:3] == ["0", "2025-02-18", "NSA"] and "MoBA" in r for r in rows)
    assert widest(result.stdout) <= 80


def test_coincidences_json_parses_and_bad_window_fails(db_path: Path) -> None:
    """`--json` gives pairs with gaps; `--window 400` exits 1 naming the range."""
    result = run(["coincidences", "--lab", "deepseek", "--vs", "moonshot", "--json"], db_path)
    data = json.loads(result.stdout)
    assert data["window_days"] == 7
    assert {"gap_days": 0, "first": "deepseek-r1", "second": "kimi-k1.5"} in [
        {"gap_days": p["gap_days"], "first": p["first"]["slug"], "second": p["second"]["slug"]}
        for p in data["pairs"]
    ]
    bad = run(["coincidences", "--window", "400"], db_path)
    assert bad.returncode == 1 and "0 (the same day) to 365" in bad.stderr


def test_coincidences_limit_shows_the_newest_and_says_how_many(db_path: Path) -> None:
    """`--limit 2` prints the two newest pairs and the total; `--limit 0` is refused."""
    result = run(["coincidences", "--limit", "2", "--since", "2026-04", "--window", "4"], db_path)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line[:4].strip().isdigit()]
    assert len(rows) == 2
    assert "The newest 2 of " in result.stdout
    refused = run(["coincidences", "--limit", "0"], db_path)
    assert refused.returncode == 1 and "type 1 or more" in refused.stderr
