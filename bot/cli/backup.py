"""`modelradar backup DEST`: a consistent copy of the store, safe while the bot or an import
runs. Restoring is copying the file back with the bot stopped (README, "Backup and restore")."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import Subcommands, open_store, print_json
from bot.config import Settings
from bot.domain.errors import ModelRadarError


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


async def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from bot.store.backup import backup

    source = Path(settings.database_path).expanduser()
    if not source.exists():
        raise ModelRadarError(f"There is no store at {settings.database_path} to back up.")
    # No bundled sync and no migrations: a backup copies the store as it is and never writes.
    async with open_store(settings, sync=False, migrate=False) as store:
        report = await backup(store, args.dest, force=args.force)
    if args.json:
        print_json(report.as_dict())
        return 0
    counts = report.counts
    print(
        f"Backed up {report.source} to {report.dest}: {_size(report.size)}, "
        f"{counts['labs']:,} labs, {counts['models']:,} models, {counts['events']:,} events, "
        f"{counts['subscriptions']:,} active subscriptions (SQLite check: {report.check})."
    )
    return 0


def register(sub: Subcommands) -> None:
    parser = sub.add_parser(
        "backup",
        help="copy the store to DEST, safely while the bot or an import runs",
        description=(
            "Copy the store to DEST with SQLite's backup API: a consistent copy as of the last "
            "commit, safe while the bot runs or an import writes. To restore, stop the bot, "
            "remove the store's -wal and -shm files, and copy DEST back to the store's path."
        ),
    )
    parser.add_argument("dest", metavar="DEST", help="the file to write")
    parser.add_argument("--force", action="store_true", help="replace DEST if it exists")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=cmd_backup)
