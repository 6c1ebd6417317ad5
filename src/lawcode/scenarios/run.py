"""Run scenario cases against their model: put each question to the engine, compare the answer
with the case's expectations, and record what the case exercised (for coverage).

Every comparison is a :class:`Check` that says what was expected, what came, and the norm and
provisions a reader should look at. A question the model cannot take (an unknown actor, fact or
norm in the case) fails the case with the engine's own message rather than stopping the run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lawcode.errors import LawcodeError
from lawcode.model.loaded import LoadedModel
from lawcode.scenarios.load import LoadedScenarios
from lawcode.scenarios.schema import CalendarYear, Case, Explained, ProcedureRun, Undetermined, WhoSearch

_RANK = {"applies": 2, "undetermined": 1, "does_not_apply": 0}


@dataclass(frozen=True)
class Check:
    """One expectation of a case, compared."""

    what: str
    expected: str
    got: str
    passed: bool
    norm: str | None = None
    provisions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"what": self.what, "expected": self.expected, "got": self.got, "passed": self.passed}
        if self.norm:
            data["norm"] = self.norm
        if self.provisions:
            data["provisions"] = list(self.provisions)
        return data


@dataclass
class Exercised:
    """What a case reached in the model: the raw material of ``--coverage``."""

    applied: set[str] = field(default_factory=set)
    undetermined: set[str] = field(default_factory=set)
    explained: set[str] = field(default_factory=set)
    transitions: set[tuple[str, int]] = field(default_factory=set)  # (procedure, index in the model)
    states: set[tuple[str, str]] = field(default_factory=set)
    facts: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class CaseResult:
    file: str
    line: int
    regulation: str
    name: str
    checks: tuple[Check, ...]
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and all(c.passed for c in self.checks)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file, "line": self.line, "regulation": self.regulation,
                                "case": self.name, "passed": self.passed}
        if self.error:
            data["error"] = self.error
        data["checks"] = [c.to_dict() for c in self.checks]
        return data


def run_file(scenarios: LoadedScenarios, exercised: Exercised | None = None,
             only: Iterable[int] | None = None) -> list[CaseResult]:
    """Run every case of a file (or those at the ``only`` indices) against its model, loaded once."""
    from lawcode.service import load_model

    loaded = load_model(scenarios.model_path)
    model_id = loaded.model.regulation.id
    if model_id != scenarios.tests.regulation:
        from lawcode.scenarios.load import ScenarioError

        raise ScenarioError(f"the tests are for {scenarios.tests.regulation!r} but the model beside them is "
                            f"{model_id!r}", file=str(scenarios.path), line=1, expected=f"regulation: {model_id}")
    exercised = exercised if exercised is not None else Exercised()
    results = []
    chosen = set(only) if only is not None else None
    for index, (case, line) in enumerate(zip(scenarios.cases, scenarios.case_lines, strict=True)):
        if chosen is not None and index not in chosen:
            continue
        checks: list[Check] = []
        error = None
        try:
            run_case(loaded, case, case.date or scenarios.tests.date, checks, exercised)
        except LawcodeError as problem:
            error = problem.render()
        results.append(CaseResult(str(scenarios.path), line, model_id, case.name, tuple(checks), error))
    return results


def run_case(loaded: LoadedModel, case: Case, on: dt.date | None, checks: list[Check], exercised: Exercised) -> None:
    """Put every question of ``case`` to the engine and append one Check per expectation."""
    exercised.facts.update(case.facts)
    if (case.asks or case.explain or case.assess) and not case.roles:
        raise LawcodeError("the case expects norms but names no actor", expected="as: ACTOR (or a list of roles)")
    if case.asks:
        _check_ask(loaded, case, on, checks, exercised)
    for expected in case.explain:
        _check_explain(loaded, case, on, expected, checks, exercised)
    if case.assess:
        _check_assess(loaded, case, on, checks, exercised)
    if case.procedure is not None:
        _check_procedure(loaded, case.procedure, checks, exercised)
    if case.calendar is not None:
        _check_calendar(loaded, case.calendar, checks)
    if case.who is not None:
        _check_who(loaded, case.who, checks)


# -- ask ----------------------------------------------------------------------------------------


def ask_roles(loaded: LoadedModel, roles: Iterable[str], facts: dict[str, bool],
              on: dt.date | None) -> tuple[dict[str, dict[str, Any]], bool]:
    """The findings of ``ask`` for an actor holding every role at once, by norm id, and whether
    the regulation is in force."""
    from lawcode.service import ask

    answer = ask(loaded, tuple(roles), facts, on)
    return {finding.norm: finding.to_dict() for finding in answer.findings}, answer.in_force


def _cites(loaded: LoadedModel, norm: str) -> tuple[str, ...]:
    found = loaded.norms.get(norm)
    return tuple(found.cites) if found is not None else ()


def _status_of(findings: dict[str, dict[str, Any]], norm: str) -> str:
    return findings[norm]["status"] if norm in findings else "absent"


def _check_known_norm(loaded: LoadedModel, norm: str) -> None:
    if norm not in loaded.norms:
        from lawcode.suggest import closest_first

        raise LawcodeError(f"the case names unknown norm {norm!r}", expected="a norm id of the model",
                           known=closest_first(norm, loaded.norms))


def _check_ask(loaded: LoadedModel, case: Case, on: dt.date | None, checks: list[Check], exercised: Exercised) -> None:
    findings, in_force = ask_roles(loaded, case.roles, case.facts, on)
    for data in findings.values():
        (exercised.applied if data["status"] == "applies" else exercised.undetermined).add(data["norm"])
    if case.in_force is not None:
        checks.append(Check("in force", str(case.in_force).lower(), str(in_force).lower(), case.in_force == in_force))
    for norm in case.applies:
        _check_known_norm(loaded, norm)
        got = _status_of(findings, norm)
        checks.append(Check("applies", "applies", got, got == "applies", norm, _cites(loaded, norm)))
    for item in case.undetermined:
        expected = item if isinstance(item, Undetermined) else Undetermined(norm=item, missing=None)
        _check_known_norm(loaded, expected.norm)
        got = _status_of(findings, expected.norm)
        cites = _cites(loaded, expected.norm)
        checks.append(Check("undetermined", "undetermined", got, got == "undetermined", expected.norm, cites))
        if got == "undetermined" and expected.missing is not None:
            want, have = sorted(set(expected.missing)), findings[expected.norm]["missing"]
            checks.append(Check("missing facts", ", ".join(want), ", ".join(have) or "none", want == have,
                                expected.norm, cites))
    for norm in case.absent:
        _check_known_norm(loaded, norm)
        got = _status_of(findings, norm)
        checks.append(Check("absent", "absent", got, got == "absent", norm, _cites(loaded, norm)))
    if case.only:
        listed = set(case.applies) | {u if isinstance(u, str) else u.norm for u in case.undetermined}
        extra = sorted(set(findings) - listed)
        checks.append(Check("only the listed norms", "nothing else", ", ".join(extra) or "nothing else", not extra))


# -- explain --------------------------------------------------------------------------------------


def _check_explain(loaded: LoadedModel, case: Case, on: dt.date | None, expected: Explained, checks: list[Check],
                   exercised: Exercised) -> None:
    from lawcode.service import explain

    _check_known_norm(loaded, expected.norm)
    answers = [explain(loaded, expected.norm, role, case.facts, on).to_dict() for role in case.roles]
    answer = max(answers, key=lambda a: _RANK[a["finding"]["status"]])  # the role it binds most
    status = answer["finding"]["status"]
    cites = _cites(loaded, expected.norm)
    exercised.explained.add(expected.norm)
    if status == "applies":
        exercised.applied.add(expected.norm)
    if expected.status is not None:
        checks.append(Check("explain: status", expected.status, status, status == expected.status,
                            expected.norm, cites))
    cited = _cited(answer)
    for eid in expected.cites:
        checks.append(Check("explain: cites", eid, "cited" if eid in cited else "not cited", eid in cited,
                            expected.norm, (eid,)))
    for part in expected.decided_by:
        decided = answer["decided_by"]
        checks.append(Check("explain: decided by", part, ", ".join(decided) or "nothing", part in decided,
                            expected.norm, cites))


def _cited(answer: dict[str, Any]) -> set[str]:
    """Every eId an explanation cites: the norm's, and any in its parts (derived concepts)."""
    found: set[str] = set(answer["finding"]["cites"])

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "cites" and isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(answer["parts"])
    return found


