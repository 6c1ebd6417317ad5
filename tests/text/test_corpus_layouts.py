"""Layout details of the real corpus texts (read at run time; see tests/conftest.py)."""

from __future__ import annotations

from functools import cache

from conftest import CAPE_TOWN, COPPA, GDPR, TAR, UK_EQUALITY, corpus_file
from lawcode.text.document import Document
from lawcode.text.parse import parse_text


@cache
def _parse(name: str) -> Document:
    return parse_text(corpus_file(name).read_bytes(), name)


def test_each_corpus_text_is_detected_in_its_style():
    styles = {name: _parse(name).style["name"] for name in (TAR, GDPR, UK_EQUALITY, CAPE_TOWN, COPPA)}
    assert styles == {TAR: "cn-clt", GDPR: "eu-oj", UK_EQUALITY: "uk", CAPE_TOWN: "za", COPPA: "us-code"}


def test_cape_town_inserted_item_aA_keeps_its_place():
    doc = _parse(CAPE_TOWN)
    tents = next(n for n in doc.walk() if n.kind == "section" and n.num == "16.")
    items = tents.children[1].children
    assert [i.num for i in items[:3]] == ["(a)", "(aA)", "(b)"]
    assert not tents.children[1].wrap_up


def test_gdpr_words_broken_at_line_ends_are_whole_again():
    doc = _parse(GDPR)
    words = " ".join(node.text for node in doc.walk())
    assert "physiological" in words and "administration" in words
    for broken in ("physio logical", "adminis tration", "identifi cation", "jurisdic tional"):
        assert broken not in words


def test_cape_town_lead_ins_ending_in_colon_dash_are_not_titles():
    doc = _parse(CAPE_TOWN)
    assert not [n.eid for n in doc.walk() if n.heading and n.heading.endswith(":-")]
