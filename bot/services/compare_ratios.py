"""The ratios line of /compare: "A has 1.6x the total parameters, about 1.5x the active ones,
4x the context of B", from the largest and smallest known value of each metric."""

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

    def phrase(self, noun: str) -> str:
        if self.value == 1:
            return f"the same {noun}"
        about = "" if self.exact else "about "
        return f"{about}{self.shown}x the {noun}"


RATIO_METRICS: tuple[tuple[str, str, str], ...] = (
    ("params_total", "total parameters", "total ones"),
    ("params_active", "active parameters", "active ones"),
    ("context", "context", "context"),
)


def ratios_of(models: Sequence[Model]) -> list[Ratio]:
    """For each metric known for two or more models, the largest over the smallest."""
    found = []
    for metric, _, _ in RATIO_METRICS:
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


def ratios_line(ratios: Sequence[Ratio], names: Sequence[str]) -> str:
    """Ratios grouped by pair of models: "A has 1.6x the total parameters, about 1.5x the
    active ones, 4x the context of B"; equal values say so ("A and B have the same context").
    Empty when no metric is known for two models."""
    nouns = {metric: (noun, short) for metric, noun, short in RATIO_METRICS}
    groups: dict[tuple[int, int, bool], list[Ratio]] = {}
    for ratio in ratios:
        groups.setdefault((ratio.larger, ratio.smaller, ratio.value == 1), []).append(ratio)
    sentences = []
    for (larger, smaller, same), group in groups.items():
        phrases = []
        previous: str | None = None
        for ratio in group:
            noun, short = nouns[ratio.metric]
            follows = previous == "params_total" and ratio.metric == "params_active"
            noun = short if follows else noun
            phrases.append(noun if same else ratio.phrase(noun))
            previous = ratio.metric
        joined = _join(phrases) if not same else "the same " + _join(phrases, last=" and ")
        if not same:
            sentences.append(f"{names[larger]} has {joined} of {names[smaller]}")
        elif group[0].known == 2:
            sentences.append(f"{names[larger]} and {names[smaller]} have {joined}")
        elif group[0].known == len(names):
            sentences.append(f"all {len(names)} have {joined}")
        else:
            sentences.append(f"the {group[0].known} known have {joined}")
    if sentences and sentences[0].startswith(("all ", "the ")):
        sentences[0] = sentences[0][0].upper() + sentences[0][1:]
    return "; ".join(sentences) + ("." if sentences else "")


def _join(phrases: Sequence[str], last: str = ", ") -> str:
    """ "a", "a and b", "a, b, c" (or "a, b and c" with last=" and ")."""
    if len(phrases) == 2:
        return f"{phrases[0]} and {phrases[1]}"
    if len(phrases) > 2:
        return ", ".join(phrases[:-1]) + last + phrases[-1]
    return phrases[0]
