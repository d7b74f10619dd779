"""The timeline's queries run on indexes."""

from __future__ import annotations

from bot.store import Store
from bot.store import timeline as tq


async def test_queries_use_the_date_and_lab_indexes(store: Store) -> None:
    """The page query reads models and events through their (lab_id, date) or date indexes."""
    ids = list((await tq.lab_ids(store, ["deepseek", "moonshot"])).values())
    for lab_ids, expected in ((ids, ("models_lab_released", "events_lab_date")), (None, ())):
        sql, params = tq.entries_sql(lab_ids, "2025-01-00", "2025-12-31", None, limit=10)
        plan = " ".join(
            str(row[3]) for row in await store.fetchall("EXPLAIN QUERY PLAN " + sql, params)
        )
        for index in expected or ("models_released", "events_date"):
            assert index in plan, plan
