"""Human citations and quotations of the provisions a finding rests on.

Findings cite eIds (``chp_II__art_13__para_nn_1__list_1__item_5``); lawyers read "Art. 13(1)(5)".
The quotation itself always comes from the Document parsed at run time: lawcode never carries a
copy of a regulation's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawcode import eids

if TYPE_CHECKING:
    from lawcode.text.document import Document

# eId component prefix -> how a citation spells it. Components not listed (list_1, intro …)
# add nothing to a citation.
_HEADS = {"art": "Art. ", "sec": "s. ", "rule": "Rule ", "reg": "Reg. "}
_CONTAINERS = {"part": "Part ", "chp": "Chapter ", "title": "Title "}
_SUBDIVISIONS = {"para", "subsec", "item", "point", "subpara", "alinea"}


def citation(eid: str, document: Document | None = None) -> str:
    """"Art. 13(1)(5)" for ``chp_II__art_13__para_nn_1__list_1__item_5``.

    With a Document, a provision that is the only paragraph of its article cites as the article
    ("Art. 32", not "Art. 32(1)"), as a lawyer would write it; its items keep the paragraph
    number ("Art. 15(1)(3)") so that they never read as paragraphs. Containers alone cite as
    "Chapter II".
    """
    head = ""
    container = ""
    article_eid = ""
    numbers: list[str] = []
    so_far: list[str] = []
    for part in eids.parts(eid):
        so_far.append(part)
        name, num = eids.kind_and_number(part)
        if name in _HEADS:
            head = _HEADS[name] + num
            article_eid = eids.join(so_far)
        elif name in _CONTAINERS and not head:
            container = _CONTAINERS[name] + num
        elif name in _SUBDIVISIONS and head:
            numbers.append(num)
    if not head:
        return container or eid
    if len(numbers) == 1 and _single_paragraph(document, article_eid):
        numbers = []
    return head + "".join(f"({n})" for n in numbers)


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
