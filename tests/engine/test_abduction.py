"""What-if: minimal sets of facts, on the synthetic hive model."""

from pathlib import Path

import pytest

from lawcode.engine import queries
from lawcode.service import load_model

HIVES = Path(__file__).parent / "fixtures" / "hives.yaml"


@pytest.fixture(scope="module")
def model():
    return load_model(HIVES)


def sets(model, norm, actor, facts=(), stop=False):
    return queries.what_if(model, norm, actor, list(facts), "2021-06-01", stop).to_dict()


def test_the_bearers_definition_counts(model):
    assert sets(model, "art3.1", "farm")["sets"] == [{"exempted": False, "in_register": True}]


def test_an_overriding_norm_must_be_kept_out(model):
    assert sets(model, "art5.1", "farm")["sets"] == [{"emergency": False, "sells_honey": True}]


def test_known_facts_stay_and_smaller_sets_suffice(model):
    assert sets(model, "art5.1", "farm", ["sells_honey"])["sets"] == [{"emergency": False}]


def test_stop_applying_has_one_minimal_set_per_way_out(model):
    answer = sets(model, "art2.2", "farm", ["near_school"], stop=True)
    assert answer["goal"] == "stop" and answer["sets"] == [{"emergency": True}]
    answer = sets(model, "art2.2", "farm", [], stop=True)
    assert answer["sets"] == [{"emergency": True}, {"near_school": False}]  # no superset of either


def test_sets_are_minimal_with_a_disjunction(tmp_path):
    text = (HIVES.read_text(encoding="utf-8")
            .replace("    condition: near_school\n", "    condition: near_school or (sells_honey and exempted)\n"))
    path = tmp_path / "or.yaml"
    path.write_text(text, encoding="utf-8")
    found = sets(load_model(path), "art2.2", "farm")["sets"]
    assert found == [{"emergency": False, "near_school": True},
                     {"emergency": False, "exempted": True, "sells_honey": True}]


def test_already_applying_needs_nothing(model):
    answer = sets(model, "art2.1", "farm")
    assert answer["sets"] == [{}] and "already" in answer["notice"]


def test_a_bearer_that_can_never_match_is_said_so(model):
    answer = sets(model, "art3.1", "keeper")
    assert answer["sets"] == [] and "binds big_farm" in answer["notice"]


def test_blocked_by_known_facts(model):
    answer = sets(model, "art2.2", "farm", ["near_school=false"])
    assert answer["sets"] == [] and "no facts can make" in answer["notice"]
