"""Document -> Akoma Ntoso 3.0 XML that validates against the OASIS schema.

The layout follows what Laws.Africa's bluebell produces for the same structure, so that AKN tools
that know bluebell's output read ours:

* hierarchical provisions (part, chapter, section, article, paragraph) carry ``<num>``,
  ``<heading>``, then either ``<content>`` (a leaf) or ``<intro>``, their children and
  ``<wrapUp>``;
* a provision's numbered items form the block list ``list_1`` inside its ``<content>``: the
  lead-in is a ``<p>`` before the ``<blockList>``, the words after the list (``Node.wrap_up``)
  are ``<p>`` elements after it;
* an internal cross-reference is ``<ref href="#eId">`` around its words; an external one is a
  ``<ref>`` to an IRI described by a ``<TLCReference>`` in the metadata whose ``showAs`` is the
  other law's name; an unresolved one is ``<inline name="unresolvedRef">``. A reference that
  cannot be marked up in the words (they are missing, overlap another reference's, or a phrase
  such as "Articles 15 to 20" cites further provisions: only its first target is linked) is kept
  as an ``lc:reference`` in ``<proprietary>`` metadata, so the importer loses nothing.

The output depends only on the Document: the FRBR dates come from the FRBR URI (never from the
clock), so the same text always gives the same bytes. Source lines travel as ``lc:line``
attributes (see :mod:`lawcode.akn.names`). The XML is written as text, in linear time.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left, insort
from collections import defaultdict

from lawcode.akn.names import (
    AKN_NS,
    AUTHOR_EID,
    EXTERNAL_CLASS,
    EXTERNAL_IRI,
    LC_NS,
    TERM_IRI,
    UNRESOLVED,
)
from lawcode.nogc import without_gc
from lawcode.text.definitions import Definition
from lawcode.text.document import ITEM, Document, Node, Reference

_DATE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")
_SLUG = re.compile(r"[^a-z0-9]+")
# FRBRdate must be a date; a URI without one gets this fixed, explicitly named placeholder.
_NO_DATE = "0001-01-01"
# Characters XML 1.0 cannot carry at all; the parser never keeps them, a hand-built Document might.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The C0 control bytes XML 1.0 cannot carry. A chunk of output is searched for each in turn: one
# memchr per byte value is quicker than one pass that looks every byte up in a table.
_CONTROL_CODES = tuple(byte for byte in range(0x20) if byte not in b"\t\n\r")


@without_gc
def to_akn(doc: Document) -> bytes:
    """The Document as an Akoma Ntoso 3.0 ``<act name="regulation">``, UTF-8 encoded.

    References are placed first (the metadata lists those that cannot be marked up), then the
    body is written as text, escaped as it goes, one chunk per top-level provision: several times
    faster and lighter than building an lxml tree for a large regulation.
    """
    refs: dict[str, list[Reference]] = defaultdict(list)
    for ref in doc.references:
        refs[ref.source].append(ref)
    definitions: dict[str, list[Definition]] = defaultdict(list)
    for definition in doc.definitions:
        definitions[definition.source].append(definition)
    externals = _external_iris(doc.references)
    writer = _Writer(externals, plain_eids=not _needs_escape("".join(doc.by_eid)))
    unplaced = [ref for eid in {**refs, **definitions}
                for ref in writer.place(doc.get(eid), refs.get(eid, []), definitions.get(eid, []))]
    head = [
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        f'<akomaNtoso xmlns="{AKN_NS}" xmlns:lc="{LC_NS}"><act name="regulation">',
        _meta(doc, externals, unplaced, doc.definitions),
    ]
    if doc.title:
        head.append(f'<preface><p class="title"><docTitle>{_text(doc.title)}</docTitle></p></preface>')
    if doc.preamble:
        lines = "".join(f"<p>{_text(line)}</p>" for line in doc.preamble.split("\n"))
        head.append(f"<preamble>{lines}</preamble>")
    head.append("<body>")
    out = io.BytesIO()  # getvalue() hands its buffer over: the XML is held once, not twice
    out.write(_encode("".join(head)))
    for node in doc.body:
        writer.out = []
        writer.hier(node)
        out.write(_encode("".join(writer.out)))
    out.write(b"</body></act></akomaNtoso>")
    return out.getvalue()


def _meta(doc: Document, externals: dict[str, str], unplaced: list[_Unplaced],
          definitions: tuple[Definition, ...]) -> str:
    work = doc.frbr_uri.rstrip("/") or "/akn/xx/act/regulation"
    segments = work.strip("/").split("/")
    country = segments[1] if len(segments) > 1 else "xx"
    dates = [s for s in segments if _DATE.match(s)]
    date = (dates[0] + "-01-01")[:10] if dates else _NO_DATE
    when = f'<FRBRdate date="{date}" name="{"Generation" if dates else "unknown"}"/>'
    author = f'<FRBRauthor href="#{AUTHOR_EID}" as="#author"/>'
    expression = f"{work}/{doc.language}@"  # the AKN naming convention: /eng@ is the expression
    out = [
        f'<meta><identification source="#{AUTHOR_EID}">',
        f'<FRBRWork><FRBRthis value="{_attr(work)}"/><FRBRuri value="{_attr(work)}"/>',
        f'<FRBRalias value="{_attr(doc.title)}" name="title"/>' if doc.title else "",
        f'{when}{author}<FRBRcountry value="{_attr(country)}"/></FRBRWork>',
        f'<FRBRExpression><FRBRthis value="{_attr(expression)}/!main"/><FRBRuri value="{_attr(expression)}"/>',
        f'{when}{author}<FRBRlanguage language="{_attr(doc.language)}"/></FRBRExpression>',
        f'<FRBRManifestation><FRBRthis value="{_attr(expression)}/!main.xml"/>',
        f'<FRBRuri value="{_attr(expression)}.akn"/>{when}{author}</FRBRManifestation>',
        f'</identification><references source="#{AUTHOR_EID}">',
    ]
    for name, iri in externals.items():
        out.append(f'<TLCReference eId="{_attr(iri.rsplit("/", 1)[1])}" href="{_attr(iri)}" '
                   f'showAs="{_attr(name)}" name="{EXTERNAL_CLASS}"/>')
    for definition in definitions:  # the terms the text defines, each pointed at by its <def>
        out.append(f'<TLCTerm eId="{_attr(definition.term_id)}" href="{TERM_IRI}{_attr(definition.term_id[5:])}" '
                   f'showAs="{_attr(definition.term)}"/>')
    out.append(f'<TLCOrganization eId="{AUTHOR_EID}" href="/ontology/organization/lawcode" showAs="lawcode"/>'
               '<TLCRole eId="author" href="/ontology/role/author" showAs="Author"/></references>')
    if unplaced:
        # References that cannot be marked up in their provision's words, kept so nothing is lost.
        out.append(f'<proprietary source="#{AUTHOR_EID}">')
        for ref, where in unplaced:
            target = f' target="{_attr(ref.target)}"' if ref.target is not None else ""
            external = f' external="{_attr(ref.external)}"' if ref.external is not None else ""
            at = f' line="{where[0]}" offset="{where[1]}"' if where is not None else ""
            out.append(f'<lc:reference source="{_attr(ref.source)}" words="{_attr(ref.words)}"{target}{external}{at}/>')
        out.append("</proprietary>")
    out.append("</meta>")
    return "".join(out)


def _external_iris(references: tuple[Reference, ...]) -> dict[str, str]:
    """One ontology IRI per external law name, in order of first mention, slugs kept unique."""
    iris: dict[str, str] = {}
    taken = {AUTHOR_EID, "author"}  # eIds the metadata already uses
    for ref in references:
        name = ref.external
        if name is None or ref.target is not None or name in iris:
            continue
        base = _SLUG.sub("-", name.lower()).strip("-") or "law"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        iris[name] = EXTERNAL_IRI + slug
    return iris


# A line of words with the references placed in it (start offset, reference), sorted by offset.
_Span = tuple[int, int, "Reference | Definition"]  # start, end, and what is marked up there
_Line = tuple[str, list[_Span]]
# A reference kept in the metadata, with the line and offset of the phrase it belongs to when known.
_Unplaced = tuple[Reference, tuple[int, int] | None]


class _Writer:
    """Writes provisions into ``out``; holds the references by source eId and the external IRIs."""

    def __init__(self, externals: dict[str, str], plain_eids: bool) -> None:
        self.externals = externals
        self.plain_eids = plain_eids  # no eId needs escaping (as in every parsed text): checked once
        self.out: list[str] = []
        self.placed: dict[str, tuple[list[_Line], list[_Line]]] = {}  # eId -> its lines with references

    def hier(self, node: Node) -> None:
        """A hierarchical provision: num, heading, then content or intro/children/wrapUp."""
        kind = node.kind
        if kind == ITEM:
            raise ValueError(f"{node.eid}: an item outside a list cannot be written as Akoma Ntoso")
        out = self.out
        children = node.children
        if not children and self._simple(node):  # most provisions: one line of words, nothing below
            text = node.text
            out.append(f"{self._head(kind, node)}<content><p>{_text(text)}</p></content></{kind}>" if text
                       else f"{self._head(kind, node)}<content><p/></content></{kind}>")
            return
        out.append(self._head(kind, node))
        if not children or children[0].kind == ITEM:  # a leaf, or a provision with a list
            out.append("<content>")
            self._blocks(node)
            out.append(f"</content></{kind}>")
            return
        intro, wrap_up = self._placed(node)
        if intro:
            out.append("<intro>")
            self._paragraphs(intro)
            out.append("</intro>")
        for child in children:
            self.hier(child)  # an item among sub-provisions is refused there
        if wrap_up:
            out.append("<wrapUp>")
            self._paragraphs(wrap_up)
            out.append("</wrapUp>")
        out.append(f"</{kind}>")

    def _simple(self, node: Node) -> bool:
        """A leaf with no wrap-up, one line of words and no references in it (the caller checks
        that it has no children)."""
        return not node.wrap_up and "\n" not in node.text and node.eid not in self.placed

    def _blocks(self, node: Node) -> None:
        """Lead-in, the item list, wrap-up: the block content of a leaf provision or an item."""
        out = self.out
        items = node.children
        text, wrap_up = self._placed(node)
        if text:
            self._paragraphs(text)
        elif not items:
            out.append("<p/>")  # AKN wants at least one block
        if items:
            out.append(f'<blockList eId="{_attr(_list_eid(items[0]))}">')
            for item in items:
                if item.kind != ITEM:
                    raise ValueError(f"{node.eid}: items beside sub-provisions cannot be written as Akoma Ntoso")
                if not item.children and self._simple(item):
                    words = item.text
                    out.append(f"{self._head('item', item)}<p>{_text(words)}</p></item>" if words
                               else f"{self._head('item', item)}<p/></item>")
                else:
                    out.append(self._head("item", item))
                    self._blocks(item)
                    out.append("</item>")
            out.append("</blockList>")
        if wrap_up:
            self._paragraphs(wrap_up)

    def _head(self, tag: str, node: Node) -> str:
        """Start tag with eId (and source line), then num and heading."""
        eid = node.eid if self.plain_eids else _attr(node.eid)
        line = node.line
        start = f'<{tag} eId="{eid}" lc:line="{line}">' if line else f'<{tag} eId="{eid}">'
        num = node.num
        heading = node.heading
        if heading is None:
            return start if num is None else f"{start}<num>{_text(num)}</num>"
        if num is None:
            return f"{start}<heading>{_text(heading)}</heading>"
        return f"{start}<num>{_text(num)}</num><heading>{_text(heading)}</heading>"

    def place(self, node: Node | None, refs: list[Reference], definitions: list[Definition]) -> list[_Unplaced]:
        """Find where each of ``node``'s references stands in its words; return those that cannot
        be marked up inline, for the metadata: their words are missing or overlap another
        reference's, or they are a further target of the phrase placed just before them ("Articles
        15 to 20" cites six; its words are marked up once, with the first).

        References come in reading order (as the parser and the importer list them), so each is
        looked for after the one before it: placing a provision's references is linear in their
        number. One found out of order is looked for from the start of the words.
        """
        if node is None:
            return [(ref, None) for ref in refs]
        text, wrap_up = self._placed(node)
        lines = text + wrap_up  # the same (line, spans) pairs: placing fills text and wrap_up
        for definition in definitions:  # first: a defined term's words are marked up as such
            line, start = _line_offset(text if not definition.in_wrap_up else wrap_up, definition.offset)
            line += len(text) if definition.in_wrap_up else 0
            end = start + len(definition.term)
            if line < len(lines) and lines[line][0][start:end] == definition.term and _free(lines[line][1], start, end):
                insort(lines[line][1], (start, end, definition), key=_span_start)
        unplaced: list[_Unplaced] = []
        where = (0, 0)  # the line and offset after the last reference placed
        last: tuple[Reference, tuple[int, int]] | None = None  # the last reference placed, and where
        for ref in refs:
            if last is not None and ref.words == last[0].words and (ref.target, ref.external) != (
                    last[0].target, last[0].external):
                unplaced.append((ref, last[1]))
                continue
            found = (_find_free(lines, ref.words, *where) or _find_free(lines, ref.words, 0, 0)) if ref.words else None
            if found is None:
                unplaced.append((ref, None))
                continue
            line, start = found
            insort(lines[line][1], (start, start + len(ref.words), ref), key=_span_start)
            where = (line, start + len(ref.words))
            last = (ref, found)
        self.placed[node.eid] = (text, wrap_up)
        return unplaced

    def _placed(self, node: Node) -> tuple[list[_Line], list[_Line]]:
        """The node's text and wrap-up lines, each with the references placed in it."""
        placed = self.placed.get(node.eid)
        if placed is not None:
            return placed
        if not node.text and not node.wrap_up:  # most provisions with children: nothing to split
            return [], []
        return [(line, []) for line in _split(node.text)], [(line, []) for line in _split(node.wrap_up)]

    def _paragraphs(self, lines: list[_Line]) -> None:
        """One ``<p>`` per line, its references' words wrapped in ``<ref>``/``<inline>``."""
        out = self.out
        for line, refs in lines:
            if not refs:
                out.append(f"<p>{_text(line)}</p>")
                continue
            out.append("<p>")
            pos = 0
            for start, end, item in refs:
                out.append(_text(line[pos:start]))
                words = _text(line[start:end])
                out.append(self._ref(item, words) if isinstance(item, Reference)
                           else f'<def refersTo="#{_attr(item.term_id)}">{words}</def>')
                pos = end
            out.append(_text(line[pos:]) + "</p>")

    def _ref(self, ref: Reference, words: str) -> str:
        if ref.target is not None:
            return f'<ref href="#{_attr(ref.target)}">{words}</ref>'
        if ref.external is not None:
            return f'<ref href="{_attr(self.externals[ref.external])}">{words}</ref>'
        return f'<inline name="{UNRESOLVED}">{words}</inline>'


