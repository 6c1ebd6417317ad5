"""Cross-references found in synthetic texts (and, for the quick search, in the corpus)."""

from __future__ import annotations

import pytest

from conftest import CAPE_TOWN, COPPA, GDPR, TAR, UK_EQUALITY, corpus_file
from lawcode.text.parse import parse_text

TEXT = """Article 1: Owners shall obey article 2 of these Regulations and the "Harbour Safety Law".

Article 2: Boats shall be moored.

Boats moored under the preceding paragraph shall show a light.

Article 3: The duties in the first paragraph of this article bind owners; paragraph 2 of this article binds crews.

Crews shall also follow Articles 1 to 2 and Article 9 of that Convention.

Article 4: This applies as provided in Article 2(2), Regulation (EU) No 12/2020 and Directive 2001/5/EC.
"""


def _refs(doc):
    return {(r.source, r.words): r for r in doc.references}


def test_internal_references_resolve():
    doc = parse_text(TEXT)
    refs = _refs(doc)
    assert refs[("art_1__para_nn_1", "article 2 of these Regulations")].target == "art_2"
    assert refs[("art_2__para_nn_2", "the preceding paragraph")].target == "art_2__para_nn_1"
    assert refs[("art_3__para_nn_1", "the first paragraph of this article")].target == "art_3__para_nn_1"
    assert refs[("art_3__para_nn_1", "paragraph 2 of this article")].target == "art_3__para_nn_2"
    assert refs[("art_4__para_nn_1", "Article 2(2)")].target == "art_2__para_nn_2"
    ranged = [r.target for r in doc.references if r.words == "Articles 1 to 2"]
    assert ranged == ["art_1", "art_2"]


def test_external_references_keep_the_name():
    refs = _refs(parse_text(TEXT))
    assert refs[("art_1__para_nn_1", '"Harbour Safety Law"')].external == "Harbour Safety Law"
    assert refs[("art_3__para_nn_2", "Article 9 of that Convention")].external == "that Convention"
    assert refs[("art_4__para_nn_1", "Regulation (EU) No 12/2020")].external == "Regulation (EU) No 12/2020"
    assert refs[("art_4__para_nn_1", "Directive 2001/5/EC")].external == "Directive 2001/5/EC"


def test_section_style_references():
    text = ("1 Scope (1) This Act covers boats. (2) Subsection (1) does not cover canoes.\n"
            "2 Fees (1) Owners named in section 1(2) pay a fee under the Boat Fees Act 1990. "
            "(2) See section 5 of the Canal Act 1901.\n")
    doc = parse_text(text)
    refs = _refs(doc)
    assert refs[("sec_1__subsec_2", "Subsection (1)")].target == "sec_1__subsec_1"
    assert refs[("sec_2__subsec_1", "section 1(2)")].target == "sec_1__subsec_2"
    assert refs[("sec_2__subsec_1", "the Boat Fees Act 1990")].external == "Boat Fees Act 1990"
    assert refs[("sec_2__subsec_2", "section 5 of the Canal Act 1901")].external == "Canal Act 1901"
    assert not any("Canal" in w.text for w in doc.warnings)


def test_no_references_in_plain_words():
    doc = parse_text("Article 1: Boats float.\n")
    assert doc.references == ()


def test_paragraph_of_another_article():
    text = """Article 1
Scope
1. Boats are covered.
2. Canoes are covered where:
(a) they carry a sail; or
(b) they carry a motor.
Article 2
Fees
1. Owners of boats referred to in point (b) of paragraph 2 of Article 1 pay double.
2. Paragraph 1 of Article 1 applies to rafts.
"""
    refs = _refs(parse_text(text))
    assert refs[("art_2__para_1", "point (b) of paragraph 2 of Article 1")].target == "art_1__para_2__list_1__item_b"
    assert refs[("art_2__para_2", "Paragraph 1 of Article 1")].target == "art_1__para_1"


def test_point_of_an_article():
    text = """Article 1
Scope
1. Boats are covered where:
(a) they carry a sail; or
(b) they carry a motor.
Article 2
Fees
Owners of boats under point (b) of Article 1(1) pay double.
"""
    refs = _refs(parse_text(text))
    assert refs[("art_2__para_nn_1", "point (b) of Article 1(1)")].target == "art_1__para_1__list_1__item_b"


