"""The engine's answers to the questions lawcode answers: ask, explain, what_if, who.

These are the reasoning behind the service layer (:mod:`lawcode.service`), which finds, loads and
caches models and texts; interfaces get the model from the service and only render what these
return, never re-implementing any reasoning. Each takes a LoadedModel
(``lawcode.service.load_model``), checks the question against the model (unknown actor, fact,
norm, kind or a malformed date raise :class:`~lawcode.errors.QueryError` listing what is known,
closest first) and returns a dataclass with ``to_dict()``.

JSON contract (``to_dict()``; keys always present unless marked optional; lists in answer order)
-----------------------------------------------------------------------------------------------
A *finding* (:class:`lawcode.engine.findings.Finding`)::

    {"norm": id, "kind": "duty"|"prohibition"|..., "status": "applies"|"undetermined"
     (explain also: "does_not_apply"), "bearer": actor id, "action": str, "cites": [eId],
     "citations": ["Art. 13(1)(5)"], optional "counterparty", "beneficiary", "condition",
     "unless", "overrides", "defers_to", "open_ended": true, "discretionary": true,
     "missing": [fact] (when undetermined: the unknown facts that could decide it),
     "would_apply_if": [{fact: bool}] (when undetermined: the minimal sets of answers that
     would make it apply, as what_if finds them, sets of up to 6 facts),
     "quote": [{"eid", "citation", "text"}] (when the text is available),
     "roles": [actor] (only when asked with several roles: the roles the status comes from)}

The asker is one actor or one organisation (or person) holding several roles (``--as`` repeated):
a norm applies when it applies through any role, else it is undetermined when it is so through
any (the facts implied by each role's definition hold for all). Every answer repeats::

    "as": the role, or the roles joined by "+", "roles": [actor, ...]

ask::

    {"regulation": id, "as", "on": "YYYY-MM-DD", "roles", "kind": kind|null,
     "facts": {fact: bool} (as given), "implied_facts": {fact: bool} (by the roles' definitions, or
     false because another fact of their exclusive group is true),
     "in_force": bool, "notice": str (optional: why nothing is in force),
     "findings": [finding] (applies first, then undetermined; each group in kind order duty,
     prohibition, permission, power, right, entitlement, consequence, ...; then article order),
     "owed": [finding] (norms borne by others whose counterparty or beneficiary the asker is:
     what others must do for it, must not do to it, or may do to it; applies or undetermined,
     in kind order),
     "questions": {fact: question} (for every fact in some "missing"),
     "warnings": [str] (a given fact that no norm reaching the asker uses, and why)}

explain::

    {"regulation", "as", "on", "facts", "implied_facts", "finding": finding,
     "bearer": {"bearer", "matches": bool, "path": [actor, ..., class it is] (the is-a chain;
     [] when no match), "defined": [{"actor", "condition"}] (defined subclasses whose definition
     must hold), "may_be": [{"actor", "may_be", "condition"}] (may-be links whose condition must
     hold)} - with several roles, for the role the norm's strongest status comes from,
     "validity": {"start", "end", "in_force": bool, optional "repealed"},
     "parts": [part], "warnings": [str] (given facts the norm's status does not depend on),
     "decided_by": ["bearer"|"validity"|"condition"|"unless"|
     "defined_by:ACTOR"|"may_be:ACTOR:PARENT"|"overridden_by:NORM"], "summary": str}
    part = {"role": "defined_by"|"may_be"|"condition"|"unless"|"overridden_by",
            "source": actor id, "ACTOR:PARENT" (may_be) or norm id,
            "expression": str ("NORM applies" for overridden_by),
            "value": true|false|null (of the expression itself),
            "effect": "supports"|"blocks"|"open",
            "facts": [{"fact", "value", "source": "given"|"implied"|"unknown", "question"}],
            "overrider": {"status", "in_force", "bearer_matches", "parts": [part]}
            (overridden_by only)}

what_if::

    {"regulation", "as", "on", "norm", "goal": "apply"|"stop", "status": current status,
     "facts", "implied_facts", "sets": [{fact: bool}] (minimal: no proper subset works; [] when
     impossible; [{}] when already so), "notice": str (optional), "questions": {fact: question},
     "warnings": [str] (given facts the norm's status does not depend on)}

who::

    {"regulation", "terms": [str], "actors": [{"actor", "label", "also": [descendant ids],
     "norms": [norm fields as in a finding, without status]}],
     "roles": [actor] (optional: only norms reaching these roles were kept)}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeAlias

from lawcode.engine.applicability import Engine, Status, engine_for, strongest
from lawcode.engine.exclusive import excluded_by_choice
from lawcode.engine.findings import APPLIES, DOES_NOT_APPLY, KIND_ORDER, UNDETERMINED, Finding
from lawcode.engine.quote import citation
from lawcode.errors import QueryError
from lawcode.facts import parse_facts
from lawcode.model.conditions import facts_of
from lawcode.suggest import closest_first

if TYPE_CHECKING:
    from lawcode.engine.abduction import WhatIf
    from lawcode.engine.explain import Explanation
    from lawcode.engine.who import WhoAnswer
    from lawcode.model.loaded import LoadedModel
    from lawcode.model.objects import Norm
    from lawcode.text.document import Document

# ask lists "would apply if" sets of up to 6 unknown facts (3**6 evaluations at most per
# finding); what-if searches further.
ASK_BUDGET = 3 ** 6

Facts: TypeAlias = Mapping[str, bool] | Iterable[str] | None  # as given: {name: value}, or ["name", "name=false"]
Roles: TypeAlias = str | Iterable[str]  # one actor id, or the ids of the roles one organisation holds


# -- checking a question against the model --------------------------------------------------------


def _facts(engine: Engine, roles: tuple[str, ...],
           given: Facts) -> tuple[dict[str, bool], dict[str, bool], dict[str, bool]]:
    """(given, implied, merged): unknown fact names and contradictions with the roles are errors."""
    given = dict(given) if isinstance(given, Mapping) else parse_facts(given or ())
    declared = engine.loaded.facts
    for name, value in given.items():
        if name not in declared:
            raise QueryError(f"unknown fact {name!r}", expected="a fact declared in the model",
                             known=closest_first(name, declared))
        if not isinstance(value, bool):
            raise QueryError(f"fact {name!r}: {value!r} is neither true nor false", expected="true or false")
    implied: dict[str, bool] = {}
    implied_by: dict[str, str] = {}
    for role in roles:
        for name, value in engine.implied_facts(role).items():
            if implied.get(name, value) != value:
                raise QueryError(f"fact {name!r} is {str(implied[name]).lower()} for every {implied_by[name]} but "
                                 f"{str(value).lower()} for every {role} (by their definitions)",
                                 expected="roles that one organisation or person can hold together")
            implied[name] = value
            implied_by.setdefault(name, role)
    for name, value in excluded_by_choice(engine.loaded, {**given, **implied}).items():
        implied.setdefault(name, value)
        implied_by.setdefault(name, "exclusive choice")
    for name, value in implied.items():
        if given.get(name, value) != value:
            why = (f"for every {implied_by[name]} (by its definition)" if implied_by[name] != "exclusive choice"
                   else "because another fact of its exclusive group is true")
            raise QueryError(f"fact {name!r} is {str(value).lower()} {why}, "
                             f"but was given as {str(given[name]).lower()}",
                             expected=f"no value for {name}, or ask as another actor")
    return given, implied, {**given, **implied}


def _actor(engine: Engine, actor: str) -> str:
    if actor not in engine.loaded.actors:
        raise QueryError(f"unknown actor {actor!r}", expected="an actor id of the model",
                         known=closest_first(actor, engine.loaded.actors))
    return actor


def _roles(engine: Engine, actor: str | Iterable[str]) -> tuple[str, ...]:
    """The roles one asker holds (``--as`` repeated): known actor ids, each once, in the order given."""
    roles = tuple(dict.fromkeys((actor,) if isinstance(actor, str) else actor))
    if not roles:
        raise QueryError("no actor given", expected="--as ACTOR (repeat it for one organisation holding several roles)")
    return tuple(_actor(engine, role) for role in roles)


def as_date(on: dt.date | str | None) -> dt.date:
    """The day a question is asked about: today when none is given; a malformed date is an error."""
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.date):
        return on
    try:
        return dt.date.fromisoformat(on)
    except ValueError:
        raise QueryError(f"malformed date {on!r}", expected="a date as YYYY-MM-DD, e.g. 2021-06-30") from None


def resolve_norm(engine: Engine, ref: str, actor: str | Iterable[str] | None = None) -> Norm:
    """A norm by id or by a unique prefix of its id ("art18.2").

    A prefix shared by several norms is still unique when only one of them binds ``actor``
    (asked as a citizen, "art18.2" is the citizens' reporting duty, not the organisations').
    """
    if ref in engine.by_id:
        return engine.by_id[ref]
    matches = [n for n in engine.norms if n.id.startswith(ref)]
    if len(matches) > 1 and actor is not None:
        roles = (actor,) if isinstance(actor, str) else tuple(actor)
        binding = [n for n in matches if any(engine.bearer_match(r, n.bearer).matches for r in roles)]
        if len(binding) == 1:
            return binding[0]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise QueryError(f"norm {ref!r} is ambiguous", expected="a longer prefix of one norm id",
                         known=sorted(n.id for n in matches))
    raise QueryError(f"unknown norm {ref!r}", expected="a norm id or a unique prefix of one",
                     known=closest_first(ref, engine.by_id))


def _kind(engine: Engine, kind: str | None) -> str | None:
    if kind is None:
        return None
    if kind not in KIND_ORDER:
        raise QueryError(f"unknown kind {kind!r}", expected="a norm kind", known=closest_first(kind, KIND_ORDER))
    return kind


def _not_in_force(engine: Engine, on: dt.date) -> str | None:
    """Why nothing is in force on ``on``, or None when the regulation is."""
    regulation = engine.regulation
    name = regulation.short_title or regulation.title
    cited = ", ".join(citation(e) for e in regulation.cites_in_force)
    where = f" ({cited})" if cited else ""
    if on < regulation.in_force:
        return (f"On {on.isoformat()} nothing in {name} is in force: it takes effect on "
                f"{regulation.in_force.isoformat()}{where}.")
    if regulation.repealed and on >= regulation.repealed:
        repealed = regulation.repealed.isoformat()
        return f"On {on.isoformat()} nothing in {name} is in force: it was repealed on {repealed}."
    return None


def _finding(engine: Engine, norm: Norm, statuses: list[Status], document: Document | None,
             facts: Mapping[str, bool], on: dt.date, several: bool = False) -> Finding:
    """The finding of ``norm`` for an asker reached through ``statuses`` (one per role or way it
    is reached): the strongest status; when undetermined, the unknown facts and the minimal sets
    that would make it apply. ``several``: name the roles the status comes from."""
    value, carriers = strongest(statuses)
    missing: tuple[str, ...] = ()
    would: tuple[dict[str, Any], ...] = ()
    if value == UNDETERMINED:
        from lawcode.engine.abduction import minimal_sets

        missing = tuple(sorted({name for s in carriers for name in s.missing}))
        would = tuple(minimal_sets(engine, norm, [s.match for s in carriers], facts, on, APPLIES, ASK_BUDGET)[0])
    fields, quoted = engine.shown(norm, document)
    roles = tuple(dict.fromkeys(s.match.actor for s in carriers)) if several else ()
    return Finding(fields, value, missing, quoted, would, roles)


# -- ask --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """What every answer repeats: the regulation, who asks, when, and the facts used."""

    regulation: str
    roles: tuple[str, ...]
    on: dt.date
    facts: dict[str, Any]
    implied_facts: dict[str, Any]

    @property
    def actor(self) -> str:
        """The asker as one name: its role, or its roles joined by "+"."""
        return "+".join(self.roles)

    def to_dict(self) -> dict[str, Any]:
        return {"regulation": self.regulation, "as": self.actor, "on": self.on.isoformat(), "roles": list(self.roles),
                "facts": dict(sorted(self.facts.items())), "implied_facts": dict(sorted(self.implied_facts.items()))}


@dataclass(frozen=True)
class AskAnswer:
    question: Question
    kind: str | None
    findings: tuple[Finding, ...]
    questions: dict[str, Any] = field(default_factory=dict)
    notice: str | None = None
    owed: tuple[Finding, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def in_force(self) -> bool:
        return self.notice is None

    def to_dict(self) -> dict[str, Any]:
        data = self.question.to_dict()
        data["kind"] = self.kind
        data["in_force"] = self.in_force
        if self.notice:
            data["notice"] = self.notice
        data["findings"] = [f.to_dict() for f in self.findings]
        data["owed"] = [f.to_dict() for f in self.owed]
        data["questions"] = self.questions
        data["warnings"] = list(self.warnings)
        return data


def ask(loaded: LoadedModel, actor: Roles, facts: Facts = None, on: dt.date | str | None = None,
        kind: str | None = None, document: Document | None = None) -> AskAnswer:
    """Every norm that applies to the asker (one actor, or one organisation holding several
    roles), then those undetermined for want of a fact; and, in its own list, the norms others
    bear towards the asker (as counterparty or beneficiary)."""
    engine = engine_for(loaded)
    roles = _roles(engine, actor)
    given, implied, merged = _facts(engine, roles, facts)
    on = as_date(on)
    kind = _kind(engine, kind)
    question = Question(loaded.model.regulation.id, roles, on, given, implied)
    notice = _not_in_force(engine, on)
    if notice:
        return AskAnswer(question, kind, (), {}, notice)
    several = len(roles) > 1
    reach = engine.reach(roles)
    groups: dict[str, list[Finding]] = {APPLIES: [], UNDETERMINED: [], "owed": []}
    for ways, owed_list in ((reach.bound, False), (reach.owed, True)):
        for norm in engine.norms:
            matches = ways.get(norm.id)
            if not matches:
                continue
            if kind is not None and norm.kind != kind:
                continue
            statuses = [engine.status(norm, m, merged, on) for m in matches]
            finding = _finding(engine, norm, statuses, document, merged, on, several)
            if finding.status != DOES_NOT_APPLY:
                groups["owed" if owed_list else finding.status].append(finding)
    owed_findings = groups["owed"]
    findings = groups[APPLIES] + groups[UNDETERMINED]
    missing = [name for f in findings + owed_findings for name in f.missing]
    warnings = tuple(_cannot_matter(engine, name, question) for name in sorted(given) if name not in reach.used)
    return AskAnswer(question, kind, tuple(findings), engine.questions(missing), None, tuple(owed_findings), warnings)


def _cannot_change(engine: Engine, norm: Norm, question: Question) -> tuple[str, ...]:
    """Warnings for given facts on which this norm's status for the asker does not depend."""
    matches = [engine.bearer_match(role, norm.bearer) for role in question.roles]
    used = engine.facts_used(norm, [m for m in matches if m.matches] or matches[:1])
    return tuple(f"fact {name} cannot change {norm.id} for {question.actor}: its status does not depend on it"
                 for name in sorted(question.facts) if name not in used)


