"""Delivering release alerts: each message sent once, retried, failed or skipped as it should,
through a fake Discord that honours nonces, on a fake clock."""

from __future__ import annotations

import asyncio

import pytest

from bot.services.alerts import Outgoing, guild_subscriptions, subscribe, unsubscribe
from bot.store import Store
from tests.services import alerts_fakes
from tests.services.alerts_fakes import (
    GUILD,
    Crash,
    FakeClock,
    FakeDiscord,
    add,
    make_service,
    message_states,
    model,
)

# The fake-clock fixtures (`store` on the fake clock, not the seeded one of tests/conftest.py).
clock = alerts_fakes.clock
discord = alerts_fakes.discord
store = alerts_fakes.store


async def sub(
    store: Store, clock: FakeClock, channel: int, role_id: int | None = None, guild: int = GUILD
) -> None:
    await subscribe(
        store,
        guild_id=guild,
        channel_id=channel,
        lab=None,
        kind=None,
        role_id=role_id,
        now=clock.now(),
    )


async def drain(service: object, clock: FakeClock, rounds: int = 8, step: float = 40) -> None:
    """Run passes, moving the clock past every backoff in between."""
    for _ in range(rounds):
        await service.run_once()  # type: ignore[attr-defined]
        clock.advance(step)


async def test_each_channel_gets_one_message_with_its_discord_id(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """One new entry and three channels: three posts, recorded as sent with their ids; later
    passes send nothing more."""
    for channel in (1, 2, 3):
        await sub(store, clock, channel)
    await add(store, model("ds-new", "deepseek", clock.today))
    service = make_service(store, discord, clock)

    report = await service.run_once()
    await drain(service, clock)

    assert report is not None and report.delivery.sent == 3
    assert sorted(p.channel_id for p in discord.posted) == [1, 2, 3]
    ids = {r[0] for r in await store.fetchall("SELECT discord_message_id FROM alert_messages")}
    assert ids == {p.message_id for p in discord.posted}
    subs = await guild_subscriptions(store, GUILD)
    assert all(s.last_announced_at for s in subs)


async def test_5xx_is_retried_after_a_backoff_then_sent_once(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """Two 500s in a row: nothing is sent before the backoff, then one post."""
    await sub(store, clock, 1)
    await add(store, model("ds-new", "deepseek", clock.today))
    service = make_service(store, discord, clock)
    discord.fail("5xx", "5xx")

    await service.run_once()
    await service.run_once()  # not due yet: the backoff holds it
    assert len(discord.calls) == 1
    await drain(service, clock)

    assert len(discord.calls) == 3 and len(discord.posted) == 1
    assert await message_states(store) == {"sent": 1}
    row = await store.fetchone("SELECT attempts, last_error FROM alert_messages")
    assert tuple(row) == (3, "Discord error 500")


async def test_gives_up_after_max_attempts_with_the_reason(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """A message failing every time is tried max_attempts times, then failed with why."""
    await sub(store, clock, 1)
    await add(store, model("ds-new", "deepseek", clock.today))
    service = make_service(store, discord, clock, max_attempts=3)
    discord.fail(*["5xx"] * 10)

    await drain(service, clock)

    assert len(discord.calls) == 3 and discord.posted == []
    row = await store.fetchone("SELECT state, last_error FROM alert_messages")
    assert row[0] == "failed" and row[1] == "Discord error 500 (gave up after 3 tries)"
    [subscription] = await guild_subscriptions(store, GUILD)
    assert subscription.active and "gave up" in (subscription.last_error or "")


async def test_a_timeout_after_discord_accepted_is_not_posted_twice(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """The answer to an accepted send is lost; the retry carries the same nonce, so Discord
    returns the first message and the channel has one post."""
    await sub(store, clock, 1)
    await add(store, model("ds-new", "deepseek", clock.today))
    service = make_service(store, discord, clock)
    discord.fail("timeout")

    await drain(service, clock)

    assert len(discord.calls) == 2
    assert discord.calls[0].nonce == discord.calls[1].nonce
    assert len(discord.posted) == 1
    sent = await store.scalar("SELECT discord_message_id FROM alert_messages")
    assert sent == discord.posted[0].message_id


async def test_403_disables_the_channel_and_skips_what_waits_there(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """Missing Permissions disables the channel's subscriptions with the reason and skips its
    other pending messages; other channels carry on."""
    await sub(store, clock, 1)
    await sub(store, clock, 2)
    await add(store, model("first", "deepseek", clock.today))
    service = make_service(store, discord, clock, concurrency=1)
    discord.fail("403")  # the first send: channel 1's

    await drain(service, clock)
    await add(store, model("second", "deepseek", clock.today))
    await drain(service, clock)

    assert [p.channel_id for p in discord.posted] == [2, 2]
    by_channel = {s.channel_id: s for s in await guild_subscriptions(store, GUILD)}
    assert by_channel[1].state == "disabled"
    assert "Missing Permissions" in (by_channel[1].disabled_reason or "")
    assert by_channel[2].active


async def test_a_rejected_message_fails_without_retrying(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """A 400 fails the message at once and leaves the subscription active."""
    await sub(store, clock, 1)
    await add(store, model("ds-new", "deepseek", clock.today))
    service = make_service(store, discord, clock)
    discord.fail("400")

    await drain(service, clock)

    assert len(discord.calls) == 1
    assert await message_states(store) == {"failed": 1}
    [subscription] = await guild_subscriptions(store, GUILD)
    assert subscription.active


async def test_429_waits_what_discord_said(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """After a 429 with retry_after 7 s the message waits 7 s, not the usual backoff."""
    await sub(store, clock, 1)
    await add(store, model("ds-new", "deepseek", clock.today))
    service = make_service(store, discord, clock)
    discord.fail("429")

    await service.run_once()
    clock.advance(6.9)
    await service.run_once()
    assert discord.posted == []
    clock.advance(0.2)
    await service.run_once()

    assert len(discord.posted) == 1


async def test_a_crash_after_posting_is_resent_with_the_same_nonce_after_restart(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """The process dies after Discord posted but before recording it; the next process
    releases the claim, resends with the same nonce and records the first message."""
    await sub(store, clock, 1)
    await add(store, model("ds-new", "deepseek", clock.today))
    discord.fail("crash-after")
    with pytest.raises(BaseExceptionGroup) as crashed:
        await make_service(store, discord, clock).run_once()
    assert crashed.group_contains(Crash)
    assert await message_states(store) == {"sending": 1}

    restarted = make_service(store, discord, clock)
    assert await restarted.start() == 1
    await drain(restarted, clock)

    assert len(discord.calls) == 2 and len(discord.posted) == 1
    assert await message_states(store) == {"sent": 1}


async def test_close_lets_a_send_finish_and_puts_back_the_rest(
    store: Store, clock: FakeClock
) -> None:
    """Closing while one send is under way waits for it and releases the claims not yet sent,
    which the next process sends."""
    for channel in (1, 2, 3):
        await sub(store, clock, channel)
    await add(store, model("ds-new", "deepseek", clock.today))
    started, release = asyncio.Event(), asyncio.Event()
    sent: list[int] = []

    async def slow_send(outgoing: Outgoing) -> int:
        started.set()
        await release.wait()
        sent.append(outgoing.channel_id)
        return outgoing.channel_id

    service = make_service(store, FakeDiscord(), clock, concurrency=1)
    service.deliverer.send = slow_send
    running = asyncio.create_task(service.run_once())
    await started.wait()
    closing = asyncio.create_task(service.close())
    await asyncio.sleep(0)
    release.set()
    await closing
    await running

    assert len(sent) == 1
    assert await message_states(store) == {"sent": 1, "pending": 2}
    discord = FakeDiscord()
    await drain(make_service(store, discord, clock), clock)
    assert sorted(p.channel_id for p in discord.posted) == sorted({1, 2, 3} - set(sent))


async def test_sends_stay_within_the_concurrency_limit(store: Store, clock: FakeClock) -> None:
    """With concurrency 3, twelve channels are never sent to more than three at a time."""
    for channel in range(12):
        await sub(store, clock, channel)
    await add(store, model("ds-new", "deepseek", clock.today))
    in_flight, peak = 0, 0
    full = asyncio.Event()

    async def send(outgoing: Outgoing) -> int:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        if in_flight == 3:
            full.set()
        await full.wait()  # the first sends hold on until three are in flight
        await asyncio.sleep(0)
        in_flight -= 1
        return outgoing.row_id

    service = make_service(store, FakeDiscord(), clock, concurrency=3)
    service.deliverer.send = send
    report = await service.run_once()

    assert report is not None and report.delivery.sent == 12
    assert peak == 3


async def test_sends_are_paced_by_the_rate_window(store: Store, clock: FakeClock) -> None:
    """Sixty channels at 25 messages a second, never more in one second: 25 at once, 25 a
    second later, the last 10 at 2 s."""
    for channel in range(60):
        await sub(store, clock, channel, guild=channel)
    await add(store, model("ds-new", "deepseek", clock.today))
    discord = FakeDiscord()
    service = make_service(store, discord, clock, rate_per_second=25, concurrency=8)
    before = clock.seconds

    await service.run_once()

    assert len(discord.posted) == 60
    assert clock.seconds - before == pytest.approx(2.0)


async def test_unsubscribing_skips_what_was_waiting(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """A message planned for a channel that then unsubscribes is skipped, not sent."""
    await sub(store, clock, 1)
    await add(store, model("ds-new", "deepseek", clock.today))
    service = make_service(store, discord, clock)
    discord.fail("5xx")
    await service.run_once()

    await unsubscribe(store, guild_id=GUILD, channel_id=1, lab=None, now=clock.now())
    await drain(service, clock)

    assert discord.posted == []
    assert await message_states(store) == {"skipped": 1}


async def test_the_role_of_the_subscription_travels_with_its_message(
    store: Store, clock: FakeClock, discord: FakeDiscord
) -> None:
    """The channel with a role gets a message carrying that role; the other gets none."""
    await sub(store, clock, 1, role_id=777)
    await sub(store, clock, 2)
    await add(store, model("ds-new", "deepseek", clock.today))

    await make_service(store, discord, clock).run_once()

    roles = {p.channel_id: p.role_ids for p in discord.posted}
    assert roles == {1: (777,), 2: ()}
