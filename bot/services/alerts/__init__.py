"""Release alerts: subscriptions, planning new entries into messages, exactly-once delivery.

- subscriptions: create/list/remove/disable subscriptions
- planning: new entries (announce=1) -> pending messages, one transaction, unique keys
- delivery: claim due messages, send through an injected sender, record the outcome
- backoff, pacing: the retry policy and the pacing of sends (at most the rate in any
  one-second window)
- content: what an announcement says about an entry
- service: the per-process facade the bot (and tests) drive

Their SQL lives in bot/store/alerts_subscriptions.py, alerts_planning.py and alerts_delivery.py.
"""

from bot.services.alerts.content import AnnouncedEntry, Nearby, load_entries
from bot.services.alerts.delivery import DeliveryReport, Outgoing, Sender
from bot.services.alerts.errors import ChannelGone, Rejected, Retryable, SendFailed
from bot.services.alerts.planning import PlanReport, plan
from bot.services.alerts.service import AlertService, RunReport
from bot.services.alerts.subscriptions import (
    KIND_FILTERS,
    MAX_PER_GUILD,
    Subscribed,
    Subscription,
    disable,
    guild_subscriptions,
    preview_entry,
    subscribe,
    unsubscribe,
)

__all__ = [
    "KIND_FILTERS",
    "MAX_PER_GUILD",
    "AlertService",
    "AnnouncedEntry",
    "ChannelGone",
    "DeliveryReport",
    "Nearby",
    "Outgoing",
    "PlanReport",
    "Rejected",
    "Retryable",
    "RunReport",
    "SendFailed",
    "Sender",
    "Subscribed",
    "Subscription",
    "disable",
    "guild_subscriptions",
    "load_entries",
    "plan",
    "preview_entry",
    "subscribe",
    "unsubscribe",
]
