"""/coincidences rows: siblings on one line, pages counting rows."""

from __future__ import annotations

from bot.domain.dates import PartialDate
from bot.render.coincidences import row_line, row_page_count, rows_embed, short_sibling
from bot.services.coincidences import Coincidences
from bot.services.pairs import Pair, PairRow
from bot.services.timeline import Entry


def model(name: str, lab: str, day: int) -> Entry:
    return Entry("model", name.lower(), name, lab.lower(), lab, PartialDate(2026, 4, day), None)


def test_a_siblings_name_drops_the_first_word_it_shares() -> None:
    assert short_sibling("DeepSeek-V4-Flash", "DeepSeek-V4-Pro") == "V4-Flash"
    assert short_sibling("Claude Sonnet 5.5", "Claude Opus 5.5") == "Sonnet 5.5"
    assert short_sibling("Kimi K2.6", "DeepSeek-V4-Pro") == "Kimi K2.6"
    assert short_sibling("Solo", "Solo") == "Solo"


def test_a_row_reads_as_the_issue_asks() -> None:
    pro, flash = (
        model("DeepSeek-V4-Pro", "DeepSeek", 24),
        model("DeepSeek-V4-Flash", "DeepSeek", 24),
    )
    kimi = model("Kimi K2.6", "Moonshot AI", 20)
    row = PairRow((pro, flash), (kimi,), 4)
    assert row_line(row) == (
        "`2026-04-24` **DeepSeek-V4-Pro**, **V4-Flash** (DeepSeek) ⇄ "
        "`2026-04-20` **Kimi K2.6** (Moonshot AI) · 4 days apart"
    )


def test_pages_count_rows_not_pairs() -> None:
    """25 rows standing for 50 pairs are 3 pages of 10 rows, the last one of 5."""
    a, b, c = model("A-1", "Alpha", 1), model("A-2", "Alpha", 1), model("B", "Beta", 2)
    pairs = tuple(Pair(x, c, 1) for x in (a, b)) * 25
    rows = [PairRow((a, b), (model(f"B{i}", "Beta", 2),), 1) for i in range(25)]
    result = Coincidences(window_days=7, pairs=pairs, lab_names={}, total=len(pairs))
    assert row_page_count(rows) == 3
    last = rows_embed(result, rows, 3)
    assert last.footer.text is not None and last.footer.text.startswith("Page 3 of 3 · 25 rows")
    assert "50 pairs" in last.footer.text
    assert len([line for line in (last.description or "").splitlines() if "⇄" in line]) == 5
