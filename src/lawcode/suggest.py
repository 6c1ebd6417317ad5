"""Suggestions for a mistyped name: the known names closest to it.

Every "did you mean" in lawcode comes from here, so that a typo in a fact, an actor, an eId or a
regulation id is matched the same way wherever it is made. Closeness is difflib's ratio (shared
characters in order), with one cutoff: a name half made of the typed one's characters is offered.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.5  # difflib ratio below which a known name is not offered as a suggestion


def closest(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` known names close to ``name``, the closest first (none when nothing is close)."""
    return difflib.get_close_matches(name, sorted(known), n=limit, cutoff=CUTOFF)


def closest_first(name: str, known: Iterable[str], limit: int = 5) -> list[str]:
    """Every known name: up to ``limit`` closest matches to ``name`` first, then the rest in sorted order."""
    ordered = sorted(known)
    close = closest(name, ordered, limit)
    return close + [k for k in ordered if k not in close]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean x or y?)`` naming the known names closest to ``name``, or ``""``."""
    close = closest(name, known)
    return f" (did you mean {' or '.join(close)}?)" if close else ""
