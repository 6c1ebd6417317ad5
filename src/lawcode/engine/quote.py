"""Human citations and quotations of the provisions a finding rests on.

Findings cite eIds (``chp_II__art_13__para_nn_1__list_1__item_5``); lawyers read "Art. 13(1)(5)".
The quotation itself always comes from the Document parsed at run time: lawcode never carries a
copy of a regulation's words.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from lawcode import eids
from lawcode.text.locate import is_container

if TYPE_CHECKING:
    from lawcode.text.document import Document

# eId component prefix -> how a citation spells it. Components not listed (list_1, intro …)
# add nothing to a citation.
_HEADS = {"art": "Art. ", "sec": "s. ", "rule": "Rule ", "reg": "Reg. "}
_CONTAINERS = {"part": "Part ", "chp": "Chapter ", "title": "Title "}
# A section that holds articles (the GDPR's "Section 2" of Chapter IV) is a container, not "s. 2".
_CONTAINER_NAMES = {**_CONTAINERS, "sec": "Section "}
_SUBDIVISIONS = {"para", "subsec", "item", "point", "subpara", "alinea"}


class Outline(Protocol):
    """What a citation needs to know of the text besides the eId: whether a provision has a single
    paragraph, and whether a section holds articles (see :func:`citation`). A Document knows; so
    does the map of parts of a stored article row (:mod:`lawcode.store.rows`)."""

    def single_paragraph(self, eid: str) -> bool: ...

    def holds_articles(self, eid: str) -> bool: ...


def citation(eid: str, document: Document | None = None) -> str:
    """"Art. 13(1)(5)" for ``chp_II__art_13__para_nn_1__list_1__item_5``.

    With a Document, a provision that is the only paragraph of its article cites as the article
    ("Art. 32", not "Art. 32(1)"), as a lawyer would write it; its items keep the paragraph
    number ("Art. 15(1)(3)") so that they never read as paragraphs, and a section that holds
    articles cites as a container. Containers cite with the containers they are in ("Chapter II",
    "Chapter IV, Section 2"): see :func:`container_citation`.
    """
    return cited_in(eid, _DocumentOutline(document) if document is not None else None)


def cited_in(eid: str, outline: Outline | None) -> str:
    """The citation of ``eid`` as :func:`citation` makes it, knowing of the text what ``outline``
    tells (nothing when None)."""
    return _spelled(_read(_components(eid)), eid, outline)


@dataclass(frozen=True, slots=True)
class _DocumentOutline:
    document: Document

    def single_paragraph(self, eid: str) -> bool:
        node = self.document.get(eid)
        return node is not None and len(node.children) == 1

    def holds_articles(self, eid: str) -> bool:
        node = self.document.get(eid)
        return node is not None and is_container(node)


# What the components of an eId say for its citation: the provision cited ("Art. 13", "" when
# none is named), the provision's eId, how many paragraph and item numbers follow it, and those
# numbers as cited ("(1)(5)").
_Reading = tuple[str, str, int, str]


def _read(components: tuple[_Component, ...]) -> _Reading:
    """What ``components`` (see :func:`_components`) say for a citation."""
    head, provision, count, numbers = "", "", 0, ""
    for name, num, so_far in components:
        if name in _HEADS:
            head = _HEADS[name] + num
            provision = so_far
        elif name in _SUBDIVISIONS and head:
            count += 1
            numbers += f"({num})"
    return head, provision, count, numbers


# One component of an eId as a citation reads it: its kind and number, and the components up to it
# joined (the eId of a provision it names).
_Component = tuple[str, str, str]


@functools.lru_cache(maxsize=4096)
def _components(eid: str) -> tuple[_Component, ...]:
    """The components of ``eid``, each as (kind, number, the components up to it joined).

    Kept for the eIds read last: a search cites the provisions of its best rows, and an answer
    cites the same few provisions again and again.
    """
    parts = eids.parts(eid)
    return tuple((*eids.kind_and_number(part), eids.join(parts[:position + 1])) for position, part in enumerate(parts))


def container_citation(eid: str) -> str:
    """"Part 2, Chapter 1" for ``part_2__chp_1``, "Chapter IV, Section 2" for a section of articles
    ``chp_IV__sec_2``: each container named with its number, outermost first (chapters and
    sections are numbered afresh in each part or chapter, so one number alone is ambiguous);
    "" when ``eid`` names none."""
    return ", ".join(_CONTAINER_NAMES[name] + num for name, num, _ in _components(eid) if name in _CONTAINER_NAMES)


def _spelled(reading: _Reading, eid: str, outline: Outline | None) -> str:
    """The citation of ``eid``, once all its components are read."""
    head, provision, count, numbers = reading
    if not head:
        return container_citation(eid) or eid
    if not count and head.startswith(_HEADS["sec"]) and outline is not None and outline.holds_articles(provision):
        return container_citation(provision)
    if count == 1 and outline is not None and outline.single_paragraph(provision):
        return head
    return head + numbers


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
