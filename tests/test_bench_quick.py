"""The benchmark harness still runs: `python -m bench --quick` prints and writes every figure.

Times are never asserted (the machines are shared and noisy); only that each figure was
measured against its floor and has a ratio.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

FIGURES = (
    "autocomplete (1 keystroke)",
    "/compare (4 models)",
    "/timeline page with vs",
    "/coincidences all labs",
    "/coincidences lab vs",
    "import from JSON",
    "import from YAML",
    "memory (resident)",
    "alert fan-out (1 entry, 1,000 subs)",
    "alert planning only (1,000 subs)",
    "pacing (fake clock)",
    "SimCord /compare vs no-op",
)


def test_quick_benchmark_reports_every_figure_with_a_ratio(tmp_path: Path) -> None:
    """A quick run exits 0 and gives each figure a median, a floor and a finite ratio."""
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert run.returncode == 0, run.stderr[-3000:]
    document = json.loads(out.read_text(encoding="utf-8"))
    by_name = {figure["figure"]: figure for figure in document["figures"]}
    for name in FIGURES:
        assert name in by_name, f"{name} missing; got {sorted(by_name)}"
        assert name in run.stdout
        figure = by_name[name]
        assert figure["median"] > 0 and figure["floor_median"] > 0
        assert math.isfinite(figure["ratio"]) and figure["ratio"] > 0
    assert document["failures"] == []
    assert document["machine"]["nproc"]