def _cannot_matter(engine: Engine, name: str, question: Question) -> str:
    """Why a fact given for this question changes nothing: which norms it decides, and that
    none of them binds the asker or is owed to it."""
    loaded = engine.loaded
    deciders = [n for n in engine.norms
                if any(e is not None and name in facts_of(e)
                       for e in (loaded.conditions.get(n.id), loaded.exceptions.get(n.id)))]
    defines = sorted(a for a, e in loaded.definitions.items() if name in facts_of(e))
    links = sorted(f"{a} may be a {p}" for (a, p), e in loaded.links.items() if name in facts_of(e))
    uses = [f"{n.id} (binds {n.bearer or 'no one in particular'})" for n in deciders[:4]]
    if len(deciders) > 4:
        uses.append(f"{len(deciders) - 4} more norm(s)")
    uses += [f"whether an actor is a {a}" for a in defines] + [f"whether {link}" for link in links]
    who = ", ".join(question.roles)
    about = loaded.facts[name].about
    if not uses:
        return f"fact {name} cannot matter when asking as {who}: no norm of the model uses it"
    return (f"fact {name} cannot matter when asking as {who}: it is about a {about} and decides only "
            f"{', '.join(uses)}; none of these binds the asker ({who}) or is owed to it")


# -- explain, what-if, who -----------------------------------------------------------------------


