"""What-if: the minimal sets of facts that would make a norm apply (or stop applying).

The facts that matter are those of every part of the norm's status: the bearer's definition
(when the actor matches a defined subclass conditionally), the condition, the exception, and
the conditions of the norms that override it. Known facts stay as given; the search assigns the
unknown ones, smallest sets first, and keeps a set only when no smaller set found already is
part of it. Three-valued evaluation makes this sound: a set that settles the norm settles it
whatever the remaining unknown facts turn out to be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product
from typing import TYPE_CHECKING, Any

from lawcode.engine.applicability import BearerMatch, Engine, strongest
from lawcode.engine.findings import APPLIES, DOES_NOT_APPLY, UNDETERMINED

if TYPE_CHECKING:
    from lawcode.engine.queries import Question
    from lawcode.model.objects import Norm

# 3**n assignments for n unknown facts; beyond this many, only smaller sets are searched.
MAX_EVALUATIONS = 200_000


@dataclass(frozen=True)
class WhatIf:
    question: Question
    norm: str
    goal: str  # "apply" or "stop"
    status: str
    sets: tuple[dict[str, Any], ...]
    questions: dict[str, Any]
    notice: str | None = None
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = self.question.to_dict()
        data.update({"norm": self.norm, "goal": self.goal, "status": self.status,
                     "sets": [dict(s) for s in self.sets]})
        if self.notice:
            data["notice"] = self.notice
        data["questions"] = self.questions
        data["warnings"] = list(self.warnings)
        return data


def minimal_sets(engine: Engine, norm: Norm, matches: BearerMatch | Sequence[BearerMatch], facts: Mapping[str, bool],
                 on: dt.date, goal: str,
                 budget: int = MAX_EVALUATIONS) -> tuple[list[dict[str, Any]], int, int]:
    """(sets, largest size searched, number of unknown facts): the minimal assignments of
    unknown facts that give ``norm`` the status ``goal``, smallest first, in fact-name order.
    ``matches`` are the ways the asker (one organisation, in one or several roles) is reached
    by the norm; the norm's status is the strongest over them. Sets are searched up to the
    size whose 3**size assignments fit in ``budget``.

    Once an assignment settles the norm, none of its supersets is tried: Kleene evaluation is
    monotone (a fact made known never unsettles a settled value; the search assigns plain facts
    only, never a derived concept's name), so a superset of one reaching ``goal`` is not minimal
    and a superset of one settling it the other way cannot reach ``goal``."""
    matches = (matches,) if isinstance(matches, BearerMatch) else tuple(matches)
    unknown = sorted(engine.facts_used(norm, matches) - facts.keys())
    largest = len(unknown)
    while largest and 3 ** largest > budget:
        largest -= 1
    sets: list[dict[str, Any]] = []
    settled: list[dict[str, Any]] = []  # assignments that settle the norm, either way
    for size in range(1, largest + 1):
        for names in combinations(unknown, size):
            for values in product((True, False), repeat=size):
                assignment = dict(zip(names, values, strict=True))
                if any(s.items() <= assignment.items() for s in settled):
                    continue
                trial = {**facts, **assignment}
                value = strongest([engine.status(norm, m, trial, on) for m in matches])[0]
                if value == goal:
                    sets.append(assignment)
                if value != UNDETERMINED:
                    settled.append(assignment)
    return sets, largest, len(unknown)


def abduce(engine: Engine, question: Question, norm: Norm, facts: Mapping[str, bool], stop: bool,
           not_in_force: str | None) -> WhatIf:
    goal = DOES_NOT_APPLY if stop else APPLIES
    label = "stop" if stop else "apply"
    who = question.actor
    matches = [m for role in question.roles if (m := engine.bearer_match(role, norm.bearer)).matches]
    if norm.kind == "conflict_rule" and not matches:
        matches = [engine.bearer_match(question.roles[0], norm.bearer)]
    value, carriers = strongest([engine.status(norm, m, facts, question.on) for m in matches])

    def answer(sets: list[dict[str, bool]], notice: str | None = None, asked: Iterable[str] = ()) -> WhatIf:
        return WhatIf(question, norm.id, label, value, tuple(sets), engine.questions(asked), notice)

    if value == goal:
        return answer([{}], f"{norm.id} already {'does not apply' if stop else 'applies'}; no fact is needed.")
    if not matches:
        if norm.bearer is None:
            return answer([], f"{norm.id} binds no one in particular; no fact makes it apply to {who}.")
        return answer([], f"{norm.id} binds {norm.bearer}; no fact makes {who} one of those.")
    if not carriers[0].valid:
        return answer([], not_in_force or f"{norm.id} is not in force on {question.on.isoformat()}.")
    sets, searched, unknown = minimal_sets(engine, norm, matches, facts, question.on, goal)
    notice = None
    if searched < unknown:
        notice = f"only sets of up to {searched} of the {unknown} unknown facts were searched."
    elif not sets:
        notice = f"no facts can make {norm.id} {label}, given the known facts."
    return answer(sets, notice, [name for s in sets for name in s])
