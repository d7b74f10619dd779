"""`modelradar subscriptions`: the release-alert subscriptions and the announcements outbox."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from bot.cli.common import Subcommands, open_store, print_json
from bot.config import Settings

if TYPE_CHECKING:
    from bot.services.alerts.subscriptions import Subscription


def subscription_as_dict(sub: Subscription) -> dict[str, Any]:
    """One subscription for `--json`: its filters, its state and its last outcome."""
    return {
        "id": sub.id,
        "guild_id": sub.guild_id,
        "channel_id": sub.channel_id,
        "lab": sub.lab,
        "kind": sub.kind,
        "role_id": sub.role_id,
        "state": sub.state,
        "disabled_reason": sub.disabled_reason,
        "created_at": sub.created_at,
        "last_announced_at": sub.last_announced_at,
        "last_error": sub.last_error,
    }


async def cmd_subscriptions(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.subscriptions import subscriptions_text
    from bot.services.alerts.delivery import outbox_counts
    from bot.services.alerts.subscriptions import all_subscriptions
    from bot.store.catalog import lab_names

    async with open_store(settings) as store:
        subs = await all_subscriptions(store)
        outbox = await outbox_counts(store)
        labs = await lab_names(store)
    if args.json:
        print_json(
            {
                "subscriptions": [subscription_as_dict(s) for s in subs],
                "announcements": outbox,
            }
        )
    else:
        print(subscriptions_text(subs, labs, outbox))
    return 0


def register(sub: Subcommands) -> None:
    parser = sub.add_parser("subscriptions", help="release-alert subscriptions and their state")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=cmd_subscriptions)
