"""Planning release alerts: which new entries become which messages, for which channels."""

from __future__ import annotations

import datetime as dt

from bot.domain.models import EVENT_KINDS, MODEL_KINDS
from bot.services.alerts import KIND_FILTERS, guild_subscriptions, plan, subscribe, unsubscribe
from bot.services.alerts.planning import CURSOR_KEY, make_nonce
from bot.store import Store
from tests.services import alerts_fakes
from tests.services.alerts_fakes import GUILD, FakeClock, add, event, model

# The fake-clock fixtures (`store` on the fake clock, not the seeded one of tests/conftest.py).
clock = alerts_fakes.clock
store = alerts_fakes.store


async def sub(store: Store, clock: FakeClock, channel: int, **filters: object) -> int:
    options: dict[str, object] = {"lab": None, "kind": None, "role_id": None} | filters
    result = await subscribe(
        store,
        guild_id=GUILD,
        channel_id=channel,
        now=clock.now(),
        **options,  # type: ignore[arg-type]
    )
    return result.subscription.id


async def planned(store: Store) -> dict[int, list[list[str]]]:
    """channel -> the slugs of each planned message, in order."""
    rows = await store.fetchall(
        "SELECT m.channel_id, m.id, ne.slug FROM alert_messages m "
        "JOIN alert_deliveries d ON d.message_id = m.id "
        "JOIN new_entries ne ON ne.id = d.new_entry_id ORDER BY m.id, ne.id"
    )
    out: dict[int, dict[int, list[str]]] = {}
    for channel, message, slug in rows:
        out.setdefault(channel, {}).setdefault(message, []).append(slug)
    return {channel: list(messages.values()) for channel, messages in out.items()}


async def test_baseline_and_old_entries_are_not_planned(store: Store, clock: FakeClock) -> None:
    """The bundled baseline and an entry released 60 days before it was added plan nothing;
    a recent one plans one message."""
    await sub(store, clock, 100)
    await add(store, model("old-one", "deepseek", clock.today - dt.timedelta(days=60)))
    assert (await plan(store, clock.now())).messages == 0

    await add(store, model("new-one", "deepseek", clock.today))
    report = await plan(store, clock.now())

    assert (report.entries, report.messages) == (1, 1)
    assert await planned(store) == {100: [["new-one"]]}


async def test_a_subscription_never_replays_older_entries(store: Store, clock: FakeClock) -> None:
    """Entries recorded before a subscription was made (planned or not) are not sent to it."""
    await add(store, model("before", "deepseek", clock.today))
    await sub(store, clock, 100)
    await add(store, model("after", "deepseek", clock.today))

    await plan(store, clock.now())

    assert await planned(store) == {100: [["after"]]}


async def test_lab_and_kind_filters_route_entries(store: Store, clock: FakeClock) -> None:
    """Lab, model-kind and event filters each pass only their entries."""
    await sub(store, clock, 1, lab="deepseek")
    await sub(store, clock, 2, kind="reasoning")
    await sub(store, clock, 3, kind="events")
    await sub(store, clock, 4, lab="moonshot", kind="models")
    await add(
        store,
        model("ds-chat", "deepseek", clock.today),
        model("kimi-think", "moonshot", clock.today, kind="reasoning"),
        event("A paper", "qwen", clock.today),
    )

    await plan(store, clock.now())

    assert await planned(store) == {
        1: [["ds-chat"]],
        2: [["kimi-think"]],
        3: [["qwen-2026-03-01-a-paper"]],
        4: [["kimi-think"]],
    }


async def test_open_weights_and_min_params_route_only_models_that_pass(
    store: Store, clock: FakeClock
) -> None:
    """open_weights_only passes models with published weights; min_params passes models with
    at least that many parameters in total; an event, or a model whose weights or size are
    unknown, passes neither."""
    await sub(store, clock, 1, open_weights_only=True)
    await sub(store, clock, 2, min_params=70 * 10**9)
    await sub(store, clock, 3, open_weights_only=True, min_params=70 * 10**9, lab="deepseek")
    today = clock.today
    await add(
        store,
        model("open-big", "deepseek", today, open_weights=True, params_total="671B"),
        model("open-small", "deepseek", today, open_weights=True, params_total="7B"),
        model("closed-big", "deepseek", today, open_weights=False, params_total="1T"),
        model("exactly-70b", "qwen", today, params_total="70B"),
        model("unknown", "deepseek", today),
        event("A paper", "deepseek", today),
    )

    await plan(store, clock.now())

    routed = {ch: sorted(s for m in msgs for s in m) for ch, msgs in (await planned(store)).items()}
    assert routed == {
        1: ["open-big", "open-small"],
        2: ["closed-big", "exactly-70b", "open-big"],
        3: ["open-big"],
    }


async def test_subscribing_again_changes_the_further_filters(
    store: Store, clock: FakeClock
) -> None:
    """The same channel, lab and kind again updates the role, open_weights_only and
    min_params of that one subscription rather than adding a second."""
    first = await sub(store, clock, 1, lab="deepseek", open_weights_only=True)
    again = await sub(store, clock, 1, lab="deepseek", role_id=5, min_params=10**9)

    [only] = await guild_subscriptions(store, GUILD)
    assert first == again == only.id
    assert (only.role_id, only.open_weights_only, only.min_params) == (5, False, 10**9)


