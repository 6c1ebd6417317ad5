"""Dotted numbering (1, 1.1, 1.1.1 with tabs or spaces) and list markers: (a), a), i., (i), (aa), (aA)."""

from __future__ import annotations

from lawcode.text.parse import parse_text

DOTTED = """
Harbour Code

1	Scope
1.1	This Code applies to every harbour in the district.
1.2	It does not apply to private moorings, except where:
1.2.1 the mooring is let to the public; or
1.2.2 the harbour master so decides.
2. Fees
2.1 A boat owner pays a yearly fee.
2.2 The fee is due on 1 March and covers:
a) the mooring;
b) the use of the slipway;
c) the collection of waste.
"""


def test_dotted_numbering_with_tabs_and_spaces():
    doc = parse_text(DOTTED, "harbour.txt")
    assert doc.style["name"] == "dotted"
    assert [(s.eid, s.num, s.heading) for s in doc.articles()] == [("sec_1", "1", "Scope"), ("sec_2", "2.", "Fees")]
    first = doc.get("sec_1").children
    assert [(p.num, p.text) for p in first] == [
        ("1.1", "This Code applies to every harbour in the district."),
        ("1.2", "It does not apply to private moorings, except where:")]
    assert [i.num for i in first[1].children] == ["1.2.1", "1.2.2"]
    assert first[1].children[1].text == "the harbour master so decides."


def test_markers_without_an_opening_parenthesis():
    doc = parse_text(DOTTED, "harbour.txt")
    items = doc.get("sec_2").children[1].children
    assert [(i.num, i.text) for i in items] == [
        ("a)", "the mooring;"), ("b)", "the use of the slipway;"), ("c)", "the collection of waste.")]


MARKERS = """Article 1: A keeper shall:

(a) register each hive;

(aa) record where it stands;

(aA) mark it with the register number;

(b) inspect it, in particular:

(i) the brood;

(ii) the stores;

(c) report disease.

Article 2: The warden shall:

i. keep the register;

ii. publish it yearly.
"""


def test_inserted_letters_and_roman_markers_stay_in_order():
    doc = parse_text(MARKERS, "markers.txt")
    items = doc.get("art_1__para_nn_1").children
    assert [i.num for i in items] == ["(a)", "(aa)", "(aA)", "(b)", "(c)"]
    assert items[2].text == "mark it with the register number;"
    assert [i.num for i in items[3].children] == ["(i)", "(ii)"]
    warden = doc.get("art_2__para_nn_1").children
    assert [(i.num, i.text) for i in warden] == [("i.", "keep the register;"), ("ii.", "publish it yearly.")]


def test_a_lower_case_line_that_is_not_a_marker_stays_words():
    doc = parse_text("Article 1: A keeper shall register.\n\nno. 5 is kept as words.\n", "words.txt")
    assert [p.text for p in doc.get("art_1").children] == ["A keeper shall register.", "no. 5 is kept as words."]
