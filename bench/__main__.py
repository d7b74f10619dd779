"""`python -m bench [--quick] [--json PATH]`: every hot path against its floor, same run.

Catalogs of 1,000, 10,000 and 100,000 models are generated, written once to a temporary
folder as JSON and YAML import files, and imported through the real importer into a
temporary SQLite store per size; each figure is then timed against its floor, interleaved.
`--quick` runs 1,000 models with fewer repetitions (the test suite runs it once).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
import tempfile
import time
import traceback
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import results
from bench.context import Plan, SizeContext, prepare
from bench.figures import alerts, autocomplete, e2e, importing, lookups, memory
from bench.results import Figure

FigureRun = Callable[[SizeContext, Plan], Awaitable[list[Figure]]]
# Figures that must not grow with the catalog: they answer about a fixed number of things.
FLAT = ("autocomplete", "/compare")


@dataclass(frozen=True, slots=True)
class Step:
    """A figure to run at the sizes `when` accepts."""

    name: str
    run: FigureRun
    when: Callable[[int, Plan], bool]


def _every(size: int, plan: Plan) -> bool:
    return True


def _yaml_size(size: int, plan: Plan) -> bool:
    return size <= plan.yaml_size


def _first(size: int, plan: Plan) -> bool:
    """Figures that do not depend on the catalog's size run once, at the smallest."""
    return size == plan.sizes[0]


def steps() -> list[Step]:
    found: list[Step] = [
        Step("autocomplete", autocomplete.run, _every),
        Step("/compare", lookups.run_compare, _every),
        Step("/timeline", lookups.run_timeline, _every),
        Step("/coincidences", lookups.run_coincidences, _every),
        Step("import from JSON", importing.run_json, _every),
        Step("import from YAML", importing.run_yaml, _yaml_size),
        Step("memory", memory.run, _every),
        Step("alert fan-out", alerts.run_fanout, _first),
        Step("pacing", alerts.run_pacing, _first),
        Step("SimCord", e2e.run, _first),
    ]
    return found


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


async def run(plan: Plan, root: Path, only: Sequence[str] = ()) -> tuple[list[Figure], list[str]]:
    figures: list[Figure] = []
    failures: list[str] = []
    for size in plan.sizes:
        log(f"== {size:,} models: generating and importing ...")
        context = await prepare(size, root, yaml_file=size <= plan.yaml_size)
        log(
            f"   {len(context.catalog.labs)} labs, {len(context.catalog.models):,} models, "
            f"{len(context.catalog.events):,} events, {len(context.names.tables['model'].keys):,}"
            f" name keys (set up in {context.setup_seconds:.1f} s)"
        )
        try:
            for step in steps():
                if not step.when(size, plan) or (only and not any(o in step.name for o in only)):
                    continue
                start = time.perf_counter()
                try:
                    found = await step.run(context, plan)
                except Exception:
                    failures.append(f"{step.name} at {size:,}: {traceback.format_exc()}")
                    log(f"   {step.name}: FAILED\n{traceback.format_exc()}")
                    continue
                figures.extend(found)
                for fig in found:
                    log(
                        f"   {fig.name}: median {results._num(fig.shown(fig.figure.median))} "
                        f"{fig.unit}, ratio {fig.ratio:.2f}x "
                        f"({time.perf_counter() - start:.1f} s)"
                    )
        finally:
            await context.close()
    return figures, failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 models, few repetitions")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write figures as JSON")
    parser.add_argument(
        "--sizes", help="comma-separated catalog sizes instead of 1000,10000,100000"
    )
    parser.add_argument("--only", action="append", default=[], help="figures whose name has this")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args(argv)
    plan = Plan.quick_run() if args.quick else Plan.full()
    if args.sizes:
        sizes = tuple(sorted(int(s.replace("_", "")) for s in args.sizes.split(",")))
        plan = dataclasses.replace(plan, sizes=sizes)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="modelradar-bench-") as folder:
        figures, failures = asyncio.run(run(plan, Path(folder), args.only))
    growths = results.scaling(figures, lambda name: name.startswith(FLAT))
    print(results.table(figures, markdown=args.markdown))
    if growths:
        print()
        print(results.scaling_table(growths, plan.sizes, markdown=args.markdown))
    machine = results.machine()
    print(
        f"\n{machine['nproc']} cores, {machine['cpu']}, Python {machine['python']}; "
        f"{time.perf_counter() - started:.0f} s"
    )
    if args.json:
        results.write_json(
            args.json,
            figures,
            growths,
            quick=plan.quick,
            sizes=list(plan.sizes),
            failures=failures,
            seconds=round(time.perf_counter() - started, 1),
        )
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
