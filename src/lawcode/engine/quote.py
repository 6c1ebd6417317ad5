"""Human citations and quotations of the provisions a finding rests on.

Findings cite eIds (``chp_II__art_13__para_nn_1__list_1__item_5``); lawyers read "Art. 13(1)(5)".
The quotation itself always comes from the Document parsed at run time: lawcode never carries a
copy of a regulation's words.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawcode import eids
from lawcode.text.locate import is_container

if TYPE_CHECKING:
    from lawcode.text.document import Document, Node

# eId component prefix -> how a citation spells it. Components not listed (list_1, intro …)
# add nothing to a citation.
_HEADS = {"art": "Art. ", "sec": "s. ", "rule": "Rule ", "reg": "Reg. "}
_CONTAINERS = {"part": "Part ", "chp": "Chapter ", "title": "Title "}
# A section that holds articles (the GDPR's "Section 2" of Chapter IV) is a container, not "s. 2".
_CONTAINER_NAMES = {**_CONTAINERS, "sec": "Section "}
_SUBDIVISIONS = {"para", "subsec", "item", "point", "subpara", "alinea"}


def citation(eid: str, document: Document | None = None) -> str:
    """"Art. 13(1)(5)" for ``chp_II__art_13__para_nn_1__list_1__item_5``.

    With a Document, a provision that is the only paragraph of its article cites as the article
    ("Art. 32", not "Art. 32(1)"), as a lawyer would write it; its items keep the paragraph
    number ("Art. 15(1)(3)") so that they never read as paragraphs, and a section that holds
    articles cites as a container. Containers cite with the containers they are in ("Chapter II",
    "Chapter IV, Section 2"): see :func:`container_citation`.
    """
    return _spelled(_read(_START, "", _components(eid)), eid, document)


def citations(document: Document) -> list[tuple[Node, str]]:
    """Every node of ``document`` in reading order with its citation, ``citation(node.eid, document)``.

    A node's eId is its parent's and a few components of its own (as the parser makes them), so
    each node's reading goes on from its parent's through its own components only, instead of
    reading every eId from the top again (the corpus store cites every node of every text).
    """
    cited: list[tuple[Node, str]] = []
    for node in document.body:
        _cite(node, "", _START, document, cited)
    return cited


def _cite(node: Node, parent_eid: str, reading: _Reading, document: Document, cited: list[tuple[Node, str]]) -> None:
    """Add ``node`` and its descendants to ``cited``, ``reading`` being its parent's (eId ``parent_eid``)."""
    eid = node.eid
    if parent_eid and eid.startswith(parent_eid + eids.SEPARATOR):
        reading = _read(reading, parent_eid, _components(eid[len(parent_eid) + len(eids.SEPARATOR):]))
    else:  # an eId not made from its parent's (a hand-written Akoma Ntoso file may have one)
        reading = _read(_START, "", _components(eid))
    cited.append((node, _spelled(reading, eid, document)))
    for child in node.children:
        _cite(child, eid, reading, document, cited)


# What the components of an eId read so far say for its citation: the provision cited ("Art. 13",
# "" until one is read), the provision's eId, how many paragraph and item numbers follow it, and
# those numbers as cited ("(1)(5)").
_Reading = tuple[str, str, int, str]
_START: _Reading = ("", "", 0, "")


def _read(reading: _Reading, prefix: str, components: tuple[_Component, ...]) -> _Reading:
    """``reading`` gone on through ``components`` (see :func:`_components`), the components of an
    eId that follow ``prefix`` (the eId they continue, "" for none)."""
    head, provision, count, numbers = reading
    for name, num, so_far in components:
        if name in _HEADS:
            head = _HEADS[name] + num
            provision = f"{prefix}{eids.SEPARATOR}{so_far}" if prefix else so_far
        elif name in _SUBDIVISIONS and head:
            count += 1
            numbers += f"({num})"
    return head, provision, count, numbers


# One component of an eId as a citation reads it: its kind and number, and the components up to it
# joined (the eId of a provision it names, after its parent's).
_Component = tuple[str, str, str]


@functools.lru_cache(maxsize=4096)
def _components(eid: str) -> tuple[_Component, ...]:
    """The components of ``eid`` (or of the part of an eId after its parent's: ``para_1``,
    ``list_1__item_a``), each as (kind, number, the components up to it joined).

    Read once per distinct string and kept: the same few endings (``para_1``, ``list_1__item_b``)
    recur in every article of every text the store cites.
    """
    parts = eids.parts(eid)
    return tuple((*eids.kind_and_number(part), eids.join(parts[:position + 1])) for position, part in enumerate(parts))


def container_citation(eid: str) -> str:
    """"Part 2, Chapter 1" for ``part_2__chp_1``, "Chapter IV, Section 2" for a section of articles
    ``chp_IV__sec_2``: each container named with its number, outermost first (chapters and
    sections are numbered afresh in each part or chapter, so one number alone is ambiguous);
    "" when ``eid`` names none."""
    return ", ".join(_CONTAINER_NAMES[name] + num for name, num, _ in _components(eid) if name in _CONTAINER_NAMES)


def _spelled(reading: _Reading, eid: str, document: Document | None) -> str:
    """The citation of ``eid``, once all its components are read."""
    head, provision, count, numbers = reading
    if not head:
        return container_citation(eid) or eid
    if not count and head.startswith(_HEADS["sec"]) and _is_container(document, provision):
        return container_citation(provision)
    return head if count == 1 and _single_paragraph(document, provision) else head + numbers


def _is_container(document: Document | None, eid: str) -> bool:
    """Whether ``eid`` is a container (a section of articles, not a section that holds text)."""
    node = document.get(eid) if document is not None else None
    return node is not None and is_container(node)


def _single_paragraph(document: Document | None, article_eid: str) -> bool:
    if document is None:
        return False
    article = document.get(article_eid)
    return article is not None and len(article.children) == 1


@dataclass(frozen=True, slots=True)
class Quote:
    """One cited provision with its human citation and (when the text is available) its words."""

    eid: str
    citation: str
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"eid": self.eid, "citation": self.citation}
        if self.text is not None:
            data["text"] = self.text
        return data


def quotes(cites: list[str] | tuple[str, ...], document: Document | None = None) -> tuple[Quote, ...]:
    """The cited provisions, quoted from ``document`` when there is one."""
    result = []
    for eid in cites:
        node = document.get(eid) if document is not None else None
        result.append(Quote(eid, citation(eid, document), node.full_text() if node is not None else None))
    return tuple(result)
