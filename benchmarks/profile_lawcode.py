"""Where lawcode's text -> AKN time goes: parse vs export, and the costliest functions.

    python benchmarks/profile_lawcode.py work/tar-2mb.txt work/tar-10mb.txt [--top 15]

For each input: wall time of lawcode.text.parse.parse_text and lawcode.akn.export.to_akn, then a
cProfile of both: own time summed per source module (builtins such as regex calls count for the
module that calls them), and the costliest functions. Comparing two sizes shows which step grows
faster than the input (a super-linear step shows a ratio above the size ratio).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from collections import defaultdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    from lawcode.akn.export import to_akn
    from lawcode.text.parse import parse_text

    for path in args.inputs:
        data = open(path, "rb").read()
        t0 = time.perf_counter()
        doc = parse_text(data, path)
        t1 = time.perf_counter()
        to_akn(doc)
        t2 = time.perf_counter()
        print(f"== {path}: {len(data) / 1e6:.2f} MB  parse {t1 - t0:.2f} s  export {t2 - t1:.2f} s")
        profile = cProfile.Profile()
        profile.enable()
        to_akn(parse_text(data, path))
        profile.disable()
        stats = pstats.Stats(profile)
        print("own time by module (s):")
        for module, seconds in sorted(_by_module(stats).items(), key=lambda kv: -kv[1])[: args.top]:
            print(f"  {seconds:7.3f}  {module}")
        out = io.StringIO()
        stats.stream = out
        stats.sort_stats("tottime").print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip() and "/" in line or "ncalls" in line))


def _by_module(stats: pstats.Stats) -> dict[str, float]:
    """Own time per module; a builtin's time goes to the module of its (first) caller."""
    totals: dict[str, float] = defaultdict(float)
    for (file, _, _), (_, _, own, _, callers) in stats.stats.items():
        if file == "~" and callers:
            file = next(iter(callers))[0]
        totals[_short(file)] += own
    return totals


def _short(file: str) -> str:
    return file.split("/src/", 1)[-1] if "/src/" in file else file.rsplit("/", 1)[-1]


if __name__ == "__main__":
    main()
