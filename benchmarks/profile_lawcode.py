"""Where lawcode's text -> AKN time goes: parse vs export, and the costliest functions.

    python benchmarks/profile_lawcode.py work/tar-2mb.txt work/tar-10mb.txt [--top 15]

For each input: CPU time of each parser stage (best of 3; the stage functions are lawcode.text's
internals, so update STAGES when they change) and of lawcode.akn.export.to_akn, then a cProfile of
both: own time summed per source module (builtins such as regex calls count for the module that
calls them), and the costliest functions. Comparing two sizes shows which step grows
faster than the input (a super-linear step shows a ratio above the size ratio).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import time
from collections import defaultdict
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    from lawcode.akn.export import to_akn
    from lawcode.text.parse import parse_text

    for path in args.inputs:
        data = Path(path).read_bytes()
        print(f"== {path}: {len(data) / 1e6:.2f} MB")
        for stage, seconds in stages(data, path).items():
            print(f"  {seconds:7.3f} s  {stage}")
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
        kept = (line for line in out.getvalue().splitlines() if (line.strip() and "/" in line) or "ncalls" in line)
        print("\n".join(kept))


def stages(data: bytes, path: str) -> dict[str, float]:
    """Best-of-3 CPU seconds of each step of parse_text, of parse_text itself, and of to_akn."""
    from lawcode.akn.export import to_akn
    from lawcode.text import parse
    from lawcode.text.build import build
    from lawcode.text.clean import clean, decode
    from lawcode.text.references import find_references
    from lawcode.text.tokens import tokenize

    best: dict[str, float] = {}

    def timed(name, function, *args):
        start = time.process_time()
        result = function(*args)
        best[name] = min(best.get(name, float("inf")), time.process_time() - start)
        return result

    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            text = timed("decode", decode, data, path)
            cleaned = timed("clean", clean, text)
            tokens = timed("tokenize", tokenize, cleaned.lines)
            tokens, _ = timed("table of contents", parse._drop_table_of_contents, tokens)
            built = timed("build", build, tokens)
            timed("references", find_references, tuple(built.body), built.index)
            del text, cleaned, tokens, built
            doc = timed("parse_text (all of the above)", parse.parse_text, data, path)
            timed("to_akn", to_akn, doc)
            del doc
    finally:
        if collecting:
            gc.enable()
    return best


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
