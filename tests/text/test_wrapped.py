"""Hard-wrapped texts (pasted from a PDF or an e-mail): wrapping is decided block by block."""

from __future__ import annotations

from lawcode.text.parse import parse_text

LOWER_CASE_BODIES = """Rules on Ferries

Article 1: the ferry operator shall keep a log of every crossing and shall
show it to the harbour master on request.

Article 2: the log shall be kept for two years.

Article 3: a passenger may ask to see the log
entry for the crossing made.
"""


def test_article_bodies_in_lower_case_are_not_refused():
    doc = parse_text(LOWER_CASE_BODIES, "ferries.txt")
    assert [a.eid for a in doc.articles()] == ["art_1", "art_2", "art_3"]
    first = doc.get("art_1__para_nn_1")
    assert first.text == ("the ferry operator shall keep a log of every crossing and shall show it to the harbour "
                          "master on request.")
    assert doc.get("art_3__para_nn_1").text.endswith("the log entry for the crossing made.")


WRAPPED_EU = """Article 1
Subject-matter
1.
The operator shall notify the authority of each incident without undue delay and in any case
within the time limits laid down in
Article 2 of the Ferry Act, unless the incident
is minor.
2.
The authority shall keep a register of the notifications it receives under paragraph 1 and
publish a summary every year.
Article 2
Definitions
For the purposes of this Regulation, a vessel means any craft that carries passengers.
"""


def test_a_heading_word_at_the_start_of_a_wrapped_line_stays_in_its_sentence():
    doc = parse_text(WRAPPED_EU, "eu.txt")
    assert [a.eid for a in doc.articles()] == ["art_1", "art_2"]
    para = doc.get("art_1__para_1")
    assert "within the time limits laid down in Article 2 of the Ferry Act, unless the incident is minor." in para.text
    assert doc.get("art_2").heading == "Definitions"


ONE_BLOCK_PER_LINE_WITH_A_WRAPPED_PARAGRAPH = """Chapter I: General

Article 1: The operator keeps a log.

Article 2: The operator shall report
each incident
to the authority within
three days of it.

Article 3: The authority publishes a summary.
"""


def test_one_wrapped_paragraph_does_not_change_how_the_rest_is_read():
    doc = parse_text(ONE_BLOCK_PER_LINE_WITH_A_WRAPPED_PARAGRAPH)
    assert [a.eid for a in doc.articles()] == ["chp_I__art_1", "chp_I__art_2", "chp_I__art_3"]
    assert doc.get("chp_I__art_2__para_nn_1").text == (
        "The operator shall report each incident to the authority within three days of it.")
    assert doc.get("chp_I__art_3__para_nn_1").text == "The authority publishes a summary."


WRAPPED_ZA = """1. Permits
(1) No person may operate a ferry without a permit issued by the controlling
authority in terms of this By-law.
(2) An application for a permit must be made on the form the controlling authority
prescribes and must be accompanied by the fee.
2. Offences
(1) Any person who contravenes section 1 is guilty of an offence.
"""


def test_wrapped_south_african_sections():
    doc = parse_text(WRAPPED_ZA)
    assert [s.eid for s in doc.articles()] == ["sec_1", "sec_2"]
    assert doc.get("sec_1").heading == "Permits"
    subsections = doc.get("sec_1").children
    assert len(subsections) == 2 and subsections[0].text.endswith("authority in terms of this By-law.")
    assert subsections[1].text.endswith("must be accompanied by the fee.")


WRAPPED_UK = """\
1 Ferry permits (1) A person must not operate a ferry without a permit issued by
the harbour authority. (2) A permit lasts for one year.
2 Fees (1) The holder of a permit must pay the fee the harbour authority
sets. (2) The fee is due on the first day of the permit.
"""


def test_wrapped_uk_sections_are_split_into_subsections_after_joining():
    doc = parse_text(WRAPPED_UK)
    assert [(s.eid, s.heading) for s in doc.articles()] == [("sec_1", "Ferry permits"), ("sec_2", "Fees")]
    assert [p.text for p in doc.get("sec_1").children] == [
        "A person must not operate a ferry without a permit issued by the harbour authority.",
        "A permit lasts for one year."]
    assert doc.get("sec_2__subsec_1").text == "The holder of a permit must pay the fee the harbour authority sets."


WRAPPED_US = """\
§ 1. Ferry permits
(a) In general
A person may not operate a ferry without a permit issued by the harbour
authority under this section.
(b) Duration
A permit lasts for one year from the day it is issued by the harbour
authority.
§ 2. Fees
(a) The holder of a permit shall pay the fee the harbour authority sets
each year.
"""


def test_wrapped_us_code_subsection_titles_stay_titles():
    doc = parse_text(WRAPPED_US)
    first = doc.get("sec_1__subsec_a")
    assert first.heading == "In general"
    assert first.text == ("A person may not operate a ferry without a permit issued by the harbour authority under "
                          "this section.")
    assert doc.get("sec_1__subsec_b").heading == "Duration"
    assert doc.get("sec_2__subsec_a").text.endswith("the harbour authority sets each year.")


WRAPPED_DOTTED = """\
1 Ferry permits
1.1 A person must not operate a ferry without a permit issued by the harbour
authority under this code.
1.2 A permit lasts for one year from the day the harbour authority issues
it.
2 Fees
2.1 The holder of a permit pays the fee the harbour authority sets each
year.
"""


def test_wrapped_dotted_text():
    doc = parse_text(WRAPPED_DOTTED)
    assert doc.style["name"] == "dotted"
    assert [(p.num, p.text) for p in doc.get("sec_1").children] == [
        ("1.1", "A person must not operate a ferry without a permit issued by the harbour authority under this code."),
        ("1.2", "A permit lasts for one year from the day the harbour authority issues it.")]
    assert doc.get("sec_2__subsec_1").text.endswith("sets each year.")
