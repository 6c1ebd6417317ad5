"""Facts given as words (``--fact NAME``, ``NAME=false``, the API's and web pages' ``fact=``).

One parser for every interface and for the engine, which takes a question's facts either way
(a mapping, or these strings). It sits beside the engine rather than in it, so that an interface
reading what a user typed needs nothing of the engine's reasoning.
"""

from __future__ import annotations

from collections.abc import Iterable

from lawcode.errors import QueryError

_TRUE_WORDS = {"true": True, "yes": True, "false": False, "no": False}


def parse_facts(specs: Iterable[str]) -> dict[str, bool]:
    """``["a", "b=false"]`` -> {a: True, b: False}; the same fact with two values is an error."""
    facts: dict[str, bool] = {}
    for spec in specs:
        name, sep, word = spec.partition("=")
        name = name.strip()
        value: bool | None = True
        if sep:
            value = _TRUE_WORDS.get(word.strip().lower())
            if value is None:
                raise QueryError(f"fact {name!r}: {word!r} is neither true nor false",
                                 expected="--fact NAME, --fact NAME=true or --fact NAME=false",
                                 known=["true", "false", "yes", "no"])
        if facts.get(name, value) != value:
            raise QueryError(f"fact {name!r} is given twice, as true and as false",
                             expected="each fact once (or twice with the same value)")
        facts[name] = bool(value)
    return facts
