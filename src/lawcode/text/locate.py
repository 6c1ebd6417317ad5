"""Finding a provision from the way people cite it.

``locate(doc, "13(1)(5)")`` gives the node of article 13, paragraph 1, item 5. Citations are
accepted as lawyers write them in each style - "13", "art_13", "Article 13", "6(1)(a)",
"§ 6502", "s. 13", "section 13(2A)", "Chapter II" - and as full eIds. Paragraphs that are not
numbered in the text (Chinese-style articles) are counted: "13(2)" is the second paragraph of
article 13.

The same :class:`Index` resolves the cross-references the parser finds in the text
(:mod:`lawcode.text.references`), so that a citation means the same thing wherever it is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lawcode import eids
from lawcode.errors import QueryError
from lawcode.suggest import closest
from lawcode.text.document import (
    ARTICLE,
    CHAPTER,
    CONTAINER_KINDS,
    ITEM,
    PARAGRAPH,
    PART,
    SECTION,
    SUBSECTION,
    Document,
    Node,
)

NUMBERED = (PARAGRAPH, SUBSECTION, ITEM)  # the kinds of node a citation's "(1)(a)" path walks through

_CITATION = re.compile(
    r"(?P<kw>articles?|art\.?|sections?|sec\.?|s\.|§+|chapter|chp\.?|part)?\s*(?:_\s*)?"
    r"(?P<num>[0-9]+[A-Za-z]{0,3}|[IVXLCDM]+)(?P<path>(?:\s*\([0-9A-Za-z]{1,5}\))*)",
    re.IGNORECASE,
)
_PATH_PART = re.compile(r"\(([0-9A-Za-z]{1,5})\)")
_EID_SHORT = re.compile(r"(art|sec|chp|part)_([0-9A-Za-z]+)")
_LABEL_STRIP = re.compile(r"[().\s]")


def label_of(node: Node) -> str:
    """A node's number without parentheses or dots: "(2A)" -> "2A", "1." -> "1"."""
    num = node.num or ""
    return num if num.isalnum() else _LABEL_STRIP.sub("", num)  # most numbers have nothing to strip


def is_provision(node: Node) -> bool:
    """Articles, and sections that hold text rather than articles (US/UK/ZA sections)."""
    if node.kind == ARTICLE:
        return True
    return node.kind == SECTION and not any(c.kind in CONTAINER_KINDS or c.kind == ARTICLE for c in node.children)


def is_container(node: Node) -> bool:
    """Chapters, parts, and sections that hold articles (the GDPR's) rather than text."""
    return node.kind in CONTAINER_KINDS and not is_provision(node)


def _folded(label: str) -> str:
    """``label.lower()``, without making a copy of a plain number (most provisions' labels)."""
    return label if label.isdigit() else label.lower()


class Index:
    """Lookups over one parsed body: provisions and containers by number, parents by eId."""

    def __init__(self, body: Iterable[Node] = (), *, nested_eids: bool = False) -> None:
        """``nested_eids``: the caller vouches that every eId is its parent's, "__", then its own
        part (as the parser makes them); a node's parent is then found from its eId rather than
        kept in a map of every node."""
        self.provisions: dict[str, Node] = {}
        self.containers: dict[tuple[str, str], Node] = {}
        self._parents: dict[str, Node] | None = None if nested_eids else {}
        self.eids: dict[str, Node] = {}  # in document order
        for node in body:
            self._add(node)

    def _add(self, node: Node) -> None:
        """Index ``node`` and its descendants, in document order."""
        self.eids[node.eid] = node
        self.note(node)
        for child in node.children:
            self._add(child)

    def note(self, node: Node) -> None:
        """Record ``node`` as a provision or container (and, when this index keeps a map of
        parents, as the parent of its children).

        The parser calls this for each container and provision once its tree is complete (their
        eIds already in ``eids``, in document order), so that a fresh Document's index costs no
        second walk; the first provision or container with a number wins. Its index finds parents
        from eIds, so paragraphs and items have nothing to note there, and the parser skips them.
        """
        kind = node.kind
        if kind == ARTICLE or (kind == SECTION and is_provision(node)):
            self.provisions.setdefault(_folded(label_of(node)), node)
        elif kind in CONTAINER_KINDS:
            self.containers.setdefault((kind, _folded(label_of(node))), node)
        parents = self._parents
        if parents is not None:
            for child in node.children:
                parents[child.eid] = node

    def parent_of(self, node: Node) -> Node | None:
        """The node ``node`` is a child of (None for a top-level node)."""
        if self._parents is not None:
            return self._parents.get(node.eid)
        eid: str | None = eids.parent(node.eid)
        while eid is not None:  # "…__para_nn_1__list_1__item_5": the list is not a node, the paragraph is
            parent = self.eids.get(eid)
            if parent is not None:
                return parent
            eid = eids.parent(eid)
        return None

    def provision(self, num: str) -> Node | None:
        return self.provisions.get(num.lower())

    def container(self, kind: str, num: str) -> Node | None:
        return self.containers.get((kind, num.lower()))

    def enclosing_provision(self, node: Node) -> Node | None:
        current: Node | None = node
        while current is not None and not is_provision(current):
            current = self.parent_of(current)
        return current

    def descend(self, node: Node, labels: Iterable[str]) -> Node | None:
        """The node reached from ``node`` through numbered children, e.g. ("1", "a")."""
        current = node
        for label in labels:
            found = child_labelled(current, label)
            if found is None:
                return None
            current = found
        return current

    def nearest_labelled(self, node: Node, label: str, kinds: tuple[str, ...] = NUMBERED) -> Node | None:
        """The closest node numbered ``label`` among the children of ``node``'s ancestors.

        "subsection (2)" or "paragraph (1)" written inside a provision mean the neighbour with that
        number at the nearest level that has one.
        """
        current: Node | None = node
        while current is not None:
            found = child_labelled(current, label, kinds)
            if found is not None and found is not node:
                return found
            if is_provision(current):
                return None
            current = self.parent_of(current)
        return None