def test_citation_written_with_odd_spaces_is_found():
    """The source's no-break or tab spaces inside a citation do not hide it: the words are searched
    after spaces are normalised."""
    text = "Article 1: Owners shall follow Regulation\u00a0(EU) No 12/2020.\n\nArticle 2: Boats shall be moored.\n"
    refs = _refs(parse_text(text))
    assert refs[("art_1__para_nn_1", "Regulation (EU) No 12/2020")].external == "Regulation (EU) No 12/2020"


def test_references_listed_in_document_order_across_many_provisions():
    """Only provisions whose words can cite are searched, and the references still come out in the
    order of the provisions."""
    articles = [f"Article {n}: Boats of class {n} shall be moored." for n in range(1, 40)]
    articles[5] = "Article 6: Owners follow Article 30."
    articles[20] = "Article 21: Owners follow Article 3 and the \"Harbour Safety Law\"."
    doc = parse_text("\n\n".join(articles) + "\n")
    assert [(r.source, r.target or r.external) for r in doc.references] == [
        ("art_6__para_nn_1", "art_30"), ("art_21__para_nn_1", "art_3"), ("art_21__para_nn_1", "Harbour Safety Law")]


def test_references_come_in_reading_order():
    text = ('Article 1: Under the "Harbour Safety Law", owners shall follow article 2 of these Regulations '
            'and the "Pilotage Law".\n\nArticle 2: Boats shall be moored.\n')
    words = [r.words for r in parse_text(text).references]
    assert words == ['"Harbour Safety Law"', "article 2 of these Regulations", '"Pilotage Law"']


def test_the_quick_citation_filter_lets_every_kind_of_citation_through():
    """may_cite only decides which provisions are searched: a citation it misses is lost."""
    from lawcode.text.references import _may_cite_law, _may_cite_provision, may_cite

    spellings = ["Article 5", "ARTICLE 5", "article 5", "Art. 5", "Section 2", "SECTION 2", "section 2", "\u00a7 6502",
                 "Chapter II", "CHAPTER II", "chapter II", "Part 3", "paragraph 2", "Paragraph 2", "subsection (1)",
                 "point (a)", "clause (i)", '"PRC Law"', "the Fire Services Act", "Regulation (EU) 2016/679",
                 "Directive 95/46/EC", "Decision 2010/87/EU", "LAW"]
    for words in spellings:
        text = f"as provided in {words}, in accordance with law"
        exact = _may_cite_provision(text) or _may_cite_law(text)
        assert may_cite(text) == exact, text
        assert exact == (words != "LAW"), text
    assert not may_cite("Citizens shall perform the following obligations in accordance with law:")


def _citation_patterns():
    from lawcode.text import citations

    return [(citations.CHAIN, citations.CHAIN_START, citations.CHAIN_LEADS, citations.CHAIN_REACH),
            (citations.EU_ACT, citations.EU_ACT_START, (), 0)]


def _same_matches(text: str) -> None:
    from lawcode.text.references import _matches

    for pattern, starts, leads, reach in _citation_patterns():
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        found = [(m.span(), m.groups()) for m in _matches(pattern, starts, text, leads, reach)]
        assert found == expected, (pattern.pattern[:40], text)


def test_citations_are_found_where_a_full_scan_finds_them():
    """The quick search (a pattern tried only where its start words are) misses no citation."""
    for text in [
        "in accordance with Articles 5 and 6(1)(a) of this Regulation and point (f) of Article 6(1)",
        "§§ 6502 and 6503; see\u00a76504, subsection (2)(A) and paragraph (1) of this section",
        "the first subparagraph of Article 8(1) of Regulation (EU) 2016/679 and Directive 95/46/EC",
        "\u017fection 5 of the Act, the \u212aelvin Act 1990, SECTION 7, CHAPTER II of these Regulations",
        "the the preceding paragraph, pointpoint (a) of paragraph 2, subparagraphs 3 to 5",
        "the Fire Brigade Services Act 1987 and the Data Protection Act, the Law on Secrets",
        "Article 5Article 6 Chapter",
        "the second paragraph of article 22, Art. 6(1)(e) or (f), points (a) to (c), sections 20-22, this Part 2",
        "that section; the preceding two paragraphs; the first to third subparagraphs; Chapters III and IV",
    ]:
        _same_matches(text)


