"""Synthetic catalogs that look like the real one: labs of very different sizes, model names
built as labs build them ("Qwen-Qwen3.2-72B-Instruct", "DeepSeek-R4.1-671B-Reasoning"),
aliases (some of them Chinese), partial dates, sizes in "1.6T"/"256K" form, events linked to
models. Deterministic for a given size, so two runs measure the same data.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# (slug, name, prefix of model names, aliases, families, country)
_REAL_LABS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("deepseek", "DeepSeek", "DeepSeek", ("深度求索", "DeepSeek-AI"), ("V", "R", "Coder"), "China"),
    ("moonshot", "Moonshot AI", "Kimi", ("月之暗面", "Kimi"), ("K", "VL", "Linear"), "China"),
    ("qwen", "Qwen (Alibaba)", "Qwen", ("通义千问", "Alibaba"), ("Qwen", "QwQ", "Omni"), "China"),
    ("zhipu", "Z.ai (Zhipu AI)", "GLM", ("智谱", "Zhipu"), ("GLM", "CogVLM", "Z"), "China"),
    ("minimax", "MiniMax", "MiniMax", ("稀宇科技", "MiniMax AI"), ("M", "Text", "VL"), "China"),
    ("mistral", "Mistral AI", "Mistral", ("Mistral",), ("Large", "Small", "Codestral"), "France"),
    ("meta", "Meta AI", "Llama", ("FAIR", "Meta"), ("Llama", "Code Llama", "Scout"), "USA"),
    ("google", "Google DeepMind", "Gemma", ("DeepMind",), ("Gemma", "Gemini", "PaLM"), "UK"),
    ("openai", "OpenAI", "GPT", ("Open AI",), ("GPT", "o", "gpt-oss"), "USA"),
    ("xiaomi", "Xiaomi MiMo", "MiMo", ("小米", "MiMo"), ("MiMo", "MiMo-VL", "MiMo-Audio"), "China"),
)
_FIRST = (
    "Nova", "Helix", "Aurora", "Quanta", "Vertex", "Lumen", "Stellar", "Orbit", "Cobalt",
    "Zenith", "Atlas", "Polaris", "Sable", "Ember", "Tidal", "Cirrus", "Falcon", "Juniper",
    "Kestrel", "Lyra", "Meridian", "Nimbus", "Onyx", "Prism", "Quill", "Raven", "Solace",
    "Tessera", "Umbra", "Vesper",
)  # fmt: skip
_SECOND = ("AI", "Labs", "Research", "Intelligence", "Systems", "Foundry", "Works")
_CJK = "星辰智能天工云海光源灵犀元象深度求索月之暗面通义千问百川零一万物阶跃"
_CJK_TAIL = ("智能", "科技", "人工智能", "实验室")
_FAMILY_WORDS = ("Nx", "Sigma", "Flux", "Titan", "Echo", "Spark", "Core", "Vista", "Muse")
_VARIANTS = ("Instruct", "Base", "Chat", "Reasoning", "Coder", "Vision", "Pro", "Flash", "Mini")
_KINDS = {
    "Instruct": "chat",
    "Base": "base",
    "Chat": "chat",
    "Reasoning": "reasoning",
    "Coder": "code",
    "Vision": "multimodal",
    "Pro": "reasoning",
    "Flash": "chat",
    "Mini": "chat",
}
_SIZES = ("0.5B", "1.5B", "3B", "7B", "8B", "14B", "32B", "70B", "72B", "235B", "671B", "1T")
_CONTEXTS = ("8K", "32K", "128K", "256K", "1M")
_LICENSES = ("MIT", "Apache-2.0", "Llama 3 Community", "proprietary", "Qwen License")
_TECHNIQUES = ("MoE", "MLA", "GQA", "RoPE", "Muon", "FP8", "sparse attention", "RLHF", "DPO")
_BENCHMARKS = ("MMLU", "GPQA Diamond", "SWE-bench Verified", "AIME 2025", "LiveCodeBench")
_EVENT_KINDS = ("paper", "announcement", "talk", "release", "report")
_FIRST_DAY = dt.date(2018, 1, 1)
_LAST_DAY = dt.date(2026, 6, 30)


@dataclass(slots=True)
class SynthCatalog:
    """A generated catalog in the import format, and where its files were written."""

    size: int
    labs: list[dict[str, Any]] = field(default_factory=list)
    models: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    json_path: Path | None = None
    yaml_path: Path | None = None

    def document(self) -> dict[str, list[dict[str, Any]]]:
        return {"labs": self.labs, "models": self.models, "events": self.events}

    @property
    def entries(self) -> int:
        """Timeline entries: models and events."""
        return len(self.models) + len(self.events)

    def biggest_labs(self, n: int = 2) -> list[str]:
        counts: dict[str, int] = {}
        for model in self.models:
            counts[model["lab"]] = counts.get(model["lab"], 0) + 1
        return sorted(counts, key=lambda slug: -counts[slug])[:n]


def _lab_count(models: int) -> int:
    """About the square root of the catalog's size: 32 labs at 1k, 100 at 10k, 316 at 100k."""
    return max(len(_REAL_LABS) + 2, round(models**0.5))


