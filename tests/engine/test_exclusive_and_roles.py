"""Exclusive fact groups (the characteristic at issue) and an actor holding several roles."""

from __future__ import annotations

import pytest

from lawcode.engine.assess import assess
from lawcode.engine.queries import ask
from lawcode.errors import QueryError

ON = "2023-06-01"


@pytest.fixture(scope="module")
def equality():
    from lawcode.service import load_model

    return load_model("uk-equality-act-2010")


def test_one_member_true_makes_the_others_false(equality):
    implied = ask(equality, "service_provider", {"pc_race": True}, ON).question.implied_facts
    assert implied["pc_sex"] is False and implied["pc_age"] is False
    assert "pc_race" not in implied  # given, not implied


def test_two_members_true_is_an_error(equality):
    with pytest.raises(QueryError) as error:
        ask(equality, "service_provider", {"pc_race": True, "pc_sex": True}, ON)
    assert "exclude each other (group characteristic)" in str(error.value)


def test_without_the_group_the_other_characteristics_would_keep_it_open(equality):
    facts = {"b_seeks": True, "pc_marriage_civil_partnership": True, "less_favourable_treatment": True,
             "because_of_characteristic": True, "schedule_3_exception": False}
    answer = assess(equality, "service_provider", facts, ON).to_dict()
    # marriage is outside Part 3 (s.28(1)(b)); with the other characteristics false by exclusion,
    # nothing else can make the refusal discrimination
    assert "s29.1-no-discriminatory-refusal" in answer["not_contravened"]


def test_several_roles_share_what_each_role_implies(equality):
    answer = assess(equality, ["employer", "service_provider"], {"b_has": True}, "2025-03-01").to_dict()
    items = {a["norm"]: a for a in answer["assessments"]}
    # as a service-provider alone, the employer's prohibition would also wait for employs_or_recruits
    assert "employs_or_recruits" not in items["s39.2-no-discrimination-against-employees"]["missing"]
    assert items["s39.2-no-discrimination-against-employees"]["roles"] == ["employer", "service_provider"]


def test_a_contravention_rests_only_on_the_concepts_that_hold(equality):
    facts = {"b_seeks": True, "pc_race": True, "less_favourable_treatment": True, "because_of_characteristic": True,
             "schedule_3_exception": False}
    items = {a["norm"]: a for a in assess(equality, "service_provider", facts, ON).to_dict()["assessments"]}
    provisions = items["s29.1-no-discriminatory-refusal"]["provisions"]
    assert "sec_13__subsec_1" in provisions and "sec_4__para_nn_1" in provisions
    assert "sec_19__subsec_1" not in provisions  # indirect discrimination is still open, but not needed


def test_undetermined_assessments_come_closest_first(equality):
    facts = {"b_seeks": True, "pc_sex": True, "less_favourable_treatment": True, "because_of_characteristic": True}
    items = assess(equality, "employer", facts, "2025-03-01").to_dict()["assessments"]
    sizes = [len(item["missing"]) for item in items]
    assert sizes == sorted(sizes) and sizes[0] == 1
    recruitment = next(i for i in items if i["norm"] == "s39.1-no-discrimination-in-recruitment")
    assert recruitment["missing"] == ["schedule_9_exception"]
