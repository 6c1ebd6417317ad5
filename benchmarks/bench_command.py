"""The whole command as a user runs it: ``lawcode parse FILE --format akn`` beside ``bluebell``.

    python benchmarks/bench_command.py [--sizes 2 10] [--repeat 7]
        [--rs-python benchmarks/work/bb312/bin/python] [--lawcode-src DIR ...]

Unlike bench_parse.py (which times the conversion inside a fresh process), this times the
command line end to end - interpreter start, imports, reading the file, parsing, export, writing
the XML to a pipe - in a fresh process per run, the engines taking turns within each round:

* ``lawcode``: ``python -m lawcode parse FILE --format akn`` with this checkout's ``src`` first on
  the path (or each ``--lawcode-src`` given, e.g. an older checkout's, to compare commits in the
  same rounds), under the interpreter running this script;
* ``bluebell-rs``: bluebell-akn 5's own command, ``bluebell FRBR_URI act FILE``, which parses with
  the Rust parser (bluebell-akn-rs) when it is installed; its venv is made by ``bench_parse.py
  --setup-rs`` (see README.md).

The inputs are bench_parse.py's (make_inputs.py): the TAR regulation's body repeated to the size
asked, in plain text for lawcode and in bluebell's markup for bluebell. Output goes to a pipe that
is read and thrown away. Bytecode is cached (in benchmarks/work/pycache) as it is for an installed
package. The median wall time of each engine is printed, with the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_inputs import WORK, build  # noqa: E402

DEFAULT_RS = WORK / "bb312" / "bin" / "python"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``command``, its output read from a pipe
    and dropped. On a busy shared machine the CPU time drifts less than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')[-2000:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[2, 10])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rs-python", default=os.environ.get("BLUEBELL_RS_PYTHON", str(DEFAULT_RS)))
    parser.add_argument("--lawcode-src", nargs="+", default=[str(HERE.parent / "src")],
                        help="lawcode source folders to run (default: this checkout's src)")
    args = parser.parse_args()

    bluebell = Path(args.rs_python).parent / "bluebell"
    if not bluebell.exists():
        sys.exit(f"no bluebell command beside {args.rs_python}: run bench_parse.py --setup-rs /path/to/python3.12")
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(WORK / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for _, plain, markup in build(args.sizes):
        engines = {f"lawcode ({src})": ([sys.executable, "-m", "lawcode", "parse", str(plain), "--format", "akn"],
                                        dict(env, PYTHONPATH=src)) for src in args.lawcode_src}
        engines["bluebell-rs"] = ([str(bluebell), "/akn/cn-xz/act/regulation/2021/1", "act", str(markup)], env)
        for command, engine_env in engines.values():
            timed(command, engine_env)  # warm the file cache and the bytecode cache
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in engines}
        for _ in range(args.repeat):
            for name, (command, engine_env) in engines.items():
                runs[name].append(timed(command, engine_env))
        print(f"\n{plain.stat().st_size / 1e6:.2f} MB ({args.repeat} rounds)")
        print("| command | median s | best s | median CPU s | bluebell-rs / this (paired rounds) | (CPU) |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, timings in runs.items():
            wall = [w for w, _ in timings]
            cpu = [c for _, c in timings]
            paired = statistics.median(b[0] / w for b, w in zip(runs["bluebell-rs"], wall, strict=False))
            paired_cpu = statistics.median(b[1] / c for b, c in zip(runs["bluebell-rs"], cpu, strict=False))
            print(f"| {name} | {statistics.median(wall):.2f} | {min(wall):.2f} | {statistics.median(cpu):.2f} "
                  f"| {paired:.2f}x | {paired_cpu:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
