"""Check a model against the text it was written for, and gather everything into a report.

The model's own consistency (see :mod:`lawcode.model.consistency`) needs no text. What does:
that every eId the model cites exists, that every article is covered by a norm or deliberately
marked non-normative, and that the text is the very one the model was written for (its
fingerprint). Without a text those checks are reported as not done - never silently passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lawcode.model.consistency import shape_issues
from lawcode.model.issues import ERROR, LINT, WARNING, Issue
from lawcode.model.lint import LINT_ORDER, lint_model
from lawcode.model.loaded import LoadedModel
from lawcode.model.schedules import schedule_issues
from lawcode.suggest import closest
from lawcode.text.document import Document


@dataclass(frozen=True)
class Report:
    """What ``lawcode check`` says about one model."""

    model: str
    text: str | None
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    lint: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "text": self.text,
            "errors": [i.to_dict() for i in self.errors],
            "warnings": [i.to_dict() for i in self.warnings],
            "lint": [i.to_dict() for i in self.lint],
        }


def check_model(loaded: LoadedModel, document: Document | None) -> Report:
    """Every problem of ``loaded`` (checked against ``document`` when there is one)."""
    issues = [*loaded.issues, *shape_issues(loaded)]
    if document is None:
        issues.append(Issue(
            "text-not-checked",
            f"no text found for {loaded.model.regulation.text.file}: eIds, article coverage and the "
            "fingerprint were NOT checked; give --text FILE or set LAWCODE_CORPUS to its folder",
            severity=WARNING,
        ))
    else:
        issues += [*_fingerprint(loaded, document), *_unknown_eids(loaded, document), *_uncovered(loaded, document)]
        issues += schedule_issues(loaded, document)
    issues += lint_model(loaded, document)
    order = {node.eid: n for n, node in enumerate(document.walk())} if document is not None else {}

    def problem_key(issue: Issue) -> tuple[Any, ...]:  # errors and warnings: in file order, then text order
        return (issue.line or 0, order.get(issue.eid or "", -1), issue.code, issue.message)

    def lint_key(issue: Issue) -> tuple[Any, ...]:  # the lint: by kind of note, each in text order
        return (LINT_ORDER.index(issue.code), order.get(issue.eid or "", -1), issue.line or 0, issue.message)

    def of(severity: str, key: Callable[[Issue], tuple[Any, ...]]) -> tuple[Issue, ...]:
        return tuple(sorted((i for i in issues if i.severity == severity), key=key))

    return Report(loaded.path, document.source if document else None,
                  of(ERROR, problem_key), of(WARNING, problem_key), of(LINT, lint_key))


def cited_eids(loaded: LoadedModel) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """Every eId the model cites: (eId, path in the file, who cites it)."""
    model = loaded.model
    for k, e in enumerate(model.regulation.cites_in_force):
        yield e, ("regulation", "cites_in_force", k), "entry into force"
    for a, amendment in enumerate(model.regulation.amendments):
        for k, e in enumerate(amendment.cites):
            yield e, ("regulation", "amendments", a, "cites", k), f"amendment of {amendment.date}"
    sections: tuple[tuple[str, Iterable[Any]], ...] = (
        ("actors", model.actors), ("facts", model.facts), ("norms", model.norms),
        ("procedures", model.procedures), ("dates", model.dates))
    for section, items in sections:
        for n, item in enumerate(items):
            who = f"{section[:-1]} {item.id}"
            yield from ((e, (section, n, "cites", k), who) for k, e in enumerate(item.cites))
    for n, reading in enumerate(model.readings):
        yield from ((e, ("readings", n, "cites", k), f"reading {reading.id}") for k, e in enumerate(reading.cites))
    for n, entry in enumerate(model.non_normative):
        yield entry.eid, ("non_normative", n, "eid"), "non_normative entry"
    for p, proc in enumerate(model.procedures):
        for t, step in enumerate(proc.transitions):
            who = f"procedure {proc.id}, transition {step.event}"
            yield from ((e, ("procedures", p, "transitions", t, "cites", k), who) for k, e in enumerate(step.cites))


def _unknown_eids(loaded: LoadedModel, document: Document) -> Iterator[Issue]:
    known = sorted(document.by_eid)
    for eid, path, who in cited_eids(loaded):
        if document.get(eid) is None:
            close = closest(eid, known)
            hint = f"; closest: {', '.join(close)}" if close else ""
            yield Issue("unknown-eid", f"{who} cites {eid}, which is not in the text{hint}",
                        line=loaded.line_of(path), eid=eid)


def _uncovered(loaded: LoadedModel, document: Document) -> Iterator[Issue]:
    """Articles no norm rests on (itself or a part of it) and no non_normative entry explains."""
    norm_cites = {e for norm in loaded.model.norms for e in norm.cites}
    set_aside = {entry.eid for entry in loaded.model.non_normative}
    for article in document.articles():
        inside = article.eid + "__"
        if any(e == article.eid or e.startswith(inside) for e in norm_cites):
            continue
        # A non_normative entry may name the article, its chapter, or a part of the article.
        if any(e == article.eid or e.startswith(inside) or inside.startswith(e + "__") for e in set_aside):
            continue
        yield Issue("uncovered-article",
                    f"article {article.num or article.eid} is covered by no norm and not marked non_normative",
                    eid=article.eid)


def _fingerprint(loaded: LoadedModel, document: Document) -> Iterator[Issue]:
    expected = loaded.model.regulation.text.fingerprint
    actual = document.fingerprint()
    if actual != expected:
        yield Issue(
            "fingerprint-mismatch",
            f"the text {document.source} is not the one the model was written for: its fingerprint is "
            f"{actual}, the model names {expected}. Use the original text; or, if the regulation was "
            "amended, review every norm against the new wording and then record the new fingerprint "
            "in regulation.text.fingerprint",
            line=loaded.line_of(("regulation", "text", "fingerprint")),
        )
