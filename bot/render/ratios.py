"""The ratios line of /compare: "A has 1.6x the total parameters, about 1.5x the active ones,
4x the context of B", worded from the service's ratios."""

from __future__ import annotations

from collections.abc import Sequence

from bot.render.i18n import Locale, t
from bot.services.compare_ratios import Ratio

# metric -> (noun, the shorter noun used right after total parameters)
NOUNS: dict[str, tuple[str, str]] = {
    "params_total": ("total parameters", "total ones"),
    "params_active": ("active parameters", "active ones"),
    "context": ("context", "context"),
}


def ratio_phrase(ratio: Ratio, noun: str) -> str:
    """ "4x the context", "about 1.5x the context", "the same context"."""
    if ratio.value == 1:
        return f"the same {noun}"
    about = "" if ratio.exact else "about "
    return f"{about}{ratio.shown}x the {noun}"


def ratios_line(ratios: Sequence[Ratio], names: Sequence[str], locale: Locale = "en") -> str:
    """Ratios grouped by pair of models: "A has 1.6x the total parameters, about 1.5x the
    active ones, 4x the context of B"; equal values say so ("A and B have the same context").
    Empty when no metric is known for two models."""
    if locale != "en":
        return _ratios_line_translated(ratios, names, locale)
    groups: dict[tuple[int, int, bool], list[Ratio]] = {}
    for ratio in ratios:
        groups.setdefault((ratio.larger, ratio.smaller, ratio.value == 1), []).append(ratio)
    sentences = []
    for (larger, smaller, same), group in groups.items():
        phrases = []
        previous: str | None = None
        for ratio in group:
            noun, short = NOUNS[ratio.metric]
            follows = previous == "params_total" and ratio.metric == "params_active"
            noun = short if follows else noun
            phrases.append(noun if same else ratio_phrase(ratio, noun))
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


def _ratios_line_translated(ratios: Sequence[Ratio], names: Sequence[str], locale: Locale) -> str:
    """The ratios line from the string table: "A 是 B 的：总参数量 1.6 倍、上下文约 4 倍"."""
    groups: dict[tuple[int, int, bool], list[Ratio]] = {}
    for ratio in ratios:
        groups.setdefault((ratio.larger, ratio.smaller, ratio.value == 1), []).append(ratio)
    sep = t(locale, "list.sep")
    sentences = []
    for (larger, smaller, same), group in groups.items():
        nouns = [t(locale, f"ratio.{ratio.metric}") for ratio in group]
        if not same:
            phrases = [
                t(
                    locale,
                    "ratio.times" if ratio.exact else "ratio.about_times",
                    noun=noun,
                    shown=ratio.shown,
                )
                for ratio, noun in zip(group, nouns, strict=True)
            ]
            sentences.append(
                t(
                    locale,
                    "ratio.larger",
                    larger=names[larger],
                    smaller=names[smaller],
                    phrases=sep.join(phrases),
                )
            )
        elif group[0].known == 2:
            sentences.append(
                t(
                    locale,
                    "ratio.same_pair",
                    a=names[larger],
                    b=names[smaller],
                    nouns=sep.join(nouns),
                )
            )
        elif group[0].known == len(names):
            sentences.append(t(locale, "ratio.same_all", count=len(names), nouns=sep.join(nouns)))
        else:
            sentences.append(
                t(locale, "ratio.same_known", count=group[0].known, nouns=sep.join(nouns))
            )
    return t(locale, "ratio.join").join(sentences) + (t(locale, "ratio.end") if sentences else "")
