"""data/feeds.toml: the filter rules on real-looking names, and the lab mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.catalog.bundled import data_dir
from bot.feeds.config import FeedsConfigError, load_config, parse_config

CONFIG = load_config()

# (organisation, repo name, tags) -> is it a release?
HF_NAMES = [
    ("deepseek-ai", "DeepSeek-V3.2-Exp", (), True),
    ("deepseek-ai", "DeepSeek-V3.2-Exp-Base", (), True),
    ("deepseek-ai", "DeepSeek-R1-0528", (), True),
    (
        "deepseek-ai",
        "DeepSeek-R1-Distill-Qwen-7B",
        ("base_model:finetune:Qwen/Qwen2.5-Math-7B",),
        True,
    ),
    ("deepseek-ai", "DeepSeek-V3-0324-GGUF", (), False),
    ("moonshotai", "Kimi-K2-Instruct", (), True),
    ("moonshotai", "Kimi-K2-Base", (), True),
    ("moonshotai", "Kimi-K2-Thinking", (), True),
    ("Qwen", "Qwen3-235B-A22B-Instruct-2507", (), True),
    ("Qwen", "Qwen3-Next-80B-A3B-Thinking", (), True),
    ("Qwen", "Qwen3-Embedding-8B", (), True),
    ("Qwen", "Qwen2.5-Omni-7B", (), True),
    ("Qwen", "Qwen3-8B-FP8", ("base_model:quantized:Qwen/Qwen3-8B",), False),
    ("Qwen", "Qwen3-8B-FP8", (), False),
    ("Qwen", "Qwen3-32B-AWQ", (), False),
    ("Qwen", "Qwen2.5-72B-Instruct-GPTQ-Int4", (), False),
    ("Qwen", "Qwen2.5-7B-Instruct-GPTQ-Int8", (), False),
    ("Qwen", "Qwen3-30B-A3B-GGUF", (), False),
    ("Qwen", "Qwen3-4B-MLX-4bit", (), False),
    ("Qwen", "Qwen3-235B-A22B-Instruct-2507-FP8", (), False),
    ("Qwen", "Qwen2.5-Omni-7B-AWQ", (), False),
    ("zai-org", "GLM-4.6", (), True),
    ("zai-org", "GLM-4.5-Air", (), True),
    ("zai-org", "GLM-4.5-Air-FP8", (), False),
    ("MiniMaxAI", "MiniMax-M2", (), True),
    ("XiaomiMiMo", "MiMo-7B-RL", (), True),
    ("tencent", "Hunyuan-A13B-Instruct", (), True),
    ("tencent", "Hy3-preview", (), True),
    ("tencent", "Hunyuan-A13B-Instruct-GPTQ-Int4", (), False),
    ("tencent", "Hunyuan-7B-Instruct-AWQ-Int4", (), False),
    ("tencent", "HunyuanVideo-Avatar", (), True),
    ("tencent", "SongGeneration", (), False),
    ("baidu", "ERNIE-4.5-300B-A47B-PT", (), True),
    ("baidu", "ERNIE-4.5-300B-A47B-Paddle", (), False),
    ("baidu", "ERNIE-4.5-300B-A47B-W4A8C8-TP4-Paddle", (), False),
    ("meta-llama", "Llama-4-Scout-17B-16E-Instruct", (), True),
    ("meta-llama", "Llama-Guard-4-12B", (), True),
    ("meta-llama", "Llama-4-Maverick-17B-128E-Instruct-FP8", (), False),
    ("meta-llama", "Llama-3.2-1B-Instruct-QLORA_INT4_EO8", (), False),
    ("mistralai", "Mistral-Small-3.1-24B-Instruct-2503", (), True),
    ("mistralai", "Mistral-Large-3-675B-Base-2512", (), True),
    ("mistralai", "Devstral-Small-2505_gguf", (), False),
    ("mistralai", "Magistral-Small-2506_gguf", (), False),
    ("google", "gemma-3-27b-it", (), True),
    ("google", "gemma-3n-E4B-it", (), True),
    ("google", "embeddinggemma-300m", (), True),
    ("google", "gemma-3-27b-it-qat-q4_0-gguf", (), False),
    ("google", "gemma-3-4b-it-qat-q4_0-unquantized", (), False),
    ("google", "gemma-3n-E4B-it-litert-preview", (), False),
    ("google", "siglip2-so400m-patch14-384", (), False),
    ("openai", "gpt-oss-120b", (), True),
    ("openai", "gpt-oss-20b", (), True),
    ("stepfun-ai", "step3", (), True),
    ("stepfun-ai", "step3-fp8", (), False),
    ("ByteDance-Seed", "Seed-OSS-36B-Instruct", (), True),
    ("microsoft", "phi-4", (), True),
    ("microsoft", "Phi-4-mini-flash-reasoning", (), True),
    ("microsoft", "Phi-4-mini-instruct-onnx", (), False),
    ("microsoft", "phi-4-gguf", (), False),
    ("microsoft", "Florence-2-large", (), False),
    ("Qwen", "Qwen3-8B-Eagle3", (), False),
    ("Qwen", "Qwen2.5-VL-7B-Instruct-lora", (), False),
    ("Qwen", "Qwen3-Coder-480B-A35B-Instruct", ("base_model:adapter:Qwen/x",), False),
    ("Qwen", "Qwen3-Coder-480B-A35B-Instruct", ("peft",), False),
    ("Qwen", "Qwen-demo", (), False),
]

OPENROUTER_IDS = [
    ("deepseek/deepseek-v3.2", True),
    ("deepseek/deepseek-r1:free", False),
    ("moonshotai/kimi-k2-thinking", True),
    ("qwen/qwen3-235b-a22b-2507", True),
    ("openai/gpt-4o-2024-11-20", False),
    ("openai/gpt-4o:extended", False),
    ("openai/gpt-5", True),
    ("mistralai/mistral-large-2411", True),
    ("meta-llama/llama-3.1-8b-instruct", True),
    ("z-ai/glm-4.6:exacto", False),
]


@pytest.mark.parametrize(("organisation", "name", "tags", "release"), HF_NAMES)
def test_hugging_face_rules_tell_releases_from_variants(
    organisation: str, name: str, tags: tuple[str, ...], release: bool
) -> None:
    """Each real-looking repo name is a release or not, as the table says."""
    why = CONFIG.huggingface.ignored(organisation, name, list(tags))
    assert (why is None) == release, why


@pytest.mark.parametrize(("model_id", "release"), OPENROUTER_IDS)
def test_openrouter_rules_skip_variants_and_snapshots(model_id: str, release: bool) -> None:
    """Routing variants (:free) and dated snapshots are not new models."""
    assert (CONFIG.openrouter.ignored(model_id) is None) == release


def test_every_lab_in_the_configuration_is_in_the_catalog() -> None:
    """Organisations and authors map to lab slugs of data/labs.yaml, and each lab's own
    Hugging Face organisation is watched."""
    labs = yaml.safe_load((data_dir() / "labs.yaml").read_text(encoding="utf-8"))["labs"]
    slugs = {lab["slug"] for lab in labs}
    assert CONFIG.labs() <= slugs
    for lab in labs:
        if lab.get("hugging_face"):
            assert CONFIG.huggingface.organisations.get(lab["hugging_face"]) == lab["slug"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[huggingface]\nlimit = 0\n", "limit must be a number from 1 to 100"),
        (
            "[huggingface.organisations]\nQwen = 3\n",
            'Qwen must be text, for example Qwen = "deepseek"',
        ),
        ('[huggingface.ignore]\nrules = [{ word = "(" , why = "x" }]\n', "bad regular expression"),
        (
            '[openrouter.ignore]\nrules = [{ wrod = "x", why = "y" }]\n',
            "exactly one of word, name or tag",
        ),
        ("[huggingface\n", "not valid TOML"),
    ],
)
def test_a_broken_configuration_says_what_to_fix(tmp_path: Path, text: str, message: str) -> None:
    """A mistake in feeds.toml is reported with the file and what is expected."""
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FeedsConfigError) as caught:
        load_config(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_an_empty_configuration_watches_nothing() -> None:
    """Without organisations or authors the watchers list nothing."""
    config = parse_config({})
    assert config.huggingface.organisations == {} and config.openrouter.authors == {}
