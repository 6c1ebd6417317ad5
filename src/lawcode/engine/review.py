"""What a reviewer signs off: the model's recorded readings, and the text provision by provision
with the norms that rest on it.

A lawyer reviewing a model reads the regulation in its own order and asks, at each provision,
"what does the model make of this?". :func:`build_review` answers that: every provision (article,
paragraph, item) in document order, its own words (read from the parsed text at run time, never
from the project), and beneath it each norm citing it with kind, bearer, counterparty, condition,
open-endedness and the readings that shaped it. :func:`reading_list` lists the readings
themselves. Both return plain data with ``to_dict()``; the CLI, the API and the web UI render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lawcode import eids
from lawcode.engine.findings import norm_fields
from lawcode.engine.quote import citation
from lawcode.errors import QueryError

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.model.objects import Norm, Reading
    from lawcode.text.document import Document, Node


@dataclass(frozen=True)
class ReadingList:
    regulation: str
    readings: tuple[dict[str, Any], ...]

    @property
    def reviewed(self) -> int:
        return sum(1 for r in self.readings if r["reviewed"])

    def to_dict(self) -> dict[str, Any]:
        return {"regulation": self.regulation, "count": len(self.readings), "reviewed": self.reviewed,
                "readings": list(self.readings)}


def reading_dict(reading: Reading, document: Document | None = None) -> dict[str, Any]:
    """One reading as plain data, its provisions cited as a lawyer writes them."""
    data = {
        "id": reading.id,
        "question": reading.question,
        "reading": reading.reading,
        "alternatives": list(reading.alternatives),
        "cites": list(reading.cites),
        "citations": [citation(eid, document) for eid in reading.cites],
        "norms": list(reading.norms),
        "actors": list(reading.actors),
        "reviewed": reading.reviewed,
    }
    if reading.note:
        data["note"] = reading.note
    return data


def reading_list(loaded: LoadedModel, document: Document | None = None, reviewed: bool | None = None) -> ReadingList:
    """The model's readings in file order; ``reviewed`` keeps only those (not) yet reviewed."""
    entries = tuple(reading_dict(r, document) for r in loaded.model.readings
                    if reviewed is None or r.reviewed == reviewed)
    return ReadingList(loaded.model.regulation.id, entries)


@dataclass(frozen=True)
class ProvisionReview:
    """One provision of the text with what the model rests on it."""

    eid: str
    kind: str
    num: str | None
    heading: str | None
    citation: str
    text: str
    depth: int
    norms: tuple[dict[str, Any], ...] = ()
    readings: tuple[str, ...] = ()  # ids of readings that cite this very provision
    non_normative: str | None = None  # the model's reason for modelling no norm here

    def to_dict(self) -> dict[str, Any]:
        data = {"eid": self.eid, "kind": self.kind, "num": self.num, "heading": self.heading,
                "citation": self.citation, "text": self.text, "depth": self.depth,
                "norms": list(self.norms), "readings": list(self.readings)}
        if self.non_normative:
            data["non_normative"] = self.non_normative
        return data


@dataclass(frozen=True)
class Review:
    regulation: str
    title: str
    article: str | None
    provisions: tuple[ProvisionReview, ...]
    readings: dict[str, Any] = field(default_factory=dict)  # id -> reading_dict, for those the provisions name

    def to_dict(self) -> dict[str, Any]:
        return {"regulation": self.regulation, "title": self.title, "article": self.article,
                "provisions": [p.to_dict() for p in self.provisions], "readings": dict(self.readings)}


def _norm_entry(loaded: LoadedModel, norm: Norm, document: Document | None, readings_of_norm: dict[str, list[str]],
                readings_of_actor: dict[str, list[str]]) -> dict[str, Any]:
    """The norm's fields plus the readings that shaped it (naming the norm or one of its actors)."""
    entry = dict(norm_fields(loaded, norm, document))
    entry["open_ended"] = bool(norm.open_ended)
    ids = list(readings_of_norm.get(norm.id, []))
    for actor in (norm.bearer, norm.counterparty, norm.beneficiary):
        ids += [r for r in readings_of_actor.get(actor or "", []) if r not in ids]
    entry["readings"] = ids
    if norm.note:
        entry["note"] = norm.note
    return entry


def _scope(document: Document, article: str | None) -> list[Node]:
    """The nodes to review: the whole text, or the article (or other provision) ``article`` names."""
    if article is None:
        return list(document.walk())
    from lawcode.text.locate import locate

    return list(locate(document, article).walk())  # a QueryError naming the closest provisions


def _depth(eid: str) -> int:
    """How deep a provision sits (chapter 0, article 1, ...); list wrappers add no level."""
    return eids.depth(eid) - 1


def build_review(loaded: LoadedModel, document: Document | None, article: str | None = None) -> Review:
    """Each provision in document order with the norms resting on it (see the module docstring).

    ``document`` is the parsed text the model was written for; without it there is nothing to
    review against, and a :class:`QueryError` says how to give it.
    """
    if document is None:
        raise QueryError(f"the review needs the text {loaded.model.regulation.text.file}",
                         expected="--text PATH, or LAWCODE_CORPUS set to the folder holding it")
    nodes = _scope(document, article)
    readings_of_norm: dict[str, list[str]] = {}
    readings_of_actor: dict[str, list[str]] = {}
    readings_of_eid: dict[str, list[str]] = {}
    for reading in loaded.model.readings:
        for norm_id in reading.norms:
            readings_of_norm.setdefault(norm_id, []).append(reading.id)
        for actor in reading.actors:
            readings_of_actor.setdefault(actor, []).append(reading.id)
        for eid in reading.cites:
            readings_of_eid.setdefault(eid, []).append(reading.id)
    norms_of_eid: dict[str, list[Norm]] = {}
    for norm in loaded.model.norms:  # file order, which follows the text
        for eid in norm.cites:
            norms_of_eid.setdefault(eid, []).append(norm)
    set_aside = {entry.eid: entry.reason for entry in loaded.model.non_normative}
    base = _depth(nodes[0].eid) if nodes else 0
    provisions = []
    named: list[str] = []
    for node in nodes:
        norms = tuple(_norm_entry(loaded, n, document, readings_of_norm, readings_of_actor)
                      for n in norms_of_eid.get(node.eid, []))
        own = tuple(readings_of_eid.get(node.eid, []))
        for ids in [own, *(n["readings"] for n in norms)]:
            named += [r for r in ids if r not in named]
        text = "\n".join(part for part in (node.text, node.wrap_up) if part)
        provisions.append(ProvisionReview(
            node.eid, node.kind, node.num, node.heading, citation(node.eid, document), text,
            _depth(node.eid) - base, norms, own, set_aside.get(node.eid)))
    readings = {r.id: reading_dict(r, document) for r in loaded.model.readings if r.id in named}
    return Review(loaded.model.regulation.id, loaded.model.regulation.title, article, tuple(provisions), readings)
