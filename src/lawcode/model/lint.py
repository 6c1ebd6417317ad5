"""Lint of the regulation itself: what a drafter or an analyst would want pointed out.

These are not faults of the model but features of the law it models, read through the model:

- ``open-ended``: provisions whose content the text leaves open (the model marks them);
- ``discretionary``: norms the model marks ``discretionary`` (the text says "may": the bearer
  decides whether to act);
- ``undefined-term``: words for the regulated actors that the text uses but never defines.
  Heuristic: a term counts as defined when the text has a definition sentence for it - the
  term in quotes followed by "as used in ... refers to", "means", "refers to" or "includes"
  (``"Plot holder" as used in these Regulations refers to ...``, ``'data' means ...``).
  The candidate terms are the actors' labels (the model's names for the text's addressees) and
  the norms' multi-word ``terms``; only those that actually occur in the text are reported, so
  a label in the modeller's own words is not. Comparison ignores case and a plural "s".
- ``external-law``: other laws the text relies on (its external references, and the norms'
  ``defers_to``) - a reader needs them too;
- ``no-consequence``: duties and prohibitions whose bearer no consequence norm's ``breach_by``
  covers (directly or through the ontology): the text attaches no sanction to a breach. Where a
  consequence reaches the bearer only through a may-be link, the note says it applies only if the
  link holds (and names the question); where it reaches only some kinds of the bearer, it names them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lawcode.model.conditions import Expr, facts_of
from lawcode.model.issues import LINT, Issue
from lawcode.model.kinds import NormKind
from lawcode.model.loaded import LoadedModel
from lawcode.text.document import Document

_QUOTED_DEFINITION = re.compile(
    r"[\"“‘']([^\"“”‘’']{2,100})[\"”’']\s*,?\s*"
    r"(?:\(?as used in [^.;:]{0,100}?\)?\s*,?\s*)?(?:means|refers to|shall mean|include|includes)\b",
    re.IGNORECASE,
)


# The order in which ``lawcode check`` shows the notes: about the text first, then the norms.
LINT_ORDER = ("undefined-term", "external-law", "open-ended", "discretionary", "no-consequence")


def lint_model(loaded: LoadedModel, document: Document | None) -> list[Issue]:
    issues = [*_open_ended(loaded), *_discretionary(loaded), *_external_laws(loaded, document),
              *_no_consequence(loaded)]
    if document is not None:
        issues += _undefined_terms(loaded, document)
    return issues


def _norm_issue(loaded: LoadedModel, code: str, norm_id: str, message: str) -> Issue:
    norm = loaded.norms[norm_id]
    return Issue(code, message, severity=LINT, line=loaded.norm_line(norm_id), eid=norm.cites[0])


def _who(loaded: LoadedModel, actor_id: str | None) -> str:
    actor = loaded.actors.get(actor_id or "")
    return actor.label if actor else (actor_id or "no one in particular")


def _open_ended(loaded: LoadedModel) -> Iterator[Issue]:
    for norm in loaded.model.norms:
        if norm.open_ended:
            yield _norm_issue(loaded, "open-ended", norm.id,
                              f"{norm.id}: the text leaves open what it requires of the "
                              f"{_who(loaded, norm.bearer)} ({norm.action.strip()})")


def _discretionary(loaded: LoadedModel) -> Iterator[Issue]:
    for norm in loaded.model.norms:
        if norm.discretionary:
            yield _norm_issue(loaded, "discretionary", norm.id,
                              f"{norm.id}: the {_who(loaded, norm.bearer)} may {norm.action.strip()}; "
                              "whether to act is left to its discretion")


def _external_laws(loaded: LoadedModel, document: Document | None) -> Iterator[Issue]:
    cited: dict[str, list[str]] = {}
    deferring: dict[str, list[str]] = {}
    for ref in document.references if document is not None else ():
        if ref.external:
            cited.setdefault(ref.external, [])
            if ref.source not in cited[ref.external]:
                cited[ref.external].append(ref.source)
    for norm in loaded.model.norms:
        for law in norm.defers_to:
            deferring.setdefault(law, []).append(norm.id)
    for law in sorted(set(cited) | set(deferring)):
        where = []
        if cited.get(law):
            where.append("named in " + ", ".join(cited[law]))
        if deferring.get(law):
            where.append("deferred to by " + ", ".join(deferring[law]))
        first_norm = deferring.get(law, [None])[0]
        yield Issue("external-law", f"relies on another law: {law} ({'; '.join(where)})", severity=LINT,
                    line=loaded.norm_line(first_norm) if first_norm else None,
                    eid=cited[law][0] if cited.get(law) else None)


def _no_consequence(loaded: LoadedModel) -> Iterator[Issue]:
    """Duties and prohibitions no consequence reaches; where one reaches the bearer only through
    a may-be link, or reaches only some kinds of bearer, the note says so (so that it stays true)."""
    if loaded.ontology.find_cycle():
        return  # reported as an error; the ontology cannot answer is-a questions
    onto = loaded.ontology
    consequences: dict[str, list[str]] = {}  # breaching actor -> consequence norms
    for norm in loaded.model.norms:
        if norm.kind == NormKind.consequence:
            for actor in norm.breach_by:
                consequences.setdefault(actor, []).append(norm.id)

    def reached(actor: str) -> list[str]:
        return sorted({c for b, norms in consequences.items() if onto.is_a(actor, b) for c in norms})

    def articles(actor: str) -> str:  # "art 29, art 30": where the consequences are
        return ", ".join(sorted({"art " + c.split(".")[0].removeprefix("art") for c in reached(actor)}, key=len))

    for norm in loaded.model.norms:
        bearer_id = norm.bearer
        if norm.kind not in (NormKind.duty, NormKind.prohibition):
            continue
        if bearer_id is None or bearer_id not in loaded.actors or reached(bearer_id):
            continue
        who = _who(loaded, bearer_id)
        maybe = [(parent, when) for kind in onto.ancestors(bearer_id) for parent, when in _links(loaded, kind)
                 if reached(parent)]
        if maybe:
            parent, when = maybe[0]
            questions = "; ".join(loaded.facts[f].question for f in sorted(facts_of(when)) if f in loaded.facts)
            message = (f"{norm.id}: a consequence ({articles(parent)}) is stated only if the {who} is a "
                       f"{parent}, which the model asks: {questions}")
        else:
            # a defined subclass (a state worker who holds secrets) shares its parents' kinds
            bearer = onto.actors[bearer_id]
            roots = bearer.is_a if bearer.defined_by else [bearer_id]
            kinds = {d for root in roots for d in onto.descendants(root)}
            covered = [d for d in sorted(kinds) if d != bearer_id and reached(d)]
            tops = [d for d in covered if not any(p in covered for p in onto.actors[d].is_a)]
            message = f"{norm.id}: no consequence is stated for a {who} that breaches this {norm.kind.value}"
            if tops:
                message += ", except for " + "; ".join(f"a {_who(loaded, d)} ({articles(d)})" for d in tops)
        yield _norm_issue(loaded, "no-consequence", norm.id, message)


def _links(loaded: LoadedModel, actor_id: str) -> list[tuple[str, Expr]]:
    """The may-be links of one actor: (the kind it may be, the parsed condition)."""
    actor = loaded.actors.get(actor_id)
    return [(link.actor, loaded.links[(actor_id, link.actor)]) for link in actor.may_be] if actor else []


def _key(term: str) -> str:
    """Lower case, single spaces, a plural "s" dropped from each word."""
    words = re.findall(r"[\w\-]+", term.lower())
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def defined_terms(document: Document) -> set[str]:
    """Terms the text defines (see the module docstring for the patterns), as comparison keys."""
    return {_key(m.group(1)) for node in document.walk() for m in _QUOTED_DEFINITION.finditer(node.text)}


def _undefined_terms(loaded: LoadedModel, document: Document) -> Iterator[Issue]:
    defined = defined_terms(document)
    candidates = {a.label.strip() for a in loaded.model.actors}
    candidates |= {t.strip() for n in loaded.model.norms for t in n.terms if " " in t.strip()}
    for term in sorted(candidates, key=str.lower):
        if _key(term) in defined:
            continue
        pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) + r"(?:s|es)?" for w in term.split()) + r"\b",
                             re.IGNORECASE)
        first = next((node for node in document.walk() if pattern.search(node.text or "")), None)
        if first is not None:
            yield Issue("undefined-term", f'the text uses "{term}" (first here) but never defines it',
                        severity=LINT, eid=first.eid)
