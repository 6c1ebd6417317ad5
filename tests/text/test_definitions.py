"""Definitions: found in every style, listed in the JSON, marked up in Akoma Ntoso."""

from __future__ import annotations

from lxml import etree

from conftest import CAPE_TOWN, corpus_file
from lawcode.akn.export import to_akn
from lawcode.akn.importer import from_akn
from lawcode.akn.names import AKN_NS
from lawcode.akn.validate import validate_akn
from lawcode.text.parse import parse_text

TEXT = """Harbour By-law
1 Definitions
In this By-law, words in the singular include the plural, and—
"boat" means a vessel that floats; "raft" means a flat boat;
'harbour master' means the officer in charge of a harbour;
"mooring", in relation to a boat, includes an anchor;
2 Fees
(1) In this section, berth means a place where a boat is moored.
(2) The term "dock fee" means the fee for a berth.
(3) Owners of a boat shall pay.
(4) The term "pilot"—
(a) means a person who steers boats; and
(b) includes a tug master.
"""


def test_quoted_and_in_this_definitions_are_found_with_their_place():
    doc = parse_text(TEXT)
    found = [(d.source, d.term, d.term_id) for d in doc.definitions]
    assert found == [
        ("sec_1__para_nn_2", "boat", "term-boat"),
        ("sec_1__para_nn_2", "raft", "term-raft"),
        ("sec_1__para_nn_3", "harbour master", "term-harbour_master"),
        ("sec_1__para_nn_4", "mooring", "term-mooring"),
        ("sec_2__subsec_1", "berth", "term-berth"),
        ("sec_2__subsec_2", "dock fee", "term-dock_fee"),
        ("sec_2__subsec_4", "pilot", "term-pilot"),
    ]
    for definition in doc.definitions:  # the offset is where the term's words stand
        node = doc.get(definition.source)
        assert node.text[definition.offset:definition.offset + len(definition.term)] == definition.term


def test_a_rule_of_interpretation_and_a_plain_use_are_no_definitions():
    doc = parse_text(TEXT)
    assert not any("singular" in d.term or d.source == "sec_2__subsec_3" for d in doc.definitions)


def test_a_term_defined_twice_gets_two_ids():
    doc = parse_text('1 Terms\n"boat" means a vessel.\n2 More terms\n"boat" means a raft too.\n')
    assert [d.term_id for d in doc.definitions] == ["term-boat", "term-boat_2"]


def test_definitions_are_listed_in_the_json():
    listed = parse_text(TEXT).to_dict()["definitions"]
    assert listed[0] == {"source": "sec_1__para_nn_2", "term": "boat", "id": "term-boat", "offset": 1,
                         "inWrapUp": False}


def test_definitions_are_marked_up_as_def_with_a_tlc_term():
    doc = parse_text(TEXT)
    xml = to_akn(doc)
    assert validate_akn(xml, "defs.xml") == []
    root = etree.fromstring(xml)
    ns = {"a": AKN_NS}
    defs = {d.text: d.get("refersTo") for d in root.iterfind(".//a:def", ns)}
    assert defs["boat"] == "#term-boat" and defs["berth"] == "#term-berth" and len(defs) == 7
    terms = {t.get("eId"): t.get("showAs") for t in root.iterfind(".//a:TLCTerm", ns)}
    assert terms["term-harbour_master"] == "harbour master" and len(terms) == 7
    assert from_akn(xml, "defs.xml").definitions == doc.definitions  # the words are kept whole


def test_the_cape_town_by_law_defines_its_terms():
    """Section 1 of the by-law: 62 paragraphs that open with a defined term, two more terms defined
    later in a paragraph, and five kinds of vehicle in the list of the last definition."""
    doc = parse_text(corpus_file(CAPE_TOWN).read_bytes(), CAPE_TOWN)
    assert len(doc.definitions) == 69
    assert sum(d.offset > 1 for d in doc.definitions) == 2
    assert sum("__list_1__" in d.source for d in doc.definitions) == 5
    assert len({d.term_id for d in doc.definitions}) == 69
