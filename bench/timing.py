"""Timing a figure and its floor in alternation, so that a noisy neighbour hits both alike.

Each repetition runs the figure and the floor back to back, in alternating order (figure
first on even repetitions, floor first on odd ones). Medians and nearest-rank p99s are what
the report quotes; on a shared 2-core machine a mean would mostly measure the neighbours.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

# A measurement that times its own critical section and returns the seconds it took (so that
# setup, such as a fresh database for an import, stays outside the figure).
Measured = Callable[[int], Awaitable[float]]


@dataclass(frozen=True, slots=True)
class Stats:
    """Seconds (or any unit) of repeated runs."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p99(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]

    def __len__(self) -> int:
        return len(self.samples)


async def interleave(figure: Measured, floor: Measured, reps: int) -> tuple[Stats, Stats]:
    """Run `figure` and `floor` `reps` times each, alternating which goes first."""
    fig: list[float] = []
    flo: list[float] = []
    for rep in range(reps):
        if rep % 2 == 0:
            fig.append(await figure(rep))
            flo.append(await floor(rep))
        else:
            flo.append(await floor(rep))
            fig.append(await figure(rep))
    return Stats(tuple(fig)), Stats(tuple(flo))


def interleave_calls(
    figure: Callable[[str], object], floor: Callable[[str], object], inputs: list[str], rounds: int
) -> tuple[Stats, Stats]:
    """Time synchronous calls one input at a time, figure and floor alternating per call."""
    fig: list[float] = []
    flo: list[float] = []
    clock = time.perf_counter
    for round_no in range(rounds):
        for n, text in enumerate(inputs):
            if (n + round_no) % 2 == 0:
                start = clock()
                figure(text)
                middle = clock()
                floor(text)
                end = clock()
                fig.append(middle - start)
                flo.append(end - middle)
            else:
                start = clock()
                floor(text)
                middle = clock()
                figure(text)
                end = clock()
                flo.append(middle - start)
                fig.append(end - middle)
    return Stats(tuple(fig)), Stats(tuple(flo))


async def timed(action: Callable[[], Awaitable[object]]) -> float:
    """Seconds one awaited call takes."""
    start = time.perf_counter()
    await action()
    return time.perf_counter() - start
