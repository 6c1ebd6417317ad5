"""The actor ontology: is-a links, defined subclasses, and the questions both the model checker
and the engine ask of it (what is X an instance of? is there a cycle?)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from lawcode.model.graph import find_cycle

if TYPE_CHECKING:
    from lawcode.model.objects import Actor


class Ontology:
    """Read-only view over a model's actors."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors: dict[str, Actor] = {a.id: a for a in actors}

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self.actors

    def find_cycle(self) -> list[str] | None:
        """An is-a cycle as a list of ids (first == last), or None when the ontology is a DAG.

        May-be links are not is-a links and may point down the tree ("an individual may be a
        citizen"); the engine follows each at most once per question, so they cannot loop."""
        return find_cycle({a.id: a.is_a for a in self.actors.values()})

    @cached_property
    def _ancestors(self) -> dict[str, tuple[str, ...]]:
        """Each actor's ancestors including itself, nearest first (breadth-first, deterministic)."""
        if self.find_cycle():
            raise ValueError("the actor ontology has an is-a cycle")
        result: dict[str, tuple[str, ...]] = {}
        for actor_id in self.actors:
            seen: list[str] = [actor_id]
            frontier = [actor_id]
            while frontier:
                nxt: list[str] = []
                for current in frontier:
                    for parent in self.actors[current].is_a if current in self.actors else ():
                        if parent not in seen:
                            seen.append(parent)
                            nxt.append(parent)
                frontier = nxt
            result[actor_id] = tuple(seen)
        return result

    def ancestors(self, actor_id: str) -> tuple[str, ...]:
        """``actor_id`` and everything it is a kind of, nearest first."""
        return self._ancestors[actor_id]

    def is_a(self, actor_id: str, other: str) -> bool:
        return other in self._ancestors.get(actor_id, ())

    def path(self, actor_id: str, ancestor: str) -> list[str]:
        """One is-a chain from ``actor_id`` up to ``ancestor`` (for explanations), or []."""
        if actor_id == ancestor:
            return [actor_id]
        for parent in self.actors[actor_id].is_a:
            rest = self.path(parent, ancestor) if parent in self.actors else ([parent] if parent == ancestor else [])
            if rest:
                return [actor_id, *rest]
        return []

    def descendants(self, actor_id: str) -> list[str]:
        """Every actor that is a kind of ``actor_id`` (itself included), sorted."""
        return sorted(a for a in self.actors if self.is_a(a, actor_id))
