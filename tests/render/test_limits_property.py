"""Arbitrary catalog content through every embed renderer stays within Discord's limits.

Names of up to 100 characters full of markdown, mentions and CJK, 25 aliases, techniques and
highlights of 300 characters, benchmark maps and event titles of 200 characters are fed to the
renderers, and embed_problems() must find nothing. Terminal renderers must stay in 80 columns.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.dates import PartialDate
from bot.domain.models import EVENT_KINDS, MODEL_KINDS, Lab, Model
from bot.render.lab import lab_embed, lab_text
from bot.render.limits import embed_problems
from bot.render.search import search_embed, search_text
from bot.render.text import display_width
from bot.render.top import top_embed, top_text
from bot.services.lab_profile import Bucket, LabProfile
from bot.services.search import Hit, SearchResult, Tier
from bot.services.top import METRICS, Ranked, TopResult

EXAMPLES = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<#1>",
    "**",
    "__",
    "*",
    "_",
    "`",
    "```",
    "~~",
    "||",
    "> ",
    "# ",
    "- ",
    "[x](https://e.org)",
    "\\",
    "深度求索",
    "月之暗面",
    "模型",
    "ＤｅｅｐＳｅｅｋ",
    "é",
    "Kimi",
    "V4",
    " ",
    "-",
    ".",
    "😀",
]
WORST = "*_`@everyone 深|~>" * 40


def texts(max_size: int) -> st.SearchStrategy[str]:
    """Non-blank text up to `max_size` characters, heavy on markdown, mentions and CJK."""
    piece = st.one_of(
        st.sampled_from(PIECES),
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    )
    mixed = st.lists(piece, min_size=1, max_size=max_size).map("".join)
    return st.one_of(mixed, st.just(WORST)).map(lambda s: ("x" + s.strip())[:max_size].strip())


def urls() -> st.SearchStrategy[str]:
    return st.text("abcdefghij/-_.", min_size=1, max_size=480).map(lambda p: f"https://e.org/{p}")


dates = st.builds(
    PartialDate,
    st.integers(1990, 2100),
    st.none() | st.integers(1, 12),
).flatmap(
    lambda d: (
        st.just(d) if d.month is None else st.sampled_from([d, PartialDate(d.year, d.month, 28)])
    )
)
sizes = st.none() | st.integers(1, 10**15)


@st.composite
def models(draw: Any) -> Model:
    total = draw(sizes)
    active = draw(st.none() | st.integers(1, total)) if total else None
    return Model.model_validate(
        {
            "slug": "m-" + draw(st.text("abc123.-", max_size=60)).strip(".-") or "m",
            "name": draw(texts(100)),
            "lab": "lab",
            "family": draw(st.none() | texts(100)),
            "aliases": draw(st.lists(texts(100), max_size=25)),
            "released": str(draw(dates)),
            "kind": draw(st.none() | st.sampled_from(MODEL_KINDS)),
            "open_weights": draw(st.none() | st.booleans()),
            "license": draw(st.none() | texts(100)),
            "params_total": total,
            "params_active": active,
            "context": draw(sizes),
            "max_output": draw(sizes),
            "techniques": draw(st.lists(texts(80), max_size=25)),
            "price_input": draw(st.none() | st.floats(0, 100_000)),
            "price_output": draw(st.none() | st.floats(0, 100_000)),
            "benchmarks": draw(st.dictionaries(texts(80), st.floats(-1e6, 1e6), max_size=25)),
            "highlights": draw(st.lists(texts(300), max_size=25)),
            "sources": draw(st.lists(urls(), max_size=10)),
            "notes": draw(st.none() | texts(2000)),
        }
    )


@st.composite
def labs(draw: Any) -> Lab:
    return Lab.model_validate(
        {
            "slug": "lab",
            "name": draw(texts(100)),
            "aliases": draw(st.lists(texts(100), max_size=25)),
            "country": draw(st.none() | texts(60)),
            "homepage": draw(st.none() | urls()),
            "hugging_face": draw(st.none() | texts(100)),
            "sources": draw(st.lists(urls(), max_size=10)),
            "notes": draw(st.none() | texts(2000)),
        }
    )


@st.composite
def profiles(draw: Any) -> LabProfile:
    latest = tuple(draw(st.lists(models(), max_size=5)))
    buckets = draw(
        st.lists(
            st.builds(
                Bucket,
                st.sampled_from(["2025", "2025 Q1", "2026 Q4"]),
                st.lists(texts(100), max_size=30).map(tuple),
                st.integers(0, 500),
            ),
            max_size=40,
        )
    )
    count = draw(st.integers(len(latest), 10_000))
    known = draw(st.integers(0, count))
    return LabProfile(
        lab=draw(labs()),
        models=count,
        events=draw(st.integers(0, 10_000)),
        open_weights=draw(st.integers(0, known)),
        open_weights_known=known,
        first_release=draw(st.none() | dates),
        latest=latest,
        period=draw(st.sampled_from(["year", "quarter"])),
        timeline=tuple(buckets),
    )


hits = st.builds(
    Hit,
    entity=st.sampled_from(["lab", "model", "event"]),
    slug=st.text("abc-", min_size=1, max_size=64),
    name=texts(200),
    tier=st.sampled_from(list(Tier)),
    matched=st.one_of(st.just(""), texts(100).map(lambda t: "technique " + t)),
    lab=st.none() | texts(100),
    date=st.none() | dates,
    kind=st.none() | st.sampled_from(EVENT_KINDS) | texts(60),
)


@st.composite
def search_results(draw: Any) -> SearchResult:
    found = tuple(draw(st.lists(hits, max_size=50)))
    return SearchResult(
        query=draw(texts(100)), hits=found, total=len(found) + draw(st.integers(0, 10**6))
    )


@st.composite
def top_results(draw: Any) -> TopResult:
    metric = draw(st.sampled_from(list(METRICS)))
    entries = []
    for rank in range(1, draw(st.integers(0, 25)) + 1):
        released = draw(dates)
        if metric == "released":
            value: Any = released
        elif metric.startswith("price"):
            value = draw(st.floats(0, 100_000))
        else:
            value = draw(st.integers(1, 10**15))
        entries.append(
            Ranked(
                rank,
                "slug",
                draw(texts(100)),
                draw(texts(100)),
                draw(st.none() | st.sampled_from(MODEL_KINDS)),
                released,
                value,
            )
        )
    return TopResult(
        metric=metric,
        kind=draw(st.none() | st.sampled_from(MODEL_KINDS)),
        limit=25,
        entries=tuple(entries),
        unknown=draw(st.integers(0, 10**6)),
    )


def fits_terminal(text: str) -> bool:
    return all(display_width(line) <= 80 for line in text.splitlines())


@EXAMPLES
@given(profiles())
def test_lab_renderers_stay_within_limits(profile: LabProfile) -> None:
    """/lab's embed fits Discord's limits and its text fits 80 columns, whatever the lab holds."""
    embed = lab_embed(profile)
    assert embed_problems([embed]) == []
    assert len(embed.fields) == 5  # fitted by budget, not by dropping fields
    assert fits_terminal(lab_text(profile))


@EXAMPLES
@given(search_results())
def test_search_renderers_stay_within_limits(result: SearchResult) -> None:
    """/search's embed fits Discord's limits and its text fits 80 columns for any hits."""
    assert embed_problems([search_embed(result)]) == []
    assert fits_terminal(search_text(result))


@EXAMPLES
@given(top_results())
def test_top_renderers_stay_within_limits(result: TopResult) -> None:
    """/top's embed fits Discord's limits and its text fits 80 columns for 25 long entries."""
    assert embed_problems([top_embed(result)]) == []
    assert fits_terminal(top_text(result))
