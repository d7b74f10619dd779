"""Predecessor cycles: a model cannot come, through its predecessors, before itself."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from bot.catalog.loader import RawEntry
from bot.domain.errors import Problem

if TYPE_CHECKING:
    from bot.catalog.validate import Catalog


def predecessor_cycles(
    slugs: Iterable[str], predecessor: Callable[[str], str | None]
) -> list[list[str]]:
    """Every cycle of predecessor links reached from `slugs` (each once, from the model where
    the walk entered it), in one pass over the chains: O(models)."""
    state: dict[str, bool] = {}  # False while on the chain being walked, True once done
    cycles: list[list[str]] = []
    for start in slugs:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = False
            chain.append(node)
            node = predecessor(node)
        if node is not None and state[node] is False:
            cycles.append(chain[chain.index(node) :])
        for done in chain:
            state[done] = True
    return cycles


def cycle_problems(
    catalog: Catalog, predecessor: Callable[[str], str | None]
) -> list[tuple[Problem, RawEntry | None]]:
    """One problem per predecessor cycle through the catalog's models, on the model of the
    cycle that comes first in the files, with that model's entry."""
    order = {model.slug: n for n, model in enumerate(catalog.models)}
    problems: list[tuple[Problem, RawEntry | None]] = []
    for cycle in predecessor_cycles(order, predecessor):
        first = min(range(len(cycle)), key=lambda n: order.get(cycle[n], len(order)))
        cycle = cycle[first:] + cycle[:first]
        origin = catalog.origins.get(("models", cycle[0]))
        shown = " -> ".join([*cycle, cycle[0]])
        problem = Problem(
            origin.file if origin else "the import",
            f"the predecessors form a cycle: {shown}; a predecessor is an earlier model, "
            "so one of these links is wrong",
            entry=origin.label if origin else f"model '{cycle[0]}'",
            field="predecessor",
            line=origin.key_lines.get("predecessor", origin.line) if origin else None,
        )
        problems.append((problem, origin))
    return problems
