"""Several roles at once, what others owe the asker, and facts that cannot matter (synthetic hives)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawcode.cli import app
from lawcode.engine import queries
from lawcode.errors import QueryError
from lawcode.service import load_model

HIVES = Path(__file__).parent / "fixtures" / "hives.yaml"
ON = "2021-06-01"


@pytest.fixture(scope="module")
def model():
    return load_model(HIVES)


def statuses(answer: dict) -> dict:
    return {f["norm"]: f["status"] for f in answer["findings"]}


def test_two_roles_get_the_norms_of_both_and_say_where_each_comes_from(model):
    answer = queries.ask(model, ["keeper", "farm"], [], ON).to_dict()
    assert answer["roles"] == ["keeper", "farm"] and answer["as"] == "keeper+farm"
    found = {f["norm"]: f for f in answer["findings"]}
    assert found["art4.1-no-poison"]["roles"] == ["keeper"]  # binds persons
    assert found["art2.1-mark-hives"]["roles"] == ["farm"]  # binds units
    # each role alone gets only its own
    assert "art2.1-mark-hives" not in statuses(queries.ask(model, "keeper", [], ON).to_dict())
    assert "art4.1-no-poison" not in statuses(queries.ask(model, "farm", [], ON).to_dict())


def test_the_strongest_status_over_the_roles_wins(model):
    # as farm the record-keeping duty waits on the register; as big_farm it applies outright
    alone = statuses(queries.ask(model, "farm", [], ON).to_dict())
    assert alone["art3.1-keep-records"] == "undetermined"
    both = queries.ask(model, ["farm", "big_farm"], [], ON).to_dict()
    keep = next(f for f in both["findings"] if f["norm"] == "art3.1-keep-records")
    # one organisation: being a big_farm settles the register for its farm role too
    assert keep["status"] == "applies" and keep["roles"] == ["farm", "big_farm"]
    assert both["implied_facts"] == {"exempted": False, "in_register": True}
    # keeper and farm: the keeper role does not reach the duty, the farm role leaves it open
    mixed = queries.ask(model, ["keeper", "farm"], [], ON).to_dict()
    keep = next(f for f in mixed["findings"] if f["norm"] == "art3.1-keep-records")
    assert keep["status"] == "undetermined" and keep["roles"] == ["farm"]
    assert keep["missing"] == ["exempted", "in_register"]


def test_a_single_role_answer_has_no_roles_per_finding(model):
    answer = queries.ask(model, "farm", [], ON).to_dict()
    assert answer["roles"] == ["farm"] and all("roles" not in f for f in answer["findings"])


def test_the_same_role_twice_is_one_role_and_no_role_is_an_error(model):
    assert queries.ask(model, ["farm", "farm"], [], ON).to_dict()["roles"] == ["farm"]
    with pytest.raises(QueryError, match="no actor given"):
        queries.ask(model, [], [], ON)


def test_what_others_owe_or_may_do_to_the_asker_is_its_own_list(model):
    answer = queries.ask(model, "farm", [], ON).to_dict()
    assert [f["norm"] for f in answer["owed"]] == ["art6.1-inspect", "art7.1-sanction"]
    assert {f["bearer"] for f in answer["owed"]} == {"inspector"}
    assert not {f["norm"] for f in answer["owed"]} & set(statuses(answer))
    # a keeper is no unit: the inspector owes it nothing here
    assert queries.ask(model, "keeper", [], ON).to_dict()["owed"] == []


def test_explain_with_two_roles_explains_the_role_that_carries_the_norm(model):
    answer = queries.explain(model, "art3.1-keep-records", ["farm", "big_farm"], [], ON).to_dict()
    assert answer["finding"]["status"] == "applies" and answer["bearer"]["path"] == ["farm", "unit"]
    answer = queries.explain(model, "art4.1-no-poison", ["farm", "keeper"], [], ON).to_dict()
    assert answer["finding"]["status"] == "applies" and answer["bearer"]["path"] == ["keeper", "person"]
    assert answer["roles"] == ["farm", "keeper"] and answer["finding"]["roles"] == ["keeper"]


def test_what_if_with_two_roles(model):
    answer = queries.what_if(model, "art4.2-report-swarm", ["farm", "keeper"], [], ON).to_dict()
    assert answer["sets"] == [{"saw_swarm": True}]
    answer = queries.what_if(model, "art4.2-report-swarm", ["farm"], [], ON).to_dict()
    assert answer["sets"] == [] and "binds person" in answer["notice"]


def test_a_fact_that_cannot_matter_for_the_asker_is_named_with_the_reason(model):
    answer = queries.ask(model, "keeper", ["near_school"], ON).to_dict()
    assert len(answer["warnings"]) == 1
    warning = answer["warnings"][0]
    assert warning.startswith("fact near_school cannot matter when asking as keeper")
    assert "art2.2-fence-hives (binds unit)" in warning
    assert queries.ask(model, "farm", ["near_school"], ON).to_dict()["warnings"] == []
    # a fact used only by a definition the asker cannot reach
    warnings = queries.ask(model, "keeper", ["in_register"], ON).to_dict()["warnings"]
    assert "whether an actor is a big_farm" in warnings[0]


def test_who_with_roles_keeps_only_their_norms(model):
    everyone = queries.who(model, ["education"]).to_dict()
    assert [g["actor"] for g in everyone["actors"]] == ["big_farm", "inspector"]
    farm = queries.who(model, ["education"], ["farm"]).to_dict()
    assert [g["actor"] for g in farm["actors"]] == ["big_farm"] and farm["roles"] == ["farm"]


def test_cli_repeated_as_and_owed_section():
    runner = CliRunner()
    result = runner.invoke(app, ["ask", "--as", "keeper", "--as", "farm", "--on", ON, "--model", str(HIVES),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["roles"] == ["keeper", "farm"]
    result = runner.invoke(app, ["ask", "--as", "keeper", "--as", "farm", "--fact", "saw_swarm", "--on", ON,
                                 "--model", str(HIVES)])
    assert "one holder of the roles keeper, farm" in result.output
    assert "TOWARDS YOU (2)" in result.output and "inspect hives" in result.output
    result = runner.invoke(app, ["ask", "--as", "keeper", "--fact", "near_school", "--on", ON, "--model", str(HIVES)])
    assert "warning: fact near_school cannot matter" in result.output
    result = runner.invoke(app, ["explain", "art3.1", "--as", "farm", "--as", "big_farm", "--on", ON,
                                 "--model", str(HIVES), "--format", "json"])
    assert json.loads(result.output)["finding"]["status"] == "applies"


def test_explain_of_a_norm_owed_to_the_asker_says_so(model):
    summary = queries.explain(model, "art6.1-inspect", "farm", [], ON).to_dict()["summary"]
    assert summary.endswith("it binds inspector, and farm is not one; "
                            "it is owed to farm as its counterparty (see ask).")
    summary = queries.explain(model, "art6.2-new-register", "farm", [], ON).to_dict()["summary"]
    assert summary.endswith("it binds inspector, and farm is not one.")


def test_explain_and_what_if_warn_about_facts_the_norm_does_not_depend_on(model):
    explained = queries.explain(model, "art2.2-fence-hives", "farm", ["near_school", "saw_swarm"], ON).to_dict()
    assert explained["warnings"] == ["fact saw_swarm cannot change art2.2-fence-hives for farm: "
                                     "its status does not depend on it"]
    asked = queries.what_if(model, "art2.2-fence-hives", "farm", ["near_school"], ON).to_dict()
    assert asked["warnings"] == []
