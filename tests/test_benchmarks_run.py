"""The store's benchmarks still run, at a toy size (their figures are not tested: they are
measured by hand, beside their peers; see benchmarks/README.md). A benchmark that no longer
runs on the code it measures is found here, not by the next person who needs its figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS

ROOT = Path(__file__).resolve().parents[1]


def _bench(script: str, *arguments: str) -> str:
    env = {**os.environ, "LAWCODE_CORPUS": str(CORPUS), "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *arguments], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def test_the_prepare_benchmark_runs():
    out = _bench("parse/bench_prepare.py", "--documents", "5", "--rounds", "1")
    assert "prepare / peer" in out and "| rows |" in out


def test_the_store_benchmark_runs(tmp_path):
    results = tmp_path / "results.json"
    out = _bench("store/bench_store.py", "--regulations", "10", "--queries", "10", "--backends", "sqlite",
                 "--articles", "20", "--out", str(results))
    assert "ingest (docs/s)" in out
    written = json.loads(results.read_text(encoding="utf-8"))
    assert written["sqlite"]["ingest_docs_per_s"] > 0 and written["regulations"] == 10
