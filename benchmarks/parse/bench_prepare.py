"""CPU cost of preparing a text for the corpus store (:func:`lawcode.store.prepare.prepare`: parse
without cross-references, fingerprint, search rows) per document, beside a floor in the same run.

    python benchmarks/parse/bench_prepare.py                               # this checkout, 300 documents
    python benchmarks/parse/bench_prepare.py --src /tmp/before/src --src src --rounds 5

The documents are synthetic regulations made at run time from the corpus texts
(``benchmarks/store/synthetic.py``, the store benchmark's corpus) in a temporary folder, deleted
at the end. Each source tree (``--src``, repeatable; default this checkout's ``src``) runs in a
fresh process per round, the trees taking turns, so that all meet the same spells of a shared
machine. Within a process, after one warm-up document, each document is read by the peer, then
prepared, then read by the peer again, each timed in CPU time of the process
(``time.process_time``), so that prepare and its peer meet the same spells of a busy machine.

The peer is the floor for any line parser written in Python: read the file, decode it, split it
into lines with ``re.split`` and match one regex at the start of each line. The figure to quote is
the ratio prepare / peer (the median over rounds, the peer being the mean of its two runs around
each prepare), which a busy machine changes far less than absolute times; the best round's
milliseconds per document are printed beside it. A second pass over the documents in the same
process times the stages apart (decode, clean, style detection, tokenize, table of contents, build,
fingerprint, search rows), printed as the median over rounds with the ratio of the last tree's to
the first's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "benchmarks" / "store"))

import synthetic  # noqa: E402

_CHILD = r"""
import json, re, sys, time
sys.path.insert(0, sys.argv[1])
from lawcode.store.prepare import prepare

paths = sys.argv[2:]
_LINE_END = re.compile(r"\r\n|\r|\n")
_HEADING = re.compile(r"(?:Article|Section|Chapter|Part|§)\s*([0-9IVXLC]+)|\(([0-9A-Za-z]{1,4})\)")


def peer(path):
    lines = _LINE_END.split(open(path, "rb").read().decode("utf-8"))
    return sum(1 for line in lines if _HEADING.match(line))


prepare(paths[0])  # imports, and the shipped models loaded once
clock = time.process_time
cost = floor = 0.0
for path in paths:  # document by document, the peer twice around prepare: both meet the same spells
    started = clock()
    peer(path)
    peered = clock()
    prepare(path)
    prepared = clock()
    peer(path)
    floor += (peered - started + clock() - prepared) / 2
    cost += prepared - peered

# Where prepare's time goes: each stage of parse_text (cross_references=False), the fingerprint and
# the search rows, timed apart on each document (a second pass, after the one above).
from lawcode.store.rows import provision_rows
from lawcode.text import parse as P
from lawcode.text.bilingual import set_aside_chinese

stages = dict.fromkeys(("decode", "clean", "detect", "tokenize", "contents", "build", "fingerprint", "rows"), 0.0)
for path in paths:
    data = open(path, "rb").read()
    times = [clock()]
    text = P.decode(data, path)
    times.append(clock())
    cleaned = set_aside_chinese(P.clean(text))
    times.append(clock())
    detection = P.detect(cleaned.lines, None)
    times.append(clock())
    tokens = P.tokenize(cleaned.lines, detection.style.articles, detection.style.dotted, cleaned.soft_breaks)
    times.append(clock())
    tokens, _ = P._drop_table_of_contents(tokens, cleaned.lines)
    times.append(clock())
    P.build(tokens)
    times.append(clock())
    document = P.parse_text(data, source=path, cross_references=False)  # untimed: the Document as prepare has it
    started = clock()
    document.fingerprint()
    times += [started, clock()]
    list(provision_rows(document))
    times.append(clock())
    durations = [b - a for a, b in zip(times, times[1:])]
    del durations[6]  # the untimed parse
    for name, spent in zip(stages, durations):
        stages[name] += spent
print(json.dumps({"prepare": cost, "peer": floor, "stages": stages}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", action="append", help="a lawcode src folder (default: this checkout's)")
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sources = args.src or [str(ROOT / "src")]
    load_start = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="lawcode-bench-prepare-"))
    try:
        paths = [str(p) for p in synthetic.write_corpus(folder, args.documents)]
        mean_kb = sum(Path(p).stat().st_size for p in paths) / len(paths) / 1000
        runs: dict[str, list[dict[str, Any]]] = {src: [] for src in sources}
        for _ in range(args.rounds):
            for src in sources:
                done = subprocess.run([sys.executable, "-c", _CHILD, src, *paths],
                                      capture_output=True, text=True, check=True)
                runs[src].append(json.loads(done.stdout))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{args.documents} synthetic documents (mean {mean_kb:.0f} KB), {args.rounds} rounds; "
          f"load average {load_start[0]:.2f} at start, {os.getloadavg()[0]:.2f} at end\n")
    print("| src | prepare ms/doc (best) | peer ms/doc (best) | prepare / peer (median) |")
    print("|---|---:|---:|---:|")
    ratios = {}
    for src in sources:
        ratios[src] = statistics.median(run["prepare"] / run["peer"] for run in runs[src])
        best = min(run["prepare"] for run in runs[src]) / args.documents * 1000
        floor = min(run["peer"] for run in runs[src]) / args.documents * 1000
        print(f"| {src} | {best:.2f} | {floor:.3f} | {ratios[src]:.1f} |")
    if len(sources) == 2:
        first, second = (ratios[src] for src in sources)
        print(f"\nratio change, second against first: {(second / first - 1) * 100:+.1f}%")
    _print_stages(sources, runs, args.documents)


def _print_stages(sources: list[str], runs: dict[str, list[dict[str, Any]]], documents: int) -> None:
    """CPU ms per document of each stage (the median over rounds) for each tree, and the ratio of
    the last tree's to the first's (rounds paired in the order they ran)."""
    names = list(runs[sources[0]][0]["stages"])
    print("\n| stage | " + " | ".join(f"{src} ms/doc" for src in sources)
          + (" | last / first (median of rounds)" if len(sources) > 1 else "") + " |")
    print("|---|" + "---:|" * (len(sources) + (len(sources) > 1)))
    for name in names:
        cells = [statistics.median(run["stages"][name] for run in runs[src]) / documents * 1000 for src in sources]
        row = f"| {name} | " + " | ".join(f"{cell:.2f}" for cell in cells)
        if len(sources) > 1:
            paired = [last["stages"][name] / first["stages"][name]
                      for first, last in zip(runs[sources[0]], runs[sources[-1]], strict=True) if first["stages"][name]]
            row += f" | {statistics.median(paired):.2f}" if paired else " | -"
        print(row + " |")


if __name__ == "__main__":
    main()
