"""The tokenizer's pre-filter for lines of words: a line it lets through as words is words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawcode.text.tokens import _MAY_START_STRUCTURE, WORDS, Token, classify, tokenize

# Characters that start or make up headings, labels and markers in some style, their case and
# Unicode look-alikes (the Kelvin sign, the long s and dotless i match ASCII letters when a
# pattern ignores case), digits that are not ASCII, and the separators the patterns read.
_ALPHABET = ("AaRrTtIiCcLlEePpHhSsNnOo\u00a7#()0123456789.:-\u2014\u2013 "
             "ivxlcd\u212a\u017f\u0131\u0130\u0663\u00b2\uff11\u00e9\u00df_'\"`*")


# Lines made of a start (a keyword, label, marker or plain word), a separator, a number and more,
# so that every heading, label and marker pattern is met often.
_STARTS = ("Art", "art.", "Article", "A r t i c l e", "ART", "Part", "P a r t", "Chapter", "Cha pter", "Section",
           "Sec ti on", "s.", "S.", "sec.", "SEC.", "\u00a7", "\u00a7\u00a7", "#", "##", "(", "a", "b", "iv", "xi", "aa", "A", "II",
           "5", "12", "1.1", "The", "words", "\u212a", "\u017f", "\u0131", "\u0663", "\u00b2", "\u00e9")
_SEPARATORS = ("", " ", "  ", ".", ". ", ")", ") ", ":", " - ", "\u2014", "(")
_NUMBERS = ("", "1", "5", "13A", "II", "a", "iv", "1.2", "\u0663")
_LINES = st.one_of(
    st.text(alphabet=_ALPHABET, min_size=1, max_size=14),
    st.tuples(st.sampled_from(_STARTS), st.sampled_from(_SEPARATORS), st.sampled_from(_NUMBERS),
              st.sampled_from(_SEPARATORS), st.sampled_from(("", "Words", "words here", "The keeper", "(1) x"))
              ).map("".join))


@given(_LINES, st.booleans(), st.booleans(), st.booleans())
@settings(max_examples=3000, deadline=None)
def test_a_line_the_prefilter_lets_through_is_read_as_words(text, has_articles, wrapped, decimal):
    """Every line the tokenizer does not classify (the pattern does not match its start) is one that
    :func:`classify` reads as words, in every context: the pre-filter only saves work."""
    text = text.strip()
    if not text or _MAY_START_STRUCTURE.match(text):
        return
    assert classify(text, 7, has_articles, wrapped, decimal) == Token(WORDS, 7, text)


def test_the_prefilter_lets_every_kind_of_structure_through():
    for line in ("Article 5", "ART. 5", "A r t i c l e 5", "art 5", "Part II", "P a r t 2", "CHAPTER I",
                 "Cha pter 3", "Section 4", "Sec ti on 1", "s. 12", "sec. 12", "\u00a7 6502.", "(a) words",
                 "(1) words", "1. Heading", "13 Heading", "1.1 text", "a) item", "iv. item", "b. item",
                 "### CHAPTER 91"):
        assert _MAY_START_STRUCTURE.match(line), line
    for line in ("The controller shall", "controller shall", "Member States", "personal data", "\u00e9t\u00e9"):
        assert not _MAY_START_STRUCTURE.match(line), line


def test_wrapped_lines_of_words_join_their_block():
    """A wrapped paragraph whose lines are words only (no Token made for them) is one block."""
    lines = ["Article 1", "Lock keepers", "1. Every lock keeper of the district shall keep a ledger of the",
             "barges that pass the gate and of the tolls collected from them, and shall show it",
             "to the canal office on the first working day of each month, without being asked."]
    tokens = tokenize(lines, has_articles=True)
    assert [t.kind for t in tokens] == ["provision", "words", "label"]
    assert tokens[2].text == " ".join(line for line in lines[2:])[3:]
