"""Property tests of the importer over random documents (issue 12): whatever the file holds,
an import either succeeds or raises ImportFailed listing problems, never anything else, and
a failed import leaves every table of the store as it was."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.catalog.importer import import_paths
from bot.catalog.loader import ANCHORS_REFUSED, load_text
from bot.domain.errors import SHOWN_PROBLEMS, ImportFailed, ProblemLog
from bot.domain.models import Event, Lab, Model
from bot.store import Store

SEED = """
labs:
  - {slug: acme, name: Acme AI, sources: ["https://acme.example/"]}
models:
  - {slug: acme-0, name: Acme 0, lab: acme, released: "2024-05", sources: ["https://acme.example/0"]}
"""

# Values that reach every branch: plausible ones, edge ones, and hostile ones.
_WORDS = st.sampled_from(
    [
        "acme", "acme-0", "acme-1", "acme-2", "nope", "2025", "2025-01-20", "2025-13-40", "2999",
        "1.6T", "49B", "256K", "1M", "101T", "0", "-1", "NaN", "inf", "moe", "weights", "chat",
        "text", "paper", "https://acme.example/x", "", " ", "&a", "*a", "R&D", "日本語", "\x00",
        "\ud800",
    ]
)  # fmt: skip
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=2**62, max_value=10**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    _WORDS,
    st.sampled_from(["__DEEP_40__", "__DEEP_600__", "__DEEP_3000__"]),
)
_FIELDS = sorted({*Lab.model_fields, *Model.model_fields, *Event.model_fields})
_KEYS = st.one_of(st.sampled_from(_FIELDS), st.text(max_size=6))
VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=12,
)


def _entry(template: dict[str, Any], fields: list[str]) -> st.SearchStrategy[Any]:
    """A valid entry, the same with some fields replaced or dropped, or anything at all."""
    changed = st.builds(
        lambda changes, dropped: {
            **{k: v for k, v in template.items() if k not in dropped},
            **changes,
        },
        st.dictionaries(st.sampled_from(fields), VALUES, max_size=3),
        st.sets(st.sampled_from(list(template)), max_size=2),
    )
    return st.one_of(st.just(template), changed, changed, VALUES)


_LAB = _entry({"slug": "acme-labs", "name": "Acme Labs"}, sorted(Lab.model_fields))
_MODEL = st.integers(min_value=1, max_value=3).flatmap(
    lambda n: _entry(
        {
            "slug": f"acme-{n}",
            "name": f"Acme {n}",
            "lab": "acme",
            "released": "2025-01-20",
            "predecessor": f"acme-{n - 1}",
            "params_total": "1.6T",
            "context": "256K",
            "price_input": 0.5,
            "benchmarks": {"MMLU": 80.5},
        },
        sorted(Model.model_fields),
    )
)
_EVENT = _entry(
    {"date": "2025-02-18", "lab": "acme", "kind": "paper", "title": "A paper"},
    sorted(Event.model_fields),
)
DOCUMENTS = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "labs": st.one_of(st.lists(_LAB, max_size=3), VALUES),
            "models": st.one_of(st.lists(_MODEL, max_size=4), VALUES),
            "events": st.one_of(st.lists(_EVENT, max_size=2), VALUES),
            "extra": VALUES,
        },
    ),
    VALUES,
)


def _deepen(text: str) -> str:
    """Replace the markers by brackets nested that deep (no encoder can write those)."""
    for depth in (40, 600, 3000):
        deep = "[" * depth + "]" * depth
        text = text.replace(f'"__DEEP_{depth}__"', deep).replace(f"__DEEP_{depth}__", deep)
    return text


def _text(document: Any, fmt: str, flow: bool | None) -> str:
    if fmt == "json":
        return json.dumps(document, allow_nan=True)
    return yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow, sort_keys=False)


@st.composite
def files(draw: st.DrawFn) -> tuple[str, str]:
    """(suffix, text): a random document as JSON or YAML, now and then damaged by a few
    characters inserted or cut (brackets, quotes, colons, anchors)."""
    fmt = draw(st.sampled_from(["json", "yaml"]))
    text = _deepen(_text(draw(DOCUMENTS), fmt, draw(st.sampled_from([None, False, True]))))
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(list("[]{}:,'\"&*!|>-#\n\t\\"))) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=5)) :]
    return "." + fmt, text


async def dump_tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: what "the store unchanged" compares."""
    names = [
        row[0]
        for row in await store.fetchall(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
        )
    ]
    return {
        name: [tuple(row) for row in await store.fetchall(f'SELECT * FROM "{name}"')]
        for name in names
    }


def test_an_import_of_any_document_succeeds_or_fails_cleanly(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Random documents: a clean import, or ImportFailed with at most 100 problems listed
    and the store unchanged; never another exception."""
    folder = tmp_path_factory.mktemp("fuzz")
    loop = asyncio.new_event_loop()
    store = loop.run_until_complete(Store.open(folder / "fuzz.db"))
    seed = folder / "seed.yaml"
    seed.write_text(SEED, encoding="utf-8")
    loop.run_until_complete(import_paths(store, [seed]))
    outcomes: Counter[str] = Counter()

    @settings(
        max_examples=300,  # about 5 s here; runs of thousands came out clean
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(files())
    def check(file: tuple[str, str]) -> None:
        suffix, text = file
        path = folder / f"doc{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        before = loop.run_until_complete(dump_tables(store))
        try:
            loop.run_until_complete(import_paths(store, [path]))
        except ImportFailed as failure:
            outcomes["failed"] += 1
            assert 1 <= len(failure.problems) <= SHOWN_PROBLEMS
            assert failure.total >= len(failure.problems)
            assert all(str(problem).startswith(str(path)) for problem in failure.problems)
            assert loop.run_until_complete(dump_tables(store)) == before
        else:
            outcomes["imported"] += 1

    try:
        check()
    finally:
        loop.run_until_complete(store.close())
        loop.close()
    assert outcomes["failed"] and outcomes["imported"], outcomes


SHARED = st.recursive(
    st.one_of(st.integers(), st.text(max_size=5), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3),
        st.dictionaries(st.text(max_size=4), inner, min_size=1, max_size=3),
    ),
    max_leaves=6,
).filter(lambda value: isinstance(value, list | dict))


@settings(max_examples=150, deadline=None)
@given(
    SHARED,
    st.sampled_from(["labs", "models", "events", "other"]),
    st.sampled_from([None, False, True]),
    st.integers(min_value=2, max_value=6),
)
def test_every_anchor_the_emitter_writes_is_refused(
    shared: Any, section: str, flow: bool | None, indent: int
) -> None:
    """A document that uses one object twice is written with an anchor and an alias
    (&id001, *id001) wherever the emitter puts them; every such file is refused."""
    document = {section: [shared, {"again": shared}]}
    text = yaml.safe_dump(document, default_flow_style=flow, indent=indent)
    assert "&id001" in text
    log = ProblemLog()
    assert load_text(text, "a.yaml", log) == []
    assert [problem.message for problem in log.shown()] == [ANCHORS_REFUSED]
