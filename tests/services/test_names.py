"""The in-memory name index: autocomplete and resolution of the names people type."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import NotFound
from bot.domain.names import normalize, word_starts
from bot.services.names import MAX_CHOICES, Ambiguous, NameEntry, NameIndex
from bot.store import Store


@pytest.fixture
async def index(store: Store) -> NameIndex:
    return await NameIndex.load(store)


def slugs(choices: list[tuple[str, str]]) -> list[str]:
    return [value for _, value in choices]


@pytest.mark.parametrize(
    "typed", ["deepseek v4 pro", "DeepSeek-V4-Pro", "v4pro", "DEEPSEEK.V4.PRO", "deepseek_v4-pro"]
)
async def test_autocomplete_ignores_case_spaces_dashes_and_dots(
    index: NameIndex, typed: str
) -> None:
    """However the separators and case are typed, DeepSeek-V4-Pro is the first choice."""
    assert slugs(index.complete(typed, "model"))[0] == "deepseek-v4-pro"


@pytest.mark.parametrize(("typed", "slug"), [("月之暗面", "moonshot"), ("深度求索", "deepseek")])
async def test_autocomplete_finds_labs_by_chinese_name(
    index: NameIndex, typed: str, slug: str
) -> None:
    """A lab's Chinese name, typed in full or in part, offers that lab."""
    assert slugs(index.complete(typed, "lab"))[0] == slug
    assert slug in slugs(index.complete(typed[:2], "lab"))


async def test_autocomplete_puts_prefix_matches_before_later_word_matches() -> None:
    """Names starting with the typed text come before names where a later word matches."""
    entries = [
        NameEntry("model", "alpha-pro", "Alpha Pro", released="2026-01-01"),
        NameEntry("model", "pro-max", "Pro Max", released="2024-01-01"),
    ]
    index = NameIndex(entries, {})
    assert slugs(index.complete("pro", "model")) == ["pro-max", "alpha-pro"]


async def test_autocomplete_offers_at_most_25_short_choices(index: NameIndex) -> None:
    """Empty and one-letter inputs on the real catalog stay within Discord's 25 choices."""
    for typed in ("", "d", "k", "q"):
        choices = index.complete(typed, "model")
        assert 0 < len(choices) <= MAX_CHOICES
        assert all(len(label) <= 100 and len(value) <= 100 for label, value in choices)


def synthetic_index(n: int) -> NameIndex:
    entries = [
        NameEntry(
            "model",
            f"model-{i:04d}",
            f"Model {i:04d} " + "with a very long descriptive name " * 4,
            lab="lab",
            family=f"Family {i % 7}",
            released=f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}",
        )
        for i in range(n)
    ]
    aliases: dict[tuple[str, str], list[str]] = {
        ("model", e.slug): [f"alias {e.slug}", "模型" + e.slug[-4:]] for e in entries
    }
    return NameIndex(entries, aliases)  # type: ignore[arg-type]


async def test_synthetic_index_of_1000_names_keeps_the_limits() -> None:
    """On 1,000 long names, any input gives at most 25 choices with labels within 100 chars."""
    index = synthetic_index(1000)
    for typed in ("", "m", "model", "model 0", "alias", "模型", "with a very", "family 3"):
        choices = index.complete(typed, "model")
        assert len(choices) <= MAX_CHOICES
        assert all(len(label) <= 100 and len(value) <= 100 for label, value in choices)
    assert len(index.complete("model", "model")) == MAX_CHOICES
    assert slugs(index.complete("model 0042", "model"))[0] == "model-0042"
    assert index.complete("x" * 500, "model") == []


async def test_unknown_name_is_not_found_with_up_to_three_suggestions(index: NameIndex) -> None:
    """A misspelt model name raises NotFound suggesting at most three close slugs."""
    with pytest.raises(NotFound) as caught:
        index.resolve("deepsek v3", "model")
    assert 0 < len(caught.value.suggestions) <= 3
    assert "deepseek-v3" in caught.value.suggestions
    assert "deepseek-v3" in str(caught.value)


async def test_gibberish_is_not_found(index: NameIndex) -> None:
    """A name like nothing in the catalog is NotFound, for models and for labs."""
    for entity in ("model", "lab"):
        with pytest.raises(NotFound):
            index.resolve("zzqxv", entity)  # type: ignore[arg-type]


