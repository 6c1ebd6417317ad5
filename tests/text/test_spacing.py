"""Letter-spaced PDF headings are re-joined from the text's own words, or kept and flagged."""

from __future__ import annotations

from lawcode.text.parse import parse_text
from lawcode.text.spacing import letter_spaced, rejoin, vocabulary


def test_rejoin_uses_known_words():
    words = vocabulary(["The keeping of bees and the sale of honey are regulated."])
    assert rejoin("Ke ep in g o f be es a nd sa le", words) == "Keeping of bees and sale"
    assert rejoin("Ke ep in g o f wa sps", words) is None  # "wasps" is not in the text


def test_letter_spaced_detection():
    assert letter_spaced("Re st r ic tio ns")
    assert not letter_spaced("Rights of the data subject")


def test_parser_rejoins_section_titles():
    text = """CHAPTER I
General
Sec ti on 1
Ke ep in g o f be es
Article 1
Keeping of bees
1. Keeping bees is allowed.
Sec ti on 2
Wa sp s a nd ho rne ts
Article 2
Other insects
1. Nothing here.
"""
    doc = parse_text(text)
    assert doc.get("chp_I__sec_1").heading == "Keeping of bees"
    assert doc.get("chp_I__sec_2").heading == "Wa sp s a nd ho rne ts"
    messages = [w.message for w in doc.warnings]
    assert any("read as 'Keeping of bees'" in m for m in messages)
    assert any("kept as printed" in m for m in messages)
