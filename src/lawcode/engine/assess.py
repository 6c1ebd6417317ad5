"""Compliance questions: given what happened, which prohibitions (and duties) were contravened,
and on which provisions.

A norm can be assessed when the model says which conduct contravenes it (``contravened_by``: for
a prohibition, doing what it forbids; for a duty, failing to do it). For an actor (or several
roles at once), facts and a date, a norm is *contravened* when it applies and the conduct
happened, *not contravened* when either is false, and *undetermined* otherwise - with the facts
that would decide it. The provisions it rests on are the norm's and those of every defined
concept in the conduct's chain that holds - or, when undetermined, is still open (direct
discrimination, s.13, and the protected characteristic, s.4, under a "must not discriminate" in
s.29).

JSON contract (``to_dict()``)::

    {"regulation", "as", "on", "roles", "facts", "implied_facts" (the question, as every answer
     repeats it: see :mod:`lawcode.engine.queries`), "in_force": bool, "notice" (optional),
     "assessments": [{"norm", "kind", "result": "contravened"|"undetermined", "roles": [role],
       "bearer", "action", "cites", "citations", "provisions": [eId], "provision_citations",
       "missing": [fact] (undetermined), "subject_to" (optional), "parts": [part as in explain,
       the last one with role "conduct"]}] (contravened first, then undetermined, fewest
       missing facts first; then kind and article order), "not_contravened": [norm id], "questions": {fact: question}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawcode.engine.applicability import BearerMatch, Engine, Part, engine_for
from lawcode.engine.concepts import concept_chain
from lawcode.engine.evaluate import combine, evaluate
from lawcode.engine.explain import part_dict
from lawcode.engine.queries import Facts, Question, Roles, _facts, _not_in_force, _roles, as_date
from lawcode.engine.quote import citation
from lawcode.model.conditions import Expr

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.model.objects import Norm
    from lawcode.text.document import Document

CONTRAVENED = "contravened"
NOT_CONTRAVENED = "not_contravened"
UNDETERMINED = "undetermined"
CONDUCT = "conduct"
_RANK = {CONTRAVENED: 2, UNDETERMINED: 1, NOT_CONTRAVENED: 0}


@dataclass(frozen=True)
class AssessAnswer:
    question: Question
    assessments: tuple[dict[str, Any], ...]
    not_contravened: tuple[str, ...]
    questions: dict[str, str]
    notice: str | None = None
    warnings: tuple[str, ...] = ()  # about the answer as a whole (see lawcode.service.stored_text_warning)

    def to_dict(self) -> dict[str, Any]:
        data = self.question.to_dict()
        data["in_force"] = self.notice is None
        if self.notice:
            data["notice"] = self.notice
        data["assessments"] = list(self.assessments)
        data["not_contravened"] = list(self.not_contravened)
        data["questions"] = self.questions
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data


def assess(loaded: LoadedModel, roles: Roles, facts: Facts = None, on: dt.date | str | None = None,
           document: Document | None = None) -> AssessAnswer:
    """Which norms with a ``contravened_by`` conduct were contravened by an actor holding
    ``roles`` (one actor id or several), given ``facts``, on ``on``."""
    engine = engine_for(loaded)
    roles = _roles(engine, roles)
    on = as_date(on)
    given, implied, merged = _facts(engine, roles, facts)
    found: dict[str, dict[str, Any]] = {}
    for role in roles:
        question = Question(loaded.model.regulation.id, (role,), on, given, implied)
        for norm, match in engine.candidates(role):
            conduct = loaded.conduct.get(norm.id)
            if conduct is None:
                continue
            entry = _assess(engine, question, norm, match, conduct, merged, document)
            known = found.get(norm.id)
            fewer = known is not None and len(entry.get("missing", ())) < len(known.get("missing", ()))
            if known is None or _RANK[entry["result"]] > _RANK[known["result"]] or (
                    entry["result"] == known["result"] == UNDETERMINED and fewer):
                if known is not None and known["result"] == entry["result"]:
                    entry["roles"] = [*known["roles"], role]
                else:
                    entry["roles"] = [role]
                found[norm.id] = entry
            elif entry["result"] == known["result"]:
                known["roles"].append(role)
    asked = Question(loaded.model.regulation.id, roles, on, given, implied)
    notice = _not_in_force(engine, on)
    if notice:
        return AssessAnswer(asked, (), (), {}, notice)
    order = {n.id: i for i, n in enumerate(engine.norms)}
    # contraventions first; then the undetermined closest to being decided (fewest open facts)
    ranked = sorted(found.values(), key=lambda e: (-_RANK[e["result"]], len(e.get("missing", ())), order[e["norm"]]))
    shown = tuple(e for e in ranked if e["result"] != NOT_CONTRAVENED)
    cleared = tuple(e["norm"] for e in ranked if e["result"] == NOT_CONTRAVENED)
    missing = [name for e in shown for name in e.get("missing", [])]
    return AssessAnswer(asked, shown, cleared, engine.questions(missing))


def _assess(engine: Engine, question: Question, norm: Norm, match: BearerMatch, conduct: Expr,
            facts: Mapping[str, bool], document: Document | None) -> dict[str, Any]:
    status = engine.status(norm, match, facts, question.on)
    happened = evaluate(conduct, facts)
    verdict = combine([status.evaluation, happened])
    result = {True: CONTRAVENED, False: NOT_CONTRAVENED, None: UNDETERMINED}[verdict.value]
    fields, _quotes = engine.shown(norm, document)
    entry: dict[str, Any] = {"norm": norm.id, "kind": fields["kind"], "result": result, "roles": []}
    entry.update((k, v) for k, v in fields.items() if k not in entry)
    chain = concept_chain(engine.loaded, conduct, facts)
    provisions = list(norm.cites) + [e for e in _holding_cites(chain, result == UNDETERMINED) if e not in norm.cites]
    entry["provisions"] = provisions
    entry["provision_citations"] = [citation(e, document) for e in provisions]
    if result == UNDETERMINED:
        entry["missing"] = sorted(verdict.unknown)
    parts = [*list(status.parts), Part(CONDUCT, norm.id, conduct, happened)]
    entry["parts"] = [part_dict(engine, question, p) for p in parts]
    return entry


def _holding_cites(chain: list[dict[str, Any]], open_too: bool) -> list[str]:
    """The eIds of the concepts in a chain that hold (and, ``open_too``, those still open), in order."""
    found: list[str] = []
    for entry in chain:
        if not (entry["value"] is True or (open_too and entry["value"] is None)):
            continue
        for eid in entry["cites"] + _holding_cites(entry["concepts"], open_too):
            if eid not in found:
                found.append(eid)
    return found
