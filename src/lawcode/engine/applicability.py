"""Whether a norm applies to an actor, given facts and a date (see docs/model-semantics.md).

A norm's status is the Kleene conjunction of its parts: the bearer's defining conditions (when
the actor only matches a defined subclass conditionally), the norm's condition, the negation of
its exception (``unless``) and of the exceptions of a Schedule it is subject to, the negation
of every overriding norm's own applicability, all on a date the norm is valid. Each part is kept
with its evaluation so that ``explain`` can show it and ``what-if`` can search over it; ``ask``
only needs the combined value.

:class:`Engine` holds the per-model indexes built once (ordered norms, overriders, bearer matches
per actor), so that a question costs a few microseconds per candidate norm.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from lawcode.engine.evaluate import FALSE, TRUE, Evaluation, combine, evaluate, negate
from lawcode.engine.findings import APPLIES, DOES_NOT_APPLY, UNDETERMINED, norm_fields, norm_order
from lawcode.engine.quote import Quote, quotes
from lawcode.model.conditions import And, Expr, Fact, Not, facts_of
from lawcode.model.loaded import LoadedModel

if TYPE_CHECKING:
    from lawcode.model.objects import Norm
    from lawcode.text.document import Document

# Parts of a status, as explanations name them.
DEFINED_BY = "defined_by"  # the bearer is a defined subclass the actor matches only under a condition
MAY_BE = "may_be"  # the actor reaches the bearer only through a may-be link, under its condition
CONDITION = "condition"
UNLESS = "unless"
OVERRIDDEN_BY = "overridden_by"
SUBJECT_TO = "subject_to"  # an exception in a part of the law the text does not hold (a Schedule)


@dataclass(frozen=True, slots=True)
class BearerMatch:
    """How an actor matches a norm's bearer.

    ``path``: the is-a chain from the actor up to the class it is (the bearer itself, or the
    parent of a defined subclass); empty when it does not match. ``defined``: the defined
    subclasses, from that class down to the bearer, whose ``defined_by`` must also hold.
    ``links``: the may-be links (kind, the kind it may be) on the way, whose ``when`` must hold.
    """

    actor: str
    bearer: str | None
    path: tuple[str, ...]
    defined: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()

    @property
    def matches(self) -> bool:
        return bool(self.path)


@dataclass(frozen=True, slots=True)
class Part:
    """One conjunct of a norm's status: its role, where it comes from and its evaluation.

    ``source`` is the actor id for ``defined_by``, "KIND:PARENT" for ``may_be``, the Schedule's name
    for ``subject_to``, the norm id otherwise (the overriding norm's for ``overridden_by``, whose own
    status is ``overrider``). ``evaluation`` is already negated for ``unless``/``subject_to``/
    ``overridden_by``: a true part always supports applying.
    """

    role: str
    source: str
    expression: Expr | None
    evaluation: Evaluation
    overrider: Status | None = None


@dataclass(frozen=True, slots=True)
class Status:
    norm: str
    match: BearerMatch
    valid: bool
    parts: tuple[Part, ...]
    evaluation: Evaluation

    @property
    def value(self) -> str:
        if self.evaluation.value is None:
            return UNDETERMINED
        return APPLIES if self.evaluation.value else DOES_NOT_APPLY

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(sorted(self.evaluation.unknown)) if self.evaluation.value is None else ()


# Combinations of roles whose reach an engine keeps (see Engine.reach).
REACH_CACHE_SIZE = 256


@dataclass(frozen=True)
class Reach:
    """What reaches an asker holding some roles, whatever the facts: ``bound`` (norm id -> the
    matches by which a role is the norm's bearer) and ``owed`` (norm id -> those by which a role
    is its counterparty or beneficiary, for norms not bound), both in answer order; ``used``:
    every fact that can change one of these norms for the asker."""

    bound: Mapping[str, tuple[BearerMatch, ...]]
    owed: Mapping[str, tuple[BearerMatch, ...]]
    used: frozenset[str]


class Engine:
    """The indexes of one LoadedModel that every question uses; build with :func:`engine_for`."""

    def __init__(self, loaded: LoadedModel) -> None:
        self.loaded = loaded
        self.regulation = loaded.model.regulation
        self.ontology = loaded.ontology
        self.norms = sorted(loaded.model.norms, key=norm_order)
        self.by_id = {n.id: n for n in self.norms}
        overriders: dict[str, list[str]] = {}
        for norm in self.norms:
            for target in norm.overrides:
                overriders.setdefault(target, []).append(norm.id)
        self.overriders = {k: tuple(v) for k, v in overriders.items()}
        self._candidates: dict[str, tuple[tuple[Norm, BearerMatch], ...]] = {}
        self._implied: dict[str, dict[str, bool]] = {}
        self._shown: dict[tuple[str, str | None], tuple[Mapping[str, Any], tuple[Quote, ...]]] = {}
        self._matches: dict[tuple[str, str | None], BearerMatch] = {}
        # What reaches a combination of roles: asked again and again (each web request), it
        # depends on the model only. Bounded, as roles come from users and combine; the cache
        # is this engine's, so it lives and dies with the model.
        self.reach: Callable[[tuple[str, ...]], Reach] = functools.lru_cache(maxsize=REACH_CACHE_SIZE)(self._reach)

    def shown(self, norm: Norm, document: Document | None = None) -> tuple[Mapping[str, Any], tuple[Quote, ...]]:
        """(norm_fields, quotes) of a norm, computed once per norm and text.

        A text is known by its fingerprint (computed once per Document): two Documents with the
        same fingerprint have the same provisions and words, so they cite and quote alike; and
        the memo holds no Document, so none outlives its use because a question quoted it.
        """
        key = (norm.id, document.fingerprint() if document is not None else None)
        entry = self._shown.get(key)
        if entry is None:
            fields = MappingProxyType(norm_fields(self.loaded, norm, document))
            entry = self._shown[key] = (fields, quotes(norm.cites, document) if document is not None else ())
        return entry

    # -- bearers -------------------------------------------------------------------------------

    def bearer_match(self, actor: str, bearer: str | None) -> BearerMatch:
        """Direct (the actor is_a the bearer: what binds a unit binds an enterprise), conditional
        on a definition (the bearer is a defined subclass, like key_unit, of a class the actor is:
        its ``defined_by`` then joins the norm's condition) or conditional on a may-be link (the
        actor, or a kind it is, may be the bearer or a kind of it: the link's ``when`` joins).
        Computed once per (actor, bearer)."""
        key = (actor, bearer)
        found = self._matches.get(key)
        if found is None:
            found = self._matches[key] = self._match(actor, bearer, frozenset())
        return found

    def _match(self, actor: str, bearer: str | None, seen: frozenset[tuple[str, str]]) -> BearerMatch:
        if bearer is None:
            return BearerMatch(actor, bearer, ())
        if self.ontology.is_a(actor, bearer):
            return BearerMatch(actor, bearer, tuple(self.ontology.path(actor, bearer)))
        definition = self.ontology.actors.get(bearer)
        if definition is not None and definition.defined_by is not None:
            for parent in definition.is_a:
                via = self._match(actor, parent, seen)
                if via.matches:
                    return BearerMatch(actor, bearer, via.path, (*via.defined, bearer), via.links)
        for kind in self.ontology.ancestors(actor) if actor in self.ontology else ():
            for link in self.ontology.actors[kind].may_be:
                step = (kind, link.actor)
                if step in seen:
                    continue
                via = self._match(link.actor, bearer, seen | {step})
                if via.matches:
                    head = tuple(self.ontology.path(actor, kind))
                    return BearerMatch(actor, bearer, head + via.path, via.defined, (step, *via.links))
        return BearerMatch(actor, bearer, ())

    def _reach(self, roles: tuple[str, ...]) -> Reach:
        bound = self._ways(roles, lambda norm: (norm.bearer,))
        owed = self._ways(roles, lambda norm: (norm.counterparty, norm.beneficiary), exclude=bound)
        used = frozenset(name for ways in (bound, owed) for norm_id, matches in ways.items()
                         for name in self.facts_used(self.by_id[norm_id], matches))
        return Reach(MappingProxyType(bound), MappingProxyType(owed), used)

    def _ways(self, roles: tuple[str, ...], targets: Callable[[Norm], tuple[str | None, ...]],
              exclude: Mapping[str, tuple[BearerMatch, ...]] | None = None) -> dict[str, tuple[BearerMatch, ...]]:
        """norm id -> the bearer matches by which the roles reach ``targets(norm)`` (the bearer,
        or the counterparty and beneficiary); norms in ``exclude`` are left out."""
        found: dict[str, list[BearerMatch]] = {}
        for norm in self.norms:
            if exclude is not None and norm.id in exclude:
                continue
            for role in roles:
                for target in targets(norm):
                    match = self.bearer_match(role, target)
                    if match.matches:
                        found.setdefault(norm.id, []).append(match)
                        break
        return {norm_id: tuple(matches) for norm_id, matches in found.items()}

    def facts_used(self, norm: Norm, matches: Iterable[BearerMatch]) -> set[str]:
        """Every fact that can change the norm's status for an asker reached by any of ``matches``."""
        return set().union(*(self.relevant_facts(norm, match) for match in matches))

    def relevant_facts(self, norm: Norm, match: BearerMatch, seen: frozenset[str] = frozenset()) -> set[str]:
        """Every fact that can change the norm's status for the matched actor: the may-be links and
        definitions on the way to the bearer, the condition, the exception and the overriders'."""
        seen = seen | {norm.id}
        found: set[str] = set()
        for defined in match.defined:
            found |= facts_of(self.loaded.definitions[defined])
        for link in match.links:
            found |= facts_of(self.loaded.links[link])
        for expr in (self.loaded.conditions.get(norm.id), self.loaded.exceptions.get(norm.id)):
            if expr is not None:
                found |= facts_of(expr)
        found |= {entry.exception for entry in norm.subject_to}
        for other in self.overriders.get(norm.id, ()):
            if other not in seen:
                overrider = self.by_id[other]
                found |= self.relevant_facts(overrider, self.bearer_match(match.actor, overrider.bearer), seen)
        return found

    def candidates(self, actor: str) -> tuple[tuple[Norm, BearerMatch], ...]:
        """Norms whose bearer the actor matches (directly or conditionally), in answer order."""
        found = self._candidates.get(actor)
        if found is None:
            found = tuple(
                (norm, match) for norm in self.norms
                if (match := self.bearer_match(actor, norm.bearer)).matches
            )
            self._candidates[actor] = found
        return found

    def implied_facts(self, actor: str) -> dict[str, bool]:
        """Facts that asking "as" a defined subclass settles: the literals its definitions
        (and its ancestors') conjoin, e.g. key_unit -> in_key_unit_directory: true."""
        found = self._implied.get(actor)
        if found is None:
            found = {}
            for ancestor in self.ontology.ancestors(actor):
                expr = self.loaded.definitions.get(ancestor)
                if expr is not None:
                    found.update(_literals(expr))
            self._implied[actor] = found
        return found

    def questions(self, names: Iterable[str]) -> dict[str, str]:
        """The interview question of each named fact, by fact name (sorted)."""
        facts = self.loaded.facts
        return {n: facts[n].question for n in sorted(set(names)) if n in facts}

    # -- status --------------------------------------------------------------------------------

    def valid_on(self, norm: Norm, on: dt.date) -> bool:
        """In force on ``on``: from the norm's start (default: entry into force) to its end,
        and before the regulation's repeal."""
        validity = norm.validity
        start = validity.start if validity and validity.start else self.regulation.in_force
        if on < start:
            return False
        if validity and validity.end and on > validity.end:
            return False
        return not (self.regulation.repealed and on >= self.regulation.repealed)

    def status(self, norm: Norm, match: BearerMatch, facts: Mapping[str, bool], on: dt.date) -> Status:
        """The status of ``norm`` for the matched actor, with each part evaluated."""
        return self._status(norm, match, facts, on, frozenset((norm.id,)))

    def _status(self, norm: Norm, match: BearerMatch, facts: Mapping[str, bool], on: dt.date,
                seen: frozenset[str]) -> Status:
        if not match.matches and norm.kind != "conflict_rule":
            return Status(norm.id, match, True, (), FALSE)
        if not self.valid_on(norm, on):
            return Status(norm.id, match, False, (), FALSE)
        parts: list[Part] = []
        for kind, parent in match.links:
            expr = self.loaded.links[(kind, parent)]
            parts.append(Part(MAY_BE, f"{kind}:{parent}", expr, evaluate(expr, facts)))
        for actor in match.defined:
            expr = self.loaded.definitions[actor]
            parts.append(Part(DEFINED_BY, actor, expr, evaluate(expr, facts)))
        condition = self.loaded.conditions.get(norm.id)
        if condition is not None:
            parts.append(Part(CONDITION, norm.id, condition, evaluate(condition, facts)))
        exception = self.loaded.exceptions.get(norm.id)
        if exception is not None:
            parts.append(Part(UNLESS, norm.id, exception, negate(evaluate(exception, facts))))
        for entry in norm.subject_to:
            outside = Fact(entry.exception)
            parts.append(Part(SUBJECT_TO, entry.schedule, outside, negate(evaluate(outside, facts))))
        for other_id in self.overriders.get(norm.id, ()):
            if other_id in seen:  # an override cycle: the model checker reports it
                continue
            other = self.by_id[other_id]
            other_match = self.bearer_match(match.actor, other.bearer)
            displaces = self._status(other, other_match, facts, on, seen | {other_id})
            parts.append(Part(OVERRIDDEN_BY, other_id, None, negate(displaces.evaluation), displaces))
        evaluation = combine([p.evaluation for p in parts]) if parts else TRUE
        return Status(norm.id, match, True, tuple(parts), evaluation)


_RANK = {APPLIES: 0, UNDETERMINED: 1, DOES_NOT_APPLY: 2}


def strongest(statuses: list[Status]) -> tuple[str, list[Status]]:
    """The status of a norm for one organisation holding several roles, from its status for
    each role: it applies when it applies through any role, else it is undetermined when it is
    so through any, else it does not apply (Kleene "or" across roles). Returns the value and
    the statuses (roles) that carry it, in role order."""
    if not statuses:
        return DOES_NOT_APPLY, []
    value = min((s.value for s in statuses), key=_RANK.__getitem__)
    return value, [s for s in statuses if s.value == value]


def _literals(expr: Expr) -> dict[str, bool]:
    """The fact literals a condition conjoins (``a and not b`` -> {a: True, b: False})."""
    if isinstance(expr, Fact):
        return {expr.name: True}
    if isinstance(expr, Not) and isinstance(expr.operand, Fact):
        return {expr.operand.name: False}
    if isinstance(expr, And):
        found: dict[str, bool] = {}
        for operand in expr.operands:
            found.update(_literals(operand))
        return found
    return {}


@functools.lru_cache(maxsize=16)
def engine_for(loaded: LoadedModel) -> Engine:
    """The Engine of a LoadedModel (one loaded model is one object: keyed by identity), built once
    for the 16 models asked about most recently.

    An Engine holds its model, so a cache keyed weakly by the model would never let either go; a
    bounded cache does: a long-running server that reads many stored versions keeps at most 16.
    """
    return Engine(loaded)
