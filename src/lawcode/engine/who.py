"""Who: which actors carry the norms about a subject ("who publicity education").

A norm matches when every term matches a word of its action, one of its ``terms`` keywords or
its bearer's label. Words are compared case-insensitively after light stemming, so that
"educate", "educating" and "education" meet; a real stemmer would add a dependency for little
gain on a vocabulary this small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lawcode.engine.applicability import Engine

_WORD = re.compile(r"[a-z0-9]+")
_SUFFIXES = ("ings", "ing", "ions", "ion", "ities", "ity", "ers", "er", "ed", "es", "al", "e", "s")
_MIN_STEM = 4


def stem(word: str) -> str:
    """Strip up to two common English suffixes, keeping at least four letters."""
    word = word.lower()
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """The stems of a text's words (cached: a model's actions are asked about again and again)."""
    return frozenset(stem(w) for w in _WORD.findall(text.lower()))


@dataclass(frozen=True)
class WhoAnswer:
    regulation: str
    terms: tuple[str, ...]
    actors: tuple[dict[str, Any], ...]
    roles: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # about the answer as a whole (see lawcode.service.stored_text_warning)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"regulation": self.regulation, "terms": list(self.terms), "actors": list(self.actors)}
        if self.roles:
            data["roles"] = list(self.roles)
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data


def find_bearers(engine: Engine, terms: list[str], roles: tuple[str, ...] = ()) -> WhoAnswer:
    """Bearers of the norms matching every term; with ``roles``, only norms whose bearer one of
    the roles is (or may be: a conditional match is kept, the question is ``ask``'s to answer)."""
    wanted = [stems(t) for t in terms]
    actors = engine.loaded.actors
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for norm in engine.norms:
        if norm.bearer is None:
            continue
        if roles and not any(engine.bearer_match(role, norm.bearer).matches for role in roles):
            continue
        words = stems(" ".join([norm.action, *norm.terms, actors[norm.bearer].label]))
        if all(term <= words for term in wanted):
            by_actor.setdefault(norm.bearer, []).append(dict(engine.shown(norm)[0]))
    groups = tuple(
        {"actor": actor_id, "label": actors[actor_id].label,
         "also": [a for a in engine.ontology.descendants(actor_id) if a != actor_id],
         "norms": by_actor[actor_id]}
        for actor_id in actors if actor_id in by_actor
    )
    return WhoAnswer(engine.loaded.model.regulation.id, tuple(terms), groups, roles)
