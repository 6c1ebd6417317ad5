"""Properties of the text parser and the Akoma Ntoso export, over generated texts in every style.

For every generated text the parser either refuses it with a LawcodeError or gives a Document
whose words equal the input's (removed lines aside), whose eIds are unique and valid, whose
Akoma Ntoso export is well-formed and schema-valid, and which the importer reads back equal.
"""

from __future__ import annotations

import re

import profiles  # noqa: F401  (the example budget: small in CI, larger with HYPOTHESIS_PROFILE=long)
from hypothesis import example, given
from hypothesis import strategies as st

from lawcode.akn.export import to_akn
from lawcode.akn.importer import from_akn
from lawcode.akn.validate import validate_akn
from lawcode.errors import LawcodeError
from lawcode.text.document import Document
from lawcode.text.invariant import words_mismatch
from lawcode.text.parse import parse_text

_WORDS = ("boats", "owners", "shall", "moor", "the", "harbour", "master", "may", "inspect", "rafts", "crews",
          "register", "a", "fee", "of", "pilots", "under", "ships", "each", "year", "notice", "in", "writing")
_CITATIONS = ("Article 2", "article 1 of these Regulations", "paragraph 1", "the preceding paragraph",
              "the second paragraph of Article 1", "points (a) to (b)", "section 2", "subsection (1)",
              "sections 1-2", "Chapter II", "this Article", "section 4 of the Harbour Act 1990",
              "Directive 2001/5/EC", '"boat" means a vessel')
_ROMAN = ("I", "II", "III", "IV", "V")
_LETTERS = "abcdefgh"


@st.composite
def sentence(draw, end: str = ".") -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=12))
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(_CITATIONS)))
    text = " ".join(words)
    return text[0].upper() + text[1:] + end


@st.composite
def items(draw, numbers: str) -> list[str]:
    count = draw(st.integers(0, 3))
    return [f"({numbers[i]}) {draw(sentence(';' if i < count - 1 else '.')).lower()}" for i in range(count)]


@st.composite
def tar_style(draw) -> str:
    lines = ["Harbour Regulations", ""]
    article = 0
    for chapter in range(draw(st.integers(1, 3))):
        lines += [f"Chapter {_ROMAN[chapter]}: {draw(st.sampled_from(['General Provisions', 'Duties']))}", ""]
        for _ in range(draw(st.integers(1, 3))):
            article += 1
            lines += [f"Article {article}: {draw(sentence())}", ""]
            lines += [draw(sentence()) for _ in range(draw(st.integers(0, 2)))]
            lines += draw(items("123456"))
            lines.append("")
    return "\n".join(lines)


@st.composite
def eu_style(draw) -> str:
    lines = ["Harbour Regulation"]
    article = 0
    for chapter in range(draw(st.integers(1, 2))):
        lines += [f"CHAPTER {_ROMAN[chapter]}", "Rules"]
        for _ in range(draw(st.integers(1, 3))):
            article += 1
            lines += [f"Article {article}", "Scope"]
            for paragraph in range(1, draw(st.integers(1, 3)) + 1):
                lines.append(f"{paragraph}. {draw(sentence(':'))}")
                lines += draw(items(_LETTERS))
    return "\n".join(lines) + "\n"


@st.composite
def section_style(draw) -> str:
    """UK and South African sections: "1 Heading" or "1. Heading", subsections (1), paragraphs (a)."""
    dotted = draw(st.booleans())
    lines = ["Harbour Act"]
    for section in range(1, draw(st.integers(1, 4)) + 1):
        lines.append(f"{section}{'.' if dotted else ''} Fees")
        for subsection in range(1, draw(st.integers(1, 3)) + 1):
            lines.append(f"({subsection}) {draw(sentence(':'))}")
            lines += draw(items(_LETTERS))
    return "\n".join(lines) + "\n"


@st.composite
def us_style(draw) -> str:
    lines = ["Title 9 - Harbours"]
    for section in range(1, draw(st.integers(1, 3)) + 1):
        lines.append(f"\u00a7 {100 + section}. Fees")
        for subsection in _LETTERS[:draw(st.integers(1, 3))]:
            lines.append(f"({subsection}) In general. {draw(sentence(':'))}")
            lines += draw(items("12345"))
    return "\n".join(lines) + "\n"


TEXTS = st.one_of(tar_style(), eu_style(), section_style(), us_style())
_EID = re.compile(r"[a-z]+_[0-9A-Za-z]+(?:_[0-9]+)?(?:__[a-z]+_[0-9A-Za-z]+(?:_[0-9]+)?)*")


def _check(text: str) -> None:
    try:
        doc = parse_text(text)
    except LawcodeError:
        return
    mismatch = words_mismatch(text, doc)
    assert mismatch is None, str(mismatch)
    eids = [node.eid for node in doc.walk()]
    assert len(eids) == len(set(eids))
    assert all(_EID.fullmatch(eid) for eid in eids), eids
    _check_akn(doc)


def _check_akn(doc: Document) -> None:
    xml = to_akn(doc)
    assert validate_akn(xml, "generated.xml") == []
    back = from_akn(xml, "generated.xml")
    assert back.body == doc.body and back.references == doc.references
    assert (back.title, back.preamble) == (doc.title, doc.preamble)


@given(TEXTS)
def test_generated_texts_keep_their_words_and_export_valid_akn(text):
    _check(text)


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_any_text_is_parsed_or_refused_with_a_lawcode_error(text):
    _check(text)


@given(st.lists(st.one_of(st.sampled_from(["Article 1", "Chapter I", "(a)", "(1)", "1.", "\u00a7 2.", "Section 3",
                                           '"x" means y', "Article 2 of these Regulations", "", "  "]),
                          st.text(alphabet="abcXYZ ()1.;:\"'-", max_size=20)), max_size=30))
@example(["Article 1", "(1)", "(a)", "\u00a7 2.", "\u00a7 2.", "(a)"])  # words between two items
@example(["Article 2 of these Regulations", "(a)", '"x" means y', "a", "(1)"])  # words before a sub-list
def test_texts_built_from_structure_fragments_are_parsed_or_refused(lines):
    _check("\n".join(lines))
