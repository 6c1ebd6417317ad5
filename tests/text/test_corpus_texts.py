"""Structure of the real corpus texts (read from ../shared/corpus at run time, never copied)."""

from __future__ import annotations

import pytest

from conftest import CAPE_TOWN, COPPA, GDPR, TAR, UK_EQUALITY, corpus_file
from lawcode.text.document import CHAPTER, ITEM, PARAGRAPH, SECTION
from lawcode.text.parse import parse_text


def _parse(name: str):
    path = corpus_file(name)
    return parse_text(path.read_bytes(), source=str(path))


@pytest.fixture(scope="module")
def tar():
    return _parse(TAR)


def _kids(node, kind):
    return [c for c in node.children if c.kind == kind]


def test_tar_chapters_and_articles(tar):
    chapters = [n for n in tar.body if n.kind == CHAPTER]
    assert [c.num for c in chapters] == ["I", "II", "III", "IV", "V"]
    assert [c.eid for c in chapters] == ["chp_I", "chp_II", "chp_III", "chp_IV", "chp_V"]
    articles = tar.articles()
    assert [a.num for a in articles] == [str(n) for n in range(1, 33)]
    assert tar.title and tar.title.startswith("Tibet Autonomous Region")
    assert all(a.eid.startswith("chp_") and "__art_" in a.eid for a in articles)


def test_tar_every_article_has_paragraphs(tar):
    for article in tar.articles():
        assert article.children and all(c.kind == PARAGRAPH for c in article.children), article.eid
        assert article.text == ""
        assert article.children[0].eid == article.eid + "__para_nn_1"


def test_tar_articles_12_to_15(tar):
    art = {a.num: a for a in tar.articles()}
    a13 = art["13"]
    assert a13.eid == "chp_II__art_13"
    assert len(a13.children) == 3
    items = a13.children[0].children
    assert [i.num for i in items] == [f"({n})" for n in range(1, 11)]
    assert items[4].eid == "chp_II__art_13__para_nn_1__list_1__item_5"
    assert a13.children[0].text.endswith(":")
    assert a13.children[1].children == () and a13.children[2].children == ()
    assert len(art["12"].children) == 1 and len(art["12"].children[0].children) == 11
    assert len(art["14"].children[0].children) == 4
    assert len(art["15"].children[0].children) == 6
    assert [len(art[n].children) for n in ("2", "10", "18", "20", "32")] == [2, 3, 3, 3, 1]


def test_tar_cruft_is_reported_not_kept(tar):
    reasons = {d.message for d in tar.removed}
    assert {"web page navigation", "web page rating widget", "web page comment box",
            "web page translation widget", "whitespace-only line"} <= reasons
    assert tar.removed[0].line == 1
    words = " ".join(n.text for n in tar.walk())
    assert "Leave a Reply" not in words and "Translate" not in words
    assert not tar.warnings


def test_tar_references(tar):
    refs = {(r.source, r.words): r for r in tar.references}
    assert refs[("chp_II__art_12__para_nn_1__list_1__item_4", "article 13 of these Regulations")].target == "chp_II__art_13"
    assert refs[("chp_II__art_13__para_nn_2", "the first paragraph of this article")].target == "chp_II__art_13__para_nn_1"
    assert refs[("chp_II__art_21__para_nn_2", "the preceding paragraph")].target == "chp_II__art_21__para_nn_1"
    externals = {r.external for r in tar.references if r.external}
    assert "PRC National Security Law" in externals


def test_tar_parse_is_deterministic(tar):
    again = _parse(TAR)
    assert again == tar and again.fingerprint() == tar.fingerprint()


