"""Text in -> Akoma Ntoso XML out: lawcode side by side with Laws.Africa's bluebell, in one run.

    python benchmarks/bench_parse.py [--sizes 2 10] [--py-sizes 0.1 0.25 0.5 1 2] [--repeat 3]
                                     [--lawcode-python PYTHON ...]

Builds the inputs (make_inputs.py: the TAR regulation repeated and renumbered, as plain text for
lawcode and in bluebell markup for bluebell), then measures each engine in a fresh subprocess per
run (run_one.py) so that peak RSS is the conversion's own:

* lawcode       - this checkout, in the interpreter running this script or in each of those given
                  by --lawcode-python (its parser and exporter need only the standard library,
                  so any Python 3.11+ runs them; how the interpreter was built matters, see
                  benchmarks/README.md);
* bluebell-rs   - bluebell-akn 5 + the bluebell-akn-rs Rust parser (needs Python >= 3.12), in the
                  interpreter given by --rs-python / $BLUEBELL_RS_PYTHON (default
                  benchmarks/work/bb312/bin/python; ``--setup-rs /path/to/python3.12`` creates it);
* bluebell-py   - bluebell-akn's pure-Python parser (bluebell-akn 3.x, installed beside lawcode),
                  only on the --py-sizes inputs and with --timeout, because it is slow and
                  super-linear.

Throughput is MB of the plain text (the same content for every engine; bluebell's markup of it is
about 8% larger) per second of wall time, median of --repeat runs; the CPU time of the same runs
is shown too. lawcode and bluebell-rs take turns within each round, and the median of the
per-round ratios ("paired rounds") is shown beside the ratio of medians: on a shared machine whose
speed drifts, a round compares the engines in the same spell. Results go to stdout as two
Markdown tables (measurements, then lawcode's speed-ups) and to benchmarks/work/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_inputs import WORK, build  # noqa: E402

RUN_ONE = HERE / "run_one.py"
DEFAULT_RS = WORK / "bb312" / "bin" / "python"


def setup_rs(python312: str) -> Path:
    """Create benchmarks/work/bb312 with bluebell-akn and the Rust parser from PyPI."""
    venv = WORK / "bb312"
    subprocess.run([python312, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "bluebell-akn", "bluebell-akn-rs"], check=True)
    return venv / "bin" / "python"


def run_once(python: str, engine: str, path: Path, timeout: float) -> dict | None:
    """One fresh-process run's figures, or None when it hit the timeout."""
    try:
        done = subprocess.run([python, str(RUN_ONE), engine, str(path)], capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as error:
        sys.exit(f"{engine} failed on {path}:\n{error.stderr}")
    return json.loads(done.stdout)


def measure(jobs: list[tuple[str, str, Path, float]], repeat: int) -> list[dict]:
    """Median time and maximum peak RSS of each job over ``repeat`` rounds.

    The jobs take turns within each round (lawcode, bluebell-rs, lawcode, ...), so that a slow
    spell of a shared machine slows every engine rather than one; ``runs_s`` keeps each round's
    time, for the paired ratios of :func:`speed_ups`.
    """
    runs: list[list[dict]] = [[] for _ in jobs]
    timed_out: set[int] = set()
    for _ in range(repeat):
        for number, (python, engine, path, timeout) in enumerate(jobs):
            if number in timed_out:
                continue
            run = run_once(python, engine, path, timeout)
            if run is None:
                timed_out.add(number)
            else:
                runs[number].append(run)
    results = []
    for number, (_, engine, path, timeout) in enumerate(jobs):
        if number in timed_out:
            results.append({"engine": engine, "timeout_s": timeout, "input_file": path.name})
            continue
        own = runs[number]
        result = dict(own[-1], input_file=path.name)
        result["seconds"] = statistics.median(r["seconds"] for r in own)
        result["cpu_s"] = statistics.median(r["cpu_s"] for r in own)
        result["runs_s"] = [r["seconds"] for r in own]
        result["peak_rss_mb"] = max(r["peak_rss_mb"] for r in own)
        for key in ("parse_s", "export_s"):
            if key in result:
                result[key] = statistics.median(r[key] for r in own)
        results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[2, 10], help="input sizes in MB")
    parser.add_argument("--py-sizes", nargs="*", type=float, default=[0.1, 0.25, 0.5, 1, 2],
                        help="sizes for pure-Python bluebell (slow)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--py-repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=900, help="seconds per pure-Python bluebell run")
    parser.add_argument("--rs-python", default=os.environ.get("BLUEBELL_RS_PYTHON", str(DEFAULT_RS)))
    parser.add_argument("--lawcode-python", nargs="+", default=[sys.executable], metavar="PYTHON",
                        help="interpreters to run lawcode in (default: this one); each is measured")
    parser.add_argument("--setup-rs", metavar="PYTHON312", help="create the bluebell-rs venv with this interpreter")
    args = parser.parse_args()

    rs_python = str(setup_rs(args.setup_rs)) if args.setup_rs else args.rs_python
    if not Path(rs_python).exists():
        sys.exit(f"no Python with bluebell-akn-rs at {rs_python}: use --setup-rs /path/to/python3.12 "
                 "or --rs-python (see benchmarks/README.md)")
    sizes = sorted(set(args.sizes) | set(args.py_sizes))
    results = []
    for size, plain, markup in build(sizes):
        text_mb = plain.stat().st_size / 1e6
        batches = []
        if size in args.sizes:
            lawcode_jobs = [(python, "lawcode", plain, 3600) for python in args.lawcode_python]
            batches.append(([*lawcode_jobs, (rs_python, "bluebell-rs", markup, 3600)], args.repeat))
        if size in args.py_sizes:
            batches.append(([(sys.executable, "bluebell-py", markup, args.timeout)], args.py_repeat))
        for jobs, repeat in batches:
            for result in measure(jobs, repeat):
                result.update(size_mb=size, text_mb=text_mb)
                if "seconds" in result:
                    result["mb_per_s"] = text_mb / result["seconds"]
                results.append(result)
                print(_row(result), flush=True)
    (WORK / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(table(results))
    print()
    print(speed_ups(results))
    print()
    print(summary(results))


def _row(r: dict) -> str:
    if "timeout_s" in r:
        return f"{r['engine']:12} {r['text_mb']:6.2f} MB  timeout after {r['timeout_s']:.0f} s"
    split = f"  (parse {r['parse_s']:.2f} s + export {r['export_s']:.2f} s)" if "parse_s" in r else ""
    return (f"{r['engine']:12} {r['text_mb']:6.2f} MB  {r['seconds']:8.2f} s  {r['mb_per_s']:7.2f} MB/s  "
            f"peak {r['peak_rss_mb']:7.1f} MB{split}  [{_python(r)}]")


def _python(r: dict) -> str:
    return f"{r.get('executable', '?')} {r.get('python', '')}".strip()


def table(results: list[dict]) -> str:
    """A Markdown table of every engine's figures."""
    lines = ["| engine | Python | text MB | seconds (median) | MB/s | CPU s | peak RSS MB | articles / items |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        counts = r.get("counts", {})
        structure = f"{counts.get('article', '-')} / {counts.get('item', '-')}"
        if "timeout_s" in r:
            lines.append(f"| {r['engine']} | | {r['text_mb']:.2f} | > {r['timeout_s']:.0f} (timeout) | - | - | - | - |")
            continue
        lines.append(f"| {r['engine']} | {_python(r)} | {r['text_mb']:.2f} | {r['seconds']:.2f} | {r['mb_per_s']:.2f} "
                     f"| {r['cpu_s']:.2f} | {r['peak_rss_mb']:.0f} | {structure} |")
    return "\n".join(lines)


def speed_ups(results: list[dict]) -> str:
    """A Markdown table of each lawcode run's speed-up over each bluebell at the same size: the ratio
    of median times, and (for bluebell-rs, measured in the same rounds) the median of the
    per-round ratios."""
    lines = ["| lawcode in | text MB | over bluebell-rs | over bluebell-rs (paired rounds) | over bluebell-rs (CPU) "
             "| over bluebell-py |",
             "|---|---:|---:|---:|---:|---:|"]
    for mine in (r for r in results if r["engine"] == "lawcode" and "seconds" in r):
        same_size = {r["engine"]: r for r in results if r["size_mb"] == mine["size_mb"] and r["engine"] != "lawcode"}
        rs, py = same_size.get("bluebell-rs"), same_size.get("bluebell-py")
        over_rs = over_rs_paired = over_rs_cpu = over_py = "-"
        if rs is not None:
            over_rs = f"{rs['seconds'] / mine['seconds']:.2f}x"
            over_rs_cpu = f"{rs['cpu_s'] / mine['cpu_s']:.2f}x"
            paired = statistics.median(a / b for a, b in zip(rs["runs_s"], mine["runs_s"], strict=False))
            over_rs_paired = f"{paired:.2f}x"
        if py is not None:
            over_py = f"> {py['timeout_s'] / mine['seconds']:.0f}x" if "timeout_s" in py else \
                f"{py['seconds'] / mine['seconds']:.0f}x"
        lines.append(f"| {_python(mine)} | {mine['text_mb']:.2f} | {over_rs} | {over_rs_paired} | {over_rs_cpu} "
                     f"| {over_py} |")
    return "\n".join(lines)


def summary(results: list[dict]) -> str:
    """Growth of each engine's time from its smallest to its largest input, against the size ratio."""
    lines = []
    for engine, python in dict.fromkeys((r["engine"], r.get("executable")) for r in results):
        runs = [r for r in results if (r["engine"], r.get("executable")) == (engine, python) and "seconds" in r]
        if len(runs) < 2:
            continue
        small, large = runs[0], runs[-1]
        lines.append(f"{engine} [{_python(small)}]: {small['text_mb']:.2f} -> {large['text_mb']:.2f} MB "
                     f"({large['text_mb'] / small['text_mb']:.1f}x input): "
                     f"time x{large['seconds'] / small['seconds']:.1f}, peak RSS "
                     f"{small['peak_rss_mb']:.0f} -> {large['peak_rss_mb']:.0f} MB")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
