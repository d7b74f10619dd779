"""The SQLite store: one writer and one reader connection per process, named migrations."""

from bot.store.connection import Store, StoreUnusable

__all__ = ["Store", "StoreUnusable"]
