"""Norm status on the synthetic hive model: bearer matching, conditions, exceptions, overrides,
validity."""

import datetime as dt
from pathlib import Path

import pytest

from lawcode.engine.applicability import DEFINED_BY, OVERRIDDEN_BY, UNLESS, engine_for
from lawcode.service import load_model

HIVES = Path(__file__).parent / "fixtures" / "hives.yaml"
JUNE = dt.date(2021, 6, 1)


@pytest.fixture(scope="module")
def engine():
    return engine_for(load_model(HIVES))


def status(engine, norm_id, actor, facts=None, on=JUNE):
    norm = engine.by_id[norm_id]
    return engine.status(norm, engine.bearer_match(actor, norm.bearer), facts or {}, on)


def test_what_binds_a_class_binds_its_subclasses(engine):
    match = engine.bearer_match("farm", "unit")
    assert match.matches and match.path == ("farm", "unit") and match.defined == ()
    assert status(engine, "art2.1-mark-hives", "farm").value == "applies"


def test_unrelated_actor_does_not_match(engine):
    assert not engine.bearer_match("keeper", "unit").matches
    assert status(engine, "art2.1-mark-hives", "keeper").value == "does_not_apply"
    assert "art2.1-mark-hives" not in [n.id for n, _ in engine.candidates("keeper")]


def test_defined_subclass_matches_its_parent_class_conditionally(engine):
    match = engine.bearer_match("farm", "big_farm")
    assert match.path == ("farm", "unit") and match.defined == ("big_farm",)
    result = status(engine, "art3.1-keep-records", "farm")
    assert result.value == "undetermined"
    assert result.missing == ("exempted", "in_register")
    assert [p.role for p in result.parts] == [DEFINED_BY]
    assert status(engine, "art3.1-keep-records", "farm", {"in_register": True, "exempted": False}).value == "applies"
    assert status(engine, "art3.1-keep-records", "farm", {"in_register": False}).value == "does_not_apply"


def test_asking_as_the_defined_subclass_implies_its_definition(engine):
    assert engine.implied_facts("big_farm") == {"in_register": True, "exempted": False}
    assert engine.implied_facts("farm") == {}
    assert status(engine, "art3.1-keep-records", "big_farm").value == "applies"
    assert status(engine, "art2.1-mark-hives", "big_farm").value == "applies"  # its parent's duties too


def test_exception_unknown_leaves_the_norm_undetermined_and_true_blocks_it(engine):
    result = status(engine, "art2.2-fence-hives", "farm", {"near_school": True})
    assert result.value == "undetermined" and result.missing == ("emergency",)
    blocked = status(engine, "art2.2-fence-hives", "farm", {"near_school": True, "emergency": True})
    assert blocked.value == "does_not_apply"
    assert [p.role for p in blocked.parts if p.evaluation.value is False] == [UNLESS]
    assert status(engine, "art2.2-fence-hives", "farm", {"near_school": False}).value == "does_not_apply"


def test_overriding_norm_displaces_when_its_condition_holds(engine):
    facts = {"sells_honey": True}
    open_ = status(engine, "art5.1-label-honey", "farm", facts)
    assert open_.value == "undetermined" and open_.missing == ("emergency",)  # the overrider's fact
    displaced = status(engine, "art5.1-label-honey", "farm", {**facts, "emergency": True})
    assert displaced.value == "does_not_apply"
    assert displaced.parts[-1].role == OVERRIDDEN_BY and displaced.parts[-1].source == "art5.2-emergency-sale"
    assert status(engine, "art5.1-label-honey", "farm", {**facts, "emergency": False}).value == "applies"


def test_validity_start_and_entry_into_force(engine):
    assert status(engine, "art6.2-new-register", "inspector", on=dt.date(2021, 12, 31)).value == "does_not_apply"
    assert status(engine, "art6.2-new-register", "inspector", on=dt.date(2022, 1, 1)).value == "applies"
    before = status(engine, "art6.1-inspect", "inspector", on=dt.date(2020, 12, 31))
    assert before.value == "does_not_apply" and not before.valid


def test_repeal_ends_everything(tmp_path):
    text = HIVES.read_text(encoding="utf-8").replace("  in_force: 2021-01-01\n", "  in_force: 2021-01-01\n  repealed: 2023-01-01\n")
    path = tmp_path / "repealed.yaml"
    path.write_text(text, encoding="utf-8")
    engine = engine_for(load_model(path))
    assert status(engine, "art2.1-mark-hives", "farm", on=dt.date(2022, 12, 31)).value == "applies"
    assert status(engine, "art2.1-mark-hives", "farm", on=dt.date(2023, 1, 1)).value == "does_not_apply"


def test_answer_order_puts_duties_and_prohibitions_first_then_article_order(engine):
    kinds = [n.kind.value for n in engine.norms]
    assert kinds.index("prohibition") > max(i for i, k in enumerate(kinds) if k == "duty")
    duties = [n.id for n in engine.norms if n.kind.value == "duty"]
    assert duties.index("art2.2-fence-hives") < duties.index("art4.2-report-swarm") < duties.index("art6.2-new-register")
