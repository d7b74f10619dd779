"""Plain-text helpers of render/text.py."""

from __future__ import annotations


def test_terminal_message_drops_markdown() -> None:
    """Errors written for Discord read plainly in the terminal."""
    from bot.render.text import terminal_message

    text = "Did you mean `deepseek-v4-pro`? **Pick one**, or `a` and `b`."
    assert terminal_message(text) == "Did you mean 'deepseek-v4-pro'? Pick one, or 'a' and 'b'."
