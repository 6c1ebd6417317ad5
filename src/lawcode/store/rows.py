"""The full-text rows the store keeps of a text and its model: one per article, not one per provision.

An article (or a section that holds text, or any provision outside one) is one row: its number
and heading, then the words of the article and of everything in it, in reading order. A chapter,
part or section that holds articles is a row of its own words (its number and heading). Each
norm of a stored model is a row of its action, actors and kind.

A hit is still cited to the narrowest provision that holds it (Art. 5(1)(a), not Art. 5): each
article row carries the map of its provisions (eId, kind, where its words stand in the row's
body, the provision it is in), from which a search finds, for its best rows only, which
provision the query matches (:mod:`lawcode.store.narrow`), and cites it (:class:`Part`). The map
holds no citations: they are worked out from the eIds and the map for the few parts a search
shows, not for each of the hundreds of provisions of every text stored (a tenth of an ingest's
CPU). Maps stored before schema 9 hold each part's citation, which is read from there.

Why one row per article and not per provision: a ninth of the rows, so that FTS5 writes about
half as much per document and a search for a common word ranks a ninth of the candidates
(docs/decisions/0013).

Each row also names the kinds it holds (``kinds``: an article row, its own and its provisions'; a
container or norm row, its kind; each as its :func:`kind_marker`), in a column of the full-text
index of its own, so that a search narrowed by kind (``--kind paragraph``) is answered by the
index, not by reading every matching row to look at its parts (docs/decisions/0015).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from lawcode.engine.quote import citation, cited_in
from lawcode.text.locate import is_container

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.text.document import Document, Node

# One full-text row: what ("provision" or "norm"), ref (eId or norm id), kind, actors, cites,
# citation (as a lawyer writes it), ord (reading order), heading, body, parts (see Part), kinds
# (the markers of the kinds of provision or norm the row holds, in order, separated by spaces).
SearchRow = tuple[str, str, str, str, str, str, int, str, str, str, str]

_RELATIVE = "__"  # a part's eId continues its article's: only the rest is kept
_WHOLE = "="  # ... else the whole eId follows this mark


class Part(NamedTuple):
    """One provision inside an article row: the article itself (the first part), or any
    provision in it. Its words with all of its own provisions' are ``body[start:end]``; the
    article's words are its heading and the whole body. (A tuple: a search reads hundreds.)"""

    eid: str
    kind: str
    citation: str
    start: int
    end: int

    def contains(self, other: Part) -> bool:
        """``other`` is this provision or one inside it (parts nest: their spans do)."""
        return self.start <= other.start and other.end <= self.end


def provision_rows(document: Document) -> Iterator[SearchRow]:
    """A row per article (with its map of parts) and per container, in reading order."""
    order = 0
    pending = list(reversed(document.body))
    while pending:
        node = pending.pop()
        if is_container(node):  # its articles are rows of their own
            yield ("provision", node.eid, node.kind, "", "", citation(node.eid, document), order,
                   _joined(node.num, node.heading), _joined(node.text, node.wrap_up), "", kind_marker(node.kind))
            pending.extend(reversed(node.children))
        else:
            body, parts, kinds = _article_body(node)
            yield ("provision", node.eid, node.kind, "", "", citation(node.eid, document), order,
                   _joined(node.num, node.heading), body, parts, kinds)
        order += 1


def norm_rows(loaded: LoadedModel, document: Document) -> Iterator[SearchRow]:
    for order, norm in enumerate(loaded.model.norms):
        actors = " ".join(a for a in (norm.bearer, norm.counterparty, norm.beneficiary) if a)
        body = " ".join([norm.action, *norm.terms])
        yield ("norm", norm.id, norm.kind.value, f" {actors} " if actors else "", " ".join(norm.cites),
               "; ".join(citation(eid, document) for eid in norm.cites), order, norm.id, body, "",
               kind_marker(norm.kind.value))


def kind_marker(kind: str) -> str:
    """The word that stands for ``kind`` among a row's kinds: "kind" and the kind's letters
    ("kindparagraph", "kindentryintoforce"). One word to the full-text index, and one no text
    holds, so that a word searched for never matches a row by its kinds (a prefix might: see
    :func:`lawcode.store.query.to_fts5`)."""
    return "kind" + kind.replace("_", "")


def parts_of(article_eid: str, encoded: str) -> list[Part]:
    """The parts of an article row, the article first (see :func:`_article_body`)."""
    spans = spans_of(encoded)
    return parts_at(article_eid, spans, range(len(spans)))


def spans_of(encoded: str) -> list[list[Any]]:
    """The parts of an article row as stored, ``[start, end, kind, eid, parent]`` each (the eId as
    :func:`_article_body` writes it, the parent as its place in the map, -1 for the article; a map
    stored before schema 9 has each part's citation before its parent), for a search that reads
    hundreds of parts to cite a few (:func:`parts_at`)."""
    return cast(list[list[Any]], json.loads(encoded))


