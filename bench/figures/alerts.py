"""Release alerts: one new entry fanned out to N subscriptions, and the pacing of sends.

Fan-out runs the bot's own `AlertService.run_once()` (plan the new entry into one pending
message per channel, then claim, send and record each) with a sender that does nothing and
a token bucket on a fake clock, so that only the bookkeeping is timed. Its floor inserts the
same number of rows in one transaction. Each repetition imports one new model through the
real importer first (untimed), recent enough to be announced.

Pacing runs the same service with the configured rate (25 a second by default) on a fake
clock and records when each send happened: the achieved rate against the configured one,
and the most sends in any one second.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

from bench.context import Plan, SizeContext
from bench.results import Figure
from bench.timing import Stats, interleave
from bot.catalog.importer import import_paths
from bot.config import Settings
from bot.services.alerts import AlertService, Outgoing
from bot.services.alerts import plan as plan_entries
from bot.store import Store
from bot.store.connection import timestamp


class FakeClock:
    """Monotonic seconds that move only when the bucket sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)


async def _subscribe_all(store: Store, count: int) -> None:
    """`count` active subscriptions in as many channels (as /subscribe leaves them)."""
    moment = timestamp(store.clock())
    latest = int(await store.scalar("SELECT COALESCE(MAX(id), 0) FROM new_entries"))
    async with store.transaction() as conn:
        await conn.executemany(
            "INSERT INTO alert_subscriptions (guild_id, channel_id, lab, kind, role_id, "
            "created_by, created_at, start_after, state, changed_at) "
            "VALUES (?, ?, '', '', NULL, 1, ?, ?, 'active', ?)",
            [(10_000 + n // 5, 1_000_000 + n, moment, latest, moment) for n in range(count)],
        )


class _NewModels:
    """One new model per call, imported through the real importer, released today."""

    def __init__(self, store: Store, folder: Path, lab: str) -> None:
        self.store = store
        self.folder = folder
        self.lab = lab
        self.count = 0

    async def add(self) -> None:
        self.count += 1
        today = self.store.clock().date().isoformat()
        path = self.folder / f"new-{self.count}.json"
        model = {
            "slug": f"bench-new-{self.count}",
            "name": f"Bench New {self.count}",
            "lab": self.lab,
            "released": today,
            "params_total": "70B",
            "context": "128K",
        }
        path.write_text(json.dumps({"models": [model]}), encoding="utf-8")
        report = await import_paths(self.store, [path])
        assert report.announced == [model["slug"]], report.announced


def _service(
    store: Store, clock: FakeClock, send: Callable[[Outgoing], object], rate: float
) -> AlertService:
    defaults = Settings(database_path=Path(store.path))

    async def sender(outgoing: Outgoing) -> int:
        send(outgoing)
        return outgoing.row_id

    return AlertService(
        store,
        sender,
        clock=lambda: dt.datetime.now(dt.UTC),
        rate_per_second=rate,
        concurrency=defaults.alerts_concurrency,
        max_attempts=defaults.alerts_max_attempts,
        monotonic=clock,
        sleep=clock.sleep,
    )


async def _store(context: SizeContext, name: str) -> Store:
    """A copy of the size's store, so the alerts' rows stay out of the lookup figures."""
    path = context.folder / f"{name}.db"
    await context.store.writer.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
    path.write_bytes(context.db_path.read_bytes())
    return await Store.open(path)


async def run_fanout(context: SizeContext, plan: Plan) -> list[Figure]:
    count = plan.fanout_subscriptions
    store = await _store(context, "fanout")
    try:
        await _subscribe_all(store, count)
        await store.writer.execute_fetchall(
            "CREATE TABLE bench_floor (a INTEGER, b INTEGER, c INTEGER, d INTEGER)"
        )
        new = _NewModels(store, context.folder, context.catalog.biggest_labs(1)[0])
        sent: list[int] = []
        service = _service(store, FakeClock(), lambda o: sent.append(o.row_id), rate=1e9)
        await service.start()
        plan_seconds: list[float] = []

        async def figure(_: int) -> float:
            await new.add()
            sent.clear()
            start = time.perf_counter()
            report = await service.run_once()
            elapsed = time.perf_counter() - start
            assert report is not None and report.plan.deliveries == count, report
            assert len(sent) == count, len(sent)
            return elapsed

        async def floor(rep: int) -> float:
            rows = [(rep, n, n, n) for n in range(count)]
            start = time.perf_counter()
            async with store.transaction() as conn:
                await conn.executemany("INSERT INTO bench_floor VALUES (?, ?, ?, ?)", rows)
            elapsed = time.perf_counter() - start
            async with store.transaction() as conn:
                await conn.execute("DELETE FROM bench_floor")
            return elapsed

        async def plan_only(_: int) -> float:
            await new.add()
            start = time.perf_counter()
            planned = await plan_entries(store, dt.datetime.now(dt.UTC))
            elapsed = time.perf_counter() - start
            assert planned.deliveries == count, planned
            plan_seconds.append(elapsed)
            # Deliver untimed, so the next repetition starts from an empty outbox.
            await service.run_once()
            return elapsed

        reps = plan.fanout_reps
        fig, flo = await interleave(figure, floor, reps)
        planned, flo2 = await interleave(plan_only, floor, reps)
        await service.close()
    finally:
        await store.close()
    per_delivery = fig.median / count
    return [
        Figure(
            f"alert fan-out (1 entry, {count:,} subs)",
            count,
            fig,
            flo,
            f"insert {count:,} rows, 1 transaction",
            unit="s",
            target=f"<= 3x; < 0.5 ms/delivery ({per_delivery * 1e3:.2f})",
            ok=fig.median / flo.median <= 3 and per_delivery < 0.5e-3,
            answer=count,
            notes={"per_delivery_ms": round(per_delivery * 1e3, 3)},
        ),
        Figure(
            f"alert planning only ({count:,} subs)",
            count,
            planned,
            flo2,
            f"insert {count:,} rows, 1 transaction",
            unit="s",
            target="<= 3x",
            ok=planned.median / flo2.median <= 3,
            answer=count,
            notes={"per_delivery_ms": round(planned.median / count * 1e3, 4)},
        ),
    ]


async def run_pacing(context: SizeContext, plan: Plan) -> list[Figure]:
    rate = Settings(database_path=Path(context.db_path)).alerts_rate_per_second
    count = 1_000  # 40 s of sends at 25/s: long enough for the rate, not just the first burst
    store = await _store(context, "pacing")
    achieved: list[float] = []
    worst_second = 0
    try:
        await _subscribe_all(store, count)
        new = _NewModels(store, context.folder, context.catalog.biggest_labs(1)[0])
        clock = FakeClock()
        times: list[float] = []
        service = _service(store, clock, lambda o: times.append(clock()), rate=rate)
        await service.start()
        for _ in range(max(2, plan.fanout_reps)):
            await new.add()
            times.clear()
            start_at = clock()
            await service.run_once()
            assert len(times) == count
            # The rate over the whole fan-out, counted from the pass's start.
            achieved.append(len(times) / max(times[-1] - start_at, 1e-9))
            # The most sends in any one-second window (a burst above the rate shows here).
            left = 0
            for right, moment in enumerate(times):
                while moment - times[left] >= 1.0:
                    left += 1
                worst_second = max(worst_second, right - left + 1)
            clock.now += 60  # an idle minute: the bucket fills up again before the next pass
        await service.close()
    finally:
        await store.close()
    fig = Stats(tuple(achieved))
    flo = Stats(tuple(rate for _ in achieved))
    ratio = fig.median / rate
    return [
        Figure(
            "pacing (fake clock)",
            count,
            fig,
            flo,
            f"configured {rate:g}/s",
            unit="msg/s",
            target=f"within 5%; max {worst_second} in any 1 s",
            ok=abs(ratio - 1) <= 0.05 and worst_second <= rate * 1.05,
            answer=count,
            notes={"sends": count, "max_in_one_second": worst_second, "rate": rate},
        )
    ]
