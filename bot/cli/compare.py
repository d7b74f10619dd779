"""`modelradar compare` and `model`: models side by side, and one model in full."""

from __future__ import annotations

import argparse

from bot.cli.common import Subcommands, open_store, print_json
from bot.config import Settings


async def cmd_compare(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.compare import compare_text
    from bot.render.compare_json import compare_json
    from bot.services.compare import compare
    from bot.services.names import NameIndex

    async with open_store(settings) as store:
        result = await compare(store, await NameIndex.load(store), args.models)
    if args.json:
        print_json(compare_json(result))
    else:
        print(compare_text(result))
    return 0


async def cmd_model(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.model import model_text
    from bot.services.model import as_dict, profile
    from bot.services.names import NameIndex

    async with open_store(settings) as store:
        result = await profile(store, await NameIndex.load(store), args.name)
    if args.json:
        print_json(as_dict(result))
    else:
        print(model_text(result))
    return 0


def register(sub: Subcommands) -> None:
    compare = sub.add_parser(
        "compare",
        help="two to four models side by side",
        usage="modelradar compare A B [C D] [--json]",
    )
    compare.add_argument("models", nargs="+", metavar="MODEL", help="slug, name or alias")
    compare.add_argument("--json", action="store_true", help="print JSON")
    compare.set_defaults(handler=cmd_compare)

    model = sub.add_parser("model", help="everything known about one model")
    model.add_argument("name", help="slug, name or alias")
    model.add_argument("--json", action="store_true", help="print JSON")
    model.set_defaults(handler=cmd_model)
