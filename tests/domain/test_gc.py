"""gc_paused: the collector is off inside, back as it was after, also when nested or in threads."""

from __future__ import annotations

import gc
import threading

from bot.domain.gc import gc_paused


def test_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_exception() -> None:
    try:
        with gc_paused():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_in_threads_end_with_the_collector_on() -> None:
    inside = threading.Barrier(2)
    done = threading.Event()

    def worker() -> None:
        with gc_paused():
            inside.wait()
            done.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    with gc_paused():
        inside.wait()
    assert not gc.isenabled(), "the worker's pause still holds"
    done.set()
    thread.join()
    assert gc.isenabled()
