"""The feed HTTP helpers: Retry-After, telling truncated from malformed JSON, OpenRouter
prices and Hugging Face details read without estimating."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.feeds.errors import FeedError
from bot.feeds.http import decode_json, retry_after_seconds, user_agent
from bot.feeds.huggingface import details_from
from bot.feeds.openrouter import display_name, per_million


def test_retry_after_reads_seconds_and_dates() -> None:
    """Retry-After as seconds or as an HTTP date; nonsense is ignored; a day at most."""
    now = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Fri, 01 May 2026 12:30:00 GMT", now) == 1800
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    assert retry_after_seconds("999999") == 24 * 3600


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b'[{"id": "a/b", "createdAt": "2026-0', "truncated"),
        (b'{"data": [{"id": "x/y"},', "truncated"),
        (b"", "truncated"),
        (b"<html>502 Bad Gateway</html>", "malformed"),
        (b'{"data": [1, 2,, 3]}', "malformed"),
        (b"\xff\xfe", "malformed"),
    ],
)
def test_json_that_stops_early_is_truncated_otherwise_malformed(body: bytes, kind: str) -> None:
    """A body cut short and a body that is not JSON fail with different kinds."""
    with pytest.raises(FeedError) as caught:
        decode_json(body, "http://127.0.0.1/x")
    assert caught.value.kind == kind


def test_prices_become_usd_per_million_tokens() -> None:
    """OpenRouter's per-token strings become per-million prices; free or odd ones are unknown."""
    assert per_million("0.00000027") == 0.27
    assert per_million("0.0000000375") == 0.0375
    assert per_million("0") is None and per_million("-1") is None
    assert per_million("free") is None and per_million(None) is None


def test_display_name_drops_the_author_prefix() -> None:
    """ "DeepSeek: DeepSeek V3.2" is shown as "DeepSeek V3.2"."""
    assert display_name({"name": "DeepSeek: DeepSeek V3.2"}, "x") == "DeepSeek V3.2"
    assert display_name({"name": "GPT-5"}, "x") == "GPT-5"
    assert display_name({}, "gpt-5") == "gpt-5"


def test_details_take_only_what_the_repo_states() -> None:
    """Parameters from safetensors, context from config.json (or its text_config), MoE from
    expert counts; nothing when the repo does not say."""
    assert details_from(
        {"safetensors": {"total": 684_531_386_000}},
        {"max_position_embeddings": 163840, "n_routed_experts": 256},
    ) == {"params_total": 684_531_386_000, "context": 163840, "architecture": "moe"}
    assert details_from(None, {"text_config": {"max_position_embeddings": 131072}}) == {
        "context": 131072
    }
    assert details_from({"safetensors": {"total": 0}}, {"num_experts": 1}) == {}
    assert details_from({"config": {"model_type": "llama"}}, None) == {}


def test_user_agent_names_the_project() -> None:
    """The User-Agent says who is asking, and where to read about it when configured."""
    assert user_agent().startswith("ModelRadar/")
    assert user_agent("https://example.org/radar").endswith("+https://example.org/radar)")