async def test_family_name_is_ambiguous_and_lists_its_models(index: NameIndex) -> None:
    """ "claude 4.5" names a family of three models: Ambiguous, listing them."""
    with pytest.raises(Ambiguous) as caught:
        index.resolve("claude 4.5", "model")
    slugs = {"claude-sonnet-4.5", "claude-haiku-4.5", "claude-opus-4.5"}
    assert {m.slug for m in caught.value.matches} == slugs
    assert all(slug in str(caught.value) for slug in slugs)


async def test_an_exact_alias_wins_over_a_family_of_the_same_name(index: NameIndex) -> None:
    """ "DeepSeek V4" is V4-Pro's alias and also the family of V4-Flash: the alias wins."""
    assert index.resolve("DeepSeek V4", "model").slug == "deepseek-v4-pro"


@pytest.mark.parametrize("typed", ["kimi-k2", "Kimi K2", "glm-5", "GLM 5"])
async def test_exact_slug_or_name_wins_over_a_family_of_the_same_name(
    index: NameIndex, typed: str
) -> None:
    """Kimi K2 and GLM-5 share their names with their families; the model itself resolves."""
    assert index.resolve(typed, "model").slug == typed.lower().replace(" ", "-")


async def test_exact_slug_wins(index: NameIndex) -> None:
    """Every model's and lab's own slug resolves to it."""
    for entry in index.entries:
        assert index.resolve(entry.slug, entry.entity).slug == entry.slug


async def test_labs_resolve_by_alias(index: NameIndex) -> None:
    """Chinese names and short aliases resolve to their lab."""
    assert index.resolve("月之暗面", "lab").slug == "moonshot"
    assert index.resolve("深度求索", "lab").slug == "deepseek"
    assert index.resolve("DeepSeek AI", "lab").slug == "deepseek"


# ---------------------------------------------------------------- brute force


_WORDS = ["DeepSeek", "V4", "Pro", "Kimi", "K2.6", "Qwen3", "coder", "7B", "Über", "深度", "a1"]
_SEPARATORS = ["-", " ", ".", "_", ""]


@st.composite
def _catalog(draw: st.DrawFn) -> list[tuple[NameEntry, list[str]]]:
    count = draw(st.integers(min_value=1, max_value=12))
    entries = []
    for n in range(count):
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
        sep = draw(st.sampled_from(_SEPARATORS))
        name = f"{sep.join(words)} {n}"  # unique names: no ties in the ranking
        day = draw(st.integers(min_value=1, max_value=28))
        alias_words = draw(st.lists(st.sampled_from(_WORDS), max_size=2))
        aliases = [" ".join(alias_words)] if alias_words else []
        entry = NameEntry("model", f"m{n}-{day}", name, released=f"2025-01-{day:02d}")
        entries.append((entry, aliases))
    return entries


def _brute_force(catalog: list[tuple[NameEntry, list[str]]], typed: str) -> list[str]:
    """Every entry one of whose names, from any word start, begins with what was typed:
    exact names first, then names or slugs starting with it, then later words; newest
    first, then by name."""
    norm = normalize(typed)
    ranked = []
    for entry, aliases in catalog:
        names = [entry.slug, entry.name, *aliases]
        if not any(key.startswith(norm) for name in names for key in word_starts(name)):
            continue
        exact = any(normalize(name) == norm for name in names)
        flat = entry.slug.replace("-", "").replace(".", "")
        leading = normalize(entry.name).startswith(norm) or flat.startswith(norm)
        day = int(entry.released[-2:])
        ranked.append(((not exact) * 2 + (not leading), -day, entry.name, entry.slug))
    return [slug for *_, slug in sorted(ranked)]


@given(_catalog(), st.sampled_from([*_WORDS, "deep", "k2", "v4p", "1", "über", "深"]))
def test_matches_agree_with_a_brute_force_search(
    catalog: list[tuple[NameEntry, list[str]]], typed: str
) -> None:
    """The sorted-suffix index finds and ranks exactly what a scan of every name would."""
    index = NameIndex(
        [entry for entry, _ in catalog],
        {("model", entry.slug): aliases for entry, aliases in catalog},
    )
    found = [e.slug for e in index.matches(typed, "model", limit=len(catalog) + 1)]
    assert found == _brute_force(catalog, typed)
