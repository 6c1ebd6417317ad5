"""Peak memory and time of ``lawcode parse TEXT --format json``, the whole command as a user runs it.

The input is generated (never a corpus text): articles of ten short numbered items each, to about
``--mb`` megabytes, which gives the most provisions per megabyte of any layout (a 13 MB text has
about 840,000). Each run is a fresh process; its peak resident set size is read from
``/usr/bin/time -v`` (GNU time), so the interpreter and imports are included.

    python benchmarks/json_memory.py --mb 13
    python benchmarks/json_memory.py --mb 13 --lawcode /path/to/other/checkout/.venv/bin/lawcode   # compare
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work"


def dense_text(megabytes: float) -> Path:
    """A text of short numbered items, about ``megabytes`` MB, in benchmarks/work/."""
    path = WORK / f"dense-{megabytes:g}mb.txt"
    if path.is_file():
        return path
    WORK.mkdir(exist_ok=True)
    lines: list[str] = []
    size = 0
    article = 0
    while size < megabytes * 1_000_000:
        article += 1
        block = [f"Article {article}: The keeper shall:"] + [f"({i}) do duty {i};" for i in range(1, 11)]
        lines.extend(block)
        size += sum(len(line) + 1 for line in block)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def measure(lawcode: str, text: Path) -> tuple[float, int]:
    """Wall-clock seconds and peak RSS (MB) of one ``parse --format json`` run."""
    result = subprocess.run(["/usr/bin/time", "-v", lawcode, "parse", str(text), "--format", "json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    elapsed = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    assert elapsed and peak, result.stderr
    hours, minutes, seconds = elapsed.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), int(peak.group(1)) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=13)
    parser.add_argument("--lawcode", action="append", help="lawcode executables to compare (default: this venv's)")
    args = parser.parse_args()
    text = dense_text(args.mb)
    for lawcode in args.lawcode or [str(Path(sys.executable).parent / "lawcode")]:
        seconds, peak = measure(lawcode, text)
        print(f"{lawcode}: {text.name} ({text.stat().st_size / 1e6:.1f} MB): {seconds:.1f} s, peak RSS {peak} MB")


if __name__ == "__main__":
    main()