def _same_named_acts(text: str) -> None:
    """_named_acts finds what the plain pattern (an optional "the", then the name) finds."""
    import re

    from lawcode.text.citations import LAW_END, NAME_WORD, NOT_FIRST
    from lawcode.text.references import _named_acts

    plain = re.compile(rf"\b(?:the\s+)?([A-Z]{NOT_FIRST}{NAME_WORD}(?:[A-Z]{NAME_WORD}){{0,7}}{LAW_END})")
    expected = [(m.start(), m.group(0), m.group(1)) for m in plain.finditer(text)]
    assert list(_named_acts(text)) == expected, text


def test_named_laws_are_found_where_the_plain_pattern_finds_them():
    for text in [
        "the Fire Brigade Services Act 1987 and the Data Protection Act, the Law on Secrets Law",
        "The the Fire Act; bathe Fire Act; the\nWater Act; the  Harbour Act (Act 5 of 1990)",
        "Fire Act the Water Act theSea Act the the Land Law, PRC Counter-espionage Law",
        "Act of the Act, _the Mine Act, 9the Gas Act, \u00e9the Oil Act, Ethe Salt Law",
        "the Sea Act the Air Act",
        "Organs for State Security and Public Security shall act under the Law",
        "the Local Government etc. (Scotland) Act 1994, the Public Bodies (Joint Working) (Scotland) Act 2014",
        "the Farm Credit Act of 1971 and the Health and Safety Act (Act 85 of 1993)",
        "Notwithstanding the Building Regulations, Under the Fire Act, Undertakings Act, the Harbour Ordinance",
    ]:
        _same_named_acts(text)


@pytest.mark.parametrize("name", [TAR, GDPR, UK_EQUALITY, CAPE_TOWN, COPPA])
def test_quick_searches_find_what_the_plain_patterns_find_in_the_corpus(name):
    """Citations and named laws, in every provision's words of every corpus text."""
    doc = parse_text(corpus_file(name).read_bytes(), name)
    for node in doc.walk():
        for text in (node.text, node.wrap_up, node.heading or ""):
            if text:
                _same_matches(text)
                _same_named_acts(text)


# -- every style of citation the issue names (synthetic texts) ---------------------------------------

EU_TEXT = """Article 1
Scope
1. Boats are covered where:
(a) they carry a sail;
(b) they carry a motor; or
(c) they carry oars.
Rafts are covered as provided in the first subparagraph.
2. Canoes are covered.
3. Ferries are covered.
Article 2
Fees
Owners pay a fee.
Crews pay half of it.
Article 3
Exceptions
1. The second paragraph of article 2 does not apply to pilots; points (a) to (c) of Article 1(1) do.
2. The first subparagraph of paragraph 1 applies to tugs, and so do paragraphs 1 and 2 of Article 1.
3. Articles 1 to 2, Art. 1(1)(a) or (b) and Chapter II apply, but not this Article or Articles 12 and 13 of that Directive.
Article 4
Review
1. Boats described in article 2 of this law shall be inspected under the Local Government etc. (Scotland) Act 1994.
"""


def _targets(doc, source, words):
    return [r.target or r.external for r in doc.references if r.source == source and r.words == words]


def test_ordinal_paragraphs_and_subparagraphs_point_at_what_they_name():
    doc = parse_text(EU_TEXT.replace("Article 3\nExceptions", "Chapter II Rules\nArticle 3\nExceptions"))
    art3 = "chp_II__art_3"
    assert _targets(doc, f"{art3}__para_1", "The second paragraph of article 2") == ["art_2__para_nn_2"]
    assert _targets(doc, f"{art3}__para_2", "The first subparagraph of paragraph 1") == [f"{art3}__para_1"]
    assert _targets(doc, "art_1__para_1", "the first subparagraph") == ["art_1__para_1"]