def test_gdpr_structure():
    doc = _parse(GDPR)
    articles = doc.articles()
    assert [a.num for a in articles] == [str(n) for n in range(1, 51)]
    assert all(a.heading for a in articles)
    chapters = [n for n in doc.body if n.kind == CHAPTER]
    assert [c.num for c in chapters] == ["I", "II", "III", "IV", "V"]
    assert doc.get("chp_III__sec_1__art_12") is not None  # Section containers between chapter and article
    art6 = next(a for a in articles if a.num == "6")
    assert [p.num for p in art6.children] == ["1.", "2.", "3.", "4."]
    assert art6.eid == "chp_II__art_6"
    point_f = doc.get("chp_II__art_6__para_1__list_1__item_f")
    assert point_f is not None and point_f.kind == ITEM
    assert doc.get("chp_II__art_6__para_1").wrap_up  # the sentence after the points
    art9 = doc.get("chp_II__art_9__para_2")
    assert [i.num for i in art9.children] == [f"({c})" for c in "abcdefghij"]  # (i) after (h) is a letter
    # page headers, and no page furniture left in the words
    assert sum(1 for d in doc.removed if d.message.startswith("PDF page header")) > 50
    assert not any("L 119/" in n.text or n.text == "EN" for n in doc.walk())
    # hard wraps joined: a paragraph is one block of words
    assert "\n" not in doc.get("chp_I__art_1__para_1").text
    assert doc.get("chp_IV__sec_4").heading == "Data protection officer"  # letter-spaced in the PDF
    missing = [w for w in doc.warnings if "Article 98" in w.text]
    assert missing and missing[0].line > 0


def test_uk_equality_act_structure():
    doc = _parse(UK_EQUALITY)
    sections = doc.articles()
    assert len(sections) == 63 and sections[0].eid == "sec_1" and sections[-1].eid == "sec_60A"
    s13 = doc.get("sec_13")
    assert s13.kind == SECTION and s13.heading == "Direct discrimination"
    assert s13.children[0].eid == "sec_13__subsec_1"
    s1 = doc.get("sec_1")
    assert doc.get("sec_1__subsec_2A__list_1__item_aa") is not None
    assert doc.get("sec_1__subsec_3_2") is not None  # "(3)" printed twice
    assert any("used twice" in w.message for w in doc.warnings)
    assert doc.get("sec_1__subsec_3__list_1__item_i").text.startswith(".")  # repealed placeholder, a letter point
    assert len(s1.children) >= 8


def test_cape_town_bylaw_structure():
    doc = _parse(CAPE_TOWN)
    assert doc.title
    chapters = [n for n in doc.body if n.kind == CHAPTER]
    assert len(chapters) == 11 and chapters[0].heading == "Definitions"
    sections = doc.articles()
    assert sections[0].eid == "chp_1__sec_1" and sections[0].heading == "Definitions"
    assert len(sections) == 62  # 1-58 and 35A, 44A, 44B, 52A
    assert [s.num for s in sections if not s.num[:-1].isdigit()] == ["35A.", "44A.", "44B.", "52A."]
    definitions = sections[0]
    assert len(definitions.children) > 50  # one paragraph per definition
    nested = doc.get("chp_1__sec_1__para_nn_5__list_1__item_a__list_1__item_v")
    assert nested is not None  # (v) under (a): a roman sub-item
    assert doc.get("chp_2__sec_4__subsec_3__list_1__item_d") is not None


def test_us_code_chunks_merge():
    doc = _parse(COPPA)
    sections = doc.articles()
    assert [s.num for s in sections] == ["6501", "6502", "6503", "6504", "6505", "6506"]
    s6502 = doc.get("chp_91__sec_6502")
    assert [p.num for p in s6502.children] == ["(a)", "(b)", "(c)", "(d)"]
    clause = doc.get("chp_91__sec_6502__subsec_b__list_1__item_1__list_1__item_A__list_1__item_ii")
    assert clause is not None
    assert doc.get("chp_91__sec_6501__para_nn_1__list_1__item_1").heading == "Child"
    assert sum(1 for d in doc.removed if d.message.startswith("repeated heading")) > 10
    subclause = doc.get("chp_91__sec_6501__para_nn_1__list_1__item_2__list_1__item_A__list_1__item_ii__list_1__item_I")
    assert subclause is not None
