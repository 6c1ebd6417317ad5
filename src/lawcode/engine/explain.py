"""The proof tree of one finding, for a reader who wants to check the engine's reasoning.

It shows how the actor matched the bearer (the is-a path, and any defined subclass whose
definition had to hold), each part of the status with its value and where each fact's value
came from (given by the user, implied by the actor's definition, or unknown), which exception or
overriding norm decided, and whether the norm is in force on the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawcode.engine.applicability import (
    CONDITION,
    DEFINED_BY,
    MAY_BE,
    OVERRIDDEN_BY,
    SUBJECT_TO,
    UNLESS,
    Engine,
    Part,
    Status,
)
from lawcode.engine.concepts import concept_chain
from lawcode.engine.evaluate import negate
from lawcode.engine.findings import APPLIES, UNDETERMINED, Finding
from lawcode.model.conditions import facts_of

if TYPE_CHECKING:
    from lawcode.engine.queries import Question
    from lawcode.model.objects import Norm
    from lawcode.model.ontology import Ontology

GIVEN = "given"
IMPLIED = "implied"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Explanation:
    question: Question
    finding: Finding
    bearer: dict[str, Any]
    validity: dict[str, Any]
    parts: tuple[dict[str, Any], ...]
    decided_by: tuple[str, ...]
    summary: str
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = self.question.to_dict()
        data.update({
            "finding": self.finding.to_dict(), "bearer": self.bearer, "validity": self.validity,
            "parts": list(self.parts), "decided_by": list(self.decided_by), "summary": self.summary,
            "warnings": list(self.warnings),
        })
        return data


def build_explanation(engine: Engine, question: Question, norm: Norm, status: Status, finding: Finding) -> Explanation:
    match = status.match
    bearer = {
        "bearer": norm.bearer,
        "matches": match.matches or norm.kind == "conflict_rule",
        "path": list(match.path),
        "defined": [{"actor": a, "condition": str(engine.loaded.definitions[a])} for a in match.defined],
        "may_be": [{"actor": kind, "may_be": parent, "condition": str(engine.loaded.links[(kind, parent)])}
                   for kind, parent in match.links],
    }
    start = norm.validity.start if norm.validity and norm.validity.start else engine.regulation.in_force
    validity = {
        "start": start.isoformat(),
        "end": norm.validity.end.isoformat() if norm.validity and norm.validity.end else None,
        "in_force": status.valid,
    }
    if engine.regulation.repealed:
        validity["repealed"] = engine.regulation.repealed.isoformat()
    parts = tuple(part_dict(engine, question, p) for p in status.parts)
    decided = _decided_by(status)
    summary = _summary(norm, question, status, decided, engine.ontology)
    return Explanation(question, finding, bearer, validity, parts, decided, summary)


def part_dict(engine: Engine, question: Question, part: Part) -> dict[str, Any]:
    """One part of a status as the JSON contract of explain gives it (also used by assess)."""
    negated = part.role in (UNLESS, SUBJECT_TO, OVERRIDDEN_BY)
    own = negate(part.evaluation) if negated else part.evaluation
    data: dict[str, Any] = {
        "role": part.role,
        "source": part.source,
        "expression": str(part.expression) if part.expression is not None else f"{part.source} applies",
        "value": own.value,
        "effect": {True: "supports", False: "blocks", None: "open"}[part.evaluation.value],
    }
    if part.expression is not None:
        data["facts"] = [_fact(engine, question, name) for name in sorted(facts_of(part.expression))]
        concepts = concept_chain(engine.loaded, part.expression, {**question.facts, **question.implied_facts})
        if concepts:
            data["concepts"] = concepts
    if part.overrider is not None:
        data["overrider"] = {
            "status": part.overrider.value,
            "in_force": part.overrider.valid,
            "bearer_matches": part.overrider.match.matches,
            "parts": [part_dict(engine, question, p) for p in part.overrider.parts],
        }
    return data


def _fact(engine: Engine, question: Question, name: str) -> dict[str, Any]:
    if name in question.implied_facts:
        value, source = question.implied_facts[name], IMPLIED
    elif name in question.facts:
        value, source = question.facts[name], GIVEN
    else:
        value, source = None, UNKNOWN
    declared = engine.loaded.facts.get(name)
    return {"fact": name, "value": value, "source": source, "question": declared.question if declared else None}


def _label(part: Part) -> str:
    return f"{part.role}:{part.source}" if part.role in (DEFINED_BY, MAY_BE, SUBJECT_TO, OVERRIDDEN_BY) else part.role


def _decided_by(status: Status) -> tuple[str, ...]:
    """The parts that settled the value: the blocking ones when it does not apply, the open ones
    when undetermined, all of them when it applies."""
    if not status.match.matches and not status.parts and status.valid:
        return ("bearer",)
    if not status.valid:
        return ("validity",)
    wanted = status.evaluation.value
    return tuple(_label(p) for p in status.parts if p.evaluation.value is wanted)


_BLOCKS = {
    MAY_BE: "the may-be link {source} does not hold",
    DEFINED_BY: "the actor is not a {source} (its definition does not hold)",
    CONDITION: "its condition does not hold",
    UNLESS: "its exception (unless) holds",
    SUBJECT_TO: "an exception in {source} (not in the text) applies",
    OVERRIDDEN_BY: "{source} displaces it",
}


def _owed_to(norm: Norm, question: Question, ontology: Ontology) -> str | None:
    """"counterparty" or "beneficiary" when one of the asker's roles is (a kind of) what the norm
    names so."""
    for role in ("counterparty", "beneficiary"):
        target = getattr(norm, role)
        if target is not None and any(ontology.is_a(r, target) for r in question.roles):
            return role
    return None


def _summary(norm: Norm, question: Question, status: Status, decided: tuple[str, ...], ontology: Ontology) -> str:
    verb = {APPLIES: "applies to", UNDETERMINED: "is undetermined for"}.get(status.value, "does not apply to")
    head = f"{norm.id} {verb} {question.actor} on {question.on.isoformat()}"
    if status.value == APPLIES:
        return head + "."
    if status.value == UNDETERMINED:
        return f"{head}: it depends on {', '.join(status.missing)}."
    if decided == ("bearer",):
        if norm.bearer is None:
            return f"{head}: it is a {norm.kind.value.replace('_', ' ')} and binds no one in particular."
        owed = _owed_to(norm, question, ontology)
        return f"{head}: it binds {norm.bearer}, and {question.actor} is not one" + (
            f"; it is owed to {question.actor} as its {owed} (see ask)." if owed else ".")
    if decided == ("validity",):
        return f"{head}: it is not in force on that date."
    reasons = [_BLOCKS[p.role].format(source=p.source) for p in status.parts if p.evaluation.value is False]
    return f"{head}: {'; '.join(reasons)}."
