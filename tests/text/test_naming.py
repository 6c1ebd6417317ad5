"""Akoma Ntoso names: "(1)" is a subsection in a section, a paragraph in an article; repeated
numbers get _2, _3 ... in document order, in linear time."""

from __future__ import annotations

import time

from lawcode.text.document import PARAGRAPH, SUBSECTION
from lawcode.text.parse import parse_text


def test_numbered_parts_of_a_section_are_subsections():
    for text in ("1 Scope (1) Boats float. (2) Canoes too.\n",  # UK
                 "1. Scope\n(1) Boats float.\n(2) Canoes too.\n",  # South Africa
                 "\u00a7 1. Scope\n(1) Boats float.\n(2) Canoes too.\n"):  # US Code
        doc = parse_text(text)
        parts = doc.get("sec_1").children
        assert [(p.eid, p.kind) for p in parts] == [("sec_1__subsec_1", SUBSECTION), ("sec_1__subsec_2", SUBSECTION)]


def test_numbered_parts_of_an_article_are_paragraphs():
    for text in ("Article 1\nScope\n1. Boats float.\n2. Canoes too.\n",  # EU
                 "Article 1:\n(1) Boats float.\n(2) Canoes too.\n"):  # PRC
        doc = parse_text(text)
        numbered = [p for p in doc.get("art_1").children if p.num]
        assert [p.kind for p in numbered] == [PARAGRAPH, PARAGRAPH]
        assert numbered[0].eid.startswith("art_1__para_")


def test_repeated_numbers_are_suffixed_in_document_order():
    doc = parse_text("1 Scope (1) One. (2) Two. (1) One again. (1) And again. (2) Two again.\n")
    assert [p.eid for p in doc.get("sec_1").children] == [
        "sec_1__subsec_1", "sec_1__subsec_2", "sec_1__subsec_1_2", "sec_1__subsec_1_3", "sec_1__subsec_2_2"]
    assert sum("used twice" in w.message for w in doc.warnings) == 3


def test_a_suffix_already_taken_by_a_label_is_skipped():
    doc = parse_text("Article 1: Lead.\n(1) One.\n(1) One again.\n")
    assert [c.eid for c in doc.get("art_1__para_nn_1").children] == [
        "art_1__para_nn_1__list_1__item_1", "art_1__para_nn_1__list_1__item_1_2"]


def test_thirty_thousand_repeated_numbers_do_not_hang():
    text = "Article 1: Lead.\n" + "(1) x;\n" * 30_000  # took a minute when each repeat searched from _2
    started = time.perf_counter()
    doc = parse_text(text)
    assert time.perf_counter() - started < 20  # about 0.3 s; generous for a shared machine
    items = doc.get("art_1__para_nn_1").children
    assert len(items) == 30_000 and items[-1].eid.endswith("item_1_30000")