def child_labelled(node: Node, label: str, kinds: tuple[str, ...] = NUMBERED) -> Node | None:
    """The child numbered ``label``; for unnumbered paragraphs, the label-th one."""
    low = label.lower()
    for child in node.children:
        if child.kind in kinds and child.num and label_of(child) == label:
            return child
    for child in node.children:  # a case-insensitive match when no exact one exists
        if child.kind in kinds and child.num and label_of(child).lower() == low:
            return child
    if label.isdigit() and PARAGRAPH in kinds:
        unnumbered = [c for c in node.children if c.kind == PARAGRAPH and not c.num]
        index = int(label) - 1
        if unnumbered and 0 <= index < len(unnumbered):
            return unnumbered[index]
    return None


def remember(doc: Document, index: Index) -> Index:
    """Hand ``doc`` the Index the parser filled while building it, as its ``Document.index`` (a
    cached property, held on the Document), so that the tree is not walked again to build one."""
    vars(doc)["index"] = index
    return index


def locate(doc: Document, ref: str) -> Node:
    """The node a citation names; a QueryError listing the closest known citations if none.

    When the provision exists but a paragraph or item below it does not ("13(9)"), the known
    list gives the numbers that do exist at that level.
    """
    text = ref.strip()
    node, deepest = _find(doc, text)
    if node is None:
        raise QueryError(
            f"no provision {ref!r} in {doc.source}",
            expected="an article or section number such as '13', '13(1)(5)', 'Article 6(1)(a)', '§ 6502' or an eId",
            known=_children_known(deepest) if deepest is not None else _closest(doc, text),
        )
    return node


def locate_eid(doc: Document, ref: str) -> str:
    """The eId of the node a citation names."""
    return locate(doc, ref).eid


def _find(doc: Document, text: str) -> tuple[Node | None, Node | None]:
    """The node cited, and (when it is missing) the deepest node the citation did reach."""
    index = doc.index
    if text in index.eids:
        return index.eids[text], None
    short = _EID_SHORT.fullmatch(text)
    if short:
        prefix, num = short.groups()
        if prefix in ("art", "sec"):
            node = index.provision(num)
            if node is not None and (prefix == "sec") == (node.kind == SECTION):
                return node, None
            return (index.container(SECTION, num) if prefix == "sec" else None), None
        return index.container(CHAPTER if prefix == "chp" else PART, num), None
    match = _CITATION.fullmatch(text)
    if not match:
        return None, None
    keyword = (match.group("kw") or "").lower().rstrip(".")
    num = match.group("num")
    labels = _PATH_PART.findall(match.group("path") or "")
    if keyword in ("chapter", "chp", "part"):
        node = index.container(CHAPTER if keyword.startswith("ch") else PART, num)
    else:
        node = index.provision(num)
        if node is None and keyword.startswith("sec"):
            node = index.container(SECTION, num)
    if node is None:
        return None, None
    for label in labels:
        child = child_labelled(node, label)
        if child is None:
            return None, node
        node = child
    return node, None


def _children_known(node: Node) -> list[str]:
    """The numbered children of ``node``, as eIds with their printed numbers."""
    out = []
    for position, child in enumerate(c for c in node.children if c.kind in NUMBERED):
        out.append(f"{child.num or f'({position + 1})'} ({child.eid})")
    return out


def _closest(doc: Document, text: str) -> list[str]:
    index = doc.index
    names = {}
    for node in index.provisions.values():
        word = "Article" if node.kind == ARTICLE else "§"
        names[f"{word} {label_of(node)}"] = node.eid
        names[label_of(node)] = node.eid
    candidates = list(names) + list(index.eids)
    found = closest(text, candidates, limit=6)
    return [f"{name} ({names[name]})" if name in names else name for name in found]
