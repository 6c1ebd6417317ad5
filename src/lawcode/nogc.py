"""Pausing Python's cyclic garbage collector around bulk conversions (AKN export and import).

Converting a large document allocates many small objects and creates no reference cycles, so
the collector's repeated passes over every live object are overhead; reference counting still
frees everything. The parser does not pause it: the pause saved no measurable CPU time there,
on the corpus texts or on a 10 MB one (see docs/notes/parser.md).

CPython has one collector per process, so the pause cannot be local to a call. It is made safe
for a long-running process (a server, a notebook): calls may nest and may run in several threads
at once; the collector is paused while at least one of them runs, and restored when the last one
returns - switched on again only if it was on when the first began. It is never left off, even
when a call raises.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_lock = threading.Lock()
_running = 0  # wrapped calls running now, in every thread
_restore = False  # whether the collector was on when the first of them began


def without_gc(function: Callable[P, T]) -> Callable[P, T]:
    """``function``, run with the collector paused (see the module's docstring for what is safe)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        _pause()
        try:
            return function(*args, **kwargs)
        finally:
            _resume()

    return wrapper


def _pause() -> None:
    global _running, _restore
    with _lock:
        if _running == 0:
            _restore = gc.isenabled()
            gc.disable()
        _running += 1


def _resume() -> None:
    global _running
    with _lock:
        _running -= 1
        if _running == 0 and _restore:
            gc.enable()
