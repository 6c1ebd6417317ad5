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
  covers (directly or through the ontology): the text attaches no sanction to a breach.
"""

from __future__ import annotations

import re
from typing import Iterator

from lawcode.model.issues import LINT, Issue
from lawcode.model.loader import LoadedModel
from lawcode.model.kinds import NormKind
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
    if loaded.ontology.find_cycle():
        return  # reported as an error; the ontology cannot answer is-a questions
    breachers = {b for norm in loaded.model.norms if norm.kind == NormKind.consequence for b in norm.breach_by}
    for norm in loaded.model.norms:
        if norm.kind not in (NormKind.duty, NormKind.prohibition) or norm.bearer not in loaded.actors:
            continue
        if not any(loaded.ontology.is_a(norm.bearer, b) for b in breachers):
            yield _norm_issue(loaded, "no-consequence", norm.id,
                              f"{norm.id}: no consequence is stated for a {_who(loaded, norm.bearer)} "
                              f"that breaches this {norm.kind.value}")


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
