"""The lookups as their cogs run them, minus Discord: /compare, /timeline with `vs`,
/coincidences. Each figure resolves what was typed with the bot's name index, calls the
service on the store, and builds the embed with the real renderer.
"""

from __future__ import annotations

import random
import time
from typing import Any

from bench.context import Plan, SizeContext
from bench.results import Figure
from bench.timing import interleave
from bot.domain.errors import ModelRadarError
from bot.render.coincidences import MAX_LINES, coincidences_embed
from bot.render.compare import compare_embed
from bot.render.timeline import timeline_embed
from bot.services import timeline
from bot.services.coincidences import DEFAULT_WINDOW_DAYS, coincidences
from bot.services.compare import check_names, compare_slugs


def _typed(model: dict[str, Any], rng: random.Random) -> str:
    """How someone names a model: its slug, its name, or an alias."""
    choices = [model["slug"], model["name"], *model.get("aliases", [])]
    return rng.choice(choices)


async def run_compare(context: SizeContext, plan: Plan) -> list[Figure]:
    rng = random.Random(context.size)
    index = context.names
    store = context.store
    sets: list[list[str]] = []
    while len(sets) < 50:
        models = rng.sample(context.catalog.models, 4)
        typed = [_typed(m, rng) for m in models]
        try:
            entries = [index.resolve(text, "model") for text in typed]
            check_names(entries, typed, index)
        except ModelRadarError:
            continue  # an alias shared by two models: not what this figure is about
        sets.append(typed)
    slugs = [[index.resolve(t, "model").slug for t in typed] for typed in sets]

    async def figure(rep: int) -> float:
        typed = sets[rep % len(sets)]
        start = time.perf_counter()
        entries = [index.resolve(text, "model") for text in typed]
        check_names(entries, typed, index)
        result = await compare_slugs(store, [entry.slug for entry in entries])
        compare_embed(result)
        return time.perf_counter() - start

    async def floor(rep: int) -> float:
        start = time.perf_counter()
        for slug in slugs[rep % len(sets)]:
            await store.fetchone("SELECT data FROM models WHERE slug = ?", (slug,))
        return time.perf_counter() - start

    for rep in range(5):
        await figure(rep)
        await floor(rep)
    fig, flo = await interleave(figure, floor, plan.lookup_reps)
    return [
        Figure(
            "/compare (4 models)",
            context.size,
            fig,
            flo,
            "4 indexed SELECTs",
            target="<= 3x",
            ok=fig.median / flo.median <= 3,
            answer=4,
        )
    ]


_PAGE_SQL = (
    "SELECT e.slug, e.name, e.day FROM ("
    "SELECT slug, name, lab_id, released AS day FROM models WHERE lab_id IN (?, ?) "
    "UNION ALL SELECT slug, title, lab_id, date FROM events WHERE lab_id IN (?, ?)"
    ") e ORDER BY e.day LIMIT 10 OFFSET ?"
)


async def run_timeline(context: SizeContext, plan: Plan) -> list[Figure]:
    index = context.names
    store = context.store
    lab, vs = context.catalog.biggest_labs(2)
    lab_name = index.get("lab", lab)
    vs_name = index.get("lab", vs)
    assert lab_name is not None and vs_name is not None
    typed = (lab_name.name, vs_name.name)
    ids = [
        row[0]
        for row in await store.fetchall("SELECT id FROM labs WHERE slug IN (?, ?)", (lab, vs))
    ]
    query = timeline.make_query(lab=lab, vs=vs)
    total = await timeline.count(store, query)
    pages = max(1, -(-total // timeline.PAGE_SIZE))
    numbers = [1 + (n * 7919) % pages for n in range(plan.lookup_reps)]
    numbers[: max(1, len(numbers) // 4)] = [1] * max(1, len(numbers) // 4)  # page 1 is common

    async def figure(rep: int) -> float:
        start = time.perf_counter()
        first = index.resolve(typed[0], "lab")
        second = index.resolve(typed[1], "lab")
        asked = timeline.make_query(
            lab=first.slug,
            vs=second.slug,
            lab_names={first.slug: first.name, second.slug: second.name},
        )
        page = await timeline.page(store, asked, numbers[rep])
        timeline_embed(page)
        return time.perf_counter() - start

    async def floor(rep: int) -> float:
        start = time.perf_counter()
        offset = (numbers[rep] - 1) * timeline.PAGE_SIZE
        await store.fetchall(_PAGE_SQL, (*ids, *ids, offset))
        return time.perf_counter() - start

    for rep in range(3):
        await figure(rep)
        await floor(rep)
    fig, flo = await interleave(figure, floor, plan.lookup_reps)
    return [
        Figure(
            "/timeline page with vs",
            context.size,
            fig,
            flo,
            "1 range query for the page",
            target="<= 3x",
            ok=fig.median / flo.median <= 3,
            answer=total,
            notes={"labs": f"{lab} vs {vs}", "entries": total, "pages": pages},
        )
    ]


async def run_coincidences(context: SizeContext, plan: Plan) -> list[Figure]:
    """/coincidences over every entry (no lab: the heaviest form), and `lab` `vs`."""
    store = context.store
    index = context.names
    lab, vs = context.catalog.biggest_labs(2)
    figures: list[Figure] = []
    reps = plan.reps_for(context.size, plan.heavy_reps)
    for label, labs in (("all labs", None), ("lab vs", (lab, vs))):
        where = ""
        params: tuple[str, ...] = ()
        if labs:
            where = " WHERE lab_id IN (SELECT id FROM labs WHERE slug IN (?, ?))"
            params = (*labs, *labs)
        dates_sql = f"SELECT released FROM models{where} UNION ALL SELECT date FROM events{where}"
        result_pairs = 0
        sort_only: list[float] = []

        async def figure(rep: int, labs: tuple[str, str] | None = labs) -> float:
            nonlocal result_pairs
            start = time.perf_counter()
            first = index.resolve(labs[0], "lab").slug if labs else None
            second = index.resolve(labs[1], "lab").slug if labs else None
            await timeline.count(store, timeline.Query())  # the cog's "defer first?" check
            result = await coincidences(
                store, window_days=DEFAULT_WINDOW_DAYS, lab=first, vs=second, limit=MAX_LINES
            )
            coincidences_embed(result)
            elapsed = time.perf_counter() - start
            result_pairs = len(result.pairs)
            return elapsed

        async def floor(
            rep: int,
            sql: str = dates_sql,
            params: tuple[str, ...] = params,
            sort_only: list[float] = sort_only,
        ) -> float:
            start = time.perf_counter()
            rows = await store.fetchall(sql, params)
            middle = time.perf_counter()
            sorted(row[0] for row in rows)
            end = time.perf_counter()
            sort_only.append(end - middle)
            return end - start

        fig, flo = await interleave(figure, floor, reps)
        entries = len(await store.fetchall(dates_sql, params))
        figures.append(
            Figure(
                f"/coincidences {label}",
                context.size,
                fig,
                flo,
                "read the dates + 1 sort",
                target="<= 5x",
                ok=fig.median / flo.median <= 5,
                answer=entries,
                notes={
                    "entries": entries,
                    "pairs_shown": result_pairs,
                    "sort_only_ms": round(sorted(sort_only)[len(sort_only) // 2] * 1e3, 3),
                    "ratio_to_sort_only": round(
                        fig.median / sorted(sort_only)[len(sort_only) // 2], 1
                    ),
                },
            )
        )
    return figures
