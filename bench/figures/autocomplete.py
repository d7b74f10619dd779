"""Autocomplete: one keystroke against the in-memory name index, as the bot answers it.

Inputs are what people type: growing prefixes of real model names and aliases (including
Chinese ones), and words from the middle of a name ("70b", "instruct"). The figure is
`NameIndex.complete` (what `model_autocomplete` returns, minus discord's Choice objects); the
floor is a bisect over the same sorted keys that takes the next 25.
"""

from __future__ import annotations

import bisect
import random

from bench.context import Plan, SizeContext
from bench.results import Figure
from bench.timing import interleave_calls
from bot.services.names import MAX_CHOICES


def keystrokes(context: SizeContext, count: int) -> list[str]:
    """`count` inputs, each a prefix of something a user would type."""
    rng = random.Random(context.size)
    models = context.catalog.models
    inputs: list[str] = []
    while len(inputs) < count:
        model = rng.choice(models)
        roll = rng.random()
        if roll < 0.6:
            text = model["name"].replace("-", " ") if rng.random() < 0.5 else model["name"]
        elif roll < 0.8 and model.get("aliases"):
            text = rng.choice(model["aliases"])
        else:
            # Starting at a later word: "72b instruct", "instruct".
            words = model["name"].split("-")
            text = " ".join(words[rng.randrange(1, len(words)) :])
        for end in range(1, min(len(text), 14) + 1):
            inputs.append(text[:end])
    rng.shuffle(inputs)
    return inputs[:count]


async def run(context: SizeContext, plan: Plan) -> list[Figure]:
    index = context.names
    keys = index.tables["model"].keys
    inputs = keystrokes(context, plan.keystrokes)

    def figure(text: str) -> object:
        return index.complete(text, "model")

    def floor(text: str) -> object:
        position = bisect.bisect_left(keys, text.casefold())
        return keys[position : position + MAX_CHOICES]

    # Warm up both (first calls pay for caches and branch history), then measure.
    for text in inputs[:50]:
        figure(text)
        floor(text)
    fig, flo = interleave_calls(figure, floor, inputs, plan.keystroke_rounds)
    return [
        Figure(
            "autocomplete (1 keystroke)",
            context.size,
            fig,
            flo,
            "bisect + 25 keys",
            unit="ms",
            target="p99 < 1 ms",
            ok=fig.p99 < 1e-3,
            answer=MAX_CHOICES,
            notes={"inputs": len(inputs), "index_keys": len(keys)},
        )
    ]
