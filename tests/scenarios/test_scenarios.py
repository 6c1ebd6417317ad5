"""lawcode test: scenario files beside a (synthetic) model, run and reported."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawcode.cli import app, main

HARBOUR = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "harbour.yaml"

PASSING = """\
lawcode_tests: 1
regulation: harbour-inspections-2020
date: 2021-06-01
cases:
  - name: a cargo operator trains its staff
    as: operator
    facts: {handles_cargo: true}
    applies: [art13.1.2-train-staff, art13.2-report-accidents]
    undetermined:
      - {norm: art130.1-keep-logs, missing: [in_registry]}
    absent: [art14.1-inspect]
    only: true
  - name: two roles at once
    as: [operator, authority]
    facts: {in_registry: true}
    applies: [art14.1-inspect, art130.1-keep-logs]
    explain:
      - {norm: art130.1-keep-logs, status: applies, cites: [chp_II__art_130__para_nn_1]}
  - name: before the entry into force
    as: operator
    date: 2020-02-29
    in_force: false
    absent: [art13.2-report-accidents]
  - name: a refused correction leads to a seal, then a release
    procedure:
      name: inspection
      events: [order_correction, refuse, seal, hazard_eliminated, release]
      state: released
      final: true
  - name: a seal cannot come before an order
    procedure: {name: inspection, events: [seal], refused_at: 1}
  - name: no release while sealed
    procedure: {name: inspection, events: [order_correction, refuse, seal], state: sealed, refused: [release]}
  - name: the safety day
    calendar:
      year: 2021
      dates: [{date: 2021-01-10, id: safety_day}]
      absent: [entry_into_force]
  - name: who keeps logs
    who: {terms: [logs], actors: [key_operator], norms: [art130.1-keep-logs], absent_actors: [authority]}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A regulation folder as a model author has it: model.yaml, and tests/ beside it."""
    regulation = tmp_path / "harbour"
    (regulation / "tests").mkdir(parents=True)
    shutil.copy(HARBOUR, regulation / "model.yaml")
    return regulation


def run(*args: str):
    return CliRunner().invoke(app, ["test", *args])


def write(folder: Path, text: str, name: str = "cases.yaml") -> Path:
    path = folder / "tests" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_passing_cases_exit_0_and_say_how_many(folder):
    write(folder, PASSING)
    result = run(str(folder))
    assert result.exit_code == 0, result.output
    assert "8 passed" in result.output
    assert "OK: 8 of 8 case(s) passed" in result.output


def test_a_failing_expectation_names_case_expected_got_norm_and_provision(folder):
    path = write(folder, PASSING.replace("applies: [art13.1.2-train-staff, art13.2-report-accidents]",
                                         "applies: [art13.1.2-train-staff, art130.1-keep-logs]"))
    result = run(str(path))
    assert result.exit_code == 1
    assert f"FAIL {path}:5 - a cargo operator trains its staff" in result.output
    assert "applies: expected applies, got undetermined" in result.output
    assert "look at norm art130.1-keep-logs; provisions chp_II__art_130__para_nn_1" in result.output
    # ``only`` now finds the report duty unlisted
    assert "only the listed norms: expected nothing else, got art13.2-report-accidents" in result.output
    assert "FAILED: 7 of 8" in result.output


def test_wrong_missing_facts_and_wrong_state_fail(folder):
    text = PASSING.replace("missing: [in_registry]", "missing: [handles_cargo]").replace("state: sealed", "state: cleared")
    result = run(str(write(folder, text)), "--format", "json")
    assert result.exit_code == 1
    answer = json.loads(result.output)
    failed = {c["what"]: c for r in answer["results"] for c in r["checks"] if not c["passed"]}
    assert failed["missing facts"]["expected"] == "handles_cargo"
    assert failed["missing facts"]["got"] == "in_registry"
    assert failed["procedure state"] == {"what": "procedure state", "expected": "cleared", "got": "sealed",
                                         "passed": False, "provisions": ["chp_II__art_14__para_nn_1"]}
    assert answer["failed"] == 2 and answer["cases"] == 8


def test_a_refusal_expected_but_accepted_fails(folder):
    result = run(str(write(folder, PASSING.replace("refused: [release]", "refused: [hazard_eliminated]"))))
    assert result.exit_code == 1
    assert "refused: expected hazard_eliminated refused in sealed, got allowed" in result.output


def test_an_unknown_norm_in_a_case_fails_that_case_with_the_known_names(folder):
    result = run(str(write(folder, PASSING.replace("absent: [art14.1-inspect]", "absent: [art14.1-inspekt]"))))
    assert result.exit_code == 1
    assert "the case names unknown norm 'art14.1-inspekt'" in result.output
    assert "known: art14.1-inspect" in result.output


def test_coverage_counts_norms_transitions_states_and_facts(folder):
    write(folder, PASSING)
    answer = json.loads(run(str(folder), "--coverage", "--format", "json").output)
    coverage = answer["coverage"][0]
    assert coverage["norms"]["missed"] == ["art30-entry-into-force"]  # no bearer: only explain reaches it
    assert coverage["norms"]["exercised"] == 4
    assert coverage["transitions"]["missed"] == ["inspection: ordered -correct-> corrected",
                                                 "appeal: lodged -decide-> decided"]
    assert coverage["states"]["exercised"] == 6 and coverage["states"]["total"] == 9
    assert coverage["facts"] == {"exercised": 2, "total": 2, "percent": 100.0, "missed": []}
    human = run(str(folder), "--coverage").output
    assert "norms: 4/5 (80%)" in human
    assert "not exercised: art30-entry-into-force" in human


@pytest.mark.parametrize("text, line, message", [
    ("lawcode_tests: 1\nregulation: harbour-inspections-2020\ncases:\n  - name: x\n    as: operator\n    aplies: [a]\n",
     6, "cases[0] (x): unknown field 'aplies' (did you mean applies"),
    ("lawcode_tests: 1\nregulation: harbour-inspections-2020\ncases:\n  - name: x\n    date: 2021-02-30\n",
     5, "cannot read value '2021-02-30'"),
    ("lawcode_tests: 1\nregulation: harbour-inspections-2020\ncases:\n  - name: [x\n", 4, "YAML syntax error"),
    ("lawcode_tests: 1\nregulation: tar-counter-espionage-2021\ncases:\n  - name: x\n    as: operator\n    applies: [a]\n",
     1, "the tests are for 'tar-counter-espionage-2021' but the model beside them is 'harbour-inspections-2020'"),
])
def test_a_bad_test_file_is_a_user_error_with_file_and_line(monkeypatch, capsys, folder, text, line, message):
    path = write(folder, text)
    code, error = run_main(monkeypatch, capsys, str(path))
    assert code == 2
    assert error.startswith(f"lawcode: error: {path}:{line}: ") and message in error and "Traceback" not in error


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Run the real entry point (which turns user errors into exit code 2) and read stderr."""
    monkeypatch.setattr(sys, "argv", ["lawcode", "test", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    return exit_.value.code, capsys.readouterr().err


def test_a_missing_path_is_a_user_error(monkeypatch, capsys):
    code, error = run_main(monkeypatch, capsys, "/nonexistent/tests.yaml")
    assert code == 2
    assert "no such test file or folder" in error


def test_schema_tests_publishes_the_case_format():
    result = CliRunner().invoke(app, ["schema", "--tests"])
    schema = json.loads(result.output)
    assert schema["title"] == "lawcode scenario tests"
    case = schema["$defs"]["Case"]["properties"]
    assert {"as", "facts", "date", "applies", "undetermined", "absent", "explain", "procedure", "calendar",
            "who"} <= set(case)
    assert schema["$defs"]["Case"]["additionalProperties"] is False


SHOP_CASES = """\
lawcode_tests: 1
regulation: invented-fair-dealing-2022
date: 2022-06-01
cases:
  - name: worse treatment because of a listed trait, no Schedule 1 exception
    as: trader
    facts: {has_listed_trait: true, treated_worse: true, because_of_trait: true, schedule_1_exception: false}
    assess:
      - {norm: s6-no-unfair-dealing, result: contravened, provisions: [sec_6, sec_4__para_1, sec_3]}
      - {norm: s7-no-unfair-hiring, result: undetermined, missing: [employs_staff]}
    explain:
      - {norm: s6-no-unfair-dealing, status: applies, cites: [sec_6]}
"""


def test_assess_expectations(tmp_path):
    regulation = tmp_path / "shop"
    (regulation / "tests").mkdir(parents=True)
    shutil.copy(HARBOUR.parent / "shop.yaml", regulation / "model.yaml")
    write(regulation, SHOP_CASES)
    assert run(str(regulation)).exit_code == 0
    write(regulation, SHOP_CASES.replace("result: contravened", "result: not_contravened"))
    result = run(str(regulation))
    assert result.exit_code == 1
    assert "assess: expected not_contravened, got contravened" in result.output
