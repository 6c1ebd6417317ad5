"""Text styles: detection (with its reason), ``--style`` to force one, and what a failed read says."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from lawcode.cli import app
from lawcode.errors import LawcodeError, TextError
from lawcode.service import read_document
from lawcode.text.parse import parse_text
from lawcode.text.styles import STYLES

SAMPLES = {
    "cn-clt": "Chapter I: General\n\nArticle 1: Hives are registered.\n\nArticle 2: Keepers pay a fee.\n",
    "cn-npc": "Chapter I General Provisions\n\nArticle 1 Hives are registered.\n\nArticle 2 Keepers pay a fee.\n",
    "eu-oj": "Article 1\nSubject-matter\n1.\nHives are registered.\nArticle 2\nFees\nKeepers pay a fee.\n",
    "uk": "1 Registration (1) Hives are registered. (2) Keepers pay a fee.\n2 Fees Keepers pay a fee.\n",
    "za": "1. Registration\n(1) Hives are registered.\n2. Fees\n(1) Keepers pay a fee.\n",
    "us-code": "\u00a7 1. Registration\n(a) Hives are registered.\n\u00a7 2. Fees\n(a) Keepers pay a fee.\n",
    "dotted": "1 Registration\n1.1 Hives are registered.\n1.2 Keepers pay a fee.\n2 Fees\n2.1 Fees are paid.\n",
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_style_is_detected_and_the_reason_given(name):
    doc = parse_text(SAMPLES[name], f"{name}.txt")
    assert doc.style["name"] == name and doc.style["forced"] is False
    assert doc.style["reason"] and any(ch.isdigit() for ch in str(doc.style["reason"]))  # it counts what it saw


def test_every_style_has_a_sample():
    assert set(SAMPLES) == set(STYLES)


def test_a_forced_style_is_used_and_said_to_be_forced():
    # Without --style, "Section 1" in an article-less text is a provision; as NPC style it groups articles.
    text = "Section 1 General\n\nArticle 1 Hives are registered.\n"
    detected = parse_text(text)
    forced = parse_text(text, style="cn-npc")
    assert forced.style == {"name": "cn-npc", "forced": True, "reason": "chosen with --style"}
    assert forced.get("sec_1__art_1") is not None
    assert detected.get("sec_1__art_1") is None  # one "Article 1 text" line alone is not enough to detect cn-npc


def test_an_unknown_style_names_the_known_ones():
    with pytest.raises(TextError) as caught:
        parse_text("Article 1: Fine.\n", style="klingon")
    assert "klingon" in caught.value.message and "cn-npc" in caught.value.known


def test_no_structure_names_the_line_that_looks_like_a_heading_and_suggests_style():
    text = "Harbour Rules\n\nThe harbour master keeps order.\n\nArt1 Boats moor at the quay.\n"
    with pytest.raises(TextError) as caught:
        parse_text(text, "harbour.txt")
    error = caught.value
    assert error.line == 5 and "Art1 Boats" in error.message
    assert "--style" in error.message and "expected" in str(error)


def test_no_structure_without_any_heading_names_the_first_line():
    with pytest.raises(TextError) as caught:
        parse_text("\n\nJust a shopping list.\nEggs and milk.\n", "list.txt")
    assert caught.value.line == 3 and "Just a shopping list." in caught.value.message


def test_a_forced_style_that_does_not_fit_says_what_it_expected():
    with pytest.raises(TextError) as caught:
        parse_text("\u00a7 1. Scope\n(a) Boats float.\n", "boats.txt", style="eu-oj")
    message = caught.value.message
    assert "eu-oj" in message and "'Article 1'" in message and "another --style" in message


def test_parse_command_takes_style_and_reports_it_in_json(tmp_path):
    path = tmp_path / "npc.txt"
    path.write_text(SAMPLES["cn-npc"], encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(path), "--format", "json", "--style", "cn-npc"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["style"]["forced"] is True


def test_parse_on_a_directory_says_it_is_a_directory(tmp_path):
    with pytest.raises(LawcodeError) as caught:
        read_document(tmp_path)
    assert "directory" in caught.value.message
