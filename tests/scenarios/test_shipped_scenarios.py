"""The scenario tests shipped beside each model (regulations/<id>/tests/*.yaml), one pytest item
per case, so that the project's test command runs them as `lawcode test` does."""

from __future__ import annotations

import pytest

from lawcode.scenarios.load import find_files, read_scenarios
from lawcode.scenarios.run import Exercised, run_file

FILES = {path: read_scenarios(path) for path in find_files(None)}
CASES = [(path, index) for path, scenarios in FILES.items() for index in range(len(scenarios.cases))]


def test_every_shipped_regulation_has_scenario_tests():
    from lawcode.service import shipped_model_paths

    assert {scenarios.tests.regulation for scenarios in FILES.values()} == set(shipped_model_paths())


@pytest.mark.parametrize("path, index", CASES,
                         ids=[f"{p.parent.parent.name}/{p.name}:{FILES[p].cases[i].name}" for p, i in CASES])
def test_shipped_case(path, index):
    [result] = run_file(FILES[path], Exercised(), only=[index])
    if not result.passed:
        from lawcode.scenarios.report import RunReport, render

        pytest.fail(render(RunReport((result,))), pytrace=False)
