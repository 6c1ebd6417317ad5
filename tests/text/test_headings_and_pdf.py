"""Headings (a missing full stop, two-line titles, colon lists) and PDF artefacts (broken words)."""

from __future__ import annotations

from lawcode.text.parse import parse_text


def test_a_one_sentence_provision_without_its_full_stop_stays_text():
    doc = parse_text("Article 1\nKeepers shall register every hive\nArticle 2\nFees\nA fee is due.\n")
    first = doc.get("art_1")
    assert first.heading is None
    assert [p.text for p in first.children] == ["Keepers shall register every hive"]
    assert doc.get("art_2").heading == "Fees"


def test_a_numbered_paragraph_ending_in_colon_dash_is_not_a_title():
    doc = parse_text("1. Supply\n(1) A supplier may not:-\n(a) sell fireworks;\n(b) store them.\n")
    paragraph = doc.get("sec_1").children[0]
    assert paragraph.heading is None and paragraph.text == "A supplier may not:-"
    assert [i.num for i in paragraph.children] == ["(a)", "(b)"]


TWO_LINE_HEADINGS = """Chapter II Registration of Hives and
Keepers

Article 3
Duties of keepers in relation to
their neighbours

A keeper keeps bees ten metres from a road.
"""


def test_two_line_headings_are_joined():
    doc = parse_text(TWO_LINE_HEADINGS)
    assert doc.get("chp_II").heading == "Registration of Hives and Keepers"
    article = doc.get("chp_II__art_3")
    assert article.heading == "Duties of keepers in relation to their neighbours"
    assert [p.text for p in article.children] == ["A keeper keeps bees ten metres from a road."]


def test_an_unlabelled_list_after_a_colon_stays_one_provision():
    text = ("Article 4: A keeper shall:\nregister each hive;\nmark each hive; and\ninspect the hives monthly.\n\n"
            "The warden checks the register.\n")
    doc = parse_text(text)
    paragraphs = doc.get("art_4").children
    assert [p.text for p in paragraphs] == [
        "A keeper shall:\nregister each hive;\nmark each hive; and\ninspect the hives monthly.",
        "The warden checks the register."]


def test_soft_hyphen_and_line_end_hyphenation_are_rejoined():
    text = ("Article 1\nScope\n"
            "The rules cover the physical, physio\u00ad\n"
            "logical and behavioural needs of bees and the central adminis-\n"
            "tration of hives, where the administration keeps a record of\n"
            "decision-\nmaking about each hive.\n")
    doc = parse_text(text)
    words = doc.get("art_1__para_nn_1").text
    assert "physical, physiological and behavioural" in words
    assert "central administration of hives" in words  # "administration" is a word of this text
    assert "decision-making about" in words  # "decisionmaking" is not


def test_a_soft_hyphen_breaks_a_word_only_at_a_line_end_also_before_spaces_and_windows_line_ends():
    text = ("Article 1\r\nScope\r\n"
            "The rules cover the physical, physio\u00ad \r\n"
            "logical needs of bees and the honey\u00adcomb of each hive, in the whole\r\n"
            "hive.\r\n")
    words = parse_text(text.encode("utf-8")).get("art_1__para_nn_1").text
    # the first break joins its halves; the line with a soft hyphen inside a word is joined with a space
    assert words == "The rules cover the physical, physiological needs of bees and the honeycomb of each hive, in the whole hive."


def test_a_hyphen_at_a_line_end_before_a_capital_is_kept_in_the_compound():
    doc = parse_text("Article 1\nScope\nThe rules cover the North-\nSouth route, and the\nharbour of the town.\n")
    assert "North-South route, and the harbour of the town." in doc.get("art_1__para_nn_1").text


def test_a_provision_is_never_left_without_its_words():
    # No modal verb and no full stop: the line reads like a title, but it is all the article says.
    doc = parse_text("Article 1\nHives in the town register\nArticle 2\nFees\n1. A fee is due.\nArticle 3\nRepealed\n")
    first = doc.get("art_1")
    assert first.heading is None and [p.text for p in first.children] == ["Hives in the town register"]
    assert doc.get("art_1__para_nn_1").line == 2
    assert doc.get("art_2").heading == "Fees"
    assert [p.text for p in doc.get("art_3").children] == ["Repealed"]
