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
    from lawcode.text.references import _may_cite_law, _may_cite_local, _may_cite_provision, may_cite

    spellings = ["Article 5", "ARTICLE 5", "article 5", "Section 2", "SECTION 2", "section 2", "\u00a7 6502",
                 "Chapter II", "CHAPTER II", "chapter II", "paragraph 2", "Paragraph 2", "subsection (1)",
                 '"PRC Law"', "the Fire Services Act", "Regulation (EU) 2016/679", "Directive 95/46/EC",
                 "Decision 2010/87/EU", "LAW"]
    for words in spellings:
        text = f"as provided in {words}, in accordance with law"
        exact = _may_cite_provision(text) or _may_cite_local(text) or _may_cite_law(text)
        assert may_cite(text) or not exact, text
        assert exact == (words != "LAW"), text
    assert not may_cite("Citizens shall perform the following obligations in accordance with law:")


def _citation_patterns():
    from lawcode.text import references

    return [(references._PROVISIONS, references._PROVISIONS_START), (references._LOCAL, references._LOCAL_START),
            (references._EU_ACT, references._EU_ACT_START)]


def _same_matches(text: str) -> None:
    from lawcode.text.references import _matches

    for pattern, starts in _citation_patterns():
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        found = [(m.span(), m.groups()) for m in _matches(pattern, starts, text)]
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
    ]:
        _same_matches(text)


def _same_named_acts(text: str) -> None:
    """_named_acts finds what the plain pattern (an optional "the", then the name) finds."""
    import re

    from lawcode.text.references import _LAW_END, _NAME_WORD, _named_acts

    plain = re.compile(rf"\b(?:the\s+)?((?:[A-Z]{_NAME_WORD}){{1,8}}{_LAW_END})")
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
