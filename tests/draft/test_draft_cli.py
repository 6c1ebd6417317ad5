"""`lawcode draft`: the model file it writes, --explain, --compare, --actors, and bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from draftkit import text_of
from typer.testing import CliRunner

from lawcode.cli import app, main
from lawcode.draft.emit import parse_drafted_note

GARDEN = Path(__file__).parents[1] / "model" / "fixtures"
BEES = text_of(
    "Keepers shall perform the following duties:\n(1) register each hive;\n(2) other duties that shall be performed.",
    "Where a swarm escapes, the keeper shall tell the warden.",
    "The town is old and has many gardens.",
    "These Rules take effect on 1 May 2024.",
)


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def bees(tmp_path: Path) -> Path:
    path = tmp_path / "bees.txt"
    path.write_text(BEES, encoding="utf-8")
    return path


def test_the_draft_is_a_model_that_check_accepts(bees, tmp_path):
    model = tmp_path / "bees.yaml"
    model.write_text(run("draft", str(bees)), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(model), "--text", str(bees), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["errors"] == [] and report["warnings"] == []


def test_every_norm_is_marked_drafted_with_rule_and_confidence_and_unread_articles_are_for_review(bees):
    data = yaml.safe_load(run("draft", str(bees)))
    marks = [parse_drafted_note(n["note"]) for n in data["norms"]]
    assert [m[0] for m in marks] == ["list-item<shall", "list-item<shall", "shall", "entry-into-force"]
    assert all(0 < m[1] <= 1 for m in marks)
    assert [(e["eid"], e["reason"].split(":")[0]) for e in data["non_normative"]] == [("chp_I__art_3", "TO REVIEW")]
    [reading] = data["readings"]  # the unclassified provision is a reading to decide, not yet reviewed
    assert reading["cites"] == ["chp_I__art_3__para_nn_1"] and reading["reviewed"] is False
    assert reading["reading"].startswith("no norm drafted") and len(reading["alternatives"]) >= 2
    assert data["regulation"]["in_force"].isoformat() == "2024-05-01"
    [fact] = data["facts"]
    assert fact["question"] == "Does this hold: a swarm escapes?"


def test_same_text_same_bytes(bees):
    assert run("draft", str(bees)) == run("draft", str(bees))


def test_json_output_has_summary_model_and_review(bees):
    data = json.loads(run("draft", str(bees), "--format", "json"))
    assert data["summary"]["norms"] == 4 and data["summary"]["articles_without_norms"] == 1
    assert data["review"][0]["eid"] == "chp_I__art_3__para_nn_1"


def test_explain_one_article(bees):
    out = run("draft", "--explain", str(bees), "--article", "2")
    assert out.startswith("chp_I__art_2__para_nn_1") and "leading 'where' clause -> condition" in out
    assert "chp_I__art_1" not in out


def test_explain_an_unknown_article_names_the_known_ones(bees, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["lawcode", "draft", "--explain", str(bees), "--article", "9"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "no article '9'" in err and "known: 1, 2, 3, 4" in err


def test_compare_with_the_reviewed_garden_model(tmp_path):
    text = (GARDEN / "garden.txt").read_text(encoding="utf-8")
    (tmp_path / "garden.txt").write_text(text, encoding="utf-8")
    from lawcode import service

    fingerprint = service.read_document(tmp_path / "garden.txt").fingerprint()
    model = tmp_path / "garden.yaml"
    model.write_text(
        (GARDEN / "garden.yaml").read_text(encoding="utf-8").replace("FINGERPRINT", fingerprint), encoding="utf-8"
    )
    data = json.loads(run("draft", "--compare", str(model), str(tmp_path / "garden.txt"), "--format", "json"))
    measures = {m["measure"]: m for m in data["measures"]}
    assert measures["coverage"]["recall"] == 1.0
    rows = {r["reviewed"]: r for r in data["norms"]}
    assert (
        rows["art4.1-no-fires"]["kind"] == ["prohibition", "prohibition"] and rows["art4.1-no-fires"]["bearer_agrees"]
    )
    assert rows["art6.1-withdraw"]["kind"] == ["consequence", "power"]  # the draft does not see non-payment as a breach
    human = run("draft", "--compare", str(model), str(tmp_path / "garden.txt"))
    assert "* art6.1-withdraw" in human and "kind consequence != power" in human


def test_actors_of_another_model_are_reused(tmp_path):
    (tmp_path / "g.txt").write_text(text_of("Plot holders shall keep paths clear."), encoding="utf-8")
    model = tmp_path / "garden.yaml"
    model.write_text((GARDEN / "garden.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    data = yaml.safe_load(run("draft", str(tmp_path / "g.txt"), "--actors", str(model)))
    assert data["norms"][0]["bearer"] == "plot_holder"
    actors = {a["id"]: a for a in data["actors"]}
    assert set(actors) == {"plot_holder", "resident"} and actors["plot_holder"]["is_a"] == ["resident"]
    assert actors["plot_holder"]["note"] == f"taken from {model}"


def test_a_text_with_no_normative_statement_gives_an_empty_model_and_says_so(tmp_path, monkeypatch, capsys):
    path = tmp_path / "prose.txt"
    path.write_text(text_of("The town lies by the river.", "Its bees are famous."), encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["lawcode", "draft", str(path)])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 0
    out, err = capsys.readouterr()
    assert yaml.safe_load(out)["norms"] == []
    assert "no normative statement found" in err


def test_a_missing_text_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["lawcode", "draft", str(tmp_path / "nope.txt")])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2 and "no such file" in capsys.readouterr().err


def test_compare_with_a_model_of_another_text_warns(bees, monkeypatch, capsys):
    model = GARDEN / "garden.yaml"
    monkeypatch.setattr(sys, "argv", ["lawcode", "draft", "--compare", str(model), str(bees)])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 0
    assert "was written for another text (garden.txt" in capsys.readouterr().err


@pytest.mark.parametrize("options, message", [
    (["--article", "2"], "--article is an option of --explain"),
    (["--explain", "--compare", "x.yaml"], "--explain and --compare cannot be combined"),
])
def test_options_that_do_not_go_together(bees, monkeypatch, capsys, options, message):
    monkeypatch.setattr(sys, "argv", ["lawcode", "draft", str(bees), *options])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2 and message in capsys.readouterr().err
