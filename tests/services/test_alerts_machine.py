"""A Hypothesis state machine over the alerts services: random new entries, subscriptions,
failing sends and restarts never post a (channel, entry) twice, and once failures stop every
announcement still owed goes out."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from bot.domain.models import Lab
from bot.services.alerts import AlertService, subscribe, unsubscribe
from bot.store import Store
from tests.services.alerts_fakes import (
    GUILD,
    Crash,
    FakeClock,
    FakeDiscord,
    add,
    make_service,
    model,
)

LABS = ("deepseek", "moonshot")
CHANNELS = (1, 2, 3)
MAX_ATTEMPTS = 3
FAULTS = ("5xx", "429", "403", "400", "timeout", "crash-before", "crash-after")
Pair = tuple[int, int]  # (channel, entry id)
# Stores live in memory-backed /dev/shm where there is one: hundreds of examples open one each.
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None


@functools.cache
def template() -> Path:
    """A store with two labs and a baseline model, made once and copied for each example."""
    path = Path(tempfile.mkdtemp(dir=SCRATCH)) / "template.db"

    async def build() -> None:
        store = await Store.open(path, clock=FakeClock().now)
        labs = [Lab(slug="deepseek", name="DeepSeek"), Lab(slug="moonshot", name="Moonshot")]
        await add(store, model("base-a", "deepseek", FakeClock().today), labs=labs)
        await store.writer.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
        await store.close()

    asyncio.run(build())
    return path


def crashed(exc: BaseException) -> bool:
    """The fake process died (the Crash may come wrapped by a TaskGroup)."""
    if isinstance(exc, Crash):
        return True
    return isinstance(exc, BaseExceptionGroup) and exc.subgroup(Crash) is not None


class AlertsMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.tmp = tempfile.TemporaryDirectory(dir=SCRATCH)
        self.path = Path(self.tmp.name) / "alerts.db"
        self.template = template()
        self.clock = FakeClock()
        self.discord = FakeDiscord()
        self.store: Store
        self.service: AlertService
        self.made = 0
        self.concurrency = 1
        # The model: active subscriptions (channel, lab or None) -> start_after; what must be
        # posted exactly once; what may be posted (at most once) after a subscription went.
        self.subs: dict[tuple[int, str | None], int] = {}
        self.labs: dict[int, str] = {}
        self.expected: set[Pair] = set()
        self.optional: set[Pair] = set()
        self.run(self._open(baseline=True))

    def run(self, coro: object) -> object:
        return self.loop.run_until_complete(coro)  # type: ignore[arg-type]

    async def _open(self, baseline: bool = False) -> None:
        if baseline:
            shutil.copy(self.template, self.path)
        self.store = await Store.open(self.path, clock=self.clock.now)
        self.service = make_service(
            self.store,
            self.discord,
            self.clock,
            max_attempts=MAX_ATTEMPTS,
            concurrency=self.concurrency,
            digest_max=3,
        )
        await self.service.start()

    async def _crash(self) -> None:
        """The process died: nothing shuts down cleanly; a new one starts on the same file."""
        current = asyncio.current_task()
        stray = [t for t in asyncio.all_tasks() if t is not current]
        for task in stray:
            task.cancel()
        await asyncio.gather(*stray, return_exceptions=True)
        await self.store.close()
        await self._open()

    # ---------------------------------------------------------------- the model

    def _owed(self, channel: int, entry: int) -> bool:
        """Whether an active subscription of `channel` will plan `entry`."""
        return any(
            c == channel and (lab is None or lab == self.labs[entry]) and start < entry
            for (c, lab), start in self.subs.items()
        )

    def _forgive(self, channel: int) -> None:
        """After a subscription of `channel` went: what it no longer owes may or may not go
        out (a message already planned still does while the channel has subscriptions)."""
        posted = self.discord.pairs()
        for pair in list(self.expected):
            if pair[0] == channel and not posted[pair] and not self._owed(*pair):
                self.expected.discard(pair)
                self.optional.add(pair)

    def _note_disabled(self) -> None:
        """Follow what the service recorded: a 403 disables the channel's subscriptions (unless
        the process died before recording it, when they stay active)."""
        rows = self.run(
            self.store.fetchall("SELECT channel_id, lab, state FROM alert_subscriptions")
        )
        state = {(r[0], r[1] or None): r[2] for r in rows}  # type: ignore[attr-defined]
        for key in [k for k in self.subs if state[k] != "active"]:
            del self.subs[key]
            self._forgive(key[0])

    # ---------------------------------------------------------------- rules

    @rule(
        lab=st.sampled_from(LABS),
        count=st.integers(1, 4),
        old=st.sampled_from((False, False, True)),
    )
    def add_entries(self, lab: str, count: int, old: bool) -> None:
        released = self.clock.today - dt.timedelta(days=60 if old else 1)
        slugs = [f"m{self.made + n}" for n in range(count)]
        self.made += count
        self.run(add(self.store, *(model(slug, lab, released) for slug in slugs)))
        if old:
            return
        rows = self.run(
            self.store.fetchall(
                f"SELECT id FROM new_entries WHERE slug IN ({', '.join('?' * count)})", slugs
            )
        )
        for (entry,) in rows:  # type: ignore[attr-defined]
            self.labs[entry] = lab
            for channel in CHANNELS:
                if self._owed(channel, entry):
                    self.expected.add((channel, entry))

    @initialize(channel=st.sampled_from(CHANNELS), concurrency=st.sampled_from((1, 2)))
    def start(self, channel: int, concurrency: int) -> None:
        """Start with one channel subscribed to everything, so sends happen early."""
        self.concurrency = concurrency
        self.restart()
        self.subscribe(channel, None)

    @rule(channel=st.sampled_from(CHANNELS), lab=st.sampled_from((None, *LABS)))
    def subscribe(self, channel: int, lab: str | None) -> None:
        result = self.run(
            subscribe(
                self.store,
                guild_id=GUILD,
                channel_id=channel,
                lab=lab,
                kind=None,
                role_id=None,
                now=self.clock.now(),
            )
        )
        self.subs[(channel, lab)] = result.subscription.start_after  # type: ignore[attr-defined]

    @rule(channel=st.sampled_from(CHANNELS), lab=st.sampled_from((None, *LABS)))
    def unsubscribe(self, channel: int, lab: str | None) -> None:
        self.run(
            unsubscribe(
                self.store, guild_id=GUILD, channel_id=channel, lab=lab, now=self.clock.now()
            )
        )
        for key in [k for k in self.subs if k[0] == channel and (lab is None or k[1] == lab)]:
            del self.subs[key]
        self._forgive(channel)

    @rule(
        seconds=st.sampled_from((0.0, 5.0, 40.0)),
        fault=st.sampled_from((None, *FAULTS)),
        times=st.integers(1, 3),
    )
    def deliver(self, seconds: float, fault: str | None, times: int) -> None:
        """A pass, its first `times` sends failing with `fault` (a crash ends the process)."""
        self.clock.advance(seconds)
        self.discord.faults.clear()
        if fault:
            self.discord.fail(*[fault] * times)
        try:
            self.run(self.service.run_once())
        except BaseException as exc:
            if not crashed(exc):
                raise
            self.run(self._crash())
        self._note_disabled()

    @rule()
    def restart(self) -> None:
        """A clean shutdown (SIGTERM) and a new process."""
        self.run(self.service.close())
        self.run(self.store.close())
        self.run(self._open())

    @rule()
    def failures_stop(self) -> None:
        """Discord recovers: everything owed goes out (or failed for good), nothing twice."""
        self.discord.faults.clear()
        for _ in range(MAX_ATTEMPTS + 3):
            self.clock.advance(60)
            self.run(self.service.run_once())
        self._note_disabled()
        self.check_settled()

    # ---------------------------------------------------------------- properties

    @invariant()
    def nothing_posted_twice_or_unasked(self) -> None:
        pairs = self.discord.pairs()
        twice = [pair for pair, n in pairs.items() if n > 1]
        assert twice == [], f"posted twice: {twice}"
        unasked = set(pairs) - self.expected - self.optional
        assert unasked == set(), f"posted without a subscription: {unasked}"

    def check_settled(self) -> None:
        self.nothing_posted_twice_or_unasked()
        states = dict(
            self.run(self.store.fetchall("SELECT state, COUNT(*) FROM alert_messages GROUP BY 1"))  # type: ignore[arg-type]
        )
        assert not states.get("pending") and not states.get("sending"), states
        posted = self.discord.pairs()
        missing = {pair for pair in self.expected if not posted[pair]}
        if not missing:
            return
        rows = self.run(
            self.store.fetchall(
                "SELECT d.channel_id, d.new_entry_id, m.state, m.attempts, m.last_error "
                "FROM alert_deliveries d JOIN alert_messages m ON m.id = d.message_id"
            )
        )
        outcome = {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}  # type: ignore[attr-defined]
        for pair in missing:
            assert pair in outcome, f"{pair} owed but never planned"
            state, attempts, error = outcome[pair]
            assert state == "failed", f"{pair} owed but {state}"
            assert attempts == MAX_ATTEMPTS or "rejected" in error, (pair, attempts, error)

    def teardown(self) -> None:
        try:
            self.failures_stop()
        finally:
            self.run(self.service.close())
            self.run(self.store.close())
            self.loop.close()
            self.tmp.cleanup()


AlertsMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestAlertsMachine = AlertsMachine.TestCase
TestAlertsMachine.__doc__ = (
    "Random adds, subscriptions, failures and restarts: each owed pair once."
)
