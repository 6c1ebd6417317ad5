"""The questions lawcode answers, as service functions: ask, explain, what_if, who.

The CLI and the HTTP API call these and only render what they return; no interface re-implements
any reasoning. Each takes a LoadedModel (``lawcode.service.load_model``), checks the question
against the model (unknown actor, fact, norm, kind or a malformed date raise
:class:`~lawcode.errors.QueryError` listing what is known, closest first) and returns a
dataclass with ``to_dict()``.

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
     "quote": [{"eid", "citation", "text"}] (when the text is available)}

ask::

    {"regulation": id, "as": actor, "on": "YYYY-MM-DD", "kind": kind|null,
     "facts": {fact: bool} (as given), "implied_facts": {fact: bool} (by the actor's definition, or
     false because another fact of their exclusive group is true),
     "in_force": bool, "notice": str (optional: why nothing is in force),
     "findings": [finding] (applies first, then undetermined; each group in kind order duty,
     prohibition, permission, power, right, entitlement, consequence, ...; then article order),
     "questions": {fact: question} (for every fact in some "missing")}

explain::

    {"regulation", "as", "on", "facts", "implied_facts", "finding": finding,
     "bearer": {"bearer", "matches": bool, "path": [actor, ..., class it is] (the is-a chain;
     [] when no match), "defined": [{"actor", "condition"}] (defined subclasses whose definition
     must hold)}, "validity": {"start", "end", "in_force": bool, optional "repealed"},
     "parts": [part], "decided_by": ["bearer"|"validity"|"condition"|"unless"|
     "defined_by:ACTOR"|"overridden_by:NORM"], "summary": str}
    part = {"role": "defined_by"|"condition"|"unless"|"overridden_by", "source": actor/norm id,
            "expression": str ("NORM applies" for overridden_by),
            "value": true|false|null (of the expression itself),
            "effect": "supports"|"blocks"|"open",
            "facts": [{"fact", "value", "source": "given"|"implied"|"unknown", "question"}],
            "overrider": {"status", "in_force", "bearer_matches", "parts": [part]}
            (overridden_by only)}

what_if::

    {"regulation", "as", "on", "norm", "goal": "apply"|"stop", "status": current status,
     "facts", "implied_facts", "sets": [{fact: bool}] (minimal: no proper subset works; [] when
     impossible; [{}] when already so), "notice": str (optional), "questions": {fact: question}}

who::

    {"regulation", "terms": [str], "actors": [{"actor", "label", "also": [descendant ids],
     "norms": [norm fields as in a finding, without status]}]}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from lawcode.engine.applicability import Engine, Status, engine_for
from lawcode.engine.exclusive import excluded_by_choice
from lawcode.engine.findings import APPLIES, KIND_ORDER, UNDETERMINED, Finding
from lawcode.engine.quote import citation
from lawcode.errors import QueryError

# ask lists "would apply if" sets of up to 6 unknown facts (3**6 evaluations at most per
# finding); what-if searches further.
ASK_BUDGET = 3 ** 6
_TRUE_WORDS = {"true": True, "yes": True, "false": False, "no": False}


# -- checking a question against the model --------------------------------------------------------


def closest_first(name: str, known: Iterable[str]) -> list[str]:
    """Known names, the closest matches to ``name`` first, then the rest in order."""
    import difflib  # only on the error path

    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=5, cutoff=0.5)
    return close + [k for k in known if k not in close]


def parse_facts(specs: Iterable[str]) -> dict[str, bool]:
    """``["a", "b=false"]`` -> {a: True, b: False}; the same fact with two values is an error."""
    facts: dict[str, bool] = {}
    for spec in specs:
        name, sep, word = spec.partition("=")
        name = name.strip()
        value = True
        if sep:
            value = _TRUE_WORDS.get(word.strip().lower())
            if value is None:
                raise QueryError(f"fact {name!r}: {word!r} is neither true nor false",
                                 expected="--fact NAME, --fact NAME=true or --fact NAME=false",
                                 known=["true", "false", "yes", "no"])
        if facts.get(name, value) != value:
            raise QueryError(f"fact {name!r} is given twice, as true and as false",
                             expected="each fact once (or twice with the same value)")
        facts[name] = value
    return facts


def _facts(engine: Engine, actor: str, given: Mapping[str, bool] | Iterable[str] | None) -> tuple[dict, dict, dict]:
    """(given, implied, merged): unknown fact names and contradictions with the actor are errors."""
    given = dict(given) if isinstance(given, Mapping) else parse_facts(given or ())
    declared = engine.loaded.facts
    for name, value in given.items():
        if name not in declared:
            raise QueryError(f"unknown fact {name!r}", expected="a fact declared in the model",
                             known=closest_first(name, declared))
        if not isinstance(value, bool):
            raise QueryError(f"fact {name!r}: {value!r} is neither true nor false", expected="true or false")
    implied = engine.implied_facts(actor)
    implied = {**implied, **excluded_by_choice(engine.loaded, {**given, **implied})}
    for name, value in implied.items():
        if given.get(name, value) != value:
            raise QueryError(f"fact {name!r} is {str(value).lower()} for every {actor} (by its definition), "
                             f"but was given as {str(given[name]).lower()}",
                             expected=f"no value for {name}, or ask as another actor")
    return given, dict(implied), {**given, **implied}


def _actor(engine: Engine, actor: str) -> str:
    if actor not in engine.loaded.actors:
        raise QueryError(f"unknown actor {actor!r}", expected="an actor id of the model",
                         known=closest_first(actor, engine.loaded.actors))
    return actor


def _date(on: dt.date | str | None) -> dt.date:
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.date):
        return on
    try:
        return dt.date.fromisoformat(on)
    except ValueError:
        raise QueryError(f"malformed date {on!r}", expected="a date as YYYY-MM-DD, e.g. 2021-06-30") from None


def resolve_norm(engine: Engine, ref: str, actor: str | None = None) -> object:
    """A norm by id or by a unique prefix of its id ("art18.2").

    A prefix shared by several norms is still unique when only one of them binds ``actor``
    (asked as a citizen, "art18.2" is the citizens' reporting duty, not the organisations').
    """
    if ref in engine.by_id:
        return engine.by_id[ref]
    matches = [n for n in engine.norms if n.id.startswith(ref)]
    if len(matches) > 1 and actor is not None:
        binding = [n for n in matches if engine.bearer_match(actor, n.bearer).matches]
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
        return f"On {on.isoformat()} nothing in {name} is in force: it was repealed on {regulation.repealed.isoformat()}."
    return None


def _finding(engine: Engine, norm, status: Status, document, facts: Mapping[str, bool], on: dt.date) -> Finding:
    would = ()
    if status.value == UNDETERMINED:
        from lawcode.engine.abduction import minimal_sets

        would = tuple(minimal_sets(engine, norm, status.match, facts, on, APPLIES, ASK_BUDGET)[0])
    fields, quoted = engine.shown(norm, document)
    return Finding(fields, status.value, status.missing, quoted, would)


# -- ask --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """What every answer repeats: the regulation, who asks, when, and the facts used."""

    regulation: str
    actor: str
    on: dt.date
    facts: dict
    implied_facts: dict

    def to_dict(self) -> dict:
        return {"regulation": self.regulation, "as": self.actor, "on": self.on.isoformat(),
                "facts": dict(sorted(self.facts.items())), "implied_facts": dict(sorted(self.implied_facts.items()))}


@dataclass(frozen=True)
class AskAnswer:
    question: Question
    kind: str | None
    findings: tuple[Finding, ...]
    questions: dict = field(default_factory=dict)
    notice: str | None = None

    @property
    def in_force(self) -> bool:
        return self.notice is None

    def to_dict(self) -> dict:
        data = self.question.to_dict()
        data["kind"] = self.kind
        data["in_force"] = self.in_force
        if self.notice:
            data["notice"] = self.notice
        data["findings"] = [f.to_dict() for f in self.findings]
        data["questions"] = self.questions
        return data


def ask(loaded, actor: str, facts=None, on=None, kind: str | None = None, document=None) -> AskAnswer:
    """Every norm that applies to ``actor``, then those undetermined for want of a fact."""
    engine = engine_for(loaded)
    actor = _actor(engine, actor)
    given, implied, merged = _facts(engine, actor, facts)
    on = _date(on)
    kind = _kind(engine, kind)
    question = Question(loaded.model.regulation.id, actor, on, given, implied)
    notice = _not_in_force(engine, on)
    if notice:
        return AskAnswer(question, kind, (), {}, notice)
    applies: list[Finding] = []
    undetermined: list[Finding] = []
    for norm, match in engine.candidates(actor):
        if kind is not None and norm.kind != kind:
            continue
        status = engine.status(norm, match, merged, on)
        if status.value == APPLIES:
            applies.append(_finding(engine, norm, status, document, merged, on))
        elif status.value == UNDETERMINED:
            undetermined.append(_finding(engine, norm, status, document, merged, on))
    missing = [name for f in undetermined for name in f.missing]
    return AskAnswer(question, kind, tuple(applies + undetermined), engine.questions(missing))


# -- explain, what-if, who -----------------------------------------------------------------------


def _norm_question(loaded, norm: str, actor: str, facts, on):
    """Check a question about one norm against the model: the engine, the question, the norm
    and the facts (given and implied by the actor) it is to be answered on."""
    engine = engine_for(loaded)
    actor = _actor(engine, actor)
    target = resolve_norm(engine, norm, actor)
    given, implied, merged = _facts(engine, actor, facts)
    question = Question(loaded.model.regulation.id, actor, _date(on), given, implied)
    return engine, question, target, merged


def explain(loaded, norm: str, actor: str, facts=None, on=None, document=None):
    """The proof tree of one norm for one actor: see :mod:`lawcode.engine.explain`."""
    from lawcode.engine.explain import build_explanation

    engine, question, target, merged = _norm_question(loaded, norm, actor, facts, on)
    status = engine.status(target, engine.bearer_match(question.actor, target.bearer), merged, question.on)
    finding = _finding(engine, target, status, document, merged, question.on)
    return build_explanation(engine, question, target, status, finding)


def what_if(loaded, norm: str, actor: str, facts=None, on=None, stop: bool = False):
    """The minimal sets of facts that would make ``norm`` apply (or, ``stop``, stop applying)."""
    from lawcode.engine.abduction import abduce

    engine, question, target, merged = _norm_question(loaded, norm, actor, facts, on)
    return abduce(engine, question, target, merged, stop, _not_in_force(engine, question.on))


def who(loaded, terms: Iterable[str]):
    """Which actors carry duties, powers or rights matching all ``terms``."""
    from lawcode.engine.who import find_bearers

    terms = [t for t in terms if t.strip()]
    if not terms:
        raise QueryError("no search terms given", expected="one or more words, e.g. publicity education")
    return find_bearers(engine_for(loaded), terms)
