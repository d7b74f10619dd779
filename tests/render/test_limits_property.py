"""Arbitrary catalog content through every embed renderer stays within Discord's limits.

Covered: /lab, /search, /top, /compare, /model, /timeline and /coincidences, embeds and
terminal text. The alert renderers (announce, subscriptions) are not covered here yet.

Names of up to 100 characters full of markdown, mentions and CJK, 25 aliases, techniques and
highlights of 300 characters, benchmark maps and event titles of 200 characters are fed to the
renderers, and embed_problems() must find nothing. Terminal renderers must stay in 80 columns.
"""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.dates import PartialDate
from bot.domain.models import EVENT_KINDS, MODEL_KINDS, Event, Lab, Model
from bot.domain.sizes import MAX_SIZE
from bot.render.coincidences import coincidences_embed, coincidences_text
from bot.render.compare import compare_embed, compare_text
from bot.render.lab import lab_embed, lab_text
from bot.render.limits import embed_problems
from bot.render.model import model_embed, model_text
from bot.render.search import search_embed, search_text
from bot.render.text import display_width
from bot.render.timeline import timeline_embed, timeline_text
from bot.render.top import top_embed, top_text
from bot.services.coincidences import Coincidences
from bot.services.compare import MAX_MODELS, MIN_MODELS, Comparison, build
from bot.services.lab import Bucket, LabProfile
from bot.services.model import Neighbour, Profile, changes, links
from bot.services.pairs import Pair
from bot.services.search import Hit, SearchResult, Tier
from bot.services.timeline import PAGE_SIZE, Entry, Line, Mark, Page, Query
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


@functools.cache
def texts(max_size: int) -> st.SearchStrategy[str]:
    """Non-blank text up to `max_size` characters, heavy on markdown, mentions and CJK."""
    piece = st.one_of(
        st.sampled_from(PIECES),
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    )
    # A few drawn pieces repeated up to a drawn length: long texts stay cheap to generate.
    base = st.lists(piece, min_size=1, max_size=8).map("".join)
    mixed = st.builds(_repeat, base, st.integers(1, max_size))
    return st.one_of(mixed, st.just(WORST)).map(lambda s: ("x" + s.strip())[:max_size].strip())


