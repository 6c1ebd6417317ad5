"""Recorded readings, may-be links and the review view, on the synthetic garden regulation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from tests.model.test_check import garden, run_check
from typer.testing import CliRunner

from lawcode import service
from lawcode.cli import app, main
from lawcode.engine.queries import ask, explain
from lawcode.engine.review import build_review, reading_list
from lawcode.model.loader import read_model, read_valid_model

# A tenant of the council may or may not be a resident: the model cannot know, so it asks.
TENANT = """  - id: garden_office
    label: garden office
  - id: council_tenant
    label: tenant of a council flat
    may_be:
      - actor: resident
        when: lives_in_municipality
        reading: tenants-as-residents
"""
FACT = """facts:
  - id: lives_in_municipality
    meaning: the tenant's flat is inside the municipality
    question: Is your council flat inside the municipality?
    about: council_tenant
"""
READINGS = """readings:
  - id: tenants-as-residents
    question: Is a council tenant a resident in the sense of art 2?
    reading: Only when the flat lies inside the municipality; the model asks.
    alternatives: [Every council tenant is a resident.]
    cites: [chp_I__art_2__para_nn_1]
    actors: [council_tenant]
  - id: fires-festival-exception
    question: Does the festival exception in art 4 lift the prohibition or only allow a permit?
    reading: It lifts the prohibition for a festival fire.
    alternatives: [The office must first allow the fire.]
    cites: [chp_II__art_4__para_nn_1]
    norms: [art4.1-no-fires]
    reviewed: true
    note: The second sentence of art 4 speaks of the office allowing it.