def test_lists_and_ranges_cite_every_member():
    doc = parse_text(EU_TEXT.replace("Article 3\nExceptions", "Chapter II Rules\nArticle 3\nExceptions"))
    art3 = "chp_II__art_3"
    items = [f"art_1__para_1__list_1__item_{x}" for x in "abc"]
    assert _targets(doc, f"{art3}__para_1", "points (a) to (c) of Article 1(1)") == items
    assert _targets(doc, f"{art3}__para_2", "paragraphs 1 and 2 of Article 1") == ["art_1__para_1", "art_1__para_2"]
    assert _targets(doc, f"{art3}__para_3", "Articles 1 to 2") == ["art_1", "art_2"]
    assert _targets(doc, f"{art3}__para_3", "Art. 1(1)(a) or (b)") == items[:2]
    assert _targets(doc, f"{art3}__para_3", "Chapter II") == ["chp_II"]
    assert _targets(doc, f"{art3}__para_3", "this Article") == [art3]
    assert _targets(doc, f"{art3}__para_3", "Articles 12 and 13 of that Directive") == ["that Directive"]


def test_lowercase_citations_and_whole_law_names():
    doc = parse_text(EU_TEXT)
    assert _targets(doc, "art_4__para_1", "article 2 of this law") == ["art_2"]
    assert _targets(doc, "art_4__para_1", "the Local Government etc. (Scotland) Act 1994") == [
        "Local Government etc. (Scotland) Act 1994"]


SECTION_TEXT = """1 Scope
(1) This section applies to boats.
(2) Owners must register.
2 Fees
(a) In general. A fee is due under subsection (b)(2), paragraph (b)(1) and sections 1-3.
(b) Amounts.
(1) Boats pay ten.
(2) Rafts pay five, as provided in subsection (a) of this section and section 2 of the Harbour (Scotland) Act 1990.
3 Appeals
(1) An owner may appeal under section 1(2) or section 5 of the Canal Act 1901; Chapter III does not apply.
(2) The preceding subsection applies to subsection (1) of that section.
"""


def test_letter_labels_and_this_section():
    doc = parse_text(SECTION_TEXT)
    sec2 = {r.words: r.target or r.external for r in doc.references if r.source.startswith("sec_2")}
    assert sec2["subsection (b)(2)"] == "sec_2__subsec_b__list_1__item_2"
    assert sec2["paragraph (b)(1)"] == "sec_2__subsec_b__list_1__item_1"
    assert sec2["subsection (a) of this section"] == "sec_2__subsec_a"
    assert _targets(doc, "sec_2__subsec_a", "sections 1-3") == ["sec_1", "sec_2", "sec_3"]
    assert _targets(doc, "sec_1__subsec_1", "This section") == ["sec_1"]


def test_a_section_of_another_law_never_resolves_inside_this_text():
    doc = parse_text(SECTION_TEXT)
    refs = [(r.words, r.target, r.external) for r in doc.references if r.source == "sec_2__subsec_b__list_1__item_2"]
    assert ("section 2 of the Harbour (Scotland) Act 1990", None, "Harbour (Scotland) Act 1990") in refs
    assert not any(target == "sec_2" for _, target, _ in refs)
    appeal = {r.words: (r.target, r.external) for r in doc.references if r.source == "sec_3__subsec_1"}
    assert appeal["section 5 of the Canal Act 1901"] == (None, "Canal Act 1901")
    assert appeal["section 1(2)"] == ("sec_1__subsec_2", None)


def test_a_roman_chapter_the_text_lacks_is_unresolved_and_warned_about():
    doc = parse_text(SECTION_TEXT)
    assert [(r.target, r.external) for r in doc.references if r.words == "Chapter III"] == [(None, None)]
    assert any("chapter III" in w.message for w in doc.warnings)


def test_that_section_is_the_section_cited_before():
    doc = parse_text(SECTION_TEXT)
    assert _targets(doc, "sec_3__subsec_2", "subsection (1) of that section") == []  # no section cited before
    text = SECTION_TEXT.replace("(2) The preceding subsection applies to subsection (1) of that section.",
                                "(2) Section 1 is amended; subsection (1) of that section is repealed.")
    doc = parse_text(text)
    assert _targets(doc, "sec_3__subsec_2", "subsection (1) of that section") == ["sec_1__subsec_1"]


def test_the_same_citation_twice_in_one_provision_is_two_references():
    doc = parse_text("Article 1: Boats float.\n\nArticle 2: Under Article 1 boats float, and under Article 1 rafts do.\n")
    assert [(r.words, r.target) for r in doc.references] == [("Article 1", "art_1"), ("Article 1", "art_1")]
