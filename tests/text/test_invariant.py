"""Words out equal words in: the parser never silently changes a text (see lawcode.text.invariant)."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import CAPE_TOWN, COPPA, GDPR, TAR, UK_EQUALITY, corpus_file
from lawcode.text.document import Diagnostic
from lawcode.text.invariant import words_mismatch
from lawcode.text.parse import parse_text

TEXT = """Harbour Rules

Article 1
Scope
1. Owners shall keep boats that are moored:
(a) in the harbour, unless required otherwise by Union or
Member State law, in which case the law applies;
(b) at anchor.
The harbour master may exempt rafts.
Article 2
Physio-
logical checks apply to crews.
"""


def test_a_parsed_text_keeps_its_words():
    doc = parse_text(TEXT)
    assert words_mismatch(TEXT, doc) is None


def test_a_sentence_wrapped_before_a_capital_stays_in_its_point():
    """A line that goes on with a point's sentence (the point stops on "or") belongs to the point,
    not after the list (the GDPR's Art. 28(3)(a) had part of its words moved after point (h))."""
    doc = parse_text(TEXT)
    point_a = doc.get("art_1__para_1__list_1__item_a")
    assert point_a.text.endswith("in which case the law applies;")
    assert doc.get("art_1__para_1").wrap_up == "The harbour master may exempt rafts."


def test_a_lost_moved_or_added_word_is_caught():
    doc = parse_text(TEXT)
    point_b = doc.get("art_1__para_1__list_1__item_b")
    changed = [
        dataclasses.replace(point_b, text="at sea."),
        dataclasses.replace(point_b, text="anchor at."),
        dataclasses.replace(point_b, text="at anchor ashore."),
    ]
    for node in changed:
        para = doc.get("art_1__para_1")
        para = dataclasses.replace(para, children=(para.children[0], node))
        art = dataclasses.replace(doc.body[0], children=(para,))
        mismatch = words_mismatch(TEXT, dataclasses.replace(doc, body=(art, *doc.body[1:])))
        assert mismatch is not None and "anchor" in mismatch.expected


def test_words_between_two_items_stay_between_them():
    """Nothing can stand between two items of a list: words read there go on the item before."""
    doc = parse_text("Article 1\n(1) Owners shall:\n(a) moor;\nand also:\n(b) pay.\n")
    assert doc.get("art_1__para_1__list_1__item_a").text == "moor;\nand also:"
    assert doc.get("art_1__para_1").wrap_up == ""
    assert words_mismatch("Article 1\n(1) Owners shall:\n(a) moor;\nand also:\n(b) pay.\n", doc) is None


def test_removed_lines_count_as_words_out():
    text = TEXT.replace("Article 2\n", "Skip to content\nArticle 2\n")
    doc = parse_text(text)
    assert any(d.text == "Skip to content" for d in doc.removed)
    assert words_mismatch(text, doc) is None
    unreported = dataclasses.replace(doc, removed=tuple(d for d in doc.removed if d.text != "Skip to content"))
    assert words_mismatch(text, unreported) is not None
    extra = dataclasses.replace(doc, removed=(*doc.removed, Diagnostic(3, "wrongly removed", "Article 1")))
    assert words_mismatch(text, extra) is not None  # its number is in the document: not removed


@pytest.mark.parametrize("name", [TAR, GDPR, UK_EQUALITY, COPPA, CAPE_TOWN])
def test_every_corpus_text_keeps_its_words(name):
    data = corpus_file(name).read_bytes()
    mismatch = words_mismatch(data.decode("utf-8"), parse_text(data, name))
    assert mismatch is None, str(mismatch)
