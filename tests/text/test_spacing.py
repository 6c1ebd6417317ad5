"""Letter-spaced PDF headings are re-joined from the text's own words, or kept and flagged."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lawcode.text.parse import parse_text
from lawcode.text.spacing import letter_spaced, rejoin, vocabulary


def test_rejoin_uses_known_words():
    words = vocabulary(["The keeping of bees and the sale of honey are regulated."])
    assert rejoin("Ke ep in g o f be es a nd sa le", words) == "Keeping of bees and sale"
    assert rejoin("Ke ep in g o f wa sps", words) is None  # "wasps" is not in the text


def test_rejoin_breaks_a_tie_between_splits_of_as_few_words_the_same_way_every_time():
    # "pro tection" and "protect ion" are both two known words: the one with the longer last word is read
    assert rejoin("pro te ct ion", {"pro", "protect", "tection", "ion"}) == "pro tection"
    assert rejoin("pro te ct ion", {"pro", "protect", "ion"}) == "protect ion"


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


_DEFINED_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")  # what vocabulary() documents as a word


def _vocabulary_by_definition(texts: list[str]) -> set[str]:
    words = {match.lower() for match in _DEFINED_WORD.findall("\n".join(texts))}
    return {w for w in words if len(w) > 2 or w in {"a", "an", "as", "at", "by", "in", "is", "it", "of", "on", "or",
                                                     "to", "no", "be"}}


def test_the_vocabulary_is_every_word_the_definition_finds():
    """The words are found as runs of bytes, not by the regex: edge cases of the regex's reading."""
    texts = ["--'tis the keeper's well-being--; o'clock 'a' -or- x-ray Ａrticle na\u00efve caf\u00e9s",
             "\u212aelvin IN it\u0130s TO\u2028of\u00a0be\ud800no \U0001f41d bees-",
             "", "'''", "A-", "Ab'c-D"]
    assert vocabulary(texts) == _vocabulary_by_definition(texts)
    assert "kelvin" not in vocabulary(texts)  # the Kelvin sign is not a letter of a word (str.lower would make it k)


@settings(max_examples=300)
@given(st.lists(st.text(alphabet=st.sampled_from("aZk-' \n\t.\u212a\u00e9\u0130\u00a0\x1fI1"), max_size=40),
                max_size=4))
def test_the_vocabulary_matches_its_definition_on_any_text(texts):
    assert vocabulary(texts) == _vocabulary_by_definition(texts)