def _norm_question(loaded: LoadedModel, norm: str, actor: Roles, facts: Facts,
                   on: dt.date | str | None) -> tuple[Engine, Question, Norm, dict[str, bool]]:
    """Check a question about one norm against the model: the engine, the question, the norm
    and the facts (given and implied by the roles) it is to be answered on."""
    engine = engine_for(loaded)
    roles = _roles(engine, actor)
    target = resolve_norm(engine, norm, roles)
    given, implied, merged = _facts(engine, roles, facts)
    question = Question(loaded.model.regulation.id, roles, as_date(on), given, implied)
    return engine, question, target, merged


def explain(loaded: LoadedModel, norm: str, actor: Roles, facts: Facts = None, on: dt.date | str | None = None,
            document: Document | None = None) -> Explanation:
    """The proof tree of one norm for the asker: see :mod:`lawcode.engine.explain`. Asked with
    several roles, the tree is that of the role the norm's strongest status comes from."""
    from lawcode.engine.explain import build_explanation

    engine, question, target, merged = _norm_question(loaded, norm, actor, facts, on)
    statuses = [engine.status(target, engine.bearer_match(role, target.bearer), merged, question.on)
                for role in question.roles]
    matching = [s for s in statuses if s.match.matches] or statuses[:1]
    _value, carriers = strongest(matching)
    finding = _finding(engine, target, carriers, document, merged, question.on, len(question.roles) > 1)
    explanation = build_explanation(engine, question, target, carriers[0] if carriers else matching[0], finding)
    return replace(explanation, warnings=_cannot_change(engine, target, question))


def what_if(loaded: LoadedModel, norm: str, actor: Roles, facts: Facts = None, on: dt.date | str | None = None,
            stop: bool = False) -> WhatIf:
    """The minimal sets of facts that would make ``norm`` apply (or, ``stop``, stop applying)."""
    from lawcode.engine.abduction import abduce

    engine, question, target, merged = _norm_question(loaded, norm, actor, facts, on)
    answer = abduce(engine, question, target, merged, stop, _not_in_force(engine, question.on))
    return replace(answer, warnings=_cannot_change(engine, target, question))


def who(loaded: LoadedModel, terms: Iterable[str], actor: Roles | None = None) -> WhoAnswer:
    """Which actors carry duties, powers or rights matching all ``terms``; with ``actor`` (one
    role or several), only the norms that reach it."""
    from lawcode.engine.who import find_bearers

    terms = [t for t in terms if t.strip()]
    if not terms:
        raise QueryError("no search terms given", expected="one or more words, e.g. publicity education")
    engine = engine_for(loaded)
    roles = _roles(engine, actor) if actor is not None and (isinstance(actor, str) or list(actor)) else ()
    return find_bearers(engine, terms, roles)
