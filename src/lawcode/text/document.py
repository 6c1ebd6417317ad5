"""The structured form of a regulation text: an immutable tree of provisions.

A :class:`Document` is what every other part of lawcode reads: the Akoma Ntoso exporter, the
model checker (which fingerprints it), the engine (which quotes from it). It is built once by
the parser (or the AKN importer) and never changed afterwards, so parsing the same bytes always
gives an equal tree.

eIds follow the Akoma Ntoso naming convention as Laws.Africa's bluebell spells it for this kind
of text: ``chp_I__art_13__para_nn_1__list_1__item_5``. Unnumbered paragraphs are counted with
the ``nn_`` marker; numbered items sit in an implicit list (``list_1``) below their paragraph.
Where the text's own terms differ, the convention's names win: a numbered "(1)" inside an article
(EU, PRC) is a paragraph (``art_5__para_1``), inside a section (UK, South Africa, US Code, dotted
style) a subsection (``sec_5__subsec_1``). A number used twice at one level gets ``_2``, ``_3``...
in document order (see :mod:`lawcode.text.build`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from lawcode.text.definitions import Definition
    from lawcode.text.locate import Index

# Node kinds, named as the Akoma Ntoso elements they become.
PART = "part"
CHAPTER = "chapter"
SECTION = "section"
ARTICLE = "article"
PARAGRAPH = "paragraph"  # a numbered or unnumbered paragraph of an article; an unnumbered one of a section
SUBSECTION = "subsection"  # a numbered "(1)" of a UK, South African or US section (dotted style: "1.1")
ITEM = "item"
CONTAINER_KINDS = (PART, CHAPTER, SECTION)


@dataclass(frozen=True, slots=True)
class Node:
    """One provision: a chapter, article, paragraph, item (or part/section)."""

    eid: str
    kind: str
    num: str | None  # as printed, e.g. "I", "13", "(1)", "1."; None when unnumbered
    heading: str | None
    text: str  # the node's own words (a list's lead-in), not its children's
    children: tuple[Node, ...] = ()
    wrap_up: str = ""  # words after a list that still belong to this node
    line: int = 0  # line in the cleaned source where the node starts (0 when unknown)

    def walk(self) -> Iterator[Node]:
        """This node and every provision in it, in reading order."""
        return _walk([self])

    def full_text(self) -> str:
        """The node's words with all its descendants', in reading order."""
        parts = [p for p in (self.text,) if p]
        for child in self.children:
            label = f"{child.num} " if child.num and child.kind == ITEM else ""
            parts.append(label + child.full_text())
        if self.wrap_up:
            parts.append(self.wrap_up)
        return "\n".join(parts)

    def own_dict(self) -> dict[str, object]:
        """The node's own fields as JSON-ready values (everything :meth:`to_dict` gives but its children)."""
        return {
            "eId": self.eid,
            "kind": self.kind,
            "num": self.num,
            "heading": self.heading,
            "text": self.text,
            "wrapUp": self.wrap_up or None,
            "line": self.line,
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.own_dict(), "children": [c.to_dict() for c in self.children]}


class NodeDraft:
    """A Node under construction, writable: the parser builds its tree out of these, in document
    order, and each becomes its Node (:meth:`become_node`) once the text is read.

    While a draft is being built, ``text`` and ``wrap_up`` may hold a list of lines and
    ``children`` a list of drafts.

    A draft has the same slots as a :class:`Node` (a test keeps them so), which lets it become one
    in place: the parser makes one object per node, not a draft and then a Node. A frozen
    dataclass's constructor sets each field through ``object.__setattr__``, which cost about four
    times the draft itself, for every node of every text parsed (a twelfth of the ingest's CPU).
    """

    __slots__ = ("children", "eid", "heading", "kind", "line", "num", "text", "wrap_up")

    def __init__(self, eid: str, kind: str, num: str | None, heading: str | None, text: list[str] | str,
                 children: list[NodeDraft], wrap_up: list[str] | str, line: int) -> None:
        self.eid = eid
        self.kind = kind
        self.num = num
        self.heading = heading
        self.text = text
        self.children = children
        self.wrap_up = wrap_up
        self.line = line

    def become_node(self) -> Node:
        """This draft, made the Node it stands for: its lines joined, its children a tuple, its class
        Node (frozen from now on). Its children become Nodes too (each draft of the tree is made one,
        in any order), so the tree is whole once every draft has been."""
        if not isinstance(self.text, str):
            self.text = "\n".join(self.text)
        if not isinstance(self.wrap_up, str):
            self.wrap_up = "\n".join(self.wrap_up)
        self.children = tuple(self.children)  # type: ignore[assignment]  # drafts now, Nodes by the end
        self.__class__ = Node  # type: ignore[assignment]  # same slots: Python allows the switch
        return cast(Node, self)


def make_node(eid: str, kind: str, num: str | None, heading: str | None, text: str,
              children: tuple[Node, ...] = (), wrap_up: str = "", line: int = 0) -> Node:
    """``Node(...)`` by position (the AKN importer's way of making a node)."""
    return Node(eid, kind, num, heading, text, children, wrap_up, line)


