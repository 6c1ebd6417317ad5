"""The store's full-text rows: one per article, with the map of the provisions inside it."""

from __future__ import annotations

import gc
import json
import weakref

import pytest

from conftest import CAPE_TOWN, COPPA, GDPR, TAR, UK_EQUALITY, corpus_file
from lawcode.engine.quote import citation
from lawcode.store.rows import parts_of, provision_rows
from lawcode.text.document import Document, Node
from lawcode.text.parse import parse_text

from .conftest import HARBOUR


def _words(node: Node, own_label: bool = True) -> str:
    """A provision's words with its provisions', as a row's body holds them."""
    pieces = [" ".join(filter(None, (node.num, node.heading)))] if own_label else []
    pieces += [node.text, *(_words(child) for child in node.children), node.wrap_up]
    return " ".join(piece for piece in pieces if piece)


def test_a_row_per_article_and_per_chapter_in_reading_order():
    document = parse_text(HARBOUR)
    rows = list(provision_rows(document))
    assert [(row[1], row[2], row[5]) for row in rows] == [
        ("chp_I", "chapter", "Chapter I"), ("chp_I__art_1", "article", "Art. 1"),
        ("chp_I__art_2", "article", "Art. 2"), ("chp_II", "chapter", "Chapter II"),
        ("chp_II__art_3", "article", "Art. 3")]
    assert [row[6] for row in rows] == list(range(5))
    what, _ref, kind, _actors, _cites, citation, _ord, heading, body, _parts, kinds = rows[2]
    assert (what, kind, citation, heading) == ("provision", "article", "Art. 2", "2 Duties of owners")
    assert kinds == "kindarticle kinditem kindparagraph" and rows[0][10] == "kindchapter"  # what --kind looks for
    assert body == _words(next(n for n in document.walk() if n.eid == "chp_I__art_2"), own_label=False)
    assert "unless the harbour master waives it" in body
    assert rows[0][9] == "" and rows[3][9] == ""  # a chapter's row has no parts


def test_the_parts_of_an_article_are_its_provisions_each_with_its_own_words():
    document = parse_text(HARBOUR)
    row = next(row for row in provision_rows(document) if row[1] == "chp_I__art_2")
    body, parts = row[8], parts_of(row[1], row[9])
    article = next(n for n in document.walk() if n.eid == "chp_I__art_2")
    assert [p.eid for p in parts] == [n.eid for n in article.walk()]
    assert [p.citation for p in parts] == ["Art. 2", "Art. 2(1)", "Art. 2(1)(a)", "Art. 2(1)(b)", "Art. 2(2)"]
    assert (parts[0].start, parts[0].end) == (0, len(body))
    for part, node in zip(parts[1:], list(article.walk())[1:], strict=True):
        assert body[part.start:part.end] == _words(node), part.eid
    # a paragraph's words hold its items' and its closing words; its items lie within it
    assert parts[1].contains(parts[2]) and parts[1].contains(parts[3]) and not parts[1].contains(parts[4])
    assert body[parts[1].start:parts[1].end].endswith("unless the harbour master waives it.")


@pytest.mark.parametrize("name", [TAR, GDPR, UK_EQUALITY, CAPE_TOWN, COPPA])
def test_every_provision_of_a_real_text_is_in_exactly_one_row(name):
    document = parse_text(corpus_file(name).read_bytes())
    seen: list[str] = []
    for row in provision_rows(document):
        assert row[5] == citation(row[1], document)
        if not row[9]:
            seen.append(row[1])
            continue
        parts = parts_of(row[1], row[9])
        assert row[9] == json.dumps(json.loads(row[9]), separators=(",", ":"), ensure_ascii=False)  # plain JSON
        seen += [p.eid for p in parts]
        # cited from the row alone as from the whole text: "Art. 32" for the only paragraph of Art. 32
        assert [p.citation for p in parts] == [citation(p.eid, document) for p in parts]
        nodes = {n.eid: n for n in next(n for n in document.walk() if n.eid == row[1]).walk()}
        for part in parts[1:]:
            assert row[8][part.start:part.end] == _words(nodes[part.eid]), part.eid
    assert seen == [node.eid for node in document.walk()]
    assert len(list(provision_rows(document))) < len(seen) / 3  # the point: far fewer rows than provisions


def test_a_part_whose_eid_is_not_made_from_its_articles_cites_as_the_text_does():
    # A hand-written Akoma Ntoso file may name a provision without its article's eId as a prefix.
    odd = Node("art_7__para_2", "paragraph", "2", None, "Words.")
    article = Node("art_7", "article", "7", None, "", (odd,))
    document = Document(source="synthetic", title=None, body=(Node("sec_2", "section", "2", None, "", (article,)),))
    rows = list(provision_rows(document))
    assert [row[5] for row in rows] == ["Section 2", "Art. 7"]  # a section of articles, then its article
    assert [(p.eid, p.citation) for p in parts_of(rows[1][1], rows[1][9])] == [("art_7", "Art. 7"),
                                                                               ("art_7__para_2", "Art. 7")]


@pytest.mark.parametrize("eid", ['art_7__say_"no"', "art_7__back\\slash", "art_7__tab\there", "art_7__\u00e9t\u00e9",
                                 "art_7__line\u2028break"])
def test_a_map_of_parts_holds_any_eid_as_json_does(eid):
    # The parser's eIds need no escape in JSON; a hand-made Document's may, and must come back whole.
    article = Node("art_7", "article", "7", None, "Lead.", (Node(eid, "paragraph", "1", None, "Words."),))
    document = Document(source="synthetic", title=None, body=(article,))
    [row] = provision_rows(document)
    assert row[9] == json.dumps(json.loads(row[9]), separators=(",", ":"), ensure_ascii=False)
    assert [p.eid for p in parts_of(row[1], row[9])] == ["art_7", eid]


def test_a_map_of_parts_stored_before_schema_9_keeps_its_citations():
    # Then each part was [start, end, kind, eId, citation, parent]; the citation is read, not made.
    stored = json.dumps([[0, 12, "article", "", "Art. 4", -1], [0, 12, "paragraph", "para_1", "Art. 4(1) as stored", 0]])
    assert [(p.eid, p.citation, p.start, p.end) for p in parts_of("art_4", stored)] == [
        ("art_4", "Art. 4", 0, 12), ("art_4__para_1", "Art. 4(1) as stored", 0, 12)]


def test_making_the_rows_leaves_nothing_that_keeps_the_document_alive():
    # Reference counting alone must free a Document and its provisions once its rows are made (an
    # ingest makes thousands): nothing is left in a reference cycle for the garbage collector.
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        document = parse_text(HARBOUR)
        alive = weakref.ref(document)
        list(provision_rows(document))
        del document
        assert alive() is None
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
