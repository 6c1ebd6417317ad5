"""Human renderings of a Document: a one-line-per-node outline and a clean plain text.

The outline is what ``lawcode parse`` shows by default - eId, number, heading and the first
words of each provision, indented by depth and cut to the terminal width - so a reader can
check at a glance that the structure came out as printed. The plain text is the regulation as
lawcode understood it: cruft gone, wraps joined, one block per provision.
"""

from __future__ import annotations

from collections.abc import Iterator

from lawcode.text.document import CONTAINER_KINDS, ITEM, Document, Node


def outline_lines(doc: Document, width: int = 100) -> Iterator[str]:
    """One line per node: indentation, eId, number, heading, first words; at most ``width`` columns."""
    if doc.title:
        yield _cut(doc.title, width)
    for top in doc.body:
        yield from _outline(top, 0, width)


def _outline(node: Node, depth: int, width: int) -> Iterator[str]:
    parts = ["  " * depth + node.eid]
    if node.num:
        parts.append(f"[{node.num}]")
    if node.heading:
        parts.append(node.heading)
    if node.text:
        parts.append(f"\u2014 {node.text}" if node.heading else node.text)
    yield _cut(" ".join(parts).replace("\n", " "), width)
    for child in node.children:
        yield from _outline(child, depth + 1, width)


def _cut(line: str, width: int) -> str:
    return line if len(line) <= width else line[: width - 1] + "\u2026"


def render_text(doc: Document) -> str:
    """The regulation as clean plain text: title, headings, provisions, one block per node."""
    blocks: list[str] = []
    if doc.title:
        blocks.append(doc.title)
    if doc.preamble:
        blocks.append(doc.preamble)
    for top in doc.body:
        _render(top, 0, blocks)
    return "\n\n".join(blocks) + "\n"


_WORD = {"part": "Part", "chapter": "Chapter", "section": "Section", "article": "Article"}


def _render(node: Node, depth: int, blocks: list[str]) -> None:
    indent = "    " * depth
    if node.kind in _WORD and (node.kind in CONTAINER_KINDS or node.kind == "article"):
        is_provision_section = node.kind == "section" and not any(c.kind in _WORD for c in node.children)
        word = "\u00a7" if is_provision_section else _WORD[node.kind]
        head = f"{word} {(node.num or '').rstrip('.')}"
        blocks.append(head + (f" - {node.heading}" if node.heading else ""))
        if node.text:
            blocks.append(node.text)
        for child in node.children:
            _render(child, 0 if child.kind in _WORD else depth, blocks)
        return
    label = f"{node.num} " if node.num else ""
    heading = f"{node.heading}\n{indent}" if node.heading else ""
    blocks.append(indent + label + heading + node.text.replace("\n", "\n" + indent))
    child_depth = depth + 1 if node.kind == ITEM or node.num else depth
    for child in node.children:
        _render(child, child_depth if child.kind == ITEM else depth, blocks)
    if node.wrap_up:
        blocks.append(indent + node.wrap_up)
