"""One lost heading must not collapse the rest: the numbering sequence recovers, with a warning."""

from __future__ import annotations

from lawcode.text.parse import parse_text

LOST_ARTICLE_3 = """Chapter I General Provisions

Article 1 Keepers register their hives.

Article 2 Keepers mark their hives.

Artcle 3 Keepers inspect their hives monthly.

Article 4 Keepers report disease at once.

Article 5 Keepers pay a yearly fee.

Article 6 This Law takes effect on 1 June.
"""


def test_articles_after_a_lost_heading_stay_articles_and_the_gap_is_reported():
    doc = parse_text(LOST_ARTICLE_3, "lost.txt")
    assert [a.num for a in doc.articles()] == ["1", "2", "4", "5", "6"]
    # the garbled heading's words stay where they stand: a paragraph of the article above
    assert doc.get("chp_I__art_2__para_nn_2").text == "Artcle 3 Keepers inspect their hives monthly."
    gap = [w for w in doc.warnings if "no article 3" in w.message]
    assert len(gap) == 1 and gap[0].line == 9


def test_a_citation_at_a_line_start_is_not_taken_for_a_lost_heading():
    text = LOST_ARTICLE_3.replace("Artcle 3 Keepers inspect their hives monthly.",
                                  "Article 3 Keepers inspect their hives monthly.\n\n"
                                  "Article 5 of the Animal Law also applies.")
    doc = parse_text(text, "cited.txt")
    assert [a.num for a in doc.articles()] == ["1", "2", "3", "4", "5", "6"]
    assert doc.get("chp_I__art_3__para_nn_2").text == "Article 5 of the Animal Law also applies."
    assert not any("no article" in w.message for w in doc.warnings)


def test_two_lost_uk_sections():
    lines = [f"{n} Heading {n} (1) A keeper must do duty {n}." for n in range(1, 8)]
    lines[2] = "3Heading 3 (1) A keeper must do duty 3."  # no space: not a heading
    lines[3] = "Four Heading 4 (1) A keeper must do duty 4."
    doc = parse_text("\n".join(lines) + "\n", "uk.txt")
    assert [s.num for s in doc.articles()] == ["1", "2", "5", "6", "7"]
    assert any("no section 3 to 4" in w.message and w.line == 5 for w in doc.warnings)
