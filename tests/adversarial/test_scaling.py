"""Paths that must stay linear, run once on an input big enough that a quadratic one would hang.

20,000 norms: a linear ``check`` takes a few seconds; the quadratic one it replaced (a search
of the whole norm list for every norm's line) took over a minute. The timing itself is
measured in benchmarks/scaling.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import many_norms, run_cli

from conftest import garden

pytestmark = pytest.mark.slow  # runs the lawcode command in a fresh process, many times

NORMS = 20_000


def test_check_of_a_model_with_many_norms_finishes(tmp_path: Path) -> None:
    garden(tmp_path, edits={"norms:\n": "norms:\n" + many_norms(NORMS)})
    run = run_cli("check", "garden.yaml", "--text", "garden.txt", "--format", "json", cwd=tmp_path, seconds=45,
                  megabytes=1000)
    assert run.code == 0, run.stderr
    report = json.loads(run.stdout)
    assert sum(item["code"] == "discretionary" for item in report["lint"]) == NORMS + 1  # + art6.1 of the fixture
