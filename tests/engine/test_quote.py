"""Human citations from eIds, and quotations taken from the parsed text."""

from lawcode.engine.quote import citation, quotes
from lawcode.text.document import Document, Node


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
    assert [citation(node.eid, doc) for node in doc.walk()] == ["Chapter IV", "Chapter IV, Section 2", "Art. 32",
                                                                 "s. 13"]
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
