"""Run scenario-test files and gather the results and, on request, the coverage per regulation."""

from __future__ import annotations

from pathlib import Path

from lawcode.scenarios.coverage import measure
from lawcode.scenarios.load import find_files, read_scenarios
from lawcode.scenarios.report import RunReport
from lawcode.scenarios.run import Exercised, run_file


def run_tests(path: str | Path | None = None, regulation: str | None = None, coverage: bool = False) -> RunReport:
    """Run the tests at ``path`` (default: every shipped regulation's), only those of
    ``regulation`` when given; measure coverage per model when asked."""
    from lawcode.service import load_model

    files = [read_scenarios(p) for p in find_files(path)]
    if regulation is not None:
        files = [f for f in files if f.tests.regulation == regulation]
        if not files:
            from lawcode.scenarios.load import ScenarioError

            raise ScenarioError(f"no scenario tests for regulation {regulation!r}", file=str(path or "."),
                                expected="a regulation id that the test files name")
    results = []
    exercised: dict[Path, Exercised] = {}
    counts: dict[Path, int] = {}
    for scenarios in files:
        results += run_file(scenarios, exercised.setdefault(scenarios.model_path, Exercised()))
        counts[scenarios.model_path] = counts.get(scenarios.model_path, 0) + len(scenarios.cases)
    measured = tuple(measure(load_model(p), exercised[p], counts[p]) for p in exercised) if coverage else ()
    return RunReport(tuple(results), measured)