"""


def tenant_garden(tmp_path: Path, readings: str = READINGS) -> tuple[Path, Path]:
    return garden(tmp_path, {"  - id: garden_office\n    label: garden office\n": TENANT, "facts:\n": FACT,
                             "dates:\n": readings + "dates:\n"})


def test_may_be_link_gives_undetermined_with_the_question(tmp_path):
    model, _ = tenant_garden(tmp_path)
    loaded = read_valid_model(model)
    # a plot holder is a resident who has a plot; a tenant reaches that only through the may-be link
    answer = ask(loaded, "council_tenant", ["has_plot"], on="2024-06-01").to_dict()
    weeding = next(f for f in answer["findings"] if f["norm"] == "art3.1.1-weeding")
    assert weeding["status"] == "undetermined"
    assert weeding["missing"] == ["lives_in_municipality"]
    assert answer["questions"]["lives_in_municipality"] == "Is your council flat inside the municipality?"
    settled = ask(loaded, "council_tenant", ["has_plot", "lives_in_municipality"], on="2024-06-01").to_dict()
    assert {f["norm"]: f["status"] for f in settled["findings"]}["art3.1.1-weeding"] == "applies"
    outside = ask(loaded, "council_tenant", ["has_plot", "lives_in_municipality=false"], on="2024-06-01").to_dict()
    assert "art3.1.1-weeding" not in {f["norm"] for f in outside["findings"]}


def test_explain_names_the_may_be_link(tmp_path):
    model, _ = tenant_garden(tmp_path)
    answer = explain(read_valid_model(model), "art3.1.1-weeding", "council_tenant", ["has_plot"], on="2024-06-01").to_dict()
    assert answer["bearer"]["may_be"] == [{"actor": "council_tenant", "may_be": "resident",
                                           "condition": "lives_in_municipality"}]
    assert "may_be:council_tenant:resident" in answer["decided_by"]


def test_readings_are_listed_and_checked(tmp_path):
    model, text = tenant_garden(tmp_path)
    loaded = read_valid_model(model)
    listed = reading_list(loaded).to_dict()
    assert [r["id"] for r in listed["readings"]] == ["tenants-as-residents", "fires-festival-exception"]
    assert listed["reviewed"] == 1 and listed["count"] == 2
    assert reading_list(loaded, reviewed=False).to_dict()["count"] == 1
    assert run_check(model, text).ok


def test_reading_naming_an_unknown_norm_or_eid_is_an_error(tmp_path):
    broken = READINGS.replace("norms: [art4.1-no-fires]", "norms: [art4.1-no-fire]").replace(
        "cites: [chp_I__art_2__para_nn_1]", "cites: [chp_I__art_2__para_nn_9]")
    model, text = tenant_garden(tmp_path, broken)
    report = run_check(model, text)
    found = {i.code: i for i in report.errors}
    assert "unknown-norm" in found and "art4.1-no-fire" in found["unknown-norm"].message
    assert "unknown-eid" in found and "reading tenants-as-residents" in found["unknown-eid"].message
    assert found["unknown-norm"].line == model.read_text().splitlines().index("    norms: [art4.1-no-fire]") + 1


def test_may_be_link_to_an_undeclared_reading_is_an_error(tmp_path):
    model, _ = tenant_garden(tmp_path, READINGS.replace("id: tenants-as-residents", "id: tenants-as-resident"))
    codes = [i.code for i in read_model(model).issues]
    assert "unknown-reading" in codes


def test_review_puts_each_norm_under_its_provision_in_text_order(tmp_path):
    model, text = tenant_garden(tmp_path)
    review = build_review(read_valid_model(model), service.read_document(text)).to_dict()
    eids = [p["eid"] for p in review["provisions"]]
    item = eids.index("chp_II__art_3__para_nn_1__list_1__item_2")
    assert eids.index("chp_II__art_3") < item < eids.index("chp_II__art_4")
    item = next(p for p in review["provisions"] if p["eid"] == "chp_II__art_3__para_nn_1__list_1__item_3")
    assert item["text"] == "other obligations that shall be performed."  # read from the text file
    assert [(n["norm"], n["open_ended"]) for n in item["norms"]] == [("art3.1.3-other", True)]
    fires = next(p for p in review["provisions"] if p["eid"] == "chp_II__art_4__para_nn_1")
    assert fires["norms"][0]["unless"] == "festival"
    assert fires["norms"][0]["readings"] == ["fires-festival-exception"]
    assert fires["readings"] == ["fires-festival-exception"]
    purpose = next(p for p in review["provisions"] if p["eid"] == "chp_I__art_1")
    assert purpose["non_normative"] == "purpose clause"


def test_review_of_one_article_and_the_cli_formats(tmp_path):
    model, text = tenant_garden(tmp_path)
    review = build_review(read_valid_model(model), service.read_document(text), "6").to_dict()
    assert [p["eid"] for p in review["provisions"]] == ["chp_III__art_6", "chp_III__art_6__para_nn_1"]
    runner = CliRunner()
    result = runner.invoke(app, ["review", str(model), "--text", str(text), "--article", "4", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["provisions"][1]["norms"][0]["norm"] == "art4.1-no-fires"
    page = tmp_path / "review.html"
    result = runner.invoke(app, ["review", str(model), "--text", str(text), "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http" not in html.replace("http-equiv", "")
    assert "Plot holders shall not light fires" in html and "art4.1-no-fires" in html


def test_review_of_a_missing_article_exits_2_naming_it(tmp_path, monkeypatch, capsys):
    model, text = tenant_garden(tmp_path)
    monkeypatch.setattr(sys, "argv", ["lawcode", "review", str(model), "--text", str(text), "--article", "99"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    assert "no provision '99'" in capsys.readouterr().err


def test_readings_cli(tmp_path):
    model, _text = tenant_garden(tmp_path)
    result = CliRunner().invoke(app, ["readings", str(model), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["readings"][1]["alternatives"] == ["The office must first allow the fire."]
    result = CliRunner().invoke(app, ["readings", str(model), "--pending"])
    assert "tenants-as-residents" in result.output and "fires-festival-exception" not in result.output


def test_actor_catalog_shows_may_be_links(tmp_path):
    from lawcode.engine.catalog import actor_catalog

    model, _ = tenant_garden(tmp_path)
    entries = {e["actor"]: e for e in actor_catalog(read_valid_model(model)).to_dict()["actors"]}
    assert entries["council_tenant"]["may_be"] == [{"actor": "resident", "when": "lives_in_municipality",
                                                   "reading": "tenants-as-residents"}]
    assert "may_be" not in entries["resident"]