def _labs(rng: random.Random, count: int) -> list[tuple[dict[str, Any], str, tuple[str, ...]]]:
    labs: list[tuple[dict[str, Any], str, tuple[str, ...]]] = []
    for slug, name, prefix, aliases, families, country in _REAL_LABS[:count]:
        lab = {
            "slug": slug,
            "name": name,
            "aliases": list(aliases),
            "country": country,
            "homepage": f"https://{slug}.example.com",
            "hugging_face": prefix.lower() + "-ai",
            "sources": [f"https://huggingface.co/{prefix.lower()}-ai"],
        }
        labs.append((lab, prefix, families))
    n = 0
    while len(labs) < count:
        first = _FIRST[n % len(_FIRST)]
        second = _SECOND[(n // len(_FIRST)) % len(_SECOND)]
        generation = n // (len(_FIRST) * len(_SECOND))
        name = f"{first} {second}" + (f" {generation + 1}" if generation else "")
        slug = name.lower().replace(" ", "-")
        prefix = (
            first + ("" if second == "AI" else second) + (str(generation + 1) if generation else "")
        )
        aliases = [f"{first}{second}"]
        if rng.random() < 0.3:
            aliases.append("".join(rng.sample(_CJK, 2)) + rng.choice(_CJK_TAIL))
        families = tuple(rng.sample(_FAMILY_WORDS, 3))
        lab = {
            "slug": slug,
            "name": name,
            "aliases": aliases,
            "country": rng.choice(("China", "USA", "France", "UK", "Korea", "UAE")),
            "hugging_face": prefix,
            "sources": [f"https://huggingface.co/{prefix}"],
        }
        labs.append((lab, prefix, families))
        n += 1
    return labs


def _date(rng: random.Random) -> tuple[str, dt.date | None]:
    """A release date, denser towards the present; 80% to the day, 15% month, 5% year."""
    span = (_LAST_DAY - _FIRST_DAY).days
    day = _FIRST_DAY + dt.timedelta(days=int(span * rng.random() ** 0.5))
    roll = rng.random()
    if roll < 0.80:
        return day.isoformat(), day
    if roll < 0.95:
        return day.strftime("%Y-%m"), None
    return str(day.year), None


def generate(size: int, seed: int = 6) -> SynthCatalog:
    """A catalog of `size` models, about `size` / 10 events and √size labs."""
    rng = random.Random(seed * 1_000_003 + size)
    catalog = SynthCatalog(size)
    labs = _labs(rng, _lab_count(size))
    catalog.labs = [lab for lab, _, _ in labs]
    # Zipf-like shares: the first labs (DeepSeek, Moonshot, ...) are the busiest.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(labs))]
    counters: dict[tuple[int, int], int] = {}
    last_in_family: dict[tuple[int, int], str] = {}
    by_lab: dict[str, list[tuple[str, str]]] = {}
    picks = rng.choices(range(len(labs)), weights=weights, k=size)
    for pick in picks:
        lab, prefix, families = labs[pick]
        family_no = rng.randrange(len(families))
        family = families[family_no]
        k = counters.get((pick, family_no), 0)
        counters[(pick, family_no)] = k + 1
        version = f"{1 + k // 36}.{(k // 9) % 4}" if k >= 9 else str(1 + k // 9)
        variant = _VARIANTS[k % len(_VARIANTS)]
        params = _SIZES[(k * 7 + pick) % len(_SIZES)]
        family_name = f"{family}{version}" if len(family) <= 3 else f"{family} {version}"
        name = f"{prefix}-{family_name.replace(' ', '-')}-{params}-{variant}"
        slug = name.lower().replace(" ", "-").replace("(", "").replace(")", "")
        released, day = _date(rng)
        model: dict[str, Any] = {
            "slug": slug,
            "name": name,
            "lab": lab["slug"],
            "family": f"{prefix} {family_name}",
            "released": released,
            "released_as": rng.choice(("weights", "api", "announced")),
            "kind": _KINDS[variant],
            "open_weights": rng.random() < 0.7,
            "params_total": params,
            "context": rng.choice(_CONTEXTS),
            "input_modalities": ["text", "image"] if variant == "Vision" else ["text"],
            "output_modalities": ["text"],
            "hugging_face": f"{lab['hugging_face']}/{name}",
            "sources": [f"https://huggingface.co/{lab['hugging_face']}/{name}"],
        }
        if params in ("235B", "671B", "1T"):
            model["architecture"] = "moe"
            model["params_active"] = rng.choice(("22B", "32B", "37B"))
        else:
            model["architecture"] = "dense"
        if rng.random() < 0.6:
            model["license"] = rng.choice(_LICENSES)
        if rng.random() < 0.5:
            model["techniques"] = rng.sample(_TECHNIQUES, 2)
        if rng.random() < 0.3:
            model["price_input"] = round(rng.uniform(0.05, 15), 2)
            model["price_output"] = round(model["price_input"] * rng.choice((2, 3, 4)), 2)
        if rng.random() < 0.2:
            model["benchmarks"] = {
                b: round(rng.uniform(20, 95), 1) for b in rng.sample(_BENCHMARKS, 2)
            }
        aliases = []
        if rng.random() < 0.3:
            aliases.append(f"{family_name} {params} {variant}")
        if lab["country"] == "China" and rng.random() < 0.15:
            cjk = next((a for a in lab["aliases"] if not a.isascii()), "模型")
            aliases.append(f"{cjk}{family_name}-{params}")
        if aliases:
            model["aliases"] = aliases
        previous = last_in_family.get((pick, family_no))
        if previous and rng.random() < 0.5:
            model["predecessor"] = previous
        last_in_family[(pick, family_no)] = slug
        catalog.models.append(model)
        by_lab.setdefault(lab["slug"], []).append((slug, released if day else ""))
    for n in range(size // 10):
        lab, prefix, _ = labs[rng.choices(range(len(labs)), weights=weights)[0]]
        kind = rng.choice(_EVENT_KINDS)
        mine = by_lab.get(lab["slug"], [])
        linked = rng.sample(mine, min(len(mine), rng.choice((0, 1, 1, 2))))
        date = next((released for _, released in linked if released), None) or _date(rng)[0]
        event: dict[str, Any] = {
            "slug": f"{lab['slug']}-{kind}-{n}",
            "date": date,
            "lab": lab["slug"],
            "kind": kind,
            "title": f"{prefix} {kind} #{n}: " + rng.choice(_TECHNIQUES) + " at scale",
            "sources": [f"https://{lab['slug']}.example.com/{kind}/{n}"],
        }
        if linked:
            event["models"] = [slug for slug, _ in linked]
        catalog.events.append(event)
    return catalog


def write_files(catalog: SynthCatalog, folder: Path, *, yaml_file: bool) -> None:
    """Write the catalog as one JSON import file and, if asked, one YAML import file."""
    folder.mkdir(parents=True, exist_ok=True)
    catalog.json_path = folder / f"catalog-{catalog.size}.json"
    catalog.json_path.write_text(
        json.dumps(catalog.document(), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    if yaml_file:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        catalog.yaml_path = folder / f"catalog-{catalog.size}.yaml"
        with catalog.yaml_path.open("w", encoding="utf-8") as out:
            yaml.dump(catalog.document(), out, Dumper=dumper, allow_unicode=True, sort_keys=False)
