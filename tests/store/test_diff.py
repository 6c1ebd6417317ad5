"""Comparing versions: alignment by content, word diffs, added/removed, norms to review, formats."""

from __future__ import annotations

import json

from conftest import run_main as lawcode
from lawcode.store.diff import compare
from lawcode.text.parse import parse_text

from .conftest import GARDEN, GARDEN_MODEL, write_text

OLD = """Pier Rules

Chapter I: General

Article 1: These Rules govern the pier and its moorings.

Article 2: Anglers shall keep the walkway clear of tackle and bait.

Article 3: Boats shall not moor at the pier head after dusk.

Chapter II: Fees

Article 4: A mooring fee is paid to the pier warden each week.

Article 5: The warden keeps a ledger of every fee received.
"""

# Article 2 gains a new article before it (so 2..5 become 3..6), article 3 loses words, article 4
# moves to the end of chapter I (order changed), article 5 is gone.
NEW = """Pier Rules

Chapter I: General

Article 1: These Rules govern the pier and its moorings.

Article 2: Swimming from the pier is forbidden at all hours.

Article 3: Anglers shall keep the walkway clear of tackle and bait.

Article 4: Boats shall not moor at the pier head.

Article 5: A mooring fee is paid to the pier warden each week.

Chapter II: Fees

Article 6: Fees are reviewed by the council every year in spring.
"""


def test_articles_are_aligned_by_content_not_number():
    comparison = compare(parse_text(OLD), parse_text(NEW), "old", "new")
    pairs = {p.old.num: (p.new.num, p.status) for p in comparison.pairs}
    assert pairs["1"] == ("1", ("unchanged",))
    assert pairs["2"] == ("3", ("renumbered",))
    assert pairs["3"] == ("4", ("changed", "renumbered"))
    assert pairs["4"] == ("5", ("renumbered", "moved"))  # from chapter "Fees" to chapter "General"
    assert [a.num for a in comparison.added] == ["2", "6"]
    assert [a.num for a in comparison.removed] == ["5"]
    summary = comparison.summary()
    assert (summary["aligned"], summary["added"], summary["removed"], summary["moved"]) == (4, 2, 1, 1)


def test_a_changed_article_has_a_word_diff():
    comparison = compare(parse_text(OLD), parse_text(NEW))
    [changed] = [p for p in comparison.pairs if "changed" in p.status]
    assert changed.diff == (("=", "Boats shall not moor at the pier head"), ("-", " after dusk"), ("=", "."))
    assert "".join(w for op, w in changed.diff if op != "+") == " ".join(changed.old.words)
    assert "".join(w for op, w in changed.diff if op != "-") == " ".join(changed.new.words)


def test_an_article_moved_out_of_order_is_reported_as_moved():
    def rules(*words: str) -> str:
        return "Rules\n\n" + "".join(f"Article {n}: {w} words here now.\n\n" for n, w in enumerate(words, 1))

    old, new = rules("Alpha", "Beta", "Gamma"), rules("Beta", "Gamma", "Alpha")
    comparison = compare(parse_text(old), parse_text(new))
    assert {p.old.num: p.status for p in comparison.pairs}["1"] == ("renumbered", "moved")
    assert sum("moved" in p.status for p in comparison.pairs) == 1


def test_norms_resting_on_changed_provisions_are_listed(store_env, monkeypatch, capsys, tmp_path):
    text = write_text(tmp_path, "garden.txt", GARDEN.read_text())
    model = tmp_path / "garden.yaml"
    model.write_text(GARDEN_MODEL.read_text().replace("FINGERPRINT", parse_text(text.read_bytes()).fingerprint()))
    lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model))
    text.write_text(GARDEN.read_text().replace("free of weeds", "free of weeds and litter"))
    lawcode(monkeypatch, capsys, "ingest", str(text))
    code, out, err = lawcode(monkeypatch, capsys, "diff", "riverside-gardens@1", "riverside-gardens@2",
                             "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    [changed] = [p for p in report["pairs"] if "changed" in p["status"]]
    assert ["+", " and litter"] in changed["diff"]
    # Art. 3(1)(1) changed: the norm resting on it, not those on the article's other items
    assert report["norms_to_review"] == [{"norm": "art3.1.1-weeding", "kind": "duty", "reasons": ["Art. 3(1)(1) changed"]}]
    assert report["model"] == "riverside-gardens"


def test_files_compare_directly_and_html_is_side_by_side(monkeypatch, capsys, tmp_path):
    old = write_text(tmp_path, "old.txt", OLD)
    new = write_text(tmp_path, "new.txt", NEW.replace("Swimming", "Swimming <b>"))
    code, page, _ = lawcode(monkeypatch, capsys, "diff", str(old), str(new), "--format", "html")
    assert code == 0 and page.startswith("<!DOCTYPE html>")
    assert "pier head <del>after dusk</del>." in page
    assert "Swimming &lt;b&gt;" in page and "Swimming <b>" not in page
    code, out, _ = lawcode(monkeypatch, capsys, "diff", str(old), str(new))
    assert "Art. 3 → Art. 4  changed, renumbered" in out and "pier head [-after dusk-]." in out
    assert "removed Art. 5" in out


def test_unknown_sides_are_clear_errors(store_env, monkeypatch, capsys, tmp_path):
    code, _, err = lawcode(monkeypatch, capsys, "diff", "nothing-here", str(write_text(tmp_path, "a.txt", OLD)))
    assert code == 2 and "no stored regulation 'nothing-here'" in err
