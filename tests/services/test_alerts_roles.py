"""Who gets pinged: a Hypothesis property over mixes of subscriptions (several a channel,
with and without roles, with every kind of filter), entries and passes. Every role mentioned
in a posted message belongs to a subscription of that channel that matches each of the
message's entries, the rendered message's allowed mentions name exactly those roles, and
each owed (channel, entry) is posted once."""

from __future__ import annotations

import asyncio
import functools
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.models import Lab, Model
from bot.render.announce import announcement
from bot.services.alerts import subscribe
from bot.store import Store
from tests.services.alerts_fakes import GUILD, FakeClock, FakeDiscord, add, make_service, model

LABS = ("deepseek", "moonshot", "qwen")
CHANNELS = (1, 2)
ROLES = (None, 11, 22, 33)
KINDS = (None, "models", "reasoning")
SIZES = (None, 7 * 10**9, 70 * 10**9, 671 * 10**9)
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None


@functools.cache
def template() -> Path:
    """A store with three labs and a baseline model, made once and copied for each example."""
    path = Path(tempfile.mkdtemp(dir=SCRATCH)) / "template.db"

    async def build() -> None:
        store = await Store.open(path, clock=FakeClock().now)
        labs = [Lab(slug=slug, name=slug.title()) for slug in LABS]
        await add(store, model("base-a", "deepseek", FakeClock().today), labs=labs)
        await store.writer.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
        await store.close()

    asyncio.run(build())
    return path


@dataclass(frozen=True, slots=True)
class Sub:
    channel: int
    lab: str | None
    kind: str | None
    role: int | None
    open_weights_only: bool = False
    min_params: int | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    lab: str
    kind: str
    open_weights: bool | None = None
    params: int | None = None


subs = st.builds(
    Sub,
    st.sampled_from(CHANNELS),
    st.sampled_from((None, *LABS)),
    st.sampled_from(KINDS),
    st.sampled_from(ROLES),
    st.booleans(),
    st.sampled_from((None, 70 * 10**9)),
)
entries = st.builds(
    Entry,
    st.sampled_from(LABS),
    st.sampled_from(("chat", "reasoning")),
    st.sampled_from((None, True, False)),
    st.sampled_from(SIZES),
)
# A step subscribes, or imports a few entries and runs one pass.
steps = st.lists(st.one_of(subs, st.lists(entries, min_size=1, max_size=5)), min_size=1, max_size=8)


def matches(sub: Sub, entry: Model) -> bool:
    if sub.lab is not None and sub.lab != entry.lab:
        return False
    if sub.open_weights_only and entry.open_weights is not True:
        return False
    if sub.min_params is not None and (entry.params_total or 0) < sub.min_params:
        return False
    return sub.kind in (None, "models") or sub.kind == entry.kind


async def scenario(path: Path, plan: list[Sub | list[Entry]], digest_max: int) -> None:
    clock = FakeClock()
    discord = FakeDiscord()
    store = await Store.open(path, clock=clock.now)
    service = make_service(store, discord, clock, digest_max=digest_max)
    # (channel, lab, kind) -> (start_after, the subscription): /subscribe again changes its
    # role and further filters, not when it started.
    active: dict[tuple[int, str | None, str | None], tuple[int, Sub]] = {}
    made = 0
    try:
        for step in plan:
            if isinstance(step, Sub):
                result = await subscribe(
                    store,
                    guild_id=GUILD,
                    channel_id=step.channel,
                    lab=step.lab,
                    kind=step.kind,
                    role_id=step.role,
                    now=clock.now(),
                    open_weights_only=step.open_weights_only,
                    min_params=step.min_params,
                )
                key = (step.channel, step.lab, step.kind)
                active[key] = (result.subscription.start_after, step)
                continue
            new = [
                model(
                    f"m{made + n}",
                    e.lab,
                    clock.today,
                    e.kind,
                    open_weights=e.open_weights,
                    params_total=e.params,
                )
                for n, e in enumerate(step)
            ]
            made += len(new)
            await add(store, *new)
            ids = {
                row[0]: row[1]
                for row in await store.fetchall(
                    f"SELECT slug, id FROM new_entries WHERE slug IN ({', '.join('?' * len(new))})",
                    [m.slug for m in new],
                )
            }
            # (channel, entry id) -> the roles of the channel's subscriptions matching it.
            owed: dict[tuple[int, int], set[int]] = {}
            for m in new:
                for start, sub in active.values():
                    if start < ids[m.slug] and matches(sub, m):
                        roles = owed.setdefault((sub.channel, ids[m.slug]), set())
                        if sub.role is not None:
                            roles.add(sub.role)
            before = len(discord.posted)
            clock.advance(5)
            await service.run_once()
            sent = discord.posted[before:]

            assert sorted(discord.pairs()) == sorted(set(discord.pairs())), "posted twice"
            got = {(p.channel_id, e) for p in sent for e in p.entry_ids}
            assert got == set(owed), (got, owed)
            for posted in sent:
                pinged = set(posted.role_ids)
                for entry in posted.entry_ids:
                    assert pinged == owed[(posted.channel_id, entry)], (posted, owed)
                message = announcement(posted.entries, posted.role_ids)
                allowed = message.allowed_mentions.to_dict()
                assert sorted(int(r) for r in allowed.get("roles", [])) == sorted(pinged)
                assert allowed["parse"] == []
                assert set(message.content.split() if message.content else []) == {
                    f"<@&{r}>" for r in pinged
                }
    finally:
        await service.close()
        await store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps, digest_max=st.sampled_from((1, 3, 20)))
def test_every_ping_belongs_to_a_matching_subscription(
    plan: list[Sub | list[Entry]], digest_max: int
) -> None:
    with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
        shutil.copy(template(), Path(tmp) / "alerts.db")
        asyncio.run(scenario(Path(tmp) / "alerts.db", plan, digest_max))
