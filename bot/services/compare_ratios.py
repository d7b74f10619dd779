"""The ratios of /compare: the largest over the smallest known value of each size metric
(the wording, "A has 1.6x the total parameters of B", is render/ratios.py's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from bot.domain.models import Model


@dataclass(frozen=True, slots=True)
class Ratio:
    """`larger` has `value` times the `metric` of `smaller` (indices into the models)."""

    metric: str
    larger: int
    smaller: int
    value: Fraction
    known: int = 2

    @property
    def exact(self) -> bool:
        return Fraction(self.shown) == self.value

    @property
    def shown(self) -> str:
        """The ratio as written: one decimal below 10 ("1.6", "4"), whole numbers above."""
        if self.value < 10:
            text = f"{float(self.value):.1f}"
            return text[:-2] if text.endswith(".0") else text
        return f"{float(self.value):.0f}"


# The metrics compared as ratios, in the order the ratios line reads them.
RATIO_METRICS: tuple[str, ...] = ("params_total", "params_active", "context")


def ratios_of(models: Sequence[Model]) -> list[Ratio]:
    """For each metric known for two or more models, the largest over the smallest."""
    found = []
    for metric in RATIO_METRICS:
        known = [(i, getattr(m, metric)) for i, m in enumerate(models)]
        known = [(i, v) for i, v in known if v is not None]
        if len(known) < 2:
            continue
        larger = max(known, key=lambda item: item[1])
        smaller = min(known, key=lambda item: item[1])
        if larger[1] == smaller[1]:
            larger, smaller = known[0], known[1]
        value = Fraction(larger[1], smaller[1])
        found.append(Ratio(metric, larger[0], smaller[0], value, len(known)))
    return found