def _repeat(text: str, length: int) -> str:
    return (text * (length // max(len(text), 1) + 1))[:length]


@functools.cache
def urls() -> st.SearchStrategy[str]:
    path = st.builds(
        _repeat, st.text("abcdefghij/-_.", min_size=1, max_size=12), st.integers(1, 480)
    )
    return path.map(lambda p: f"https://e.org/{p}")


dates = st.builds(
    PartialDate,
    st.integers(1990, 2100),
    st.none() | st.integers(1, 12),
).flatmap(
    lambda d: (
        st.just(d) if d.month is None else st.sampled_from([d, PartialDate(d.year, d.month, 28)])
    )
)
# Sizes up to the bounds the domain accepts (100T parameters, 100M tokens).
sizes = st.none() | st.integers(1, MAX_SIZE["params"])
tokens = st.none() | st.integers(1, MAX_SIZE["tokens"])
MODALITIES = ["text", "image", "video", "audio"]


@st.composite
def models(
    draw: Any, benchmarks: list[str] | None = None, *, prose: bool = True, lists: bool = True
) -> Model:
    """A model with every field drawn; `benchmarks` names a pool shared between models.
    Without `prose`, aliases, highlights and notes stay empty; without `lists`, benchmarks and
    sources do (to draw quickly what a renderer does not show)."""
    names = texts(80) if benchmarks is None else st.sampled_from(benchmarks)
    total = draw(sizes)
    active = draw(st.none() | st.integers(1, total)) if total else None
    return Model.model_validate(
        {
            "slug": "m-" + draw(st.text("abc123.-", max_size=60)).strip(".-") or "m",
            "name": draw(texts(100)),
            "lab": "lab",
            "family": draw(st.none() | texts(100)),
            "aliases": draw(st.lists(texts(100), max_size=25 if prose else 0)),
            "released": str(draw(dates)),
            "kind": draw(st.none() | st.sampled_from(MODEL_KINDS)),
            "open_weights": draw(st.none() | st.booleans()),
            "license": draw(st.none() | texts(100)),
            "params_total": total,
            "params_active": active,
            "context": draw(tokens),
            "max_output": draw(tokens),
            "techniques": draw(st.lists(texts(80), max_size=25)),
            "price_input": draw(st.none() | st.floats(0, 100_000)),
            "price_output": draw(st.none() | st.floats(0, 100_000)),
            "benchmarks": draw(
                st.dictionaries(names, st.floats(-1e6, 1e6), max_size=25 if lists else 0)
            ),
            "input_modalities": draw(st.lists(st.sampled_from(MODALITIES), unique=True)),
            "output_modalities": draw(st.lists(st.sampled_from(MODALITIES), unique=True)),
            "architecture": draw(st.none() | st.sampled_from(["dense", "moe"])),
            "hugging_face": draw(st.none() | texts(200)),
            "paper": draw(st.none() | urls()),
            "highlights": draw(st.lists(texts(300), max_size=25 if prose else 0)),
            "sources": draw(st.lists(urls(), max_size=10 if lists else 0)),
            "notes": draw(st.none() | texts(2000)) if prose else None,
        }
    )


@st.composite
def release_models(draw: Any) -> Model:
    """A model with only what /lab shows of it (name, date, kind, sizes): cheap to draw."""
    total = draw(sizes)
    return Model.model_validate(
        {
            "slug": "m",
            "name": draw(texts(100)),
            "lab": "lab",
            "released": str(draw(dates)),
            "kind": draw(st.none() | st.sampled_from(MODEL_KINDS)),
            "params_total": total,
            "params_active": draw(st.none() | st.integers(1, total)) if total else None,
            "context": draw(tokens),
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
    latest = tuple(draw(st.lists(release_models(), max_size=5)))
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
            value = draw(st.integers(1, 10**14))
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


# ---------------------------------------------------------------- /compare, /model


@st.composite
def comparisons(draw: Any) -> Comparison:
    pool = draw(st.lists(texts(80), min_size=1, max_size=30, unique=True))
    count = draw(st.integers(MIN_MODELS, MAX_MODELS))
    chosen = [draw(models(pool, prose=False)) for _ in range(count)]
    chosen = [m.model_copy(update={"slug": f"{m.slug}-{n}"}) for n, m in enumerate(chosen)]
    return build(chosen, [draw(st.none() | labs()) for _ in chosen])


@st.composite
def events(draw: Any) -> Event:
    return Event.model_validate(
        {
            "slug": "e-" + draw(st.text("abc123", max_size=20)),
            "date": str(draw(dates)),
            "lab": "lab",
            "kind": draw(st.sampled_from(EVENT_KINDS)),
            "title": draw(texts(200)),
            "summary": draw(st.none() | texts(1000)),
            "url": draw(st.none() | urls()),
            "sources": draw(st.lists(urls(), max_size=5)),
        }
    )


@st.composite
def model_profiles(draw: Any) -> Profile:
    model = draw(models())
    before = draw(st.none() | models(prose=False, lists=False))
    after = draw(st.lists(models(prose=False, lists=False), max_size=6))
    return Profile(
        model=model,
        lab=draw(st.none() | labs()),
        predecessor=Neighbour(before, changes(before, model)) if before else None,
        missing_predecessor=None if before else draw(st.none() | st.just("gone-model")),
        successors=tuple(Neighbour(m, changes(model, m)) for m in after),
        events=tuple(draw(st.lists(events(), max_size=25))),
        links=links(model),
    )


@EXAMPLES
@given(comparisons())
def test_compare_embed_stays_within_limits(result: Comparison) -> None:
    """/compare's embed fits for four models with every field and 25 shared benchmarks."""
    assert embed_problems([compare_embed(result)]) == []
    assert fits_terminal(compare_text(result))


@EXAMPLES
@given(model_profiles())
def test_model_embed_stays_within_limits(profile: Profile) -> None:
    """/model's embed fits with 25 highlights, techniques, benchmarks, events and successors."""
    assert embed_problems([model_embed(profile)]) == []
    assert fits_terminal(model_text(profile))


# ---------------------------------------------------------------- /timeline, /coincidences

LAB_SLUGS = ["lab", "vs", "other"]

timeline_entries = st.builds(
    Entry,
    entity=st.sampled_from(["model", "event"]),
    slug=st.text("abc-", min_size=1, max_size=64),
    name=texts(200),
    lab=st.sampled_from(LAB_SLUGS),
    lab_name=texts(100),
    date=dates,
    kind=st.none() | st.sampled_from(MODEL_KINDS + EVENT_KINDS),
)
lab_names = st.fixed_dictionaries({slug: texts(100) for slug in LAB_SLUGS})


@st.composite
def pages(draw: Any) -> Page:
    query = Query(
        lab=draw(st.none() | st.just("lab")),
        vs=draw(st.none() | st.just("vs")),
        since=draw(st.none() | dates),
        until=draw(st.none() | dates),
        kind=draw(st.none() | st.sampled_from(MODEL_KINDS)),
        lab_names=draw(lab_names),
    )
    marks = st.lists(st.builds(Mark, timeline_entries, st.integers(-365, 365)), max_size=6)
    lines = draw(st.lists(st.builds(Line, timeline_entries, marks.map(tuple)), max_size=PAGE_SIZE))
    pages_count = draw(st.integers(1, 10_000))
    return Page(
        query=query,
        lines=tuple(lines),
        number=draw(st.integers(1, pages_count)),
        pages=pages_count,
        total=len(lines) + draw(st.integers(0, 10**6)),
    )


@st.composite
def coincidence_results(draw: Any) -> Coincidences:
    pairs = draw(
        st.lists(
            st.builds(Pair, timeline_entries, timeline_entries, st.integers(0, 365)), max_size=60
        )
    )
    return Coincidences(
        window_days=draw(st.integers(0, 365)),
        pairs=tuple(pairs),
        lab=draw(st.none() | st.just("lab")),
        vs=draw(st.none() | st.just("vs")),
        since=draw(st.none() | dates),
        skipped=draw(st.integers(0, 10**6)),
        lab_names=draw(lab_names),
    )


@EXAMPLES
@given(pages())
def test_timeline_embed_stays_within_limits(page: Page) -> None:
    """A timeline page of ten 200-character titles, each with coincidence marks, fits."""
    assert embed_problems([timeline_embed(page)]) == []
    assert fits_terminal(timeline_text(page))


@EXAMPLES
@given(coincidence_results())
def test_coincidences_embed_stays_within_limits(result: Coincidences) -> None:
    """Sixty coincidences between entries with long names fit in one embed."""
    assert embed_problems([coincidences_embed(result)]) == []
    assert fits_terminal(coincidences_text(result))
