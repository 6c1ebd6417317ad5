"""An article's interpretation provisions: the terms of its norm, or one definition.

Statutes define a term over several provisions of one article: "X means ...", then "a reference
to an X is a reference to ...", "X includes ...", "subsection (1) does not apply if ...", "... is
to be construed / treated as ...". Each is part of one rule of interpretation, not a norm of
conduct of its own. Two readings follow:

* an article that opens with a norm of conduct ("A must not discriminate ...") and then defines
  words of it ("In this section, 'work' means ...", "the reference in subsection (1) to X
  includes Y") defines that norm's terms: each definition is folded into the norm it speaks of
  (the subsection it names, else the norm of conduct before it), which then cites it and lists
  the term; so is the article's own scope ("This section does not apply to X"), an exception
  the reviewer reads with the norm;
* the definitions of an article that opens by defining (a concept's own section, an
  "Interpretation" section) become one definition norm, placed where the first stood, citing
  every provision they came from and listing every term they define. Norms of conduct drafted
  from the same article (a power to issue guidance) stay separate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from lawcode import eids
from lawcode.draft.bearers import CONDUCT_KINDS
from lawcode.draft.words import key

if TYPE_CHECKING:  # the pipeline calls this module: its classes are only needed for the types
    from lawcode.draft.pipeline import DraftNorm
    from lawcode.text.document import Node

RULE = "interpretation-article"
FOLDED = "defines-terms-of"
SECTION_SCOPE = "scope-section"  # the kind rule of "this section applies / has effect ..." (lawcode.draft.modals)
_TERMS_SHOWN = 6  # terms a merged definition's action names (its `terms` list them all)
_NAMED = re.compile(r"\b(?:sub)?(?:section|paragraph) \((?P<num>\w+)\)", re.IGNORECASE)


def read_article(
    norms: list[DraftNorm], heading: str | None, nodes: Mapping[str, Node]
) -> tuple[list[DraftNorm], dict[str, str]]:
    """The article's norms read as the module docstring says, and the ids merged away (each
    mapped to the id that now stands for it). ``nodes``: the text's provisions, by eId."""
    folded, gone = fold_into_conduct(norms, nodes)
    merged, more = merge_definitions(folded, heading)
    scoped, most = fold_scope_into_definition(merged)
    return scoped, {**gone, **more, **most}


def fold_scope_into_definition(norms: list[DraftNorm]) -> tuple[list[DraftNorm], dict[str, str]]:
    """ "This section has effect for the purposes of Part 5" in an article that opens by defining:
    where the definition applies, so part of it (cited by it), not a scope rule of its own."""
    definition = next((n for n in norms if n.kind == "definition"), None)
    scopes = [n for n in norms if _section_scope(n)]
    if definition is None or not scopes:
        return norms, {}
    cites = (*definition.also_cites, *(e for n in scopes for e in (n.eid, *n.also_cites)))
    merged = replace(
        definition,
        also_cites=tuple(dict.fromkeys(e for e in cites if e != definition.eid)),
        notes=_once(definition.notes, "the article's own scope is read with its definition"),
    )
    gone = {n.id: definition.id for n in scopes}
    return [merged if n is definition else n for n in norms if n.id not in gone], gone


def fold_into_conduct(norms: list[DraftNorm], nodes: Mapping[str, Node]) -> tuple[list[DraftNorm], dict[str, str]]:
    """An article that opens with a norm of conduct: its later definitions become that norm's terms."""
    if not norms or norms[0].kind not in CONDUCT_KINDS:
        return norms, {}
    out: list[DraftNorm] = []
    gone: dict[str, str] = {}
    for norm in norms:
        if norm.kind != "definition" and not _section_scope(norm):
            out.append(norm)
            continue
        node = nodes.get(norm.eid)
        target = _target(out, node.text if node is not None else "")
        if target is None:
            out.append(norm)
            continue
        at = out.index(target)
        out[at] = replace(
            target,
            terms=tuple(dict.fromkeys((*target.terms, *norm.terms))),
            also_cites=tuple(
                dict.fromkeys(e for e in (*target.also_cites, norm.eid, *norm.also_cites) if e != target.eid)
            ),
            notes=_once(target.notes, f"rule {FOLDED}: the article's definitions of its words are cited here"),
        )
        gone[norm.id] = target.id
    return out, gone


def _section_scope(norm: DraftNorm) -> bool:
    """ "This section does not apply to X": in an article of norms, an exception to them."""
    return norm.kind == "scope" and SECTION_SCOPE in norm.rule


def _target(before: list[DraftNorm], text: str) -> DraftNorm | None:
    """The norm of conduct a definition speaks of: the one of the subsection it names, else the last."""
    conduct = [n for n in before if n.kind in CONDUCT_KINDS]
    named = _NAMED.search(text)
    if named is not None:
        wanted = {f"subsec_{named.group('num')}", f"para_{named.group('num')}"}
        hit = [n for n in conduct if wanted & set(eids.parts(n.eid))]
        if hit:
            return hit[-1]
    return conduct[-1] if conduct else None


def _once(notes: tuple[str, ...], note: str) -> tuple[str, ...]:
    return notes if note in notes else (*notes, note)


def merge_definitions(norms: list[DraftNorm], heading: str | None) -> tuple[list[DraftNorm], dict[str, str]]:
    """The article's norms with its definitions merged into one, and the ids merged away.
    Fewer than two definitions: unchanged."""
    found = [n for n in norms if n.kind == "definition"]
    if len(found) < 2:
        return norms, {}
    first = found[0]
    terms = tuple(dict.fromkeys(t for n in found for t in n.terms)) or ((key(heading),) if heading else ())
    definiens = first.action.split(": ", 1)[-1]
    more = f"; … ({len(terms) - _TERMS_SHOWN} more)" if len(terms) > _TERMS_SHOWN else ""
    named = "; ".join(terms[:_TERMS_SHOWN]) + more
    merged = replace(
        first,
        action=f"{named}: {definiens}" if named else first.action,
        rule=f"{RULE}<{first.rule}",
        confidence=round(min(n.confidence for n in found), 2),
        condition=tuple(dict.fromkeys(c for n in found for c in n.condition)),
        defers_to=tuple(dict.fromkeys(d for n in found for d in n.defers_to)),
        open_ended=any(n.open_ended for n in found),
        terms=terms,
        also_cites=tuple(dict.fromkeys(e for n in found for e in (n.eid, *n.also_cites) if e != first.eid)),
        notes=(*first.notes, f"one definition for the article's {len(found)} interpretation provisions"),
    )
    gone = {n.id: first.id for n in found[1:]}
    return [merged if n is first else n for n in norms if n.id not in gone], gone
