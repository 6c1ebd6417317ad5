"""Human citations from eIds, and quotations taken from the parsed text."""

import gc
import weakref

import pytest

from conftest import CAPE_TOWN, COPPA, GDPR, TAR, UK_EQUALITY, corpus_file
from lawcode.engine.quote import citation, citations, quotes
from lawcode.text.document import Document, Node
from lawcode.text.parse import parse_text


def _document() -> Document:
    item = Node("chp_I__art_3__para_nn_1__list_1__item_2", "item", "(2)", None, "Second thing.")
    para1 = Node("chp_I__art_3__para_nn_1", "paragraph", None, None, "Lead-in:", (item,))
    para2 = Node("chp_I__art_3__para_nn_2", "paragraph", None, None, "Another paragraph.")
    art3 = Node("chp_I__art_3", "article", "3", None, "", (para1, para2))
    only = Node("chp_I__art_4__para_nn_1", "paragraph", None, None, "The only words.")
    only_item = Node("chp_I__art_5__para_nn_1__list_1__item_1", "item", "(1)", None, "An item.")
    art4 = Node("chp_I__art_4", "article", "4", None, "", (only,))
    art5 = Node("chp_I__art_5", "article", "5", None, "",
                (Node("chp_I__art_5__para_nn_1", "paragraph", None, None, "Lead:", (only_item,)),))
    chapter = Node("chp_I", "chapter", "I", None, "", (art3, art4, art5))
    return Document(source="synthetic", title="Invented", body=(chapter,))


def test_citations_as_a_lawyer_writes_them():
    assert citation("chp_II__art_13__para_nn_1__list_1__item_5") == "Art. 13(1)(5)"
    assert citation("chp_I__art_2__para_nn_2") == "Art. 2(2)"
    assert citation("chp_II") == "Chapter II"
    assert citation("sec_13__subsec_1") == "s. 13(1)"


def test_containers_cite_with_the_containers_they_are_in_and_a_section_of_articles_is_one():
    article = Node("chp_IV__sec_2__art_32", "article", "32", None, "Words.")
    section = Node("chp_IV__sec_2", "section", "2", "Security", "", (article,))
    chapter = Node("chp_IV", "chapter", "IV", None, "", (section,))
    text_section = Node("sec_13", "section", "13", None, "A section that holds words.")
    doc = Document(source="synthetic", title=None, body=(chapter, text_section))
    assert [c for _, c in citations(doc)] == ["Chapter IV", "Chapter IV, Section 2", "Art. 32", "s. 13"]
    assert citation("part_2__chp_1") == "Part 2, Chapter 1"  # chapters are numbered afresh in each part
    assert citation("chp_IV__sec_2") == "s. 2"  # without the text, a section is taken to hold words


def test_single_paragraph_article_cites_as_the_article_but_keeps_it_for_items():
    doc = _document()
    assert citation("chp_I__art_4__para_nn_1", doc) == "Art. 4"
    assert citation("chp_I__art_4__para_nn_1") == "Art. 4(1)"  # without the text we cannot know
    assert citation("chp_I__art_5__para_nn_1__list_1__item_1", doc) == "Art. 5(1)(1)"
    assert citation("chp_I__art_3__para_nn_2", doc) == "Art. 3(2)"


def test_quotes_take_the_full_text_of_each_cited_node():
    doc = _document()
    found = quotes(["chp_I__art_3__para_nn_1", "chp_I__art_9__para_nn_1"], doc)
    assert found[0].citation == "Art. 3(1)"
    assert "Lead-in:" in found[0].text and "Second thing." in found[0].text
    assert found[1].text is None  # not in the text: cited, never invented
    assert "text" not in found[1].to_dict()


def test_citations_of_every_node_are_each_nodes_citation():
    doc = _document()
    assert citations(doc) == [(node, citation(node.eid, doc)) for node in doc.walk()]


def test_citations_read_an_eid_not_made_from_its_parents_from_the_top():
    # A hand-written Akoma Ntoso file may name a child without its parent's eId as a prefix.
    odd = Node("art_7__para_2", "paragraph", "2", None, "Words.")
    lone = Node("art_7", "article", "7", None, "", (odd,))
    outer = Node("sec_2", "section", "2", None, "", (lone,))
    doc = Document(source="synthetic", title=None, body=(outer,))
    assert [c for _, c in citations(doc)] == ["Section 2", "Art. 7", "Art. 7"]  # a section of articles
    assert citations(doc) == [(node, citation(node.eid, doc)) for node in doc.walk()]


@pytest.mark.parametrize("name", [TAR, GDPR, UK_EQUALITY, CAPE_TOWN, COPPA])
def test_citations_of_a_corpus_text_are_each_nodes_citation(name):
    doc = parse_text(corpus_file(name).read_bytes(), source=name)
    assert citations(doc) == [(node, citation(node.eid, doc)) for node in doc.walk()]


def test_citations_leave_nothing_that_keeps_the_document_alive():
    # Reference counting alone must free a Document once cited (the corpus store cites thousands).
    was = gc.isenabled()
    gc.disable()
    try:
        doc = _document()
        alive = weakref.ref(doc)
        citations(doc)
        del doc
        assert alive() is None
    finally:
        if was:
            gc.enable()