def parts_at(article_eid: str, spans: list[list[Any]], places: Iterable[int]) -> list[Part]:
    """The parts at ``places`` of an article row's map (:func:`spans_of`), each with its citation."""
    outline = _ArticleOutline(article_eid, spans)
    parts = []
    for place in places:
        span = spans[place]
        eid = _eid(article_eid, span[3])
        cited = span[4] if len(span) == 6 else cited_in(eid, outline)  # six: stored before schema 9
        parts.append(Part(eid, span[2], cited, span[0], span[1]))
    return parts


class _ArticleOutline:
    """What a citation needs to know of an article (:class:`lawcode.engine.quote.Outline`), read
    from the row's map of parts: how many provisions each holds. No provision in an article holds
    articles (a provision that holds one is a container, whose articles are rows of their own)."""

    def __init__(self, article_eid: str, spans: list[list[Any]]) -> None:
        self.article_eid = article_eid
        self.spans = spans
        self.single: dict[str, bool] = {}  # asked for each part cited: mostly of the article itself

    def single_paragraph(self, eid: str) -> bool:
        if eid not in self.single:
            place = 0 if eid == self.article_eid else next(
                (at for at, span in enumerate(self.spans) if _eid(self.article_eid, span[3]) == eid), None)
            self.single[eid] = place is not None and sum(1 for span in self.spans if span[-1] == place) == 1
        return self.single[eid]

    def holds_articles(self, eid: str) -> bool:
        return False


def _eid(article_eid: str, written: str) -> str:
    if written.startswith(_WHOLE):
        return written[len(_WHOLE):]
    return f"{article_eid}{_RELATIVE}{written}" if written else article_eid


# One part of an article row's map: start, end, kind, eId as written, the place of its parent.
_Span = tuple[int, int, str, str, int]


def _article_body(article: Node) -> tuple[str, str, str]:
    """The words of ``article`` and of every provision in it, in reading order (its own number
    and heading are the row's heading), the map of its parts: a JSON list, one entry per
    provision, the article first, ``[start, end, kind, eId, parent]`` (the parent: the place of
    the provision it is in, -1 for the article), each eId written after the article's (so that
    the map is a third of the body's size, not half again), and the kinds of its parts.
    """
    pieces: list[str] = []
    spans: list[_Span | None] = []
    _add_words(article, -1, article.eid + _RELATIVE, pieces, spans, 0)
    filled = cast(list[_Span], spans)
    kinds = " ".join(sorted({kind_marker(span[2]) for span in filled}))
    return " ".join(pieces), _map_json(filled), kinds


def _add_words(node: Node, parent: int, prefix: str, pieces: list[str], spans: list[_Span | None],
               length: int) -> int:
    """Add the words of ``node`` and of every provision in it to ``pieces``, their parts to
    ``spans``; the body's length then (each piece counted with the space after it).

    Run for every provision of every text stored, so without a helper call per piece, and a
    function of the module, not one made for each article: a nested function that calls itself
    refers to itself, and would keep the article alive until the next garbage collection."""
    at = len(spans)
    spans.append(None)  # its place in reading order, filled once its end is known
    start = length
    if parent >= 0:  # the article's own number and heading are the row's heading
        label = _joined(node.num, node.heading)
        if label:
            pieces.append(label)
            length += len(label) + 1
    if node.text:
        pieces.append(node.text)
        length += len(node.text) + 1
    for child in node.children:
        length = _add_words(child, at, prefix, pieces, spans, length)
    if node.wrap_up:
        pieces.append(node.wrap_up)
        length += len(node.wrap_up) + 1
    eid = node.eid
    if parent < 0:
        eid = ""
    elif eid.startswith(prefix):
        eid = eid[len(prefix):]
    else:
        eid = _WHOLE + eid
    spans[at] = (start, max(start, length - 1), node.kind, eid, parent)
    return length


def _map_json(spans: list[_Span]) -> str:
    """The map of an article's parts as compact JSON, each part's fields written out in place:
    ``json.dumps`` took a third of making a text's rows (hundreds of parts a text). An eId or kind
    that JSON would have to escape (none that the parser makes: their characters are letters,
    digits and underscores) is left to ``json.dumps``, so the map is the same either way."""
    encoded = "[" + ",".join([f'[{start},{end},"{kind}","{eid}",{parent}]'
                              for start, end, kind, eid, parent in spans]) + "]"
    if encoded.count('"') == 4 * len(spans) and "\\" not in encoded and encoded.isprintable():
        return encoded
    return json.dumps(spans, separators=(",", ":"), ensure_ascii=False)


def _joined(first: str | None, second: str | None) -> str:
    """The two parts that are not empty, joined by a space (one or two parts of every node: made
    without a generator, as a row is made for every node of every text stored)."""
    if first and second:
        return f"{first} {second}"
    return first or second or ""
