"""Synthetic texts in each heading and numbering style the parser must recognise."""

from __future__ import annotations

from lawcode.text.document import ARTICLE, CHAPTER, ITEM, PARAGRAPH, PART, SECTION, SUBSECTION
from lawcode.text.parse import parse_text

CHINESE_STYLE = """Rules on Keeping Bees in Town

Chapter I: General Matters

Article 1: These Rules govern hives kept inside the town walls.

Article 2: A keeper shall do the following:

(1) register each hive;

(2) mark each hive with a number;

(3) inspect the hives monthly.

Keepers who hold more than ten hives shall also notify the warden.

Chapter II: Penalties

Article 3: A keeper who breaks the preceding rules shall pay a fee.
"""


def test_chinese_style_paragraphs_and_items():
    doc = parse_text(CHINESE_STYLE, "bees.txt")
    assert doc.title == "Rules on Keeping Bees in Town"
    assert [n.eid for n in doc.body] == ["chp_I", "chp_II"]
    art2 = doc.get("chp_I__art_2")
    assert art2.kind == ARTICLE and art2.num == "2"
    assert [p.eid for p in art2.children] == ["chp_I__art_2__para_nn_1", "chp_I__art_2__para_nn_2"]
    lead = art2.children[0]
    assert lead.text == "A keeper shall do the following:"
    assert [i.eid for i in lead.children] == [f"chp_I__art_2__para_nn_1__list_1__item_{n}" for n in (1, 2, 3)]
    assert lead.children[1].num == "(2)" and lead.children[1].text == "mark each hive with a number;"
    assert art2.children[1].text.startswith("Keepers who hold")  # a paragraph after a list is new
    assert doc.get("chp_I__art_1__para_nn_1").text.startswith("These Rules")
    assert doc.get("chp_II__art_3").children[0].line == 19


def test_parts_chapters_sections_nest():
    text = """Part 1 Preliminary
Chapter 1 Scope
Section 1 Where it applies
Article 1
Title of the first article
This code applies on the island.
Section 2 Exceptions
Article 2 - It does not apply at sea.
Part 2 Duties
Chapter 2 Owners
Article 3. Owners keep the register.
"""
    doc = parse_text(text)
    assert [n.eid for n in doc.body] == ["part_1", "part_2"]
    assert doc.get("part_1").kind == PART and doc.get("part_1").heading == "Preliminary"
    first = doc.get("part_1__chp_1__sec_1__art_1")
    assert first is not None and first.heading == "Title of the first article"
    assert doc.get("part_1__chp_1__sec_1").kind == SECTION
    assert doc.get("part_1__chp_1__sec_2__art_2__para_nn_1").text == "It does not apply at sea."
    assert doc.get("part_2__chp_2__art_3").kind == ARTICLE
    assert doc.get("part_1__chp_1").kind == CHAPTER


def test_numbered_paragraphs_points_and_wrap_up():
    text = """CHAPTER I
Opening words
Article 5
Conditions
1.
The holder may fish only where:
(a) the water is open to the public; or
(b) the owner agrees in writing.
Either condition is enough for the holder.
2. The permit lapses after a year.
"""
    doc = parse_text(text)
    art = doc.get("chp_I__art_5")
    assert art.heading == "Conditions"
    assert [p.eid for p in art.children] == ["chp_I__art_5__para_1", "chp_I__art_5__para_2"]
    para1 = art.children[0]
    assert para1.num == "1." and para1.text == "The holder may fish only where:"
    assert [i.num for i in para1.children] == ["(a)", "(b)"]
    assert para1.wrap_up == "Either condition is enough for the holder."
    assert art.children[1].text == "The permit lapses after a year."


def test_wrapped_lines_are_joined():
    long_line = "The keeper of the lighthouse shall keep the lamp lit from dusk to dawn on every night of the"
    text = f"""Article 1
Lamp duty
1.
{long_line}
year, and shall log every failure of the lamp with its time and its cause in the book kept
for that purpose at the foot of the tower.
2.
A failure that lasts longer than an hour shall be reported to the harbour master without
delay.
Article 2
Logbook
The book shall be kept for ten years.
"""
    doc = parse_text(text)
    para1 = doc.get("art_1__para_1")
    assert para1.text.startswith(long_line + " year, and")
    assert para1.text.endswith("foot of the tower.")
    assert doc.get("art_1__para_2").text.endswith("without delay.")
    assert doc.get("art_2").heading == "Logbook"


def test_letters_and_romans_decided_by_sequence():
    text = """1. Scope
(1) The following are covered:
(a) alpha;
(b) beta;
(c) gamma;
(d) delta;
(e) epsilon;
(f) zeta;
(g) eta;
(h) theta;
(i) iota, which includes:
(i) small iota;
(ii) capital iota;
(j) kappa.
(2) Nothing else is covered.
"""
    doc = parse_text(text)
    para1 = doc.get("sec_1__subsec_1")
    assert [i.num for i in para1.children] == [f"({c})" for c in "abcdefghij"]
    iota = doc.get("sec_1__subsec_1__list_1__item_i")
    assert [c.eid for c in iota.children] == ["sec_1__subsec_1__list_1__item_i__list_1__item_i",
                                              "sec_1__subsec_1__list_1__item_i__list_1__item_ii"]
    assert doc.get("sec_1__subsec_2").kind == SUBSECTION


