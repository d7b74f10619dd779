"""The model and lab options as Discord stores them: unchanged by moving to Transformers."""

from __future__ import annotations

from typing import Any

from tests.exts.test_localisation import synced

STRING = 3
# (command, option) -> (min_length, max_length) Discord's client enforces.
NAME_OPTIONS = {
    ("compare", "model1"): (1, 200),
    ("compare", "model2"): (1, 200),
    ("compare", "model3"): (1, 200),
    ("compare", "model4"): (1, 200),
    ("model", "name"): (1, 200),
    ("lab", "name"): (None, None),
    ("timeline", "lab"): (1, 100),
    ("timeline", "vs"): (1, 100),
    ("coincidences", "lab"): (1, 100),
    ("coincidences", "vs"): (1, 100),
}


async def test_name_options_stay_strings_with_autocomplete_and_their_limits(
    simcord_env: Any,
) -> None:
    """Every model and lab option syncs as an autocompleted string with the same lengths."""
    options = {
        (command["name"], option["name"]): option
        for command in synced(simcord_env)
        for option in command.get("options", [])
    }
    for key, (shortest, longest) in NAME_OPTIONS.items():
        option = options[key]
        assert option["type"] == STRING, key
        assert option.get("autocomplete") is True, key
        assert (option.get("min_length"), option.get("max_length")) == (shortest, longest), key
