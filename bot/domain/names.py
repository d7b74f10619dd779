"""Normalising the names people type: case, spaces, dashes, dots and underscores do not count."""

from __future__ import annotations

import re
import unicodedata

_IGNORED = re.compile(r"[\s\-_.·/:,'’()\[\]]+")


def normalize(text: str) -> str:
    """ "DeepSeek-V4-Pro", "deepseek v4 pro" and "deepseekv4pro" all become "deepseekv4pro"."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold())
