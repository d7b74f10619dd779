"""/compare for scripts (`modelradar compare --json`): raw values, None where unknown."""

from __future__ import annotations

from bot.domain.dates import PartialDate
from bot.render.ratios import ratios_line
from bot.services.compare import Comparison, Row, Value


def _json_value(value: Value | None) -> object:
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def compare_json(result: Comparison) -> dict[str, object]:
    """The comparison for scripts (`modelradar compare --json`): raw values, None unknown."""

    def row(r: Row) -> dict[str, object]:
        values: list[object] = [_json_value(v) for v in r.values]
        if r.kind == "licence":
            values = [
                {"licence": v[0], "open_weights": v[1]} if isinstance(v, tuple) else None
                for v in r.values
            ]
        return {"key": r.key, "label": r.label, "values": values, "best": sorted(r.best)}

    return {
        "models": [
            {"slug": m.slug, "name": m.name, "lab": m.lab, "released": str(m.released)}
            for m in result.models
        ],
        "rows": [row(r) for r in result.rows],
        "benchmarks": [row(r) for r in result.benchmarks],
        "ratios": [
            {
                "metric": r.metric,
                "larger": result.models[r.larger].slug,
                "smaller": result.models[r.smaller].slug,
                "ratio": float(r.value),
                "shown": r.shown,
                "exact": r.exact,
            }
            for r in result.ratios
        ],
        "ratios_line": ratios_line(result.ratios, result.names),
        "sources": list(result.sources),
    }
