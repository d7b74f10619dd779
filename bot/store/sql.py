"""Small helpers shared by the query modules."""

from __future__ import annotations

from collections.abc import Sized


def marks(values: Sized) -> str:
    """`?, ?, ?`: one placeholder per value, for `IN (...)` lists."""
    return ", ".join("?" * len(values))