def test_one_section_per_line_is_split():
    text = (
        "1 Purpose (1) This Act sets up a fund. (2) The fund pays for— (a) roads; (b) bridges, and (c) "
        "ferries. (2A) The fund may also pay for tunnels.\n"
        "2 Repeal The Old Fund Act is repealed.\n"
    )
    doc = parse_text(text)
    s1 = doc.get("sec_1")
    assert s1.heading == "Purpose"
    assert [p.num for p in s1.children] == ["(1)", "(2)", "(2A)"]
    assert [i.num for i in doc.get("sec_1__subsec_2").children] == ["(a)", "(b)", "(c)"]
    assert doc.get("sec_1__subsec_2__list_1__item_b").text == "bridges, and"
    s2 = doc.get("sec_2")
    assert s2.heading == "Repeal" and s2.children[0].text == "The Old Fund Act is repealed."


def test_inline_citation_of_points_is_not_split():
    text = "1 Scope (1) A person covered by paragraphs (a), (b) or (c) of the rule must register. (2) Fine.\n"
    doc = parse_text(text)
    assert [p.num for p in doc.get("sec_1").children] == ["(1)", "(2)"]
    assert "(a), (b) or (c)" in doc.get("sec_1__subsec_1").text


def test_markdown_code_sections_and_repeated_headings():
    text = """# Code of Rules
### CHAPTER 7— FERRIES
#### § 701. Definitions

In this chapter:

(1) Ferry

The term "ferry" means a boat for hire.

# Code of Rules
### CHAPTER 7— FERRIES
#### § 702. Duties
##### (a) Safety

(1) In general

A ferry shall carry life jackets.

# Code of Rules
### CHAPTER 7— FERRIES
#### § 702. Duties
##### (b) Records

A ferry shall keep a log.
"""
    doc = parse_text(text)
    assert doc.title == "Code of Rules"
    assert [n.eid for n in doc.body] == ["chp_7"]
    assert [s.eid for s in doc.articles()] == ["chp_7__sec_701", "chp_7__sec_702"]
    s702 = doc.get("chp_7__sec_702")
    assert s702.heading == "Duties" and [p.eid for p in s702.children] == ["chp_7__sec_702__subsec_a", "chp_7__sec_702__subsec_b"]
    assert doc.get("chp_7__sec_702__subsec_a").heading == "Safety"
    item = doc.get("chp_7__sec_702__subsec_a__list_1__item_1")
    assert item.heading == "In general" and item.text == "A ferry shall carry life jackets."
    assert doc.get("chp_7__sec_701__para_nn_1__list_1__item_1").heading == "Ferry"
    messages = [d.message for d in doc.removed]
    assert messages.count("repeated title") == 2 and "repeated heading of an open section" in messages


def test_table_of_contents_is_removed_and_reported():
    text = """Harbour Rules

Contents
Chapter I General
Chapter II Berths
Article 1 Scope
Article 2 Berths

Chapter I General

Article 1: These rules apply in the harbour.

Chapter II Berths

Article 2: Each boat needs a berth.
"""
    doc = parse_text(text)
    assert [n.eid for n in doc.body] == ["chp_I", "chp_II"]
    assert all(c.children for c in doc.body)
    toc = [d for d in doc.removed if d.message.startswith("table of contents")]
    assert [d.line for d in toc] == [3, 4, 5, 6, 7]
    assert doc.get("chp_I__art_1__para_nn_1").text == "These rules apply in the harbour."


def test_repeated_chapter_heading_without_toc_is_kept():
    text = "Chapter I General\nArticle 1: One.\nChapter II Other\nArticle 2: Two.\n"
    doc = parse_text(text)
    assert [n.eid for n in doc.body] == ["chp_I", "chp_II"] and not doc.removed


def test_item_kinds_and_lines():
    doc = parse_text("Article 1: Lead:\n(1) one;\n(2) two.\n")
    para = doc.get("art_1__para_nn_1")
    assert para.kind == PARAGRAPH and all(i.kind == ITEM for i in para.children)
    assert [i.line for i in para.children] == [2, 3]


def test_heading_without_separator_must_continue_the_sequence():
    text = """Article 1 Owners register their boats.

Article 2 Owners pay a yearly fee.

Article 9 of the old code no longer applies to canoes.
"""
    doc = parse_text(text)
    assert [a.num for a in doc.articles()] == ["1", "2"]
    assert doc.get("art_2__para_nn_2").text.startswith("Article 9 of the old code")
    assert not doc.warnings or all("out of order" not in w.message for w in doc.warnings)


def test_sections_as_provisions_when_there_are_no_articles():
    text = """Section 4. Licences
1. A licence lasts a year.
2. It may be renewed.
Section 5 - Fees
Fees are set yearly.
"""
    doc = parse_text(text)
    assert [s.eid for s in doc.articles()] == ["sec_4", "sec_5"]
    assert doc.get("sec_4").heading == "Licences"
    assert [p.eid for p in doc.get("sec_4").children] == ["sec_4__subsec_1", "sec_4__subsec_2"]
    assert doc.get("sec_5__para_nn_1").text == "Fees are set yearly."


def test_table_of_contents_with_dot_leaders():
    text = """Contents
Article 1 Scope ........ 2
Article 2 Fees ......... 3

Article 1: Scope words.
Article 2: Fee words.
"""
    doc = parse_text(text)
    assert [a.eid for a in doc.articles()] == ["art_1", "art_2"]
    assert doc.get("art_1__para_nn_1").text == "Scope words."
    assert [d.line for d in doc.removed] == [1, 2, 3]
