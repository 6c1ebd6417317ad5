"""Cleaning: cruft and odd whitespace are removed and reported, never silently swallowed."""

from __future__ import annotations

from lawcode.text.clean import clean, normalise
from lawcode.text.parse import parse_text

PAGE = """Skip to content
Rules for Ponds
\u00a0
Article 1: A pond owner shall\u00a0fence the pond\t and  mark it \u201cdeep\u201d.
Click to rate this post!
[Total: 3 Average: 4.5]
2 Comments
Leave a Comment
Your email address will not be published.
Translate
"""


def test_cruft_lines_are_reported_with_line_and_reason():
    doc = parse_text(PAGE, "pond.html.txt")
    removed = {(d.line, d.message) for d in doc.removed}
    assert (1, "web page navigation") in removed
    assert (3, "whitespace-only line") in removed
    assert {(5, "web page rating widget"), (6, "web page rating widget"), (7, "web page comment box"),
            (8, "web page comment box"), (9, "web page comment box"), (10, "web page translation widget")} <= removed
    assert doc.title == "Rules for Ponds"
    assert doc.get("art_1__para_nn_1").text == 'A pond owner shall fence the pond and mark it "deep".'


def test_page_headers_of_pdf_extractions():
    lines = clean("Words\n4.5.2016\nEN\nOfficial Journal of the European Union\nL 119/3\nMore words\n").lines
    assert lines == ["Words", "", "", "", "", "More words", ""]


def test_regulation_words_that_resemble_cruft_are_kept():
    cleaned = clean("Translate the notice into English.\nEN route to the harbour\n")
    assert cleaned.removed == ()


def test_normalise_quotes_and_spaces():
    assert normalise("\u2018a\u2019\u00a0\u00a0\u201cb\u201d\u00ad") == "'a' \"b\""
    assert normalise("a   b \u00a0  c      d\n  e") == "a b c d\n e"


def test_crlf_and_byte_order_mark():
    data = "\ufeffRules\r\n\r\nArticle 1: Ponds are fenced.\r\nArticle 2: Ponds are marked.\r\n".encode("utf-8")
    doc = parse_text(data)
    assert doc.title == "Rules"
    assert doc.get("art_2__para_nn_1").text == "Ponds are marked." and doc.get("art_2").line == 4
    assert doc == parse_text(data.replace(b"\r\n", b"\n"))


def test_every_kind_of_blank_line_is_reported():
    """A line of nothing but odd whitespace or invisible characters is reported, whichever they are."""
    invisible = [chr(c) for c in range(0x3001) if chr(c).isspace() and chr(c) not in " \r\n"]
    invisible += ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
    for char in invisible:
        removed = clean(f"Caf\u00e9 rules\n{char}{char}\nArticle 1: Words.\n").removed
        assert [(d.line, d.message, d.text) for d in removed] == [(2, "whitespace-only line", char * 2)], repr(char)
    assert clean("Rules\n\t\nArticle 1: Words.\n").removed[0].message == "whitespace-only line"
    assert clean("Caf\u00e9 rules\n \r\nArticle 1: Words.\n").removed == ()


def test_quotes_are_straightened_however_many_there_are(monkeypatch):
    """A text dense with quotes (past the count straightened one by one) comes out the same."""
    from lawcode.text import clean as cleaning

    text = "Article 1: \u201cA\u201d \u2018b\u2019 caf\u00e9 \u2032 \u2033 \u201e" * 7 + "end \u2019"
    expected = text
    for quote, straight in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'"), ("\u2032", "'"),
                            ("\u2033", '"'), ("\u201e", '"')):
        expected = expected.replace(quote, straight)
    for many in (3, 10_000):
        monkeypatch.setattr(cleaning, "_MANY_QUOTES", many)
        assert cleaning.decode(text.encode("utf-8"), "q.txt") == expected


# One line for each cruft rule (and each alternative of a rule), in either case; some as long as the rule's
# longest match, which a line must not exceed to be tried (clean._CRUFT_LONGEST).
CRUFT_SAMPLES = [
    "Press Enter to skip to content", 'Press "Enter" to skip to the content', "Skip to main content",
    "Click to rate this post!", "[Total: 2 Average: 5]",
    "Be the first to comment", "3 Comments", "No comments yet", "Translate",
    "Your email address will not be published. Required fields are marked", "Leave a reply", "Share this:",
    "Like this:", "Print this page", "Related posts:", "Related Post", "4.5.2016", "EN", "fr",
    "Official Journal of the European Union", "L 119/33", "c 5/1",
]


def test_every_line_a_rule_calls_cruft_is_removed():
    from lawcode.text.clean import cruft_reason

    for sample in CRUFT_SAMPLES:
        assert cruft_reason(sample), sample
        cleaned = clean(f"Article 1: Words.\n{sample}\n")
        assert [(d.line, d.text) for d in cleaned.removed] == [(2, sample)], sample
        assert [(d.line, d.text) for d in clean(f"Article 1: Words.\n{sample.swapcase()}\n").removed] == [
            (2, sample.swapcase())], sample
