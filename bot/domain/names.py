"""Normalising the names people type: case, spaces, dashes, dots and underscores do not count."""

from __future__ import annotations

import re
import unicodedata

_IGNORED = re.compile(r"[\s\-_.·/:,'’()\[\]]+")


def normalize(text: str) -> str:
    """ "DeepSeek-V4-Pro", "deepseek v4 pro" and "deepseekv4pro" all become "deepseekv4pro"."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold())


_WORD_START = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z0-9]|(?<=[a-z])[A-Z]|(?<=[A-Za-z])[0-9]|[^\x00-\x7f]"
)


def word_starts(text: str) -> list[str]:
    """Normalised suffixes of `text` from each word start ("DeepSeek-V4-Pro": deepseekv4pro,
    seekv4pro, v4pro, 4pro, pro), so a user may start typing at any word."""
    starts = {0}
    for match in _WORD_START.finditer(text):
        starts.add(match.start())
    keys = []
    for start in sorted(starts):
        key = normalize(text[start:])
        if key:
            keys.append(key)
    return keys