async def test_overlapping_subscriptions_give_a_channel_each_entry_once(
    store: Store, clock: FakeClock
) -> None:
    """A channel subscribed to every lab and to DeepSeek with a role gets DeepSeek's entry once,
    owned by the narrower subscription and pinging its role."""
    broad = await sub(store, clock, 100)
    narrow = await sub(store, clock, 100, lab="deepseek", role_id=555)
    await add(store, model("ds-new", "deepseek", clock.today))

    await plan(store, clock.now())

    rows = await store.fetchall(
        "SELECT d.subscription_id, m.role_ids FROM alert_deliveries d "
        "JOIN alert_messages m ON m.id = d.message_id"
    )
    assert [(r[0], r[1]) for r in rows] == [(narrow, "555")]
    assert broad != narrow


async def test_two_labs_with_their_roles_in_one_channel_never_cross_ping(
    store: Store, clock: FakeClock
) -> None:
    """DeepSeek -> @ds and Moonshot -> @ms in one channel, with a subscription to everything
    without a role: entries arriving together split by the roles they ping, so the Kimi
    release pings only @ms and the Qwen one pings nobody."""
    await sub(store, clock, 100)
    await sub(store, clock, 100, lab="deepseek", role_id=11)
    await sub(store, clock, 100, lab="moonshot", role_id=22)
    await add(
        store,
        model("ds-a", "deepseek", clock.today),
        model("kimi-a", "moonshot", clock.today),
        model("qwen-a", "qwen", clock.today),
        model("ds-b", "deepseek", clock.today),
    )

    await plan(store, clock.now())

    rows = await store.fetchall(
        "SELECT m.role_ids, group_concat(ne.slug, ' ') FROM alert_messages m "
        "JOIN alert_deliveries d ON d.message_id = m.id "
        "JOIN new_entries ne ON ne.id = d.new_entry_id GROUP BY m.id ORDER BY m.id"
    )
    assert sorted((r[0], " ".join(sorted(r[1].split()))) for r in rows) == [
        ("", "qwen-a"),
        ("11", "ds-a ds-b"),
        ("22", "kimi-a"),
    ]


async def test_entries_arriving_together_become_digests_of_at_most_digest_max(
    store: Store, clock: FakeClock
) -> None:
    """Seven entries imported together reach a channel as digests of at most three."""
    await sub(store, clock, 100)
    await add(store, *(model(f"fam-{n}", "qwen", clock.today) for n in range(7)))

    report = await plan(store, clock.now(), digest_max=3)

    assert (report.messages, report.deliveries) == (3, 7)
    assert [len(m) for m in (await planned(store))[100]] == [3, 3, 1]


async def test_a_forum_channel_gets_one_message_per_entry(store: Store, clock: FakeClock) -> None:
    """In a forum channel each entry is a post of its own: no digests there, while a text
    channel gets the same entries as one digest."""
    await sub(store, clock, 100, channel_type="forum")
    await sub(store, clock, 200)
    await add(store, *(model(f"fam-{n}", "qwen", clock.today) for n in range(3)))

    await plan(store, clock.now())

    routed = await planned(store)
    assert routed[100] == [["fam-0"], ["fam-1"], ["fam-2"]]
    assert routed[200] == [["fam-0", "fam-1", "fam-2"]]


async def test_planning_again_over_the_same_entries_adds_nothing(
    store: Store, clock: FakeClock
) -> None:
    """Rewinding the cursor and planning again creates no second message (unique keys)."""
    await sub(store, clock, 100)
    await add(store, model("once", "deepseek", clock.today))
    await plan(store, clock.now())
    async with store.transaction() as conn:
        await conn.execute("UPDATE meta SET value = '0' WHERE key = ?", (CURSOR_KEY,))

    report = await plan(store, clock.now())

    assert report.messages == 0
    assert await planned(store) == {100: [["once"]]}


async def test_disabled_and_removed_subscriptions_plan_nothing(
    store: Store, clock: FakeClock
) -> None:
    """An unsubscribed channel gets nothing planned; subscribing again starts from then."""
    await sub(store, clock, 100)
    await unsubscribe(store, guild_id=GUILD, channel_id=100, lab=None, now=clock.now())
    await add(store, model("while-away", "deepseek", clock.today))
    await plan(store, clock.now())
    assert await planned(store) == {}

    await sub(store, clock, 100)
    await add(store, model("back", "deepseek", clock.today))
    await plan(store, clock.now())

    assert await planned(store) == {100: [["back"]]}


async def test_nonces_fit_discord_and_differ_per_message(store: Store, clock: FakeClock) -> None:
    """Nonces are at most 25 characters, stable for the same inputs and distinct otherwise."""
    first = make_nonce(1, "2026-03-01T12:00:00.000000Z", [3, 1, 2])
    assert first == make_nonce(1, "2026-03-01T12:00:00.000000Z", [1, 2, 3])
    assert len(first) <= 25
    others = {
        make_nonce(2, "2026-03-01T12:00:00.000000Z", [1, 2, 3]),
        make_nonce(1, "2026-03-01T12:00:00.000001Z", [1, 2, 3]),
        make_nonce(1, "2026-03-01T12:00:00.000000Z", [1, 2]),
    }
    assert first not in others and len(others) == 3
    await sub(store, clock, 100)
    await add(store, model("x", "deepseek", clock.today))
    await plan(store, clock.now())
    stored = await store.scalar("SELECT nonce FROM alert_messages")
    assert isinstance(stored, str) and len(stored) == 25


def test_every_catalog_kind_can_be_a_filter() -> None:
    """Each model kind and event kind of the catalog is one of the kind filters."""
    assert set(MODEL_KINDS) | set(EVENT_KINDS) <= set(KIND_FILTERS)
