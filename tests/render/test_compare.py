"""/compare's renderers: the embed a user sees, Discord's limits, dashes, terminal width."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.models import Lab, Model
from bot.render.charts import compare_chart
from bot.render.compare import STAR, compare_embed, compare_text, footer_text
from bot.render.limits import FIELDS, embed_problems
from bot.render.text import DASH, display_width
from bot.services.compare import Comparison, build

LONG = "Ultra*Mega_Model `@everyone` 深度求索 ~~Preview~~ "


def lab(slug: str, name: str | None = None) -> Lab:
    return Lab.model_validate({"slug": slug, "name": name or slug.title()})


def model(slug: str, name: str, **fields: Any) -> Model:
    data = {"slug": slug, "name": name, "lab": "alpha", "released": "2025-01-01"}
    return Model.model_validate({**data, **fields})


def pair() -> Comparison:
    pro = model(
        "deepseek-v4-pro",
        "DeepSeek-V4-Pro",
        lab="deepseek",
        released="2026-04-24",
        params_total="1.6T",
        params_active="49B",
        context="1M",
        max_output="384K",
        architecture="moe",
        license="MIT",
        open_weights=True,
        sources=["https://huggingface.co/deepseek-ai/DeepSeek-V4-Pro"],
    )
    kimi = model(
        "kimi-k2.6",
        "Kimi K2.6",
        lab="moonshot",
        released="2026-04-20",
        params_total="1T",
        params_active="32B",
        context=262144,
        architecture="moe",
        license="Modified MIT",
        open_weights=True,
    )
    return build([pro, kimi], [lab("deepseek", "DeepSeek"), lab("moonshot", "Moonshot AI")])


def full(n: int, index: int) -> Model:
    """A model with every field filled to its longest."""
    return model(
        f"m{index}",
        (LONG * 3)[:99] + str(index),
        lab=f"lab{index}",
        family="F" * 100,
        released=f"2025-0{index + 1}-1{index}",
        kind="multimodal",
        open_weights=index % 2 == 0,
        license="L" * 100,
        architecture="moe",
        params_total=f"{index + 1}T",
        params_active=f"{index + 10}B",
        context=f"{index + 1}M",
        max_output=f"{index + 1}28K",
        input_modalities=["text", "image", "video", "audio"],
        output_modalities=["text", "image", "video", "audio"],
        techniques=[f"{LONG}technique {t} " + "*" * 20 for t in range(30)],
        price_input=index + 0.25,
        price_output=index * 3 + 1.5,
        benchmarks={f"{'Benchmark_*' * 6} number {b:02d}": 50.0 + b + index for b in range(40)},
        highlights=["H" * 300] * 10,
        sources=[f"https://example.org/{index}/{'path/' * 80}{s}" for s in range(20)],
    )


def four_full() -> Comparison:
    models = [full(4, i) for i in range(4)]
    labs = [lab(f"lab{i}", ("Lab @here " * 10)[:100]) for i in range(4)]
    return build(models, labs)


def fields(data: dict[str, Any]) -> dict[str, str]:
    return {field["name"]: field["value"] for field in data["fields"]}


def test_a_field_per_row_with_a_line_per_model() -> None:
    """Each row is a field named after it, one bold name and value per model, best starred."""
    data = compare_embed(pair()).to_dict()
    rows = fields(data)
    assert data["title"] == "DeepSeek-V4-Pro vs Kimi K2.6"
    assert rows["Total params"] == f"**DeepSeek-V4-Pro** 1.6T {STAR}\n**Kimi K2.6** 1T"
    assert rows["Context window"] == f"**DeepSeek-V4-Pro** 1M {STAR}\n**Kimi K2.6** 256K"
    assert rows["Released"].startswith(f"**DeepSeek-V4-Pro** 24 Apr 2026 {STAR}")
    assert rows["Architecture"] == "**Both** MoE"
    assert rows["Licence"] == (
        "**DeepSeek-V4-Pro** MIT · open weights\n**Kimi K2.6** Modified MIT · open weights"
    )
    assert all(not field.get("inline") for field in data["fields"])


def test_ratios_and_unknown_rows_in_the_description() -> None:
    """The ratios line leads; rows known for no model are named once instead of dashes."""
    description = compare_embed(pair()).to_dict()["description"]
    assert description.startswith(
        "**DeepSeek-V4-Pro** has 1.6x the total parameters, about 1.5x the active ones, "
        "4x the context of **Kimi K2.6**."
    )
    assert "Not known for any of them: kind, modalities, input price, output price" in (description)
    assert "Input price (per 1M tokens)" not in fields(compare_embed(pair()).to_dict())


def test_unknown_values_show_a_dash_never_zero() -> None:
    """A value one model lacks shows as a dash, and that row marks no best."""
    rows = fields(compare_embed(pair()).to_dict())
    assert rows["Max output"] == f"**DeepSeek-V4-Pro** 384K\n**Kimi K2.6** {DASH}"
    bare = build([model("a", "A", params_total="7B"), model("b", "B")], [None, None])
    row = fields(compare_embed(bare).to_dict())["Total params"]
    assert row == f"**A** 7B\n**B** {DASH}"
    assert "0" not in row.split("\n")[1]


def test_prices_say_their_unit_and_mark_the_cheapest() -> None:
    """Known prices show in dollars per 1M tokens with the cheapest starred."""
    a = model("a", "A", price_input=0.14, price_output=2.19)
    b = model("b", "B", price_input=0.6, price_output=2.5)
    rows = fields(compare_embed(build([a, b], [None, None])).to_dict())
    assert rows["Input price (per 1M tokens)"] == f"**A** $0.14 {STAR}\n**B** $0.60"
    assert rows["Output price (per 1M tokens)"] == f"**A** $2.19 {STAR}\n**B** $2.50"


def test_four_full_models_with_long_names_stay_within_limits() -> None:
    """Four models with every field at its longest, 100-character names and 40 shared
    benchmarks still fit Discord's limits, saying how many benchmarks were left out."""
    embed = compare_embed(four_full())
    assert embed_problems([embed]) == []
    data = embed.to_dict()
    names = [field["name"] for field in data["fields"]]
    assert len(names) <= FIELDS
    assert sum(name.startswith("Benchmark: ") for name in names) >= 5
    assert (
        names[-1]
        == f"{40 - sum(n.startswith('Benchmark: ') for n in names)} more shared benchmarks"
    )
    assert "+" in data["footer"]["text"] and "more" in data["footer"]["text"]


