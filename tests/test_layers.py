"""The layers keep Discord at the edge: only render/ and exts/ import discord."""

from __future__ import annotations

import ast
from pathlib import Path

import bot

CORE = ("domain", "store", "catalog", "services", "feeds")


def test_core_layers_do_not_import_discord() -> None:
    """No module in domain, store, catalog, services or feeds imports discord."""
    root = Path(bot.__file__).parent
    offenders = []
    for layer in CORE:
        for path in (root / layer).rglob("*.py") if (root / layer).exists() else []:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(name == "discord" or name.startswith("discord.") for name in names):
                    offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_feeds_never_import_the_command_line() -> None:
    """bot.feeds is used by the command line (`modelradar watch`) and never the other way round:
    no module in feeds imports bot.cli, at the top or inside a function."""
    root = Path(bot.__file__).parent
    offenders = []
    for path in (root / "feeds").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
                if node.module == "bot":
                    names += [f"bot.{alias.name}" for alias in node.names]
            if any(name == "bot.cli" or name.startswith("bot.cli.") for name in names):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
    assert "bot.cli" not in "\n".join(p.read_text("utf-8") for p in (root / "feeds").rglob("*.py"))
