"""In-process parse time of each corpus text (and of benchmarks/work/tar-10mb.txt when present),
for one or more lawcode source trees measured in the same rounds.

Used to price a readability change: export the commit before it (``git archive <commit> src |
tar -x -C /tmp/before``) and compare it with this checkout's ``src`` in one run, so that both meet
the same spells of a shared machine. Each tree runs in its own fresh process per round; the
figure is the best over rounds of the best of ``--inner`` parses within a process, in CPU time
of the process (on a shared machine the best CPU time is the steadiest figure: other loads only
ever add to it).

    python benchmarks/parse_corpus.py --src /tmp/before/src --src src --rounds 7
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from lawcode.text.parse import parse_text
out = {}
for path in sys.argv[3:]:
    data = open(path, "rb").read()
    best = None
    for _ in range(int(sys.argv[2])):
        started = time.process_time()
        parse_text(data, path)
        elapsed = time.process_time() - started
        best = elapsed if best is None else min(best, elapsed)
    out[path] = best
print(json.dumps(out))
"""


def texts() -> list[Path]:
    folders = [Path(p) for p in os.environ.get("LAWCODE_CORPUS", "").split(os.pathsep) if p]
    folder = next((f for f in folders + [ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")]
                   if f.is_dir()), None)
    if folder is None:
        sys.exit("no corpus folder: set LAWCODE_CORPUS")
    found = sorted(folder.glob("*.txt"))
    big = ROOT / "benchmarks" / "work" / "tar-10mb.txt"
    return found + ([big] if big.is_file() else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", action="append", help="a lawcode src folder (default: this checkout's)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--inner", type=int, default=3)
    args = parser.parse_args()
    sources = args.src or [str(ROOT / "src")]
    paths = [str(p) for p in texts()]
    times: dict[str, dict[str, list[float]]] = {src: {p: [] for p in paths} for src in sources}
    for _ in range(args.rounds):
        for src in sources:
            result = subprocess.run([sys.executable, "-c", _CHILD, src, str(args.inner), *paths],
                                    capture_output=True, text=True, check=True)
            for path, seconds in json.loads(result.stdout).items():
                times[src][path].append(seconds)
    print("| text | " + " | ".join(sources) + (" | change |" if len(sources) == 2 else " |"))
    print("|---|" + "---:|" * (len(sources) + (1 if len(sources) == 2 else 0)))
    for path in paths:
        medians = [min(times[src][path]) for src in sources]
        cells = [f"{m * 1000:.1f} ms" for m in medians]
        change = [f"{(medians[1] / medians[0] - 1) * 100:+.1f}%"] if len(sources) == 2 else []
        print(f"| {Path(path).name} | " + " | ".join(cells + change) + " |")


if __name__ == "__main__":
    main()
