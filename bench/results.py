"""Figures as the run reports them: a table on the terminal and the same figures as JSON."""

from __future__ import annotations

import json
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.timing import Stats

UNIT_SCALE = {"ms": 1e3, "us": 1e6, "s": 1.0}


@dataclass(slots=True)
class Figure:
    """One figure at one catalog size, with its floor measured in the same run.

    Times are kept in seconds and shown in `unit`; figures that are not times (memory in MB,
    a rate in messages per second) use `unit` "MB" or "msg/s" and are shown as they are.
    `ratio` is the figure's median over the floor's median unless a figure says otherwise.
    """

    name: str
    size: int
    figure: Stats
    floor: Stats
    floor_name: str
    unit: str = "ms"
    target: str = ""
    ok: bool | None = None
    answer: int | None = None  # how big the answer is (rows, pairs), for the scaling check
    notes: dict[str, Any] = field(default_factory=dict)
    ratio_override: float | None = None

    @property
    def ratio(self) -> float:
        if self.ratio_override is not None:
            return self.ratio_override
        floor = self.floor.median
        return self.figure.median / floor if floor > 0 else float("inf")

    def shown(self, value: float) -> float:
        return value * UNIT_SCALE.get(self.unit, 1.0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "figure": self.name,
            "size": self.size,
            "unit": self.unit,
            "median": self.shown(self.figure.median),
            "p99": self.shown(self.figure.p99),
            "samples": len(self.figure),
            "floor": self.floor_name,
            "floor_median": self.shown(self.floor.median),
            "floor_p99": self.shown(self.floor.p99),
            "ratio": round(self.ratio, 3),
            "target": self.target,
            "ok": self.ok,
            "answer": self.answer,
            "notes": self.notes,
        }


def _num(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _size(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def _verdict(ok: bool | None) -> str:
    return {True: "ok", False: "MISSED", None: "-"}[ok]


def table(figures: Sequence[Figure], *, markdown: bool = False) -> str:
    """The figures as an aligned text table (or a Markdown table for the README)."""
    head = ["figure", "size", "median", "p99", "floor", "floor median", "ratio", "target", ""]
    rows = [
        [
            f.name,
            _size(f.size),
            f"{_num(f.shown(f.figure.median))} {f.unit}",
            f"{_num(f.shown(f.figure.p99))} {f.unit}",
            f.floor_name,
            f"{_num(f.shown(f.floor.median))} {f.unit}",
            f"{f.ratio:.2f}x",
            f.target,
            _verdict(f.ok),
        ]
        for f in figures
    ]
    if markdown:
        lines = ["| " + " | ".join([*head[:-1], "met"]) + " |", "|" + "---|" * len(head)]
        lines += [
            "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows
        ]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    right = {2, 3, 5, 6}

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    return "\n".join([line(head), line(["-" * w for w in widths]), *map(line, rows)])


@dataclass(frozen=True, slots=True)
class Growth:
    """How one figure grew from the smallest to the largest catalog size measured."""

    name: str
    medians: dict[int, float]
    unit: str
    growth: float
    answer_growth: float
    flat: bool
    ok: bool


def scaling(figures: Sequence[Figure], flat: Callable[[str], bool]) -> list[Growth]:
    """For each figure measured at several sizes: its growth against its answer's growth.

    A figure that should stay flat (autocomplete, /compare) may grow at most 2x from the
    smallest size to the largest; any other may grow at most 2x faster than its answer."""
    by_name: dict[str, list[Figure]] = {}
    for fig in figures:
        by_name.setdefault(fig.name, []).append(fig)
    out: list[Growth] = []
    for name, group in by_name.items():
        group.sort(key=lambda f: f.size)
        if len(group) < 2:
            continue
        small, large = group[0], group[-1]
        growth = large.figure.median / small.figure.median if small.figure.median else 0.0
        answer_growth = large.answer / small.answer if small.answer and large.answer else 1.0
        is_flat = flat(name)
        allowed = 2.0 if is_flat else 2.0 * max(answer_growth, 1.0)
        out.append(
            Growth(
                name,
                {f.size: f.shown(f.figure.median) for f in group},
                small.unit,
                growth,
                answer_growth,
                is_flat,
                growth <= allowed,
            )
        )
    return out


def scaling_table(
    growths: Sequence[Growth], sizes: Sequence[int], *, markdown: bool = False
) -> str:
    head = ["figure", *[_size(s) for s in sizes], "growth", "answer grew", "rule", ""]
    rows = []
    for g in growths:
        cells = [g.name]
        for size in sizes:
            value = g.medians.get(size)
            cells.append("" if value is None else f"{_num(value)} {g.unit}")
        cells += [
            f"{g.growth:.2f}x",
            f"{g.answer_growth:.2f}x",
            "flat (<= 2x)" if g.flat else "<= 2x answer",
            "ok" if g.ok else "MISSED",
        ]
        rows.append(cells)
    if markdown:
        lines = ["| " + " | ".join([*head[:-1], "met"]) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in [head, ["-" * w for w in widths], *rows]
    )


def machine() -> dict[str, str]:
    """What the run ran on: cores, CPU model, Python."""
    import os

    cpu = "unknown"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def write_json(
    path: Path, figures: Sequence[Figure], growths: Sequence[Growth], **meta: Any
) -> None:
    document = {
        "machine": machine(),
        **meta,
        "figures": [f.as_dict() for f in figures],
        "scaling": [
            {
                "figure": g.name,
                "medians": {str(k): v for k, v in g.medians.items()},
                "unit": g.unit,
                "growth": round(g.growth, 3),
                "answer_growth": round(g.answer_growth, 3),
                "flat": g.flat,
                "ok": g.ok,
            }
            for g in growths
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
