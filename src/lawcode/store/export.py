"""A stored version written out: Akoma Ntoso XML, JSON, or Markdown for reading and review."""

from __future__ import annotations

from typing import Any

from lawcode.store.store import Store, Version
from lawcode.text.document import CONTAINER_KINDS, ITEM, Document, Node

FORMATS = ("akn", "json", "md")


def export(store: Store, version: Version, format: str) -> bytes:
    """The version in ``format`` (one of :data:`FORMATS`), as bytes ready to write."""
    from lawcode.service import with_work_uri

    document = with_work_uri(store.document(version), store.work_uri(version.regulation_id))
    if format == "akn":
        from lawcode.akn.export import to_akn

        return to_akn(document)
    if format == "json":
        import json

        data: dict[str, Any] = {"regulation": version.regulation_id, "work_uri": document.frbr_uri,
                                "version": version.to_dict(), **document.to_dict()}
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return to_markdown(document).encode("utf-8")


def to_markdown(document: Document) -> str:
    """The text as Markdown: containers and articles as headings, items as list entries.

    Each provision's eId is kept as an HTML anchor (``<a id="…">``) so that a citation can link
    to it, as in the Akoma Ntoso export.
    """
    lines: list[str] = []
    if document.title:
        lines += [f"# {document.title}", ""]
    if document.preamble:
        lines += [document.preamble, ""]
    for node in document.body:
        _node(node, 2, 0, lines)
    return "\n".join(lines).rstrip() + "\n"


def _node(node: Node, level: int, indent: int, lines: list[str]) -> None:
    anchor = f'<a id="{node.eid}"></a>'
    if node.kind in CONTAINER_KINDS or node.kind == "article":
        title = " ".join(p for p in (node.kind.capitalize(), (node.num or "").rstrip("."),
                                     f"- {node.heading}" if node.heading else "") if p)
        lines += [f"{'#' * min(level, 6)} {anchor}{title}", ""]
        if node.text:
            lines += [node.text, ""]
        for child in node.children:
            _node(child, level + 1, 0, lines)
    elif node.kind == ITEM:
        pad = "  " * indent
        lines.append(f"{pad}- {anchor}{node.num + ' ' if node.num else ''}{node.text}")
        for child in node.children:
            _node(child, level, indent + 1, lines)
        if node.wrap_up:
            lines.append(f"{pad}  {node.wrap_up}")
        return
    else:
        label = f"{node.num} " if node.num else ""
        heading = f"**{node.heading}** " if node.heading else ""
        lines.append(f"{anchor}{label}{heading}{node.text}")
        lines.append("")
        for child in node.children:
            _node(child, level, indent, lines)
        if any(c.kind == ITEM for c in node.children):
            lines.append("")
    if node.wrap_up:
        lines += [node.wrap_up, ""]
