"""`modelradar import` and `modelradar about`: what goes into the store, and what it holds."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bot.cli.common import Subcommands, open_store, print_json
from bot.config import Settings
from bot.domain.errors import ImportFailed


async def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(settings.database_path).expanduser()
    if args.dry_run and not path.exists():
        # A dry run never creates the store: validate against a temporary one, filled from the
        # bundled catalog as a new store would be, and deleted afterwards.
        note = (
            f"({settings.database_path} does not exist and was not created: checked against "
            "the bundled catalog in a temporary store.)"
        )
        with tempfile.TemporaryDirectory(prefix="modelradar-dry-run-") as folder:
            temporary = settings.model_copy(update={"database_path": Path(folder) / "dry.db"})
            return await _import(args, temporary, note=note)
    return await _import(args, settings, note=None)


async def _import(args: argparse.Namespace, settings: Settings, *, note: str | None) -> int:
    from bot.catalog.importer import import_paths

    async with open_store(settings) as store:
        try:
            report = await import_paths(
                store,
                args.paths,
                dry_run=args.dry_run,
                source="import",
                max_age_days=settings.announce_max_age_days,
            )
        except ImportFailed as exc:
            print(str(exc), file=sys.stderr)
            if note:
                print(note, file=sys.stderr)
            return 1
    if args.json:
        print_json({**report.as_dict(), "temporary_store": note is not None})
    else:
        print(report.summary())
        if note:
            print(note)
    return 0


async def cmd_about(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.about import about

    async with open_store(settings) as store:
        info = await about(store)
    from bot.render.about import about_json, about_text

    print_json(about_json(info)) if args.json else print(about_text(info))
    return 0


def register(sub: Subcommands) -> None:
    imp = sub.add_parser("import", help="validate and import YAML or JSON files or folders")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.set_defaults(handler=cmd_import)

    about = sub.add_parser("about", help="what the store holds")
    about.add_argument("--json", action="store_true", help="print JSON")
    about.set_defaults(handler=cmd_about)
