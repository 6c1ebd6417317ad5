"""Defined concepts (derived facts), roles taken on by conduct, a Schedule not in the text, and
assess - on a synthetic model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_main as run_cli
from lawcode.cli import app
from lawcode.engine.assess import assess
from lawcode.engine.queries import ask, explain

SHOP = Path(__file__).parent / "fixtures" / "shop.yaml"
ON = "2022-06-01"


@pytest.fixture(scope="module")
def shop():
    from lawcode.service import load_model

    return load_model(SHOP)


def findings(answer) -> dict[str, dict]:
    return {f.norm: f.to_dict() for f in answer.findings}


def assessed(answer) -> dict[str, dict]:
    return {a["norm"]: a for a in answer.to_dict()["assessments"]}


def test_a_concept_is_decided_by_its_definition_down_to_the_facts(shop):
    facts = {"has_listed_trait": True, "treated_worse": True, "because_of_trait": True}
    item = assessed(assess(shop, "trader", facts, ON))["s6-no-unfair-dealing"]
    # the Schedule 1 exception is open: never a silent "contravened"
    assert item["result"] == "undetermined" and item["missing"] == ["schedule_1_exception"]
    conduct = item["parts"][-1]
    assert conduct["role"] == "conduct" and conduct["expression"] == "unfair_dealing" and conduct["value"] is True
    [dealing] = conduct["concepts"]
    assert dealing["concept"] == "unfair_dealing" and dealing["source"] == "derived"
    direct = dealing["concepts"][0]
    assert direct["concept"] == "direct_unfairness" and direct["value"] is True
    assert direct["facts"] == [{"fact": "treated_worse", "value": True}, {"fact": "because_of_trait", "value": True}]
    assert direct["concepts"][0]["concept"] == "protected_customer"
    assert direct["concepts"][0]["facts"] == [{"fact": "has_listed_trait", "value": True}]


def test_contravened_rests_on_the_norm_and_the_concepts_that_hold(shop):
    facts = {"has_listed_trait": True, "treated_worse": True, "because_of_trait": True,
             "schedule_1_exception": False, "same_rule_for_all": False}
    item = assessed(assess(shop, "trader", facts, ON))["s6-no-unfair-dealing"]
    assert item["result"] == "contravened"
    # s.6 itself, then unfair dealing (s.4(2), s.5), direct unfairness (s.4(1)), the trait (s.3);
    # indirect unfairness is false, so its provision is not among them beyond what s.5 already gave
    assert item["provisions"] == ["sec_6", "sec_4__para_2", "sec_5", "sec_4__para_1", "sec_3"]


def test_not_contravened_when_the_conduct_did_not_happen(shop):
    answer = assess(shop, "trader", {"treated_worse": False, "same_rule_for_all": False}, ON).to_dict()
    # a trader may also employ staff (roles combine): the hiring prohibition is not breached either
    assert answer["assessments"] == []
    assert answer["not_contravened"] == ["s6-no-unfair-dealing", "s7-no-unfair-hiring"]


def test_a_concept_given_as_a_fact_is_taken_as_given(shop):
    item = assessed(assess(shop, "employer", {"direct_unfairness": True}, ON))["s7-no-unfair-hiring"]
    assert item["result"] == "contravened"
    assert item["parts"][-1]["concepts"][0]["source"] == "given"
    assert item["parts"][-1]["concepts"][0]["concepts"] == []


def test_undetermined_lists_base_facts_and_would_apply_if(shop):
    answer = ask(shop, "person", {"sells_to_public": True}, ON)
    found = findings(answer)
    assert found["s6-no-unfair-dealing"]["missing"] == ["schedule_1_exception"]
    assert found["s6-no-unfair-dealing"]["would_apply_if"] == [{"schedule_1_exception": False}]
    assert found["s6-no-unfair-dealing"]["subject_to"] == [{"schedule": "Schedule 1",
                                                             "exception": "schedule_1_exception"}]


def test_roles_taken_on_by_conduct_combine(shop):
    both = findings(ask(shop, "person", {"sells_to_public": True, "employs_staff": True}, ON))
    assert set(both) == {"s6-no-unfair-dealing", "s7-no-unfair-hiring", "s8-keep-records"}
    assert both["s7-no-unfair-hiring"]["status"] == "applies"
    neither = findings(ask(shop, "person", {"sells_to_public": False, "employs_staff": False}, ON))
    assert neither == {}
    assert ask(shop, "trader", {}, ON).question.implied_facts == {"sells_to_public": True}


def test_explain_names_the_schedule_and_shows_the_chain(shop):
    answer = explain(shop, "s6", "trader", {"schedule_1_exception": True}, ON).to_dict()
    assert answer["finding"]["status"] == "does_not_apply"
    assert answer["decided_by"] == ["subject_to:Schedule 1"]
    assert "an exception in Schedule 1 (not in the text) applies" in answer["summary"]


def test_a_concept_in_a_condition_is_explained_with_its_chain(tmp_path):
    from lawcode.service import load_model

    text = SHOP.read_text().replace("    condition: employs_staff\n", "    condition: direct_unfairness\n")
    (tmp_path / "m.yaml").write_text(text)
    loaded = load_model(tmp_path / "m.yaml")
    answer = explain(loaded, "s8", "employer", {"has_listed_trait": True, "treated_worse": True}, ON).to_dict()
    assert answer["finding"]["missing"] == ["because_of_trait"]
    [condition] = answer["parts"]
    assert condition["concepts"][0]["concept"] == "direct_unfairness"
    assert condition["concepts"][0]["cites"] == ["sec_4__para_1"]
    result = CliRunner().invoke(app, ["explain", "s8", "--as", "employer", "-f", "has_listed_trait", "--on", ON,
                                      "--model", str(tmp_path / "m.yaml")])
    assert "direct_unfairness = unknown (by its definition: protected_customer and treated_worse and " \
           "because_of_trait) [s. 4(1)]" in " ".join(result.output.split())


@pytest.mark.parametrize("change, message", [
    ("derived_by: has_listed_trait\n", "derived_by: unfair_dealing\n"),
])
def test_concepts_defined_in_a_circle_are_a_model_error(tmp_path, change, message):
    from lawcode.errors import ModelError
    from lawcode.model.loader import read_valid_model

    (tmp_path / "m.yaml").write_text(SHOP.read_text().replace(change, message))
    with pytest.raises(ModelError) as error:
        read_valid_model(tmp_path / "m.yaml")
    assert "define each other in a circle: protected_customer -> unfair_dealing -> direct_unfairness -> " \
           "protected_customer" in str(error.value)
    assert f"{tmp_path / 'm.yaml'}:" in str(error.value)


def test_an_undeclared_fact_in_a_concept_is_reported_at_its_line(tmp_path):
    from lawcode.errors import ModelError
    from lawcode.model.loader import read_valid_model

    text = SHOP.read_text().replace("derived_by: has_listed_trait\n", "derived_by: has_listed_trat\n")
    (tmp_path / "m.yaml").write_text(text)
    with pytest.raises(ModelError) as error:
        read_valid_model(tmp_path / "m.yaml")
    line = text.splitlines().index("    derived_by: has_listed_trat") + 1
    assert f"m.yaml:{line}: fact protected_customer derived_by: fact 'has_listed_trat' is not declared" \
        in str(error.value)


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """The command line, asked of the synthetic shop model."""
    return run_cli(monkeypatch, capsys, *args, "--model", str(SHOP))


def test_assess_command_renders_contraventions_and_takes_several_roles(monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys, "assess", "--as", "trader", "--as", "employer", "--on", ON,
                              "-f", "has_listed_trait", "-f", "treated_worse", "-f", "because_of_trait",
                              "-f", "schedule_1_exception=false")
    assert code == 0, err
    flat = " ".join(out.split())
    assert "CONTRAVENED (2)" in flat
    assert "s6-no-unfair-dealing: not deal unfairly with a customer" in flat
    assert "subject to Schedule 1, which is not in the text" in flat
    code, out, err = run_main(monkeypatch, capsys, "assess", "--as", "trader", "--on", ON, "--format", "json")
    answer = json.loads(out)
    assert answer["as"] == "trader" and answer["roles"] == ["trader"]
    assert answer["assessments"][0]["result"] == "undetermined"
    assert "schedule_1_exception" in answer["questions"]


def test_assess_before_entry_into_force_says_so(monkeypatch, capsys):
    code, out, _err = run_main(monkeypatch, capsys, "assess", "--as", "trader", "--on", "2021-12-31")
    assert code == 0 and "nothing in Invented Fair Dealing Act is in force" in " ".join(out.split())


def test_assess_with_an_unknown_actor_is_a_user_error(monkeypatch, capsys):
    code, _out, err = run_main(monkeypatch, capsys, "assess", "--as", "shop", "--on", ON)
    assert code == 2 and "unknown actor 'shop'" in err


def test_each_provision_is_named_once(shop):
    facts = {"has_listed_trait": True, "treated_worse": True, "because_of_trait": True}
    item = assessed(assess(shop, "trader", facts, ON))["s6-no-unfair-dealing"]
    assert item["provisions"] == ["sec_6", "sec_4__para_2", "sec_5", "sec_4__para_1", "sec_3"]
