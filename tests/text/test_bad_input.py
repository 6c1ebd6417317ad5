"""Bad input: each case is a TextError or a warning that names the line and what was expected."""

from __future__ import annotations

import time

import pytest

from lawcode.errors import LawcodeError, TextError
from lawcode.text.parse import parse_text


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  \n", "\u00a0\n\n".encode()])
def test_empty_or_blank_text_is_an_error(data):
    with pytest.raises(TextError) as caught:
        parse_text(data, "empty.txt")
    assert caught.value.file == "empty.txt" and "empty" in caught.value.message
    assert caught.value.expected


def test_binary_junk_is_an_error_naming_line_and_offset():
    data = b"Article 1: Fine words.\nArticle 2: More\x00\x01\x02 words.\n"
    with pytest.raises(TextError) as caught:
        parse_text(data, "junk.bin")
    assert caught.value.line == 2
    assert "byte offset 38" in caught.value.message


def test_latin1_is_an_error_naming_line_and_offset():
    data = "Article 1: Caf\u00e9 owners pay.\nArticle 2: Na\u00efve rules.\n".encode("latin-1")
    with pytest.raises(TextError) as caught:
        parse_text(data, "latin.txt")
    error = caught.value
    assert error.line == 1 and "byte offset 14" in error.message and "0xe9" in error.message
    assert "UTF-8" in error.expected
    assert "latin.txt:1:" in str(error)


def test_a_bad_byte_after_curly_quotes_is_named_at_its_place_in_the_file():
    # Curly quotes are straightened before decoding; the error must still name the file's own offset.
    data = "Article 1: \u201cOwners\u201d shall pay.\nArticle 2: Caf".encode("utf-8") + b"\xe9 rules.\n"
    with pytest.raises(TextError) as caught:
        parse_text(data, "quotes.txt")
    error = caught.value
    offset = data.index(b"\xe9")
    assert error.line == 2 and f"byte offset {offset}" in error.message and "0xe9" in error.message


def test_curly_quotes_read_as_straight_ones():
    curly = parse_text("Article 1: The \u201cHarbour Law\u201d applies.\n".encode("utf-8"))
    straight = parse_text(b'Article 1: The "Harbour Law" applies.\n')
    assert curly.body == straight.body and curly.references == straight.references


def test_no_structure_is_an_error():
    with pytest.raises(TextError) as caught:
        parse_text("Just a shopping list.\nEggs and milk.\n", "list.txt")
    assert caught.value.line == 1 and "Article 1" in caught.value.expected


def test_huge_single_line_is_refused_quickly():
    line = ("word " * 10_000_000).encode()  # 50 MB, no line break
    started = time.perf_counter()
    with pytest.raises(TextError):
        parse_text(line, "huge.txt")
    assert time.perf_counter() - started < 5


def test_huge_line_after_structure_warns_quickly():
    data = "Article 1: Short.\n(1) " + "A-B see article 1 of the Big Act; " * 1_500_000 + "\n"  # 50 MB
    started = time.perf_counter()
    doc = parse_text(data)
    assert time.perf_counter() - started < 5
    assert any(w.line == 2 and "characters long" in w.message for w in doc.warnings)
    assert any(w.line == 2 and "cross-references are only looked for" in w.message for w in doc.warnings)


def test_duplicated_article_number_warns_and_keeps_both():
    doc = parse_text("Article 1: One.\nArticle 2: Two.\nArticle 2: Two again.\n")
    assert [a.eid for a in doc.articles()] == ["art_1", "art_2", "art_2_2"]
    warning = next(w for w in doc.warnings if "duplicate" in w.message)
    assert warning.line == 3 and "line 2" in warning.message


def test_out_of_order_article_warns():
    doc = parse_text("Article 1: One.\nArticle 3: Three.\nArticle 2: Two.\n")
    warning = next(w for w in doc.warnings if "out of order" in w.message)
    assert warning.line == 3 and "article 3" in warning.message


def test_reference_to_missing_article_warns():
    doc = parse_text("Article 1: As provided in article 7 of these Regulations.\nArticle 2: Fine.\n")
    reference = next(r for r in doc.references if "article 7" in r.words)
    assert reference.target is None and reference.external is None
    warning = next(w for w in doc.warnings if "article 7" in w.message)
    assert warning.line == 1


def test_errors_are_lawcode_errors():
    assert issubclass(TextError, LawcodeError)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_kind_of_line_end_is_read(end):
    text = end.join(["Article 1: One.", "Article 2: Two.", "", "Article 3: Three."]) + end
    doc = parse_text(text.encode("utf-8"), "ends.txt")
    assert [a.eid for a in doc.articles()] == ["art_1", "art_2", "art_3"]
    assert doc.get("art_3").line == 4


def test_a_lone_cr_inside_a_file_does_not_merge_two_articles():
    doc = parse_text(b"Article 1: One.\nArticle 2: Two.\rArticle 3: Three.\n", "mixed.txt")
    assert [a.eid for a in doc.articles()] == ["art_1", "art_2", "art_3"]
    assert doc.get("art_2__para_nn_1").text == "Two."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(codec):
    text = "Article 1: The \u201cHarbour\u201d caf\u00e9 opens.\r\nArticle 2: It closes.\r\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = parse_text(data, "wide.txt")
    assert doc.get("art_1__para_nn_1").text == 'The "Harbour" caf\u00e9 opens.'
    assert doc.get("art_2").line == 2


def test_utf16_without_a_byte_order_mark_is_named():
    with pytest.raises(TextError) as caught:
        parse_text("Article 1: One.\n".encode("utf-16-le"), "wide.txt")
    assert "UTF-16" in caught.value.message and "iconv -f UTF-16LE" in caught.value.message
