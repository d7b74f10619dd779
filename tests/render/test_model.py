"""/model's renderers: what the embed shows, dashes for unknowns, limits, terminal width."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.models import Event, Lab, Model
from bot.render.limits import embed_problems
from bot.render.model import model_embed, model_text
from bot.render.text import DASH, display_width
from bot.services.model import Neighbour, Profile, changes, links

LONG = "Ultra*Mega_Model `@everyone` 深度求索 ~~Preview~~ "


def model(slug: str, name: str | None = None, **fields: Any) -> Model:
    data = {"slug": slug, "name": name or slug.upper(), "lab": "alpha", "released": "2025-01-01"}
    return Model.model_validate({**data, **fields})


def make(subject: Model, before: Model | None = None, after: list[Model] | None = None,
         events: list[Event] | None = None) -> Profile:  # fmt: skip
    lab = Lab.model_validate({"slug": "alpha", "name": "Alpha Lab"})
    return Profile(
        model=subject,
        lab=lab,
        predecessor=Neighbour(before, changes(before, subject)) if before else None,
        missing_predecessor=None,
        successors=tuple(Neighbour(m, changes(subject, m)) for m in after or []),
        events=tuple(events or []),
        links=links(subject),
    )


def v4() -> Profile:
    pro = model(
        "deepseek-v4-pro",
        "DeepSeek-V4-Pro",
        released="2026-04-24",
        released_as="weights",
        params_total="1.6T",
        params_active="49B",
        context="1M",
        architecture="moe",
        license="MIT",
        open_weights=True,
        techniques=["Muon", "mHC"],
        hugging_face="deepseek-ai/DeepSeek-V4-Pro",
        highlights=["1M context at a tenth of V3.2's KV cache"],
    )
    before = model("deepseek-v3.2", "DeepSeek-V3.2", released="2025-12-01", params_total="685B")
    before = before.model_copy(update={"techniques": ["DSA"], "license": "MIT"})
    return make(pro, before)


def fields(data: dict[str, Any]) -> dict[str, str]:
    return {field["name"]: field["value"] for field in data["fields"]}


def full(index: int) -> Model:
    return model(
        f"m{index}",
        ((LONG * 3)[:98] + str(index))[-100:],
        family="F" * 100,
        aliases=[f"{LONG}{a}"[:100] for a in range(25)],
        released="2025-02-03",
        released_as="weights",
        kind="omni",
        open_weights=True,
        license="L" * 100,
        architecture="moe",
        params_total=f"{index + 1}T",
        params_active=f"{index + 10}B",
        context="1M",
        max_output="128K",
        input_modalities=["text", "image", "video", "audio"],
        output_modalities=["text", "audio"],
        techniques=[f"{LONG}{index} technique {t}"[:80] for t in range(30)],
        hugging_face="org/" + "r" * 190,
        paper="https://arxiv.org/abs/" + "9" * 400,
        price_input=1.25,
        price_output=10.0,
        benchmarks={f"{'Bench_*' * 10}{b:02d}"[:80]: 50.0 + b for b in range(40)},
        highlights=[(LONG * 8)[:300]] * 10,
        sources=[f"https://example.org/{'p/' * 200}{s}" for s in range(20)],
    )


def test_facts_and_predecessor_as_a_user_sees_them() -> None:
    """Sizes, licence and the predecessor with what changed appear in their fields."""
    data = model_embed(v4()).to_dict()
    shown = fields(data)
    assert data["title"] == "DeepSeek-V4-Pro"
    assert data["url"] == "https://huggingface.co/deepseek-ai/DeepSeek-V4-Pro"
    assert data["description"].startswith("Alpha Lab · 24 Apr 2026 (weights)")
    assert (shown["Total params"], shown["Active params"]) == ("1.6T", "49B")
    assert shown["Context window"] == "1M"
    assert shown["Licence"] == "MIT · open weights"
    assert shown["Predecessor"] == (
        "**DeepSeek-V3.2** (1 Dec 2025)\nTotal params 685B → 1.6T\nTechniques +Muon, +mHC, −DSA"
    )
    assert "[Hugging Face](https://huggingface.co/deepseek-ai/DeepSeek-V4-Pro)" in shown["Links"]


def test_unknown_values_show_a_dash() -> None:
    """Unknown max output, price, kind and modalities show as a dash, never as 0."""
    shown = fields(model_embed(v4()).to_dict())
    for name in ("Max output", "Price per 1M tokens", "Kind", "Modalities"):
        assert shown[name] == DASH, name


def test_successors_are_listed_with_their_changes() -> None:
    """A model with two successors names both, each with what it changed."""
    base = model("base", "Base", params_total="7B")
    sooner = model("s1", "Sooner", released="2025-03-01", params_total="14B")
    later = model("s2", "Later", released="2025-06-01", params_total="7B", context="8K")
    value = fields(model_embed(make(base, after=[sooner, later])).to_dict())["Successors (2)"]
    assert "**Sooner** (1 Mar 2025)\nTotal params 7B → 14B" in value
    assert "**Later** (1 Jun 2025)\nno recorded change" in value


def test_everything_at_its_longest_stays_within_limits() -> None:
    """A model with every field at its longest, ten successors and thirty long events fits."""
    events = [
        Event.model_validate(
            {
                "date": "2025-01-01",
                "lab": "alpha",
                "kind": "paper",
                "title": (LONG * 6)[:200],
                "url": "https://example.org/" + "e" * 200,
            }
        )
        for _ in range(30)
    ]
    profile = make(full(0), full(1), [full(i) for i in range(2, 12)], events)
    embed = model_embed(profile)
    assert embed_problems([embed]) == []
    assert "@everyone" not in repr(embed.to_dict())


def test_terminal_profile_fits_80_columns() -> None:
    """The terminal profile of the longest model stays within 80 columns."""
    profile = make(full(0), full(1), [full(2)])
    text = model_text(profile)
    assert max(display_width(line) for line in text.splitlines()) <= 80
    assert "Predecessor: " in text and "Successor: " in text


def test_terminal_profile_lines_up_facts() -> None:
    """Facts are aligned in two columns with dashes for unknowns."""
    lines = model_text(v4()).splitlines()
    assert lines[0] == "DeepSeek-V4-Pro (Alpha Lab)"
    total = next(line for line in lines if line.startswith("Total params"))
    output = next(line for line in lines if line.startswith("Max output"))
    assert total.index("1.6T") == output.index(DASH)
    assert "  Total params 685B → 1.6T" in lines


WIDE = st.text(
    alphabet=st.sampled_from(list("深度求索模型Ａｂ😀*_`@ é-.Kimi V4 ")), min_size=1, max_size=100
).map(lambda s: ("x" + s.strip())[:100])


@settings(max_examples=30, deadline=None)
@given(WIDE, st.lists(WIDE, max_size=4), WIDE, WIDE)
def test_terminal_text_of_arbitrary_content_fits_80_columns(
    name: str, highlights: list[str], technique: str, host: str
) -> None:
    """Wide (CJK) names, highlights, techniques and link hosts stay within 80 columns."""
    subject = model(
        "s",
        name,
        highlights=[h * 3 for h in highlights],
        techniques=[technique[:80]] * 3,
        benchmarks={technique[:80]: 1.0},
        sources=[f"https://{host.replace(' ', '')}.example/{host.replace(' ', '')}"],
    )
    before = model("b", name[::-1], techniques=["other"])
    text = model_text(make(subject, before, [before]))
    assert max(display_width(line) for line in text.splitlines()) <= 80