def test_clipped_names_are_numbered_after_a_legend() -> None:
    """When names must be clipped, the description lists them numbered and rows use numbers."""
    data = compare_embed(four_full()).to_dict()
    legend = data["description"].splitlines()[:4]
    assert [line[:3] for line in legend] == ["`1`", "`2`", "`3`", "`4`"]
    released = fields(data)["Released"].splitlines()
    assert [line[:3] for line in released] == ["`1`", "`2`", "`3`", "`4`"]


def test_names_from_the_catalog_are_escaped() -> None:
    """Markdown and @everyone in a model's name are escaped in every part of the embed."""
    data = compare_embed(four_full()).to_dict()
    text = repr(data)
    assert "@everyone" not in text and "@here" not in text
    assert "Ultra\\\\*Mega\\\\_Model" in text


def test_footer_lists_sources_and_is_clipped() -> None:
    """The footer names sources without the scheme and says how many did not fit."""
    assert footer_text(pair()) == "Sources: huggingface.co/deepseek-ai/DeepSeek-V4-Pro"
    long = footer_text(four_full(), budget=200)
    assert len(long) <= 200 and long.endswith("more")


def test_terminal_table_fits_80_columns_with_four_long_names() -> None:
    """The terminal comparison of four long-named models fits 80 columns."""
    text = compare_text(four_full())
    assert max(display_width(line) for line in text.splitlines()) <= 80
    assert "Shared bench" in text and "Techniques" in text
    assert text.startswith("[1] Ultra*Mega_Model")


def test_terminal_table_marks_best_with_a_star_and_unknown_with_a_dash() -> None:
    """Rows read as label, then one column per model; '*' marks the best, a dash unknowns."""
    lines = compare_text(pair()).splitlines()
    assert lines[0] == "DeepSeek-V4-Pro vs Kimi K2.6"
    total = next(line for line in lines if line.startswith("Total params"))
    assert total.split()[2:] == ["1.6T", "*", "1T"]
    output = next(line for line in lines if line.startswith("Max output"))
    assert output.split()[2:] == ["384K", DASH]
    assert any(line.startswith("Input $/1M") and line.count(DASH) == 2 for line in lines)


WIDE = st.text(
    alphabet=st.sampled_from(list("深度求索模型Ａｂ😀*_`@ é-.Kimi V4 ")), min_size=1, max_size=100
).map(lambda s: ("x" + s.strip())[:100])


@st.composite
def drawn_model(draw: Any, index: int) -> Model:
    """A model with wide (CJK) and markdown-heavy text in every text field."""
    total = draw(st.none() | st.integers(1, 10**14))  # the most the domain accepts
    return model(
        f"m{index}",
        draw(WIDE),
        params_total=total,
        params_active=draw(st.none() | st.integers(1, total)) if total else None,
        context=draw(st.none() | st.integers(1, 100 * 2**20)),
        license=draw(st.none() | WIDE),
        techniques=draw(st.lists(WIDE.map(lambda s: s[:80]), max_size=5)),
        benchmarks={"shared " + draw(WIDE)[:60]: draw(st.floats(-1e6, 1e6))},
        sources=[f"https://e.org/{draw(WIDE).replace(' ', '')}"],
    )


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 4).flatmap(lambda n: st.tuples(*(drawn_model(i) for i in range(n)))))
def test_terminal_text_of_arbitrary_models_fits_80_columns(models: tuple[Model, ...]) -> None:
    """Whatever the names and values (CJK counts double), every terminal line fits 80."""
    text = compare_text(build(list(models), [None] * len(models)))
    assert max(display_width(line) for line in text.splitlines()) <= 80


def test_chart_is_a_png_even_with_unknown_sizes() -> None:
    """The chart is PNG bytes with one model's sizes unknown, and with none known at all."""
    bare = model("bare", "Bare")
    png = compare_chart(build([*pair().models, bare], [None, None, None]))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    nothing = compare_chart(build([bare, model("other", "Other")], [None, None]))
    assert nothing.startswith(b"\x89PNG\r\n\x1a\n")