# -- assess ---------------------------------------------------------------------------------------


def _check_assess(loaded: LoadedModel, case: Case, on: dt.date | None, checks: list[Check],
                  exercised: Exercised) -> None:
    from lawcode.engine.assess import NOT_CONTRAVENED
    from lawcode.service import assess

    answer = assess(loaded, case.roles, case.facts, on).to_dict()
    found = {item["norm"]: item for item in answer["assessments"]}
    for norm in answer["not_contravened"]:
        found[norm] = {"result": NOT_CONTRAVENED, "provisions": [], "missing": []}
    exercised.explained.update(n for n, item in found.items() if item["result"] != NOT_CONTRAVENED)
    for expected in case.assess:
        _check_known_norm(loaded, expected.norm)
        cites = _cites(loaded, expected.norm)
        item = found.get(expected.norm)
        got = item["result"] if item else "not assessed (no contravened_by, or not binding the actor)"
        checks.append(Check("assess", expected.result, got, got == expected.result, expected.norm, cites))
        if item is None:
            continue
        for eid in expected.provisions:
            ok = eid in item["provisions"]
            checks.append(Check("assess: provisions", eid, "among them" if ok else ", ".join(item["provisions"]),
                                ok, expected.norm, (eid,)))
        if expected.missing is not None and item["result"] == "undetermined":
            want = sorted(set(expected.missing))
            checks.append(Check("assess: missing facts", ", ".join(want), ", ".join(item["missing"]),
                                want == item["missing"], expected.norm, cites))


