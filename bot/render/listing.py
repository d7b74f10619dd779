"""Fitting catalog text into Discord's limits and an 80-column terminal.

Escaping can double a name's length (every markdown character gains a backslash), so text is
clipped before escaping and re-clipped until the escaped form fits; lists of lines keep whole
lines and say how many were left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.render.text import clip, display_width, escape


def fit_escaped(text: str, limit: int) -> str:
    """`text` escaped for Discord in at most `limit` characters, clipped with an ellipsis."""
    out = escape(text)
    cut = len(text)
    while len(out) > limit and cut > 1:
        cut = min(cut - 1, cut * limit // len(out))
        out = escape(clip(text, max(cut, 1)))
    return out if len(out) <= limit else "…"


def fit_lines(
    lines: Sequence[str],
    limit: int,
    *,
    more: str = "… and {n} more",
    keep_last: bool = False,
) -> str:
    """As many whole lines as fit in `limit` characters with a note on how many were left out.

    With `keep_last`, the last lines are kept (a timeline's most recent steps) and the note
    comes first."""
    if not lines:
        return ""
    ordered = list(reversed(lines)) if keep_last else list(lines)
    kept: list[str] = []
    size = 0
    for n, line in enumerate(ordered):
        left = len(ordered) - n - 1
        note = len(more.format(n=left)) + 1 if left else 0
        extra = len(line) + (1 if kept else 0)
        if size + extra + note > limit:
            break
        kept.append(line)
        size += extra
    if not kept:
        # Not even one line fits beside the note: show the first one clipped.
        left = len(ordered) - 1
        room = limit - (len(more.format(n=left)) + 1 if left else 0)
        kept.append(clip(ordered[0], room if room > 0 else limit))
        if room <= 0:
            return kept[0]
    dropped = len(ordered) - len(kept)
    if dropped:
        kept.append(more.format(n=dropped))
    if keep_last:
        kept.reverse()
    return "\n".join(kept)


def wrap(text: str, width: int = 80) -> list[str]:
    """Greedy word wrap by terminal columns (CJK counts double); long words are cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while display_width(word) > width:
            head = ""
            for ch in word:
                if display_width(head + ch) > width:
                    break
                head += ch
            if current:
                lines.append(current)
                current = ""
            lines.append(head)
            word = word[len(head) :]
        candidate = f"{current} {word}" if current else word
        if display_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
