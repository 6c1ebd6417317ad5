"""What a model holds: its actors, facts, norms and procedures, so a user can find the names
the other commands take (``--as ACTOR``, ``--fact NAME=…``, ``procedure NAME``).

Each catalog is plain data with ``to_dict()``; the CLI, the API and the web UI only render it.
``document`` (the parsed text, optional) refines citations ("Art. 32", not "Art. 32(1)") and lets
``norms --article`` take any citation style the text locator reads ("13(1)", "Chapter IV").
Norms are serialised by :func:`lawcode.engine.findings.norm_fields`, so a norm in the catalog
has the same field names as in an answer to ``ask``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawcode import eids
from lawcode.engine.findings import norm_fields, norm_order, provision_key
from lawcode.engine.procedures import is_final
from lawcode.engine.quote import citation
from lawcode.errors import QueryError
from lawcode.model.conditions import facts_of
from lawcode.model.kinds import NormKind
from lawcode.suggest import closest_first

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.text.document import Document

_ARTICLE_HEADS = ("art", "sec")  # eId components that name an article (or a section)
_ARTICLE_QUERY = re.compile(r"^(?:art(?:icle)?|sec(?:tion)?|s)?[\s._]*([0-9]+[a-z]?)$", re.IGNORECASE)


def _citations(cited: Iterable[str], document: Document | None) -> list[str]:
    return [citation(eid, document) for eid in cited]


@dataclass(frozen=True)
class Catalog:
    """A list of entries (dicts, already in display order) under a name: actors, facts, …"""

    name: str
    regulation: str
    entries: tuple[dict[str, Any], ...]
    filters: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()  # e.g. an article asked about that the model marks non-normative

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"regulation": self.regulation}
        if self.filters:
            data["filters"] = self.filters
        data[self.name] = list(self.entries)
        if self.notes:
            data["notes"] = list(self.notes)
        return data


def actor_catalog(loaded: LoadedModel, document: Document | None = None) -> Catalog:
    """Every actor, parents before children (tree order), with the norms it bears directly."""
    ontology = loaded.ontology
    borne: dict[str, list[str]] = {}
    for norm in sorted(loaded.model.norms, key=norm_order):
        if norm.bearer:
            borne.setdefault(norm.bearer, []).append(norm.id)
    entries = []
    for actor_id, depth in _tree_order(loaded):
        actor = loaded.actors[actor_id]
        entry = {
            "actor": actor.id,
            "label": actor.label,
            "is_a": list(actor.is_a),
            "ancestors": list(ontology.ancestors(actor.id)[1:]),
            "depth": depth,
            "defined_by": actor.defined_by,
            "cites": list(actor.cites),
            "citations": _citations(actor.cites, document),
            "bears": borne.get(actor.id, []),
        }
        if actor.may_be:
            entry["may_be"] = [{"actor": link.actor, "when": link.when, "reading": link.reading}
                               for link in actor.may_be]
        if actor.note:
            entry["note"] = actor.note
        entries.append(entry)
    return Catalog("actors", loaded.model.regulation.id, tuple(entries))


def _tree_order(loaded: LoadedModel) -> list[tuple[str, int]]:
    """Actors depth-first from the roots, children in model order; a multi-parent actor is shown
    under its first parent."""
    children: dict[str, list[str]] = {}
    roots = []
    for actor in loaded.model.actors:
        parents = [p for p in actor.is_a if p in loaded.actors]
        if parents:
            children.setdefault(parents[0], []).append(actor.id)
        else:
            roots.append(actor.id)
    order: list[tuple[str, int]] = []

    def visit(actor_id: str, depth: int) -> None:
        order.append((actor_id, depth))
        for child in children.get(actor_id, []):
            visit(child, depth + 1)

    for root in roots:
        visit(root, 0)
    return order


def fact_catalog(loaded: LoadedModel, document: Document | None = None) -> Catalog:
    """Every fact with its question, the actor it is about, and what uses it."""
    used_by: dict[str, list[str]] = {}
    for norm in sorted(loaded.model.norms, key=norm_order):
        for expr in (loaded.conditions.get(norm.id), loaded.exceptions.get(norm.id)):
            for fact in sorted(facts_of(expr)) if expr is not None else ():
                if norm.id not in used_by.setdefault(fact, []):
                    used_by[fact].append(norm.id)
    defines: dict[str, list[str]] = {}
    for actor_id, expr in sorted(loaded.definitions.items()):
        for fact in sorted(facts_of(expr)):
            defines.setdefault(fact, []).append(actor_id)
    entries = []
    for declared in loaded.model.facts:
        about = loaded.actors.get(declared.about)
        entries.append({
            "fact": declared.id,
            "question": declared.question,
            "meaning": declared.meaning,
            "about": declared.about,
            "about_label": about.label if about else None,
            "cites": list(declared.cites),
            "citations": _citations(declared.cites, document),
            "used_by": used_by.get(declared.id, []),
            "defines": defines.get(declared.id, []),
        })
    return Catalog("facts", loaded.model.regulation.id, tuple(entries))


def norm_catalog(loaded: LoadedModel, article: str | None = None, kind: str | None = None,
                 document: Document | None = None) -> Catalog:
    """The norms (in answer order), optionally only those citing a provision, or of one kind.

    ``article`` is read as lawyers cite: with the text (``document``) any citation
    :func:`lawcode.text.locate.locate` understands ("13", "Article 13", "13(1)", "Chapter IV");
    without it, an article number ("13", "art_13", "Article 13"). A norm matches when it cites
    that provision or one inside it. Each entry is ``norm_fields`` plus ``open_ended`` and
    ``condition`` always present, so a script can read them without checking for the key.
    """
    filters: dict[str, Any] = {}
    norms = sorted(loaded.model.norms, key=norm_order)
    notes: list[str] = []
    if kind is not None:
        kinds = [k.value for k in NormKind]
        if kind not in kinds:
            raise QueryError(f"unknown norm kind {kind!r}", expected="a kind of norm", known=closest_first(kind, kinds))
        filters["kind"] = kind
        norms = [n for n in norms if n.kind.value == kind]
    if article is not None:
        inside = _provision_filter(loaded, article, document)
        filters["article"] = article.strip()
        norms = [n for n in norms if any(inside(e) for e in n.cites)]
        notes = [f"{citation(x.eid, document)} is not modelled as norms: {x.reason}"
                 for x in loaded.model.non_normative if inside(x.eid)]
    entries = []
    for norm in norms:
        fields = norm_fields(loaded, norm, document)
        fields["open_ended"] = norm.open_ended
        fields["condition"] = norm.condition
        entries.append(fields)
    return Catalog("norms", loaded.model.regulation.id, tuple(entries), filters or None, tuple(notes))


def _provision_filter(loaded: LoadedModel, article: str, document: Document | None) -> Callable[[str], bool]:
    """A test "is this eId the provision cited as ``article``, or inside it?"."""
    if document is not None:
        from lawcode.text.locate import locate

        eid = locate(document, article).eid
        return lambda cited: eids.is_inside(cited, eid)
    number = parse_article(article)
    _require_article(loaded, number)
    return lambda cited: _article_of(cited) == number


def parse_article(text: str) -> str:
    """"13", "art_13", "Art. 13", "Article 13" -> "13" (used when no text is loaded)."""
    match = _ARTICLE_QUERY.match(text.strip())
    if not match:
        raise QueryError(f"cannot read {text!r} as an article",
                         expected="an article number such as 13, art_13 or 'Article 13'; citing a paragraph "
                                  "or a chapter needs the text (--text or LAWCODE_CORPUS)")
    return match.group(1).lower()


def _article_of(eid: str) -> str | None:
    """The article (or section) number an eId lies in: ``chp_II__art_13__para_nn_1`` -> "13"."""
    for part in eids.parts(eid):
        head, number = eids.kind_and_number(part)
        if head in _ARTICLE_HEADS:
            return number
    return None


def _require_article(loaded: LoadedModel, number: str) -> None:
    """An article the model never cites is most likely a typo: say which articles it cites."""
    cited = [e for n in loaded.model.norms for e in n.cites] + [x.eid for x in loaded.model.non_normative]
    known = {article for e in cited if (article := _article_of(e)) is not None}
    if number not in known:
        ordered = sorted(known, key=lambda a: (provision_key(a), a))
        raise QueryError(f"the model cites no article {number}", expected="an article of the regulation",
                         known=ordered)


def procedure_catalog(loaded: LoadedModel, document: Document | None = None) -> Catalog:
    """Every procedure: its states (initial, final), its events, and the provisions it rests on
    (the procedure's own cites, then its transitions')."""
    entries = []
    for procedure in loaded.model.procedures:
        events = list(dict.fromkeys(t.event for t in procedure.transitions))
        cites = list(dict.fromkeys([*procedure.cites, *(e for t in procedure.transitions for e in t.cites)]))
        entries.append({
            "procedure": procedure.id,
            "label": procedure.label,
            "initial": procedure.initial,
            "states": [{"state": s.id, "label": s.label, "final": is_final(procedure, s.id)}
                       for s in procedure.states],
            "final_states": [s.id for s in procedure.states if is_final(procedure, s.id)],
            "events": events,
            "transitions": len(procedure.transitions),
            "cites": cites,
            "citations": _citations(cites, document),
        })
    return Catalog("procedures", loaded.model.regulation.id, tuple(entries))
