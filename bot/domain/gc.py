"""Pausing the cyclic garbage collector around bulk, synchronous work.

Building 100k validated models or sweeping 110k row tuples with a large heap alive (the name
index) makes the collector traverse that heap again and again; reference counting still frees
everything while it is paused. Hold a pause only around code that does not await: a pause
held across an await would stop collection for every other task of the bot.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the collector for the block; nested and concurrent (threads) pauses are counted,
    and the collector comes back, as it was before the first, when the last one ends."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def freeze_long_lived() -> None:
    """Move every object alive now out of the collector's reach (gc.freeze): call it right
    after building a large structure that lives for the process (the name index), so later
    collections, triggered by any allocation burst, no longer traverse it. Reference counting
    still frees those objects when they are dropped."""
    gc.freeze()
