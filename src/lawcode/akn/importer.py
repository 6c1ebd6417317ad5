"""Akoma Ntoso 3.0 XML -> Document: the inverse of :mod:`lawcode.akn.export`.

It reads what the exporter writes back into an equal Document (the same eIds, kinds, nums,
headings, words, wrap-ups, references and source lines), and it is tolerant of the same structure
as Laws.Africa's bluebell writes it: ``<p>`` and ``<listIntroduction>`` before a block list are
the lead-in, ``<p>`` after it and ``<listWrapUp>`` inside it are the wrap-up, and ``eId`` attributes
of ``<p>`` and ``<ref>`` are ignored. Inline markup other than references keeps only its words.

A file that is not XML, not Akoma Ntoso, or has provisions without eIds raises AknError with the
line where the problem is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from lxml import etree

from lawcode.akn.names import AKN_NS, LINE, REFERENCE, UNRESOLVED
from lawcode.akn.xml import parse_xml
from lawcode.errors import AknError
from lawcode.nogc import without_gc
from lawcode.text.document import ITEM, Document, Node, Reference, make_node

_A = "{" + AKN_NS + "}"
# Akoma Ntoso's hierarchical elements (the hierElements group of the schema), by local name.
_HIER = frozenset(
    [
        "alinea", "article", "book", "chapter", "clause", "division", "indent", "level", "list", "paragraph",
        "part", "point", "proviso", "rule", "section", "subchapter", "subclause", "subdivision", "sublist",
        "subparagraph", "subpart", "subrule", "subsection", "subtitle", "title", "tome", "transitional"
    ]
)
_DOC_TYPES = ("act", "bill", "doc", "statement")
_NUM, _HEADING, _SUBHEADING = _A + "num", _A + "heading", _A + "subheading"


@without_gc
def from_akn(data: bytes, source: str) -> Document:
    """Read the AKN document in ``data`` (named ``source`` in error messages)."""
    root = parse_xml(data, source).getroot()
    if root.tag != _A + "akomaNtoso":
        raise AknError(f"root element is {_local(root)}", file=source, line=root.sourceline,
                       expected=f"akomaNtoso in namespace {AKN_NS}")
    act = next((child for child in root if child.tag in {_A + t for t in _DOC_TYPES}), None)
    if act is None:
        raise AknError("no document element", file=source, line=root.sourceline,
                       expected="an act, bill, doc or statement inside akomaNtoso")
    body = act.find(_A + "body")
    if body is None:
        body = act.find(_A + "mainBody")
    if body is None:
        raise AknError("the document has no body", file=source, line=act.sourceline, expected="a <body> element")
    meta = act.find(_A + "meta")
    reader = _Reader(source, _externals(meta))
    nodes = tuple(reader.hier(el) for el in _elements(body))
    if meta is not None:
        reader.proprietary(meta.iterfind(_A + "proprietary/" + REFERENCE), nodes)
    # References in reading order: by the provision they stand in, then by where their words are.
    references = tuple(
        ref for top in nodes for node in top.walk()
        for _, _, ref in sorted(reader.refs.pop(node.eid, ()), key=lambda found: found[:2])
    )
    if reader.refs:  # only a proprietary lc:reference can name an eId that is not in the body
        raise AknError(f"a reference stands in {next(iter(reader.refs))!r}, which is no provision", file=source,
                       expected="proprietary lc:reference/@source naming an eId of the body")
    return Document(
        source=source,
        title=_title(act),
        body=nodes,
        references=references,
        preamble="\n".join(_words(p) for p in act.iterfind(_A + "preamble/" + _A + "p")),
        language=_attr(meta, "identification/FRBRExpression/FRBRlanguage", "language") or "eng",
        frbr_uri=_attr(meta, "identification/FRBRWork/FRBRuri", "value") or "/akn/xx/act/regulation",
    )


class _Reader:
    """Turns AKN provisions into Nodes, collecting references by the eId they stand in."""

    def __init__(self, source: str, externals: dict[str, str]) -> None:
        self.source = source
        self.externals = externals
        # eId -> (line of the node's words, offset in it, reference) for each reference found
        self.refs: dict[str, list[tuple[int, int, Reference]]] = defaultdict(list)
        self.lines: dict[str, int] = {}  # eId -> line in the XML, to report duplicates
        self.count: dict[str, int] = defaultdict(int)  # eId -> lines of words read so far

    def hier(self, el: etree._Element) -> Node:
        name = _local(el)
        if name not in _HIER:
            raise AknError(f"unexpected <{name}> in the body", file=self.source, line=el.sourceline,
                           expected="a hierarchical element (part, chapter, section, article, paragraph, ...)")
        eid = self._eid(el)
        text: list[str] = []
        wrap_up: list[str] = []
        children: list[Node] = []
        for child in _elements(el):
            tag = _local(child)
            if tag == "content":
                self._blocks(child, eid, text, children, wrap_up)
            elif tag == "intro":
                text.extend(self._line(p, eid) for p in _elements(child))
            elif tag == "wrapUp":
                wrap_up.extend(self._line(p, eid) for p in _elements(child))
            elif tag in _HIER:
                children.append(self.hier(child))
        return self._node(el, eid, name, text, children, wrap_up)

    def item(self, el: etree._Element) -> Node:
        eid = self._eid(el)
        text: list[str] = []
        wrap_up: list[str] = []
        children: list[Node] = []
        self._blocks(el, eid, text, children, wrap_up)
        return self._node(el, eid, ITEM, text, children, wrap_up)

    def _node(self, el: etree._Element, eid: str, kind: str, text: list[str], children: list[Node],
              wrap_up: list[str]) -> Node:
        num = heading = None
        for child in el:  # num and heading come first (the schema says so); stop at the rest
            if child.tag == _NUM:
                num = _words(child)
            elif child.tag == _HEADING:
                heading = _words(child)
            elif child.tag != _SUBHEADING:
                break
        line = el.get(LINE)
        return make_node(eid, kind, num, heading, "\n".join(text), tuple(children), "\n".join(wrap_up),
                         int(line) if line and line.isdigit() else 0)

    def _eid(self, el: etree._Element) -> str:
        eid = el.get("eId")
        if not eid:
            raise AknError(f"<{_local(el)}> has no eId", file=self.source, line=el.sourceline,
                           expected="an eId attribute on every provision")
        if eid in self.lines:
            raise AknError(f"duplicate eId {eid!r} (first at line {self.lines[eid]})", file=self.source,
                           line=el.sourceline, expected="unique eIds")
        self.lines[eid] = el.sourceline or 0
        return str(eid)

    def _blocks(self, container: etree._Element, eid: str, text: list[str], children: list[Node],
                wrap_up: list[str]) -> None:
        """Block content: lines before the first list are the lead-in, lines after it the wrap-up."""
        for block in _elements(container):
            tag = _local(block)
            if tag in ("num", "heading", "subheading"):
                continue
            if tag == "blockList":
                for part in _elements(block):
                    kind = _local(part)
                    if kind == "item":
                        children.append(self.item(part))
                    elif kind == "listIntroduction":
                        text.append(self._line(part, eid))
                    elif kind == "listWrapUp":
                        wrap_up.append(self._line(part, eid))
            else:
                (wrap_up if children else text).append(self._line(block, eid))

    def _line(self, block: etree._Element, eid: str) -> str:
        """The words of one block, recording the references marked up in it."""
        parts: list[str] = []
        self._inline(block, eid, self.count[eid], parts)
        self.count[eid] += 1
        return "".join(parts)

    def _inline(self, el: etree._Element, eid: str, line: int, parts: list[str]) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if child.tag == _A + "ref" or (child.tag == _A + "inline" and child.get("name") == UNRESOLVED):
                words = _words(child)
                self.refs[eid].append((line, len("".join(parts)), self._reference(child, eid, words)))
                parts.append(words)
            elif isinstance(child.tag, str):
                self._inline(child, eid, line, parts)
            if child.tail:
                parts.append(child.tail)

    def proprietary(self, elements: Iterable[etree._Element], nodes: tuple[Node, ...]) -> None:
        """References kept in metadata, placed where their words first occur in their provision."""
        by_eid: dict[str, Node] | None = None
        for el in elements:
            if by_eid is None:
                by_eid = {node.eid: node for top in nodes for node in top.walk()}
            eid = el.get("source", "")
            ref = Reference(eid, el.get("words", ""), el.get("target"), el.get("external"))
            node = by_eid.get(eid)
            lines = _lines(node.text) + _lines(node.wrap_up) if node is not None else []
            line, offset = el.get("line", ""), el.get("offset", "")
            if line.isdigit() and offset.isdigit():  # where the exporter saw the phrase it belongs to
                where = (int(line), int(offset))
            else:
                where = next(((i, text.find(ref.words)) for i, text in enumerate(lines) if ref.words in text),
                             (len(lines), 0))
            self.refs[eid].append((*where, ref))

    def _reference(self, el: etree._Element, eid: str, words: str) -> Reference:
        href = el.get("href")
        if href is None:
            return Reference(eid, words)
        if href in self.externals:
            return Reference(eid, words, external=self.externals[href])
        if href.startswith("#"):
            return Reference(eid, words, target=href[1:])
        return Reference(eid, words, external=href)


def _externals(meta: etree._Element | None) -> dict[str, str]:
    """TLCReference IRI -> the name it shows: the other laws references point to."""
    if meta is None:
        return {}
    return {
        ref.get("href"): ref.get("showAs") or ref.get("href")
        for ref in meta.iterfind(_A + "references/" + _A + "TLCReference")
        if ref.get("href")
    }


def _title(act: etree._Element) -> str | None:
    """The preface's docTitle; failing that (bluebell writes a plain line), its first paragraph."""
    title = act.find(_A + "preface//" + _A + "docTitle")
    if title is None:
        title = act.find(_A + "preface/" + _A + "p")
    return None if title is None else _words(title).strip() or None


def _attr(meta: etree._Element | None, path: str, name: str) -> str | None:
    if meta is None:
        return None
    el = meta.find("/".join(_A + step for step in path.split("/")))
    return None if el is None else el.get(name)


def _local(el: etree._Element) -> str:
    """An AKN element's local name; elements of other namespaces keep their {namespace}name."""
    tag = str(el.tag)
    return tag[len(_A):] if tag.startswith(_A) else tag


def _elements(el: etree._Element) -> Iterator[etree._Element]:
    """Child elements, skipping comments and processing instructions."""
    return (child for child in el if isinstance(child.tag, str))


def _lines(words: str) -> list[str]:
    return words.split("\n") if words else []


def _words(el: etree._Element) -> str:
    if len(el) == 0:  # the common case, several times faster than itertext()
        return el.text or ""
    return "".join(el.itertext())
