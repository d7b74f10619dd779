"""Human sizes: "1.6T" parameters (decimal) and "256K" context windows (binary, as labs use them).

Parameters use decimal units (1.6T = 1,600,000,000,000). Context and output lengths use
binary units (256K = 262,144; 1M = 1,048,576) because that is how labs quote them. An exact
integer is always accepted and kept exactly; display rounds back to the unit ("262,144" -> 256K).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from bot.domain.errors import Phrase, Phrased, brief, phrase

SizeKind = Literal["params", "tokens"]

PARAM_UNITS: dict[str, int] = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
TOKEN_UNITS: dict[str, int] = {"K": 2**10, "M": 2**20}

# The largest plausible sizes: 100T parameters (the largest models published are near 2T) and
# 100M tokens of context or output (the longest documented context is 10M). Anything larger
# is a slip of a unit or of a digit, and would not fit the store's 64-bit integers anyway.
MAX_SIZE: dict[SizeKind, int] = {"params": 100 * PARAM_UNITS["T"], "tokens": 100 * TOKEN_UNITS["M"]}
MAX_SHOWN: dict[SizeKind, str] = {
    "params": "100T parameters (100,000,000,000,000)",
    "tokens": "100M tokens (104,857,600)",
}
# A size is a few characters ("1.6T", "1,048,576"); longer text is not read (nor cached).
_MAX_TEXT = 40

_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]?)\s*$")
_INT_RE = re.compile(r"^\s*\d{1,3}(?:[,_]\d{3})+\s*$|^\s*\d+\s*$")


class SizeError(Phrased, ValueError):
    """A size that cannot be read; the message says what would be accepted."""


def _units(kind: SizeKind) -> dict[str, int]:
    return PARAM_UNITS if kind == "params" else TOKEN_UNITS


def accepted(kind: SizeKind) -> str:
    if kind == "params":
        return 'a whole number or a size such as "49B", "1.6T" or "400M"'
    return 'a whole number of tokens or a size such as "128K", "256K" or "1M" (binary: 1K = 1024)'


def _accepted(kind: SizeKind) -> Phrase:
    return phrase(f"size_accepted_{kind}")


def _bounded(number: int | Decimal, value: object, kind: SizeKind) -> int:
    if number > MAX_SIZE[kind]:
        raise SizeError(
            f"{brief(value)} is more than {MAX_SHOWN[kind]}, the most accepted; "
            "check the number and its unit",
            phrase("size_too_large", value=brief(value), most=MAX_SHOWN[kind]),
        )
    return int(number)


def parse_size(value: object, kind: SizeKind) -> int:
    """Read a size given as an int or a human string; raise SizeError saying what is accepted.

    Sizes above MAX_SIZE are refused, so every size read fits a 64-bit integer."""
    if isinstance(value, bool):
        raise SizeError(f"expected {accepted(kind)}, got {value!r}")
    if isinstance(value, int):
        if value <= 0:
            raise SizeError(f"must be positive, got {brief(value)}; expected {accepted(kind)}")
        return _bounded(value, value, kind)
    if isinstance(value, float):
        if value.is_integer() and value > 0:
            return _bounded(int(value), value, kind)
        raise SizeError(f"expected {accepted(kind)}, got {value!r}")
    if not isinstance(value, str):
        raise SizeError(f"expected {accepted(kind)}, got {type(value).__name__}")
    if len(value) > _MAX_TEXT:
        raise SizeError(
            f"cannot read {brief(value)}; expected {accepted(kind)}",
            phrase("size_unreadable", value=brief(value), accepted=_accepted(kind)),
        )
    return _parse_text(value, kind)


@lru_cache(maxsize=8192)
def _parse_text(value: str, kind: SizeKind) -> int:
    """The text branch of parse_size, cached: catalogs repeat the same few sizes."""
    text = value.strip()
    if text.startswith("-"):
        raise SizeError(
            f"must be positive, got {value!r}; expected {accepted(kind)}",
            phrase("size_positive", value=repr(value), accepted=_accepted(kind)),
        )
    if _INT_RE.match(text):
        number = int(text.replace(",", "").replace("_", ""))
        if number <= 0:
            raise SizeError(
                f"must be positive, got {value!r}; expected {accepted(kind)}",
                phrase("size_positive", value=repr(value), accepted=_accepted(kind)),
            )
        return _bounded(number, value, kind)
    match = _SIZE_RE.match(text)
    if not match:
        raise SizeError(
            f"cannot read {value!r}; expected {accepted(kind)}",
            phrase("size_unreadable", value=repr(value), accepted=_accepted(kind)),
        )
    digits, unit = match.groups()
    units = _units(kind)
    unit = unit.upper()
    if not unit:
        raise SizeError(
            f"{value!r} is not a whole number; expected {accepted(kind)}",
            phrase("size_whole", value=repr(value), accepted=_accepted(kind)),
        )
    if unit not in units:
        raise SizeError(
            f"unknown unit {match.group(2)!r} in {value!r}; expected {accepted(kind)}",
            phrase(
                "size_unit", unit=repr(match.group(2)), value=repr(value), accepted=_accepted(kind)
            ),
        )
    try:
        amount = Decimal(digits) * units[unit]
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise SizeError(
            f"cannot read {value!r}; expected {accepted(kind)}",
            phrase("size_unreadable", value=repr(value), accepted=_accepted(kind)),
        ) from exc
    if amount <= 0:
        raise SizeError(
            f"must be positive, got {value!r}; expected {accepted(kind)}",
            phrase("size_positive", value=repr(value), accepted=_accepted(kind)),
        )
    if amount != amount.to_integral_value():
        raise SizeError(
            f"{value!r} is not a whole number; expected {accepted(kind)}",
            phrase("size_whole", value=repr(value), accepted=_accepted(kind)),
        )
    return _bounded(amount, value, kind)


def _trim(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_size(value: int | None, kind: SizeKind, *, unknown: str = "—") -> str:
    """Show a size with its unit, rounded to three significant digits; None shows as a dash."""
    if value is None:
        return unknown
    for unit, factor in sorted(_units(kind).items(), key=lambda item: item[1], reverse=True):
        rounded = _round_sig(Decimal(value) / factor, 3)
        if rounded >= 1:
            return f"{_trim(rounded)}{unit}"
    return f"{value:,}"


def _round_sig(number: Decimal, digits: int) -> Decimal:
    if number == 0:
        return number
    exponent = number.adjusted() - digits + 1
    return (
        number.quantize(Decimal(1).scaleb(exponent)) if exponent > 0 else round(number, -exponent)
    )


def format_params(value: int | None) -> str:
    return format_size(value, "params")


_DECIMAL_TOKENS = {"M": 10**6, "K": 10**3}


def format_tokens(value: int | None) -> str:
    """A context or output length as its lab counts it: a multiple of 1,000 in decimal units
    (OpenAI's 400,000 -> "400K", 128,000 -> "128K"), a multiple of 1,024 in binary ones
    (131,072 -> "128K"), anything else exactly ("1,047,576")."""
    if value is None or value < 1000:
        return format_size(value, "tokens")
    if value % 1000 == 0:  # before binary: 128,000 is also 125 x 1,024
        for unit, factor in _DECIMAL_TOKENS.items():
            if value >= factor:
                return f"{_trim(Decimal(value) / factor)}{unit}"
    if value % 1024 == 0:
        return format_size(value, "tokens")
    return f"{value:,}"