# -- procedures, calendar, who --------------------------------------------------------------------


def _check_procedure(loaded: LoadedModel, expected: ProcedureRun, checks: list[Check], exercised: Exercised) -> None:
    from lawcode.engine.procedures import find_procedure, outgoing, run_procedure
    from lawcode.errors import QueryError

    procedure = find_procedure(loaded, expected.name)
    cites = tuple(procedure.cites)
    state = procedure.initial
    exercised.states.add((procedure.id, state))
    for number, event in enumerate(expected.events, start=1):
        chosen = next((t for t in outgoing(procedure, state) if t.event == event), None)
        if chosen is None:
            if expected.refused_at == number:
                checks.append(Check("refused", f"step {number} ({event}) refused", "refused", True,
                                    provisions=cites))
                return
            break
        exercised.transitions.add((procedure.id, procedure.transitions.index(chosen)))
        state = chosen.target
        exercised.states.add((procedure.id, state))
    try:
        run = run_procedure(loaded, expected.name, expected.events)
    except QueryError as refusal:
        checks.append(Check("procedure run", f"state {expected.state or 'reached'}", refusal.message, False,
                            provisions=cites))
        return
    if expected.refused_at is not None:
        checks.append(Check("refused", f"step {expected.refused_at} refused", f"all accepted, reached {run.state}",
                            False, provisions=cites))
    if expected.state is not None:
        step_cites = tuple(run.path[-1].cites) if run.path else cites
        checks.append(Check("procedure state", expected.state, run.state, run.state == expected.state,
                            provisions=step_cites))
    if expected.final is not None:
        checks.append(Check("final state", str(expected.final).lower(), str(run.final).lower(),
                            run.final == expected.final, provisions=cites))
    allowed = {step.event for step in run.next}
    for event in expected.refused:
        checks.append(Check("refused", f"{event} refused in {run.state}",
                            "allowed" if event in allowed else "refused", event not in allowed, provisions=cites))


def _check_calendar(loaded: LoadedModel, expected: CalendarYear, checks: list[Check]) -> None:
    from lawcode.engine.calendar import build_calendar

    days = build_calendar(loaded, expected.year).days
    listed = {(d.date, d.id) for d in days}
    ids = {d.id for d in days if d.date.year == expected.year}  # one-off dates are listed whatever the year
    for date in expected.dates:
        on_day = sorted(i for d, i in listed if d == date.date)
        ok = (date.date, date.id) in listed
        checks.append(Check("calendar date", f"{date.id} on {date.date.isoformat()}",
                            ", ".join(on_day) or "nothing that day", ok))
    for date_id in expected.absent:
        when = sorted(d.isoformat() for d, i in listed if i == date_id and d.year == expected.year)
        checks.append(Check("calendar date absent", f"no {date_id} in {expected.year}",
                            ", ".join(when) or "absent", date_id not in ids))


def _check_who(loaded: LoadedModel, expected: WhoSearch, checks: list[Check]) -> None:
    from lawcode.service import who

    answer = who(loaded, expected.terms).to_dict()
    actors = [group["actor"] for group in answer["actors"]]
    norms = {norm["norm"] for group in answer["actors"] for norm in group["norms"]}
    for actor in expected.actors:
        checks.append(Check("who: actor", actor, ", ".join(actors) or "nobody", actor in actors))
    for actor in expected.absent_actors:
        checks.append(Check("who: actor absent", f"not {actor}", ", ".join(actors) or "nobody", actor not in actors))
    for norm in expected.norms:
        _check_known_norm(loaded, norm)
        checks.append(Check("who: norm", norm, "found" if norm in norms else "not found", norm in norms, norm,
                            _cites(loaded, norm)))
