"""Running a regulation's procedures: where a sequence of events leads, and what comes next.

A procedure in the model is a state machine (an order to correct, a refusal, a seal, its
release). Running it answers the questions a reader of the text asks about a process: which
step did each event make, who acts, is that step a duty ("must"), a discretion ("may") or a
fact in the world ("occurs"), which provision says so, and what may or must happen now. An
event that the text does not allow at that point is a user error that lists the allowed ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawcode.engine.quote import citation
from lawcode.errors import QueryError
from lawcode.suggest import closest_first

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.model.objects import Procedure, Transition
    from lawcode.text.document import Document


@dataclass(frozen=True, slots=True)
class Step:
    """One transition of a procedure, as taken (a path step) or as available (a next step)."""

    source: str
    event: str
    target: str
    actor: str
    mode: str  # must | may | occurs
    label: str
    cites: tuple[str, ...]
    citations: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = {
            "from": self.source,
            "event": self.event,
            "to": self.target,
            "actor": self.actor,
            "mode": self.mode,
            "cites": list(self.cites),
            "citations": list(self.citations),
        }
        if self.label:
            data["label"] = self.label
        return data


@dataclass(frozen=True, slots=True)
class ProcedureRun:
    """The outcome of running events through a procedure from its initial state."""

    procedure: str
    label: str
    events: tuple[str, ...]
    state: str
    state_label: str
    final: bool
    path: tuple[Step, ...]
    next: tuple[Step, ...]  # the transitions out of the state reached (empty when final)
    cites: tuple[str, ...]
    citations: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "procedure": self.procedure,
            "label": self.label,
            "events": list(self.events),
            "state": self.state,
            "state_label": self.state_label,
            "final": self.final,
            "path": [s.to_dict() for s in self.path],
            "next": [s.to_dict() for s in self.next],
            "cites": list(self.cites),
            "citations": list(self.citations),
        }


def find_procedure(loaded: LoadedModel, name: str) -> Procedure:
    """The procedure called ``name``; an unknown name lists the procedures, closest first."""
    procedures = loaded.procedures
    if name in procedures:
        return procedures[name]
    raise QueryError(f"unknown procedure {name!r}", expected="a procedure of the model",
                     known=closest_first(name, procedures))


def is_final(procedure: Procedure, state: str) -> bool:
    """A state is final when the model says so or when nothing leads out of it."""
    declared = next((s for s in procedure.states if s.id == state), None)
    return bool(declared and declared.final) or not outgoing(procedure, state)


def outgoing(procedure: Procedure, state: str) -> list[Transition]:
    """The transitions out of ``state``, in the model's order."""
    return [t for t in procedure.transitions if t.source == state]


def run_procedure(loaded: LoadedModel, name: str, events: list[str] | tuple[str, ...],
                  document: Document | None = None) -> ProcedureRun:
    """Apply ``events`` in order from the initial state of procedure ``name``.

    With ``document`` (the parsed text) citations of single-paragraph articles read "Art. 32".

    Raises QueryError at the first event not allowed in the state reached, naming the step
    (1-based), the state, and the events allowed there.
    """
    procedure = find_procedure(loaded, name)
    state = procedure.initial
    path: list[Step] = []
    for number, event in enumerate(events, start=1):
        options = outgoing(procedure, state)
        chosen = next((t for t in options if t.event == event), None)
        if chosen is None:
            raise _not_allowed(procedure, number, state, event, sorted({t.event for t in options}))
        path.append(_step(chosen, document))
        state = chosen.target
    final = is_final(procedure, state)
    labels = {s.id: s.label for s in procedure.states}
    return ProcedureRun(
        procedure=procedure.id,
        label=procedure.label,
        events=tuple(events),
        state=state,
        state_label=labels.get(state, state),
        final=final,
        path=tuple(path),
        next=tuple(_step(t, document) for t in outgoing(procedure, state)),
        cites=tuple(procedure.cites),
        citations=tuple(citation(eid, document) for eid in procedure.cites),
    )


def _not_allowed(procedure: Procedure, number: int, state: str, event: str, allowed: list[str]) -> QueryError:
    """Say at which step, in which state, what went wrong, and which events would be allowed."""
    known = {t.event for t in procedure.transitions}
    what = "is not allowed" if event in known else "is not an event of this procedure"
    where = f"step {number}: event {event!r} {what} in state {state!r} of procedure {procedure.id!r}"
    if not allowed:
        return QueryError(where + f": {state!r} is a final state, no event is allowed there")
    return QueryError(where + "; events allowed there: " + ", ".join(allowed))


def _step(transition: Transition, document: Document | None) -> Step:
    return Step(
        source=transition.source,
        event=transition.event,
        target=transition.target,
        actor=transition.actor,
        mode=transition.mode,
        label=transition.label,
        cites=tuple(transition.cites),
        citations=tuple(citation(eid, document) for eid in transition.cites),
    )
