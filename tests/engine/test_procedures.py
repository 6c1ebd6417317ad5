"""Procedures: running events through a model's state machines (synthetic model and the TAR)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import deque
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawcode.engine.procedures import run_procedure
from lawcode.errors import QueryError

HARBOUR = Path(__file__).parent / "fixtures" / "harbour.yaml"


def shortest_event_paths(procedure) -> dict[str, list[str]]:
    """Breadth-first search: for every reachable state, a shortest list of events leading to it."""
    paths = {procedure.initial: []}
    queue = deque([procedure.initial])
    while queue:
        state = queue.popleft()
        for transition in procedure.transitions:
            if transition.source == state and transition.target not in paths:
                paths[transition.target] = paths[state] + [transition.event]
                queue.append(transition.target)
    return paths


def final_states(procedure) -> list[str]:
    return [s.id for s in procedure.states if s.final]


def assert_reaches_every_final_state(loaded) -> int:
    """Run each procedure to each of its final states; return how many runs were made."""
    runs = 0
    for procedure in loaded.model.procedures:
        paths = shortest_event_paths(procedure)
        finals = final_states(procedure)
        assert finals, f"procedure {procedure.id} has no final state"
        for state in finals:
            assert state in paths, f"final state {state} of {procedure.id} cannot be reached"
            run = run_procedure(loaded, procedure.id, paths[state])
            assert run.state == state and run.final and run.next == ()
            assert [s.event for s in run.path] == paths[state]
            assert run.path == () or run.path[-1].target == state
            runs += 1
    return runs


# --- synthetic model ----------------------------------------------------------------------------


def test_every_final_state_of_the_synthetic_procedures_is_reached(harbour):
    assert assert_reaches_every_final_state(harbour) == 3  # corrected, released, decided


def test_seal_path_records_each_step_with_actor_mode_and_provision(harbour):
    events = ["order_correction", "refuse", "seal", "hazard_eliminated", "release"]
    run = run_procedure(harbour, "inspection", events)
    assert run.state == "released" and run.final and run.state_label == "seal released"
    assert [(s.source, s.target) for s in run.path] == [
        ("found", "ordered"), ("ordered", "refused"), ("refused", "sealed"), ("sealed", "cleared"),
        ("cleared", "released")]
    assert [(s.actor, s.mode) for s in run.path] == [
        ("authority", "must"), ("operator", "occurs"), ("authority", "may"), ("operator", "occurs"),
        ("authority", "must")]
    assert run.path[-1].cites == ("chp_II__art_14__para_nn_2",)
    assert run.path[-1].citations == ("Art. 14(2)",)


def test_without_events_the_run_shows_the_initial_state_and_next_steps(harbour):
    run = run_procedure(harbour, "inspection", [])
    assert run.state == "found" and not run.final and run.path == ()
    assert [(s.event, s.target, s.actor, s.mode) for s in run.next] == [
        ("order_correction", "ordered", "authority", "must")]


def test_next_steps_list_every_way_out_of_the_state_reached(harbour):
    run = run_procedure(harbour, "inspection", ["order_correction"])
    assert sorted(s.event for s in run.next) == ["correct", "refuse"]
    assert all(s.source == "ordered" for s in run.next)


def test_releasing_before_sealing_is_refused_naming_step_state_and_allowed_events(harbour):
    with pytest.raises(QueryError) as caught:
        run_procedure(harbour, "inspection", ["order_correction", "refuse", "release"])
    message = str(caught.value)
    assert "step 3" in message and "'release'" in message and "'refused'" in message
    assert message.endswith("events allowed there: seal")


def test_an_event_unknown_to_the_procedure_is_told_apart_from_a_misplaced_one(harbour):
    with pytest.raises(QueryError, match=r"not an event of this procedure.*allowed there: order_correction"):
        run_procedure(harbour, "inspection", ["inspect"])


def test_no_event_is_allowed_after_a_final_state(harbour):
    with pytest.raises(QueryError, match=r"step 3.*'corrected' is a final state"):
        run_procedure(harbour, "inspection", ["order_correction", "correct", "refuse"])


def test_unknown_procedure_lists_the_procedures_closest_first(harbour):
    with pytest.raises(QueryError) as caught:
        run_procedure(harbour, "apeal", [])
    assert caught.value.known == ["appeal", "inspection"]
    with pytest.raises(QueryError) as caught:
        run_procedure(harbour, "inspektion", [])
    assert caught.value.known[0] == "inspection"


def test_run_serialises_with_the_field_names_of_the_cli_json(harbour):
    data = run_procedure(harbour, "inspection", ["order_correction"]).to_dict()
    assert data["state"] == "ordered" and data["final"] is False
    assert list(data["path"][0]) == ["from", "event", "to", "actor", "mode", "cites", "citations"]
    assert {s["event"] for s in data["next"]} == {"correct", "refuse"}


def test_cli_procedure_json_and_error_exit_code(harbour):
    from lawcode.cli import app

    result = CliRunner().invoke(app, ["procedure", "inspection", "--model", str(HARBOUR), "--event",
                                      "order_correction", "--event", "refuse", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["state"] == "refused" and [s["event"] for s in data["next"]] == ["seal"]
    failed = subprocess.run([sys.executable, "-m", "lawcode", "procedure", "inspection", "--model", str(HARBOUR),
                             "-e", "release"], capture_output=True, text=True)
    assert failed.returncode == 2
    assert "step 1" in failed.stderr and "allowed there: order_correction" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_cli_procedure_human_output_names_state_and_next_steps(harbour):
    from lawcode.cli import app

    result = CliRunner().invoke(app, ["procedure", "inspection", "--model", str(HARBOUR), "-e", "order_correction"])
    assert result.exit_code == 0, result.output
    assert "State reached: ordered (correction ordered), not final" in result.stdout
    assert "refuse" in result.stdout and "Art. 14(1)" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


# --- the TAR model ------------------------------------------------------------------------------


def test_every_tar_procedure_reaches_each_of_its_final_states(tar_model):
    assert len(tar_model.model.procedures) >= 2
    assert assert_reaches_every_final_state(tar_model) >= 4


def cited_words(document, step) -> str:
    return " ".join(document.get(eid).full_text() for eid in step.cites).lower()


def test_tar_equipment_is_released_only_after_seal_and_elimination_of_the_danger(tar_model, tar_document):
    events = ["order_correction", "refuse_or_fall_short", "seal_or_seize", "danger_eliminated", "release"]
    run = run_procedure(tar_model, "telecom_equipment_seal", events, tar_document)
    assert run.state == "released" and run.final
    order, _failed, seal, _eliminated, release = run.path
    # Art. 21(1): the organ orders corrections ("shall"), and on refusal it "may" seal or seize.
    assert (order.actor, order.mode) == ("state_security_organ", "must") and "shall order" in cited_words(tar_document, order)
    assert seal.mode == "may" and "may be sealed" in cited_words(tar_document, seal)
    assert seal.citations == ("Art. 21(1)",)
    # Art. 21(2): release after the endangering situation is eliminated is the organ's duty.
    assert (release.actor, release.mode) == ("state_security_organ", "must") and release.citations == ("Art. 21(2)",)
    assert "eliminated" in cited_words(tar_document, release) and "released" in cited_words(tar_document, release)


def test_tar_release_before_sealing_is_refused_listing_the_allowed_events(tar_model):
    with pytest.raises(QueryError) as caught:
        run_procedure(tar_model, "telecom_equipment_seal", ["order_correction", "refuse_or_fall_short", "release"])
    assert str(caught.value).endswith("events allowed there: forgo_seizure, seal_or_seize")
    assert "step 3" in str(caught.value)


def test_tar_unit_failure_escalates_through_a_talk_to_sanctions(tar_model, tar_document):
    events = ["order_correction", "fail_to_correct", "hold_talk", "found_serious", "impose_sanctions"]
    run = run_procedure(tar_model, "unit_failure_escalation", events, tar_document)
    assert run.state == "sanctioned" and run.final
    talk = run.path[2]
    # Art. 29: the organ "may have a talk" with the person in charge: a discretion, not a duty.
    assert (talk.actor, talk.mode) == ("state_security_organ", "may") and "may have a talk" in cited_words(tar_document, talk)
    assert all(step.citations == ("Art. 29",) for step in run.path)


def test_tar_organ_failure_is_corrected_then_sanctioned_by_the_organ_above(tar_model):
    run = run_procedure(tar_model, "organ_failure", ["order_correction", "impose_sanctions"])
    assert run.state == "sanctioned" and run.final
    assert {step.actor for step in run.path} == {"superior_organ"}


def test_cli_procedure_on_the_shipped_model_by_its_regulation_id(tar_path):
    from lawcode.cli import app

    result = CliRunner().invoke(app, ["procedure", "telecom_equipment_seal", "-r", "tar-counter-espionage-2021",
                                      "--text", str(tar_path),
                                      "-e", "order_correction", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["state"] == "correction_ordered" and data["path"][0]["citations"] == ["Art. 21(1)"]
    assert sorted(s["event"] for s in data["next"]) == ["correct", "refuse_or_fall_short"]
