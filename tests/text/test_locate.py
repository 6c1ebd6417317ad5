"""Finding provisions by citation, in each style."""

from __future__ import annotations

import pytest

from lawcode.errors import QueryError
from lawcode.text.locate import locate, locate_eid
from lawcode.text.parse import parse_text

CHINESE = """Chapter I: General

Article 12: Keepers shall:

(1) feed the bees;

(2) count the hives;

(3) report losses;

(4) keep records;

(5) pay the fee.

Keepers may appoint a deputy.
"""

POINTS = """CHAPTER I
General
Article 6
Lawful keeping
1. Keeping is lawful where:
(a) the keeper is registered;
(b) the hives are marked.
2. Nothing else applies.
"""


@pytest.fixture(scope="module")
def chinese():
    return parse_text(CHINESE, "bees.txt")


@pytest.mark.parametrize("ref", ["12", "art_12", "Article 12", "article 12", " 12 "])
def test_article_citations(chinese, ref):
    assert locate_eid(chinese, ref) == "chp_I__art_12"


def test_paragraph_and_item_citations(chinese):
    assert locate_eid(chinese, "12(1)(5)") == "chp_I__art_12__para_nn_1__list_1__item_5"
    assert locate_eid(chinese, "12(2)") == "chp_I__art_12__para_nn_2"
    assert locate_eid(chinese, "Article 12(1)(3)") == "chp_I__art_12__para_nn_1__list_1__item_3"
    full = "chp_I__art_12__para_nn_1__list_1__item_5"
    assert locate(chinese, full).text == "pay the fee."
    assert locate_eid(chinese, "Chapter I") == "chp_I"


def test_points_style():
    doc = parse_text(POINTS)
    assert locate_eid(doc, "6(1)(a)") == "chp_I__art_6__para_1__list_1__item_a"
    assert locate_eid(doc, "Article 6(2)") == "chp_I__art_6__para_2"


def test_section_styles():
    doc = parse_text("#### \u00a7 6502. Duties\n\n(a) Keep records.\n\n(b) Report.\n")
    assert locate_eid(doc, "\u00a7 6502") == "sec_6502"
    assert locate_eid(doc, "6502(b)") == "sec_6502__subsec_b"
    uk = parse_text("13 Discipline (1) Keepers must be calm. (2) Bees may sting.\n")
    for ref in ("s. 13", "section 13", "Section 13", "13"):
        assert locate_eid(uk, ref) == "sec_13"
    assert locate_eid(uk, "s. 13(2)") == "sec_13__subsec_2"


def test_unknown_article_lists_closest(chinese):
    with pytest.raises(QueryError) as caught:
        locate(chinese, "Article 13")
    assert any("chp_I__art_12" in known for known in caught.value.known)
    assert "bees.txt" in caught.value.message


def test_unknown_item_lists_siblings(chinese):
    with pytest.raises(QueryError) as caught:
        locate(chinese, "12(1)(9)")
    assert caught.value.known[0] == "(1) (chp_I__art_12__para_nn_1__list_1__item_1)"
    assert len(caught.value.known) == 5


def test_garbage_citation(chinese):
    with pytest.raises(QueryError):
        locate(chinese, "the bees")


def test_every_node_knows_its_parent_however_the_index_was_built(tar_document):
    """The parser's index reads parents off the eIds; an index of any other tree keeps a map."""
    from lawcode.text.locate import Index

    parsed = tar_document.index  # the parser's own index
    rebuilt = Index(tar_document.body)
    assert list(parsed.eids) == list(rebuilt.eids) == [node.eid for node in tar_document.walk()]  # document order
    assert parsed.parent_of(tar_document.body[0]) is None and rebuilt.parent_of(tar_document.body[0]) is None
    for node in tar_document.walk():
        for child in node.children:
            assert parsed.parent_of(child) is node and rebuilt.parent_of(child) is node


def test_a_document_holds_its_own_index_and_equal_documents_do_not_share_one():
    """The index lives on the Document (no process-wide cache keyed by identity): a copy that
    compares equal builds its own, and the index goes when its document does."""
    import copy
    import gc
    import weakref

    doc = parse_text(b"Article 1\nThe keeper shall keep bees.\n\nArticle 2\nNo one may sell honey.\n", source="t.txt")
    twin = copy.copy(doc)
    assert twin == doc and twin.index is not doc.index
    assert doc.index is doc.index and locate(twin, "2").eid == locate(doc, "2").eid
    gone = weakref.ref(doc.index)
    del doc
    gc.collect()
    assert gone() is None
