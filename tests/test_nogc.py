"""without_gc: the collector is paused during a call and never left off, whatever the calls do."""

from __future__ import annotations

import gc
import threading

import pytest

from lawcode.nogc import without_gc


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_during_the_call_and_restored_after_even_on_error():
    @without_gc
    def fails() -> None:
        assert not gc.isenabled()
        raise ValueError("boom")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()


def test_nested_calls_restore_only_when_the_outer_one_returns():
    @without_gc
    def inner() -> bool:
        return gc.isenabled()

    @without_gc
    def outer() -> tuple[bool, bool]:
        during = inner()
        return during, gc.isenabled()

    assert outer() == (False, False)
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_user_stays_off():
    gc.disable()
    without_gc(lambda: None)()
    assert not gc.isenabled()


def test_overlapping_calls_in_threads_leave_the_collector_on():
    first_inside = threading.Event()
    second_done = threading.Event()
    seen: list[bool] = []

    @without_gc
    def long_call() -> None:
        first_inside.set()
        second_done.wait(5)
        seen.append(gc.isenabled())  # the other thread's call has returned: still paused for this one

    @without_gc
    def short_call() -> None:
        first_inside.wait(5)

    first = threading.Thread(target=long_call)
    second = threading.Thread(target=short_call)
    first.start()
    second.start()
    second.join()
    second_done.set()
    first.join()
    assert seen == [False] and gc.isenabled()
