"""The command line: `modelradar run`, `modelradar import`, and the lookups in the terminal.

Every subcommand reads the same settings as the bot (MODELRADAR_DATABASE_PATH, DISCORD_TOKEN,
or a `.env` file) and calls the same services as the slash commands. One module per group of
subcommands, each with a `register(sub)`; common holds what they share.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from bot import __version__
from bot.cli import alerts, backup, catalog, compare, directory, run, timeline, watch
from bot.cli.common import Handler, settings_from_args
from bot.domain.errors import ModelRadarError
from bot.store import StoreUnusable

DATABASE_HELP = "the SQLite store (default: $MODELRADAR_DATABASE_PATH or ./modelradar.db)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="modelradar",
        description="Model Radar: AI labs, their models and releases, in Discord and here.",
    )
    parser.add_argument("--version", action="version", version=f"modelradar {__version__}")
    parser.add_argument("--database", metavar="PATH", help=DATABASE_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # In the order `modelradar --help` lists them.
    run.register(sub)  # run
    catalog.register(sub)  # import, about
    directory.register(sub)  # lab, search, top
    timeline.register(sub)  # timeline, coincidences
    compare.register(sub)  # compare, model
    watch.register(sub)  # watch
    alerts.register(sub)  # subscriptions
    backup.register(sub)  # backup
    # `--database` also after the subcommand (`modelradar about --database X`); SUPPRESS keeps
    # a value given before the subcommand when none is given after it.
    for subparser in sub.choices.values():
        if not any("--database" in action.option_strings for action in subparser._actions):
            subparser.add_argument(
                "--database", metavar="PATH", default=argparse.SUPPRESS, help=DATABASE_HELP
            )
    return parser


def settings_problems(exc: ValidationError) -> list[str]:
    """One line per invalid setting: the variable's name and what is wrong, never its value
    (a token pasted into the wrong variable must not reach a terminal or a log)."""
    lines = []
    for error in exc.errors(include_url=False):
        loc = error.get("loc") or ()
        field = str(loc[0]) if loc else ""
        if not field:
            name = "settings"
        elif field.isupper():
            name = field  # an alias such as DISCORD_TOKEN
        else:
            name = f"MODELRADAR_{field.upper()}"
        message = str(error.get("msg", "invalid"))
        if _quotes(message, error.get("input")):
            message = "invalid value (the message is withheld: it quoted the value)"
        lines.append(f"  {name}: {message}")
    return lines


def _quotes(message: str, given: object) -> bool:
    """Whether a message repeats 6 or more characters of the value (a validator's own wording
    may quote its input; pydantic's never does, as its input is printed separately)."""
    if not isinstance(given, str) or len(given) < 6:
        return False
    return any(given[i : i + 6] in message for i in range(len(given) - 5))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        settings = settings_from_args(args)
    except ValidationError as exc:
        lines = settings_problems(exc)
        print(
            "modelradar: invalid settings (from the environment or .env; values not shown):",
            *lines,
            sep="\n",
            file=sys.stderr,
        )
        return 2
    try:
        return asyncio.run(handler(args, settings))
    except StoreUnusable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except ModelRadarError as exc:
        from bot.render.text import terminal_message

        print(f"modelradar: {terminal_message(str(exc))}", file=sys.stderr)
        return 1
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            print(
                "modelradar: the store is busy: another process (the bot, an import or a "
                "backup) kept it locked for writing longer than the wait allows. Try again "
                "when it has finished.",
                file=sys.stderr,
            )
        else:
            print(f"modelradar: the store could not be used: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
