"""Pausing Python's cyclic garbage collector around bulk conversions.

Parsing, exporting or importing a large regulation allocates many small objects and creates no
reference cycles, so the collector's repeated passes (each walking every live object, including
the whole Document) are pure overhead; refcounting still frees everything.
"""

from __future__ import annotations

import functools
import gc
from typing import Callable, TypeVar

T = TypeVar("T")


def without_gc(function: Callable[..., T]) -> Callable[..., T]:
    """Run ``function`` with the collector paused, restoring its previous state afterwards."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs) -> T:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()

    return wrapper
