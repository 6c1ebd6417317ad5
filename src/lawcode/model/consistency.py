"""Checks a model against itself, without its text.

Two groups. :func:`reference_issues` finds what makes a model unusable - an actor, fact, norm
or state named but never declared, an id used twice, a cycle in the ontology or in the
priorities, a repeal or an end of validity that comes before the start - and the loader refuses
such a model. :func:`shape_issues` finds what is legal to
run but wrong as a reading of the law - procedures with unreachable states or dead ends, a date
that no calendar has, a duty with no bearer - and ``lawcode check`` reports it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from typing import Any

from lawcode.model.conditions import facts_of
from lawcode.model.graph import find_cycle
from lawcode.model.issues import Issue
from lawcode.model.kinds import NormKind
from lawcode.model.loaded import LoadedModel
from lawcode.suggest import did_you_mean

# Kinds that say someone must, may or must not do something: they need a bearer.
BEARER_KINDS = (NormKind.duty, NormKind.prohibition, NormKind.permission, NormKind.power, NormKind.right)


def reference_issues(loaded: LoadedModel) -> list[Issue]:
    return [
        *_duplicate_ids(loaded),
        *_actor_references(loaded),
        *_fact_references(loaded),
        *_norm_references(loaded),
        *_state_references(loaded),
        *_cycles(loaded),
        *_dates_in_order(loaded),
    ]


def shape_issues(loaded: LoadedModel) -> list[Issue]:
    return [*_bearers(loaded), *_procedure_shapes(loaded), *_date_shapes(loaded)]


def _duplicate_ids(loaded: LoadedModel) -> Iterator[Issue]:
    model = loaded.model
    sections: dict[str, Sequence[Any]] = {"actors": model.actors, "facts": model.facts, "norms": model.norms,
                "procedures": model.procedures, "dates": model.dates, "readings": model.readings}
    for section, items in sections.items():
        yield from _duplicates(loaded, [(i.id, (section, n, "id")) for n, i in enumerate(items)], section)
    for p, proc in enumerate(model.procedures):
        yield from _duplicates(
            loaded, [(s.id, ("procedures", p, "states", n, "id")) for n, s in enumerate(proc.states)],
            f"states of procedure {proc.id}",
        )
    # The engine reads one may-be link from an actor to another (LoadedModel.links): a second would
    # silently replace the first's condition, where the modeller meant either (one `when` with "or").
    for a, actor in enumerate(model.actors):
        yield from _duplicates(
            loaded, [(link.actor, ("actors", a, "may_be", k, "actor")) for k, link in enumerate(actor.may_be)],
            f"may_be of actor {actor.id} (one link to an actor: join its conditions with 'or')",
        )


def _duplicates(loaded: LoadedModel, entries: list[tuple[str, tuple[Any, ...]]], where: str) -> Iterator[Issue]:
    first: dict[str, int] = {}
    for ident, path in entries:
        line = loaded.line_of(path)
        if ident in first:
            yield Issue("duplicate-id", f"id {ident!r} is used twice in {where} (first at line {first[ident]})",
                        line=line)
        else:
            first[ident] = line


def _actor_references(loaded: LoadedModel) -> Iterator[Issue]:
    """Every actor id the model names must be declared under ``actors``."""
    model = loaded.model
    refs: list[tuple[str, tuple[Any, ...], str]] = []
    for a, actor in enumerate(model.actors):
        refs += [(p, ("actors", a, "is_a", k), f"actor {actor.id} is_a") for k, p in enumerate(actor.is_a)]
        refs += [(link.actor, ("actors", a, "may_be", k, "actor"), f"actor {actor.id} may_be")
                 for k, link in enumerate(actor.may_be)]
    for f, fact in enumerate(model.facts):
        refs.append((fact.about, ("facts", f, "about"), f"fact {fact.id} about"))
    for n, norm in enumerate(model.norms):
        for role in ("bearer", "counterparty", "beneficiary"):
            value = getattr(norm, role)
            if value is not None:
                refs.append((value, ("norms", n, role), f"norm {norm.id} {role}"))
        refs += [(b, ("norms", n, "breach_by", k), f"norm {norm.id} breach_by") for k, b in enumerate(norm.breach_by)]
    for r, reading in enumerate(model.readings):
        refs += [(x, ("readings", r, "actors", k), f"reading {reading.id} actors")
                 for k, x in enumerate(reading.actors)]
    for p, proc in enumerate(model.procedures):
        for t, step in enumerate(proc.transitions):
            refs.append((step.actor, ("procedures", p, "transitions", t, "actor"),
                         f"procedure {proc.id}, transition {step.event}, actor"))
    for actor_id, path, where in refs:
        if actor_id not in loaded.actors:
            yield Issue("undeclared-actor",
                        f"{where}: actor {actor_id!r} is not declared under actors"
                        + did_you_mean(actor_id, loaded.actors), line=loaded.line_of(path))


def _fact_references(loaded: LoadedModel) -> Iterator[Issue]:
    """Every fact a condition, exception or definition uses must be declared under ``facts``."""
    uses: list[tuple[str, tuple[Any, ...], str]] = []
    for n, norm in enumerate(loaded.model.norms):
        for key, parsed in (("condition", loaded.conditions.get(norm.id)), ("unless", loaded.exceptions.get(norm.id))):
            if parsed is not None:
                uses += [(f, ("norms", n, key), f"norm {norm.id} {key}") for f in sorted(facts_of(parsed))]
    for a, actor in enumerate(loaded.model.actors):
        parsed = loaded.definitions.get(actor.id)
        if parsed is not None:
            uses += [(f, ("actors", a, "defined_by"), f"actor {actor.id} defined_by") for f in sorted(facts_of(parsed))]
        for k, link in enumerate(actor.may_be):
            parsed = loaded.links.get((actor.id, link.actor))
            if parsed is not None:
                uses += [(f, ("actors", a, "may_be", k, "when"), f"actor {actor.id} may_be {link.actor}")
                         for f in sorted(facts_of(parsed))]
    uses += _concept_and_conduct_uses(loaded)
    for fact, path, where in uses:
        if fact not in loaded.facts:
            yield Issue("undeclared-fact",
                        f"{where}: fact {fact!r} is not declared under facts" + did_you_mean(fact, loaded.facts),
                        line=loaded.line_of(path))


def _concept_and_conduct_uses(loaded: LoadedModel) -> list[tuple[str, tuple[Any, ...], str]]:
    """Facts used by defined concepts (``derived_by``), by conduct (``contravened_by``) and as
    the open exceptions of a Schedule (``subject_to``)."""
    uses: list[tuple[str, tuple[Any, ...], str]] = []
    for f, fact in enumerate(loaded.model.facts):
        concept = loaded.concepts.get(fact.id)
        if concept is not None:
            uses += [(name, ("facts", f, "derived_by"), f"fact {fact.id} derived_by")
                     for name in sorted(facts_of(concept))]
    for n, norm in enumerate(loaded.model.norms):
        conduct = loaded.conduct.get(norm.id)
        if conduct is not None:
            uses += [(name, ("norms", n, "contravened_by"), f"norm {norm.id} contravened_by")
                     for name in sorted(facts_of(conduct))]
        uses += [(entry.exception, ("norms", n, "subject_to", k), f"norm {norm.id} subject_to {entry.schedule}")
                 for k, entry in enumerate(norm.subject_to)]
    return uses


def _norm_references(loaded: LoadedModel) -> Iterator[Issue]:
    for n, norm in enumerate(loaded.model.norms):
        for k, other in enumerate(norm.overrides):
            if other not in loaded.norms:
                yield Issue("unknown-norm", f"norm {norm.id} overrides {other!r}, which is not a norm of this model"
                            + did_you_mean(other, loaded.norms), line=loaded.line_of(("norms", n, "overrides", k)))
    for r, reading in enumerate(loaded.model.readings):
        for k, other in enumerate(reading.norms):
            if other not in loaded.norms:
                yield Issue("unknown-norm",
                            f"reading {reading.id} names norm {other!r}, which is not a norm of this model"
                            + did_you_mean(other, loaded.norms), line=loaded.line_of(("readings", r, "norms", k)))
    for a, actor in enumerate(loaded.model.actors):
        for k, link in enumerate(actor.may_be):
            if link.reading is not None and link.reading not in loaded.readings:
                yield Issue("unknown-reading", f"actor {actor.id} may_be {link.actor}: reading {link.reading!r} is not "
                            "a reading of this model" + did_you_mean(link.reading, loaded.readings),
                            line=loaded.line_of(("actors", a, "may_be", k, "reading")))
    for d, date in enumerate(loaded.model.dates):
        if date.norm is not None and date.norm not in loaded.norms:
            yield Issue("unknown-norm", f"date {date.id} names norm {date.norm!r}, which is not a norm of this model"
                        + did_you_mean(date.norm, loaded.norms), line=loaded.line_of(("dates", d, "norm")))


def _state_references(loaded: LoadedModel) -> Iterator[Issue]:
    for p, proc in enumerate(loaded.model.procedures):
        states = {s.id for s in proc.states}
        if proc.initial not in states:
            yield Issue("unknown-state", f"procedure {proc.id}: initial state {proc.initial!r} is not one of its states"
                        + did_you_mean(proc.initial, states), line=loaded.line_of(("procedures", p, "initial")))
        for t, step in enumerate(proc.transitions):
            for key, state in (("from", step.source), ("to", step.target)):
                if state not in states:
                    yield Issue("unknown-state",
                                f"procedure {proc.id}, transition {step.event}: {key} state {state!r} is not one of "
                                f"its states" + did_you_mean(state, states),
                                line=loaded.line_of(("procedures", p, "transitions", t, key)))


def _cycles(loaded: LoadedModel) -> Iterator[Issue]:
    cycle = loaded.ontology.find_cycle()  # is_a links only: a may-be link may point down the tree
    if cycle:
        index = next(i for i, a in enumerate(loaded.model.actors) if a.id == cycle[0])
        yield Issue("ontology-cycle", "actors are each a kind of the other: " + " is_a ".join(cycle),
                    line=loaded.line_of(("actors", index)))
    cycle = find_cycle({n.id: n.overrides for n in loaded.model.norms})
    if cycle:
        yield Issue("priority-cycle", "norms override each other in a circle: " + " overrides ".join(cycle),
                    line=loaded.norm_line(cycle[0]))


def _dates_in_order(loaded: LoadedModel) -> Iterator[Issue]:
    """A repeal takes effect on its date, so one on or before the entry into force leaves no day in force."""
    regulation = loaded.model.regulation
    if regulation.repealed is not None and regulation.repealed <= regulation.in_force:
        yield Issue("repeal-before-entry-into-force",
                    f"the regulation is repealed on {regulation.repealed}, not after its entry into force on "
                    f"{regulation.in_force}: it would never be in force",
                    line=loaded.line_of(("regulation", "repealed")))
    for n, norm in enumerate(loaded.model.norms):
        validity = norm.validity
        if validity is not None and validity.start and validity.end and validity.end < validity.start:
            yield Issue("validity-ends-before-start",
                        f"norm {norm.id} is valid until {validity.end}, before it starts on {validity.start}",
                        line=loaded.line_of(("norms", n, "validity", "end")))


def _bearers(loaded: LoadedModel) -> Iterator[Issue]:
    for n, norm in enumerate(loaded.model.norms):
        if norm.kind in BEARER_KINDS and norm.bearer is None:
            yield Issue("missing-bearer", f"norm {norm.id} is a {norm.kind.value} but names no bearer",
                        line=loaded.line_of(("norms", n)))


def _procedure_shapes(loaded: LoadedModel) -> Iterator[Issue]:
    for p, proc in enumerate(loaded.model.procedures):
        states = {s.id: s for s in proc.states}
        exits: dict[str, list[str]] = {s: [] for s in states}
        for step in proc.transitions:
            if step.source in exits and step.target in states:
                exits[step.source].append(step.target)
        reachable: set[str] = set()
        frontier = [proc.initial] if proc.initial in states else []
        while frontier:
            current = frontier.pop()
            if current not in reachable:
                reachable.add(current)
                frontier.extend(exits[current])
        for s, state in enumerate(proc.states):
            line = loaded.line_of(("procedures", p, "states", s))
            if proc.initial in states and state.id not in reachable:
                yield Issue("unreachable-state",
                            f"procedure {proc.id}: state {state.id!r} cannot be reached from {proc.initial!r}",
                            line=line)
            if state.final and exits[state.id]:
                yield Issue("final-state-exit",
                            f"procedure {proc.id}: final state {state.id!r} has outgoing transitions", line=line)
            if not state.final and not exits[state.id]:
                yield Issue("dead-end-state",
                            f"procedure {proc.id}: state {state.id!r} is not final but has no way out", line=line)


def _date_shapes(loaded: LoadedModel) -> Iterator[Issue]:
    for d, date in enumerate(loaded.model.dates):
        longest = calendar.monthrange(2024, date.month)[1]  # a leap year: 29 February is a real date
        if date.day > longest:
            yield Issue("invalid-date", f"date {date.id}: {calendar.month_name[date.month]} has no day {date.day}",
                        line=loaded.line_of(("dates", d, "day")))