@dataclass(frozen=True, slots=True)
class Reference:
    """A cross-reference found in a provision's words.

    ``target`` is the eId referred to when the reference is internal; ``external`` the name of
    the other law when it is not. ``target`` and ``external`` are both None for an internal
    reference that could not be resolved (the parser also warns about it).
    """

    source: str  # eId of the provision the words stand in
    words: str  # the words that made the reference
    target: str | None = None
    external: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "words": self.words, "target": self.target, "external": self.external}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A warning or a removed line, reported rather than silently swallowed."""

    line: int
    message: str
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message, "text": self.text}


@dataclass(frozen=True)
class Document:
    """A parsed regulation: title, body tree, references, and what the parser set aside."""

    source: str
    title: str | None
    body: tuple[Node, ...]
    references: tuple[Reference, ...] = ()
    removed: tuple[Diagnostic, ...] = ()  # cruft and tables of contents, with their lines
    warnings: tuple[Diagnostic, ...] = ()
    preamble: str = ""
    language: str = "eng"
    frbr_uri: str = field(default="/akn/xx/act/regulation")
    # the text style the parser read (name), whether the user forced it, and why it was chosen
    style: Mapping[str, object] = field(default_factory=dict, compare=False)

    def walk(self) -> Iterator[Node]:
        """Every provision of the text, in reading order."""
        return _walk(self.body)

    @cached_property
    def index(self) -> Index:
        """Lookups over the body (provisions by number, nodes and parents by eId), built once.

        Held on the Document, so it lives and goes with it. The parser fills one while it builds
        the tree and hands it over (:func:`lawcode.text.locate.remember`).
        """
        from lawcode.text.locate import Index  # locate builds on this module

        return Index(self.body)

    @cached_property
    def by_eid(self) -> Mapping[str, Node]:
        """Every node by eId, in document order (a read-only view of the index: a large text's
        nodes need not be walked again, nor the index copied)."""
        return MappingProxyType(self.index.eids)

    @cached_property
    def definitions(self) -> tuple[Definition, ...]:
        """The terms the text defines, where (see :mod:`lawcode.text.definitions`): found in the
        words when first asked for, so a Document read back from Akoma Ntoso has the same."""
        from lawcode.text.definitions import find_definitions  # definitions builds on this module

        return tuple(find_definitions(self.by_eid.values()))  # document order

    def get(self, eid: str) -> Node | None:
        return self.by_eid.get(eid)

    def __getstate__(self) -> dict[str, Any]:
        """The declared fields only, for pickle and copy: cached lookups such as ``by_eid`` (a
        view, which cannot be pickled) are made again when asked for."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def articles(self) -> list[Node]:
        """The top-level numbered provisions (articles, or sections where a text has no articles)."""
        from lawcode.text.locate import is_provision  # locate builds on this module

        arts = [n for n in self.walk() if n.kind == ARTICLE]
        return arts or [n for n in self.walk() if is_provision(n)]

    def fingerprint(self) -> str:
        """A digest of the provisions' eIds and normalised words.

        Cruft, line wrapping, spacing and quote styles do not change it (the parser cleans them
        away); a changed, added or removed word does. Computed once per Document.
        """
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        """SHA-256 over each node's eId, number, heading, words and wrap-up, each with its runs of
        whitespace made one space and stripped (``" ".join(part.split())``, the same as a ``\\s+``
        substitution and a strip), followed by U+001F, each node followed by U+001E.

        Hashed as one string, in the index's document order: the same digest as hashing part by
        part, at a fraction of the cost. The parser's parts are normal already, but for the line
        breaks between a node's lines: so the string is joined from the parts as they are, with
        its line breaks made spaces, and hashed as it is when that leaves every part normal
        (:func:`_all_normal`). This costs a few passes in C over the words, where normalising
        split every part into words and joined them again (twice the cost). A Document with other
        whitespace in its parts (one imported, say) has each part normalised.
        """
        items: list[str] = []  # each part, then what follows it: U+001F, or U+001F U+001E after a node's last
        for node in self.by_eid.values():
            items += (node.eid, "\x1f", node.num or "", "\x1f", node.heading or "", "\x1f", node.text, "\x1f",
                      node.wrap_up, "\x1f\x1e")
        parts = items[::2]
        if _all_normal(parts):
            hashed = "".join(items).replace("\n", " ")
        else:
            items[::2] = [" ".join(part.split()) for part in parts]
            hashed = "".join(items)
        return "sha256:" + hashlib.sha256(hashed.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "fingerprint": self.fingerprint(),
            "style": dict(self.style) or None,
            "preamble": self.preamble or None,
            "body": [n.to_dict() for n in self.body],
            "references": [r.to_dict() for r in self.references],
            "definitions": [d.to_dict() for d in self.definitions],
            "removed": [d.to_dict() for d in self.removed],
            "warnings": [d.to_dict() for d in self.warnings],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _all_normal(parts: list[str]) -> bool:
    """Whether each of ``parts``, its line breaks made spaces, is normal: its whitespace is single
    spaces between words.

    Checked on the non-empty parts joined by single spaces, exactly: it is printable only when
    no part holds whitespace but spaces and line breaks (every other whitespace character is
    unprintable), and it has a double space, or a space at an end, only when a part has one or
    starts or ends with one.
    """
    joined = " ".join(filter(None, parts)).replace("\n", " ")
    return joined.isprintable() and "  " not in joined and joined[:1] != " " and joined[-1:] != " "


def _walk(nodes: Sequence[Node]) -> Iterator[Node]:
    """``nodes`` and every provision in them, in reading order: from a stack, not by recursion,
    whose generators pass each node up through every level above it (twice the time)."""
    pending = list(reversed(nodes))
    while pending:
        node = pending.pop()
        yield node
        if node.children:
            pending.extend(reversed(node.children))
