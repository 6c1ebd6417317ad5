"""PRC laws in the NPC official translation style: "Chapter I General Provisions", "Article 1 text",
sections inside chapters, a table of contents at the top (entries may carry stray Markdown)."""

from __future__ import annotations

from lawcode.text.parse import parse_text

NPC = """Beekeeping Law of the Example Republic

(Adopted at the 9th Meeting of the Standing Committee of the Example Congress on 1 March 2020)

Contents

Chapter I `General Provisions`

Chapter II Registration

  Section 1 `Hives`

  Section 2 Keepers

Chapter III Supplementary Provisions

Chapter I General Provisions

Article 1 This Law is formulated for the purpose of keeping bees safely.

Article 2 This Law applies to every hive kept in the Republic.

The provisions of other laws on animals also apply.

Chapter II Registration

Section 1 Hives

Article 3 Each hive shall be registered with the county office.

Article 4 A keeper shall:

(1) mark each hive;

(2) keep the register up to date.

Section 2 Keepers

Article 5 A keeper shall hold a licence.

Chapter III Supplementary Provisions

Article 6 This Law shall go into effect on 1 June 2020.
"""

WRAPPED_NPC = """Chapter I General Provisions
Article 1 This Law is formulated for the purpose of keeping bees safely and of
protecting the people who live near hives, in accordance with the
Constitution.
Article 2 This Law applies to every hive kept in the Republic. Article 7 of the
Animal Law also applies to hives.
Article 3 Keepers shall register each hive with the county office
within thirty days.
Chapter II Supplementary Provisions
Article 4 This Law shall go into effect on 1 June 2020.
"""


def test_npc_style_is_detected_and_articles_nest_in_sections():
    doc = parse_text(NPC, "bees.txt")
    assert doc.style["name"] == "cn-npc"
    assert [n.eid for n in doc.body] == ["chp_I", "chp_II", "chp_III"]
    assert doc.get("chp_I").heading == "General Provisions"
    assert [a.eid for a in doc.articles()] == [
        "chp_I__art_1", "chp_I__art_2", "chp_II__sec_1__art_3", "chp_II__sec_1__art_4", "chp_II__sec_2__art_5",
        "chp_III__art_6"]
    assert doc.get("chp_II__sec_1").heading == "Hives"
    assert doc.get("chp_I__art_1__para_nn_1").text == "This Law is formulated for the purpose of keeping bees safely."
    assert [p.eid for p in doc.get("chp_I__art_2").children] == ["chp_I__art_2__para_nn_1", "chp_I__art_2__para_nn_2"]
    items = doc.get("chp_II__sec_1__art_4__para_nn_1").children
    assert [i.num for i in items] == ["(1)", "(2)"]
    assert not doc.warnings


def test_npc_table_of_contents_with_backticks_is_set_aside_and_reported():
    doc = parse_text(NPC, "bees.txt")
    removed = {d.line: d.message for d in doc.removed}
    assert removed == {5: "table of contents heading", 7: "table of contents entry", 9: "table of contents entry",
                       11: "table of contents entry", 13: "table of contents entry", 15: "table of contents entry"}
    assert doc.get("chp_I").line == 17  # the chapter heading in the body, not its table of contents entry


def test_hard_wrapped_npc_text():
    doc = parse_text(WRAPPED_NPC, "wrapped.txt")
    assert [a.eid for a in doc.articles()] == ["chp_I__art_1", "chp_I__art_2", "chp_I__art_3", "chp_II__art_4"]
    assert doc.get("chp_I__art_1__para_nn_1").text.endswith("in accordance with the Constitution.")
    # "Article 7 of the" at a line start is a citation inside article 2, not a heading (7 does not follow 2)
    assert "Article 7 of the Animal Law also applies to hives." in doc.get("chp_I__art_2__para_nn_1").text
    assert doc.get("chp_I__art_3__para_nn_1").text.endswith("county office within thirty days.")


def test_table_of_contents_entries_are_reported_as_printed_line_by_line():
    text = "Contents\n\nChapter I `General`\nChapter II Registration of Hives and\nKeepers\n\n" \
           "Chapter I General\n\nArticle 1 Hives are registered.\n\nChapter II Registration of Hives and\nKeepers\n\n" \
           "Article 2 Keepers pay a fee.\n"
    doc = parse_text(text, "toc.txt")
    assert [(d.line, d.text) for d in doc.removed] == [
        (1, "Contents"), (3, "Chapter I `General`"), (4, "Chapter II Registration of Hives and"), (5, "Keepers")]
    assert doc.get("chp_II").heading == "Registration of Hives and Keepers"
