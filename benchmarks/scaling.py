"""Do the model paths grow linearly? ``check`` and ``ask`` on models of 2,500 to 40,000 norms.

    python benchmarks/scaling.py [--sizes 2500,5000,10000,20000,40000] [--repeat 3] [--json FILE]

Each model is the synthetic garden model of the tests (tests/model/fixtures, own words) with N
generated norms added (discretionary duties with a condition, so that every lint path sees each
norm); it is written to benchmarks/work/scaling/ at run time. Every command runs in a fresh
process (wall time, median of --repeat; peak resident memory of that process from ru_maxrss):

* ``check MODEL --text TEXT --format json`` (validates afresh every time);
* ``ask`` with an empty cache (validate, compile, write the cache) and with a warm one (read the
  compiled JSON back).

The table gives the time per 1,000 norms and, for each size, the ratio of its time to the
previous size's: about 2.0 for a doubling means linear; 4.0 would mean quadratic. A command
with a fixed start-up cost (about 0.2 s) shows ratios below 2 on the small sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = ROOT / "tests" / "model" / "fixtures"
WORK = HERE / "work" / "scaling"


def generated_norms(count: int) -> str:
    return "".join(
        f"  - id: gen{n}-weeding\n    kind: duty\n    bearer: plot_holder\n    action: keep the plot free of weeds\n"
        f"    condition: has_plot and not fee_unpaid\n    discretionary: true\n"
        f"    cites: [chp_II__art_3__para_nn_1__list_1__item_1]\n"
        for n in range(count)
    )


def write_model(count: int) -> Path:
    """The garden model with ``count`` more norms, and its text, in a folder of its own."""
    sys.path.insert(0, str(ROOT / "src"))
    from lawcode.service import read_document

    folder = WORK / str(count)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "garden.txt", folder / "garden.txt")
    fingerprint = read_document(folder / "garden.txt").fingerprint()
    model = (FIXTURES / "garden.yaml").read_text(encoding="utf-8").replace("FINGERPRINT", fingerprint)
    (folder / "garden.yaml").write_text(model.replace("norms:\n", "norms:\n" + generated_norms(count), 1),
                                        encoding="utf-8")
    return folder


def run(args: list[str], folder: Path, cache: Path) -> tuple[float, float]:
    """Wall seconds and peak MB of ``python -m lawcode ARGS`` in a fresh process."""
    env = {**os.environ, "LAWCODE_CACHE": str(cache), "PYTHONPATH": str(ROOT / "src")}
    errors = folder / "stderr.txt"
    start = time.perf_counter()
    with errors.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "lawcode", *args], cwd=folder, env=env,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)  # ru_maxrss of this one process
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"lawcode {' '.join(args)} failed: {errors.read_text(encoding='utf-8')}")
    return seconds, usage.ru_maxrss / 1024


def measure(count: int, repeat: int) -> dict[str, dict[str, float]]:
    folder = write_model(count)
    check = ["check", "garden.yaml", "--text", "garden.txt", "--format", "json"]
    ask = ["ask", "--model", "garden.yaml", "--as", "plot_holder", "--text", "garden.txt", "--format", "json"]
    results: dict[str, list[tuple[float, float]]] = {"check": [], "ask, cold cache": [], "ask, warm cache": []}
    for _ in range(repeat):
        cache = folder / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        results["check"].append(run(check, folder, cache))
        results["ask, cold cache"].append(run(ask, folder, cache))
        results["ask, warm cache"].append(run(ask, folder, cache))
    return {name: {"seconds": statistics.median(s for s, _ in runs), "megabytes": max(m for _, m in runs)}
            for name, runs in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2500,5000,10000,20000,40000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    table = {size: measure(size, options.repeat) for size in sizes}
    print(f"{'command':<18} {'norms':>7} {'seconds':>8} {'s/1000':>7} {'ratio':>6} {'peak MB':>8}")
    for name in next(iter(table.values())):
        previous: float | None = None
        for size in sizes:
            row = table[size][name]
            ratio = f"{row['seconds'] / previous:6.2f}" if previous else "      "
            print(f"{name:<18} {size:>7} {row['seconds']:8.2f} {row['seconds'] / size * 1000:7.3f} {ratio} "
                  f"{row['megabytes']:8.0f}")
            previous = row["seconds"]
    if options.json:
        options.json.write_text(json.dumps({str(k): v for k, v in table.items()}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