def _split(words: str) -> list[str]:
    return words.split("\n") if words else []


def _line_offset(lines: list[_Line], offset: int) -> tuple[int, int]:
    """The line (index) and offset in it of ``offset`` in the words the lines were split from."""
    for number, (line, _) in enumerate(lines):
        if offset <= len(line):
            return number, offset
        offset -= len(line) + 1
    return len(lines), 0


def _span_start(span: _Span) -> int:
    return span[0]


def _find_free(lines: list[_Line], words: str, line: int, offset: int) -> tuple[int, int] | None:
    """The first occurrence of ``words`` at or after ``offset`` of line ``line`` (then in the lines
    after it) that overlaps no reference placed in its line."""
    for number in range(line, len(lines)):
        text, spans = lines[number]
        start = text.find(words, offset if number == line else 0)
        while start >= 0:
            if _free(spans, start, start + len(words)):
                return number, start
            start = text.find(words, start + 1)
    return None


def _free(spans: list[_Span], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps none of ``spans`` (sorted by start, not overlapping)."""
    index = bisect_left(spans, start, key=_span_start)
    if index < len(spans) and spans[index][0] < end:
        return False
    return not (index > 0 and spans[index - 1][1] > start)


def _list_eid(first_item: Node) -> str:
    """``…__list_1`` from ``…__list_1__item_5``: the list's eId is part of its items' eIds."""
    head, sep, _ = first_item.eid.rpartition("__item_")
    if not sep:
        raise ValueError(f"{first_item.eid}: an item's eId should end in __item_<n>")
    return head


def _text(words: str) -> str:
    if "&" in words or "<" in words or ">" in words:  # rare: test first, it is cheaper than replacing
        return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return words


def _needs_escape(words: str) -> bool:
    """Whether :func:`_attr` would change ``words``."""
    return any(char in words for char in '&<>"\n\r\t')


def _attr(words: str) -> str:
    if words.isidentifier():  # eIds such as chp_I__art_13: nothing to escape, and cheaper to tell than
        return words         # asking _needs_escape (it is called once per list and per reference)
    return (_text(words).replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def _encode(xml: str) -> bytes:
    """UTF-8 bytes, with characters XML cannot carry replaced by U+FFFD (checked on the bytes: fast)."""
    try:
        data = xml.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return _NOT_XML.sub("\ufffd", xml).encode("utf-8")
    if any(map(data.__contains__, _CONTROL_CODES)) or (not data.isascii() and _has_nonchar(data)):
        return _NOT_XML.sub("\ufffd", xml).encode("utf-8")
    return data


def _has_nonchar(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds U+FFFE or U+FFFF (a one-byte search first: searching for the
    three-byte sequences directly is several times slower, and they are rare)."""
    return b"\xef" in data and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data)
