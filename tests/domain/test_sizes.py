"""Human sizes: decimal parameters, binary context windows, exact integers, clear errors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.domain.sizes import (
    MAX_SIZE,
    PARAM_UNITS,
    TOKEN_UNITS,
    SizeError,
    SizeKind,
    format_params,
    format_tokens,
    parse_size,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.6T", 1_600_000_000_000),
        ("49B", 49_000_000_000),
        ("284B", 284_000_000_000),
        ("30.5B", 30_500_000_000),
        ("400M", 400_000_000),
        ("1,600,000,000,000", 1_600_000_000_000),
        (671_000_000_000, 671_000_000_000),
        ("5.1b", 5_100_000_000),
    ],
)
def test_parameters_are_decimal(text: object, expected: int) -> None:
    """Parameter sizes use decimal units and accept exact integers."""
    assert parse_size(text, "params") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("128K", 131_072),
        ("256K", 262_144),
        ("1M", 1_048_576),
        ("384K", 393_216),
        (262_144, 262_144),
        ("1010000", 1_010_000),
        ("10M", 10_485_760),
    ],
)
def test_context_is_binary(text: object, expected: int) -> None:
    """Context sizes use binary units as the labs do (256K = 262,144)."""
    assert parse_size(text, "tokens") == expected


@pytest.mark.parametrize(
    ("value", "kind", "fragment"),
    [
        ("1.6X", "params", "unknown unit 'X'"),
        (-5, "tokens", "must be positive"),
        ("-128K", "tokens", "must be positive"),
        ("1.5", "params", "not a whole number"),
        ("lots", "params", "cannot read 'lots'"),
        (True, "params", "expected"),
        ("2G", "tokens", "unknown unit 'G'"),
        (0, "params", "must be positive"),
    ],
)
def test_bad_sizes_say_what_is_accepted(value: object, kind: str, fragment: str) -> None:
    """A size that cannot be read names the problem and what would be accepted."""
    with pytest.raises(SizeError) as caught:
        parse_size(value, kind)  # type: ignore[arg-type]
    assert fragment in str(caught.value)
    assert "expected" in str(caught.value) or "positive" in str(caught.value)


def test_display_rounds_back_to_the_unit() -> None:
    """Exact numbers display with their unit: 262,144 tokens show as 256K; unknown as a dash."""
    assert format_tokens(262_144) == "256K"
    assert format_tokens(1_048_576) == "1M"
    assert format_tokens(131_072) == "128K"
    assert format_tokens(400_000) == "400K"  # OpenAI and Anthropic count in thousands
    assert format_tokens(200_000) == "200K"
    assert format_tokens(128_000) == "128K"  # 125 x 1,024 too: the decimal reading wins
    assert format_tokens(1_050_000) == "1.05M"
    assert format_tokens(1_047_576) == "1,047,576"  # neither: shown exactly
    assert format_params(1_600_000_000_000) == "1.6T"
    assert format_params(49_000_000_000) == "49B"
    assert format_params(1_040_000_000_000) == "1.04T"
    assert format_params(None) == "—"
    assert format_tokens(None) == "—"


_digits = st.integers(min_value=1, max_value=999)


@given(_digits, st.sampled_from(["K", "M", "B", "T"]), st.integers(min_value=0, max_value=2))
def test_params_round_trip(mantissa: int, unit: str, decimals: int) -> None:
    """Printing a parsed parameter size gives back the same size (up to the 100T bound)."""
    text = f"{mantissa / 10**decimals:g}{unit}" if decimals else f"{mantissa}{unit}"
    assume(Decimal(text[:-1]) * PARAM_UNITS[unit] <= MAX_SIZE["params"])
    value = parse_size(text, "params")
    assert parse_size(format_params(value), "params") == value


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["K", "M"]))
def test_tokens_round_trip(mantissa: int, unit: str) -> None:
    """Printing a parsed context size gives back the same number of tokens."""
    assume(mantissa * TOKEN_UNITS[unit] <= MAX_SIZE["tokens"])
    value = parse_size(f"{mantissa}{unit}", "tokens")
    if value % 1000 == 0:  # also a decimal count (375K = 384,000): shown as one
        assert format_tokens(value) in (f"{value // 1000}K", f"{value / 10**6:g}M")
        return
    assert format_tokens(value) == f"{mantissa}{unit}" or (unit == "K" and mantissa >= 1000)
    assert parse_size(format_tokens(value), "tokens") == value


@given(st.integers(min_value=1, max_value=10**14))
def test_any_exact_integer_is_kept_exactly(value: int) -> None:
    """An exact integer is stored exactly, and its display is within 0.5% of it."""
    assert parse_size(value, "params") == value
    shown = parse_size(format_params(value), "params") if value >= 1000 else value
    assert abs(shown - value) <= value * 0.005


@pytest.mark.parametrize(
    ("value", "kind", "fragment"),
    [
        ("101T", "params", "'101T' is more than 100T parameters (100,000,000,000,000)"),
        (10**14 + 1, "params", "is more than 100T parameters"),
        (2**63, "params", "is more than 100T parameters"),
        (1e300, "params", "1e+300 is more than 100T parameters"),
        ("1" + "0" * 30, "params", "is more than 100T parameters"),
        ("101M", "tokens", "'101M' is more than 100M tokens (104,857,600)"),
        (10**9, "tokens", "is more than 100M tokens"),
        (10**5000, "tokens", "an integer of about 5,000 digits is more than 100M tokens"),
        ("9" * 5000, "tokens", "cannot read '999"),
    ],
    ids=lambda value: str(value)[:12] if not isinstance(value, int) else f"int{value.bit_length()}",
)
def test_implausible_sizes_are_refused_with_the_bound(
    value: object, kind: SizeKind, fragment: str
) -> None:
    """Above 100T parameters or 100M tokens is a slip; the message says the bound."""
    with pytest.raises(SizeError) as caught:
        parse_size(value, kind)
    assert fragment in str(caught.value)
    assert len(str(caught.value)) < 200


def test_the_bounds_are_accepted() -> None:
    assert parse_size("100T", "params") == MAX_SIZE["params"] == 10**14
    assert parse_size("100M", "tokens") == MAX_SIZE["tokens"] == 104_857_600
    assert max(MAX_SIZE.values()) < 2**63
