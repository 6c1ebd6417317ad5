"""ask / explain / what-if / who as service functions, on the synthetic hive model: the JSON
contract, the order of findings, and the errors a user can cause."""

from pathlib import Path

import pytest

from lawcode.engine import queries
from lawcode.errors import QueryError
from lawcode.service import load_model

HIVES = Path(__file__).parent / "fixtures" / "hives.yaml"


@pytest.fixture(scope="module")
def model():
    return load_model(HIVES)


def by_norm(answer: dict) -> dict:
    return {f["norm"]: f for f in answer["findings"]}


def test_ask_json_contract(model):
    answer = queries.ask(model, "farm", ["near_school"], "2021-06-01").to_dict()
    assert list(answer)[:3] == ["regulation", "as", "on"]
    assert answer["regulation"] == "invented-hive-rules-2021" and answer["as"] == "farm"
    assert answer["facts"] == {"near_school": True} and answer["in_force"] is True
    mark = by_norm(answer)["art2.1-mark-hives"]
    assert {k: mark[k] for k in ("kind", "status", "bearer", "cites", "citations")} == {
        "kind": "duty", "status": "applies", "bearer": "unit",
        "cites": ["chp_I__art_2__para_nn_1"], "citations": ["Art. 2(1)"]}
    assert "missing" not in mark and "quote" not in mark  # no text given
    fence = by_norm(answer)["art2.2-fence-hives"]
    assert fence["status"] == "undetermined" and fence["missing"] == ["emergency"]
    assert fence["would_apply_if"] == [{"emergency": False}]
    assert answer["questions"]["emergency"] == "Has an emergency been declared?"


def test_ask_lists_what_applies_before_what_is_undetermined_each_in_kind_order(model):
    findings = queries.ask(model, "farm", [], "2021-06-01").to_dict()["findings"]
    statuses = [f["status"] for f in findings]
    assert statuses == sorted(statuses)  # "applies" < "undetermined"
    open_kinds = [f["kind"] for f in findings if f["status"] == "undetermined"]
    assert open_kinds.index("permission") > max(i for i, k in enumerate(open_kinds) if k == "duty")


def test_ask_leaves_out_what_does_not_apply_and_what_binds_others(model):
    findings = by_norm(queries.ask(model, "farm", ["near_school=false"], "2021-06-01").to_dict())
    assert "art2.2-fence-hives" not in findings  # condition false
    assert "art4.1-no-poison" not in findings  # binds persons
    assert "art9.1-entry-into-force" not in findings  # no bearer


def test_ask_as_defined_subclass_reports_implied_facts(model):
    answer = queries.ask(model, "big_farm", [], "2021-06-01").to_dict()
    assert answer["implied_facts"] == {"exempted": False, "in_register": True}
    assert by_norm(answer)["art3.1-keep-records"]["status"] == "applies"


def test_ask_kind_filter(model):
    answer = queries.ask(model, "inspector", [], "2022-06-01", kind="power").to_dict()
    assert [f["norm"] for f in answer["findings"]] == ["art6.1-inspect"]


def test_ask_before_entry_into_force_says_nothing_is_in_force(model):
    answer = queries.ask(model, "farm", [], "2020-12-31").to_dict()
    assert answer["findings"] == [] and answer["in_force"] is False
    assert "2021-01-01" in answer["notice"]


@pytest.mark.parametrize("call, words, known_first", [
    (lambda m: queries.ask(m, "farmer"), "unknown actor 'farmer'", "farm"),
    (lambda m: queries.ask(m, "farm", ["sells_hony"]), "unknown fact 'sells_hony'", "sells_honey"),
    (lambda m: queries.ask(m, "farm", ["near_school=maybe"]), "neither true nor false", "true"),
    (lambda m: queries.ask(m, "farm", ["emergency", "emergency=false"]), "given twice", None),
    (lambda m: queries.ask(m, "farm", [], "2021-13-01"), "malformed date", None),
    (lambda m: queries.ask(m, "farm", [], "2021-06-01", kind="dutty"), "unknown kind 'dutty'", "duty"),
    (lambda m: queries.explain(m, "art99", "farm"), "unknown norm 'art99'", None),
    (lambda m: queries.explain(m, "art2", "farm"), "ambiguous", "art2.1-mark-hives"),
    (lambda m: queries.ask(m, "big_farm", ["exempted"]), "by its definition", None),
    (lambda m: queries.who(m, []), "no search terms", None),
])
def test_bad_questions_raise_query_errors_listing_what_is_known(model, call, words, known_first):
    with pytest.raises(QueryError) as caught:
        call(model)
    assert words in caught.value.message
    if known_first:
        assert caught.value.known[0] == known_first


def test_unknown_fact_lists_every_declared_fact_closest_first(model):
    with pytest.raises(QueryError) as caught:
        queries.ask(model, "farm", ["sell_honey"])
    assert caught.value.known[0] == "sells_honey"
    assert sorted(caught.value.known) == sorted(f.id for f in model.model.facts)


def test_explain_by_unique_prefix_shows_the_deciding_override(model):
    answer = queries.explain(model, "art5.1", "farm", ["sells_honey", "emergency"], "2021-06-01").to_dict()
    assert answer["finding"]["norm"] == "art5.1-label-honey"
    assert answer["finding"]["status"] == "does_not_apply"
    assert answer["decided_by"] == ["overridden_by:art5.2-emergency-sale"]
    override = answer["parts"][-1]
    assert override["value"] is True and override["effect"] == "blocks"
    assert override["overrider"]["parts"][0]["facts"][0] == {
        "fact": "emergency", "value": True, "source": "given", "question": "Has an emergency been declared?"}


def test_explain_shows_the_is_a_path_and_where_values_come_from(model):
    answer = queries.explain(model, "art3.1-keep-records", "big_farm", [], "2021-06-01").to_dict()
    assert answer["bearer"]["path"] == ["big_farm"]
    answer = queries.explain(model, "art3.1-keep-records", "farm", ["in_register"], "2021-06-01").to_dict()
    assert answer["bearer"]["path"] == ["farm", "unit"]
    assert answer["bearer"]["defined"] == [{"actor": "big_farm", "condition": "in_register and not exempted"}]
    sources = {f["fact"]: f["source"] for f in answer["parts"][0]["facts"]}
    assert sources == {"in_register": "given", "exempted": "unknown"}
    assert answer["finding"]["status"] == "undetermined" and answer["decided_by"] == ["defined_by:big_farm"]


def test_explain_says_why_a_norm_does_not_apply(model):
    wrong_actor = queries.explain(model, "art4.2", "farm", [], "2021-06-01").to_dict()
    assert wrong_actor["decided_by"] == ["bearer"] and wrong_actor["bearer"]["matches"] is False
    too_early = queries.explain(model, "art6.2", "inspector", [], "2021-06-01").to_dict()
    assert too_early["decided_by"] == ["validity"] and too_early["validity"]["start"] == "2022-01-01"


def test_a_norm_without_bearer_binds_no_one_in_particular(model):
    answer = queries.explain(model, "art9.1", "farm", [], "2021-06-01").to_dict()
    assert answer["finding"]["status"] == "does_not_apply" and answer["decided_by"] == ["bearer"]
    assert "binds no one in particular" in answer["summary"]
    assert queries.what_if(model, "art9.1", "farm", [], "2021-06-01").to_dict()["sets"] == []
