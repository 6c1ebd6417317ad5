"""The reader's view of a parsed text: its pages (one per chapter) and provisions with their
cross-references turned into links.

A page is a top-level container of the body (a chapter, or a part); a text whose top level holds
provisions (sections of an Act) is read on a single page named ``all``. Every provision is
addressed by its eId; its page is the container whose eId begins its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from lawcode.text.document import CONTAINER_KINDS, Document, Node, Reference
from lawcode.text.locate import is_container

ALL = "all"


@dataclass(frozen=True)
class Page:
    """One page of the reader: its address (an eId, or ``all``), heading and top-level nodes."""

    key: str
    title: str
    nodes: tuple[Node, ...]


def pages(document: Document) -> list[Page]:
    """The reader's pages, in reading order."""
    body = document.body
    if body and all(is_container(node) for node in body):
        return [Page(node.eid, _title(node), (node,)) for node in body]
    return [Page(ALL, document.title or "The text", tuple(body))]


def page_of(document: Document, eid: str) -> str:
    """The key of the page a provision is read on."""
    for page in pages(document):
        if page.key == ALL or eid == page.key or eid.startswith(page.key + "__"):
            return page.key
    return ALL


def _title(node: Node) -> str:
    kind = node.kind.capitalize()
    number = f" {node.num}" if node.num else ""
    heading = f": {node.heading}" if node.heading else ""
    return f"{kind}{number}{heading}"


def heading_of(node: Node) -> str:
    """How a provision is headed on the page: "Article 13", "Chapter II: Duties", "(2)"."""
    if node.kind in CONTAINER_KINDS or node.kind == "article":
        return _title(node)
    return node.num or ""


def linked_text(text: str, references: list[Reference], href: Callable[[str], str]) -> Markup:
    """``text`` escaped, each internal cross-reference's words a link to ``href(target eId)``;
    external references are marked up as citations of another law."""
    spans = []
    for reference in references:
        start = text.find(reference.words)
        if start >= 0:
            spans.append((start, start + len(reference.words), reference))
    spans.sort(key=lambda span: span[0])
    out: list[str] = []
    position = 0
    for start, end, reference in spans:
        if start < position:
            continue  # overlapping words: the first reference keeps them
        out.append(str(escape(text[position:start])))
        words = escape(text[start:end])
        if reference.target:
            out.append(f'<a class="xref" href="{escape(href(reference.target))}">{words}</a>')
        elif reference.external:
            out.append(f'<cite class="external" title="another law: {escape(reference.external)}">{words}</cite>')
        else:
            out.append(str(words))
        position = end
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def references_by_source(document: Document) -> dict[str, list[Reference]]:
    """The text's references, by the eId of the provision whose words hold them."""
    found: dict[str, list[Reference]] = {}
    for reference in document.references:
        found.setdefault(reference.source, []).append(reference)
    return found
