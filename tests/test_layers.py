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
