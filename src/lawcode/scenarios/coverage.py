"""Coverage of a model by its scenario cases: which norms, procedure transitions and states, and
which facts the cases exercised, and which they never did (the list a model author works down).

Facts are the ones an interview asks: defined concepts (``derived_by``) are decided by them and
not counted. A norm counts as exercised when some case saw it apply (through ``ask`` or ``explain``) or
explained it; a norm that only ever came out undetermined is listed apart, since no case pinned
down when it applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawcode.scenarios.run import Exercised

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel


@dataclass(frozen=True)
class Measure:
    """How many of ``total`` items were exercised, and which were not."""

    exercised: int
    total: int
    missed: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.exercised / self.total if self.total else 100.0

    def to_dict(self) -> dict[str, Any]:
        return {"exercised": self.exercised, "total": self.total, "percent": round(self.percent, 1),
                "missed": list(self.missed)}


@dataclass(frozen=True)
class Coverage:
    regulation: str
    cases: int
    norms: Measure
    only_undetermined: tuple[str, ...]
    transitions: Measure
    states: Measure
    facts: Measure

    def to_dict(self) -> dict[str, Any]:
        return {"regulation": self.regulation, "cases": self.cases, "norms": self.norms.to_dict(),
                "only_undetermined": list(self.only_undetermined), "transitions": self.transitions.to_dict(),
                "states": self.states.to_dict(), "facts": self.facts.to_dict()}


def _measure(all_items: list[str], done: set[str]) -> Measure:
    missed = tuple(item for item in all_items if item not in done)
    return Measure(len(all_items) - len(missed), len(all_items), missed)


def measure(loaded: LoadedModel, exercised: Exercised, cases: int) -> Coverage:
    """The coverage of ``loaded`` by what its cases exercised."""
    model = loaded.model
    norms = [n.id for n in model.norms]
    reached = exercised.applied | exercised.explained
    only_undetermined = tuple(n for n in norms if n in exercised.undetermined and n not in reached)
    transitions = [f"{p.id}: {t.source} -{t.event}-> {t.target}" for p in model.procedures for t in p.transitions]
    taken = {f"{p}: {t.source} -{t.event}-> {t.target}"
             for p, index in exercised.transitions for t in (loaded.procedures[p].transitions[index],)}
    states = [f"{p.id}: {s.id}" for p in model.procedures for s in p.states]
    seen_states = {f"{p}: {s}" for p, s in exercised.states}
    return Coverage(
        regulation=model.regulation.id,
        cases=cases,
        norms=_measure(norms, reached),
        only_undetermined=only_undetermined,
        transitions=_measure(transitions, taken),
        states=_measure(states, seen_states),
        facts=_measure([f.id for f in model.facts if f.derived_by is None], exercised.facts),
    )
