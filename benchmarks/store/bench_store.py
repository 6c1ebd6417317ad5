"""The corpus store's speed on SQLite and PostgreSQL, side by side in one run.

    python benchmarks/store/bench_store.py                      # 2,000 regulations, 1,000 queries
    python benchmarks/store/bench_store.py --regulations 200 --queries 200 --backends sqlite

What is measured (see benchmarks/README.md, "Corpus store"):

* ingest: the whole ``lawcode ingest FOLDER`` command a user runs, in a fresh process, on a folder
  of synthetic regulations made at run time from the corpus texts (:mod:`synthetic`); documents
  per second, then the store's size on disk; then the same command again (every text unchanged);
* search: 1,000 queries (single words drawn as they occur in the texts, two-word AND, phrases,
  prefixes, OR), each timed in-process through :func:`lawcode.store.search.search` (what the
  command calls, without the interpreter's start-up), 20 hits each: median and p99;
* diff: two versions of a 500-article regulation (the later one with articles reworded, removed,
  inserted and moved): :func:`lawcode.store.diff.compare` (alignment and word diffs), median of
  5 runs, beside ``git diff --no-index --word-diff`` of the same two files as a peer.

PostgreSQL runs in a throwaway server (:mod:`lawcode.store.pgserver`) with
``synchronous_commit=off``, which, like SQLite's WAL with ``synchronous=NORMAL``, makes no fsync
per commit but never loses consistency. Nothing generated is kept: all goes to a temporary
folder that is deleted at the end. Results are printed as a table and written as JSON to
benchmarks/work/store-results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "src"), str(HERE)]

import synthetic  # noqa: E402

from lawcode.errors import QueryError  # noqa: E402
from lawcode.store import pgserver  # noqa: E402
from lawcode.store.search import search  # noqa: E402
from lawcode.store.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regulations", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--articles", type=int, default=500, help="articles in each version for the diff")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "work" / "store-results.json",
                        help="where the results are written as JSON")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lawcode-bench-store-"))
    results: dict[str, Any] = {"regulations": args.regulations, "queries": args.queries, "cores": os.cpu_count(),
                               "load_average_start": [round(x, 1) for x in os.getloadavg()]}
    try:
        texts = work / "texts"
        texts.mkdir()
        paths = synthetic.write_corpus(texts, args.regulations)
        results["corpus_mb"] = round(sum(p.stat().st_size for p in paths) / 1e6, 1)
        queries = make_queries(args.queries)
        results["peer"] = bench_peer(texts, queries, work)
        for backend in args.backends.split(","):
            results[backend] = bench_backend(backend, texts, queries, work)
        results["diff"] = bench_diff(args.articles, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\n(written to {args.out})")


# The shape of query number n is SHAPES[n % 10] (see make_queries).
SHAPES = ("word",) * 4 + ("two words",) * 2 + ("phrase",) * 2 + ("prefix", "OR")


def make_queries(count: int, seed: int = 7) -> list[str]:
    """Queries of the five shapes, their words drawn as they occur in the corpus texts."""
    chance = random.Random(seed)
    tokens = [w for _, text in synthetic.sources() for w in re.findall(r"\b[a-z]{4,}\b", text)]
    queries = []
    for number in range(count):
        shape = number % 10
        at = chance.randrange(len(tokens) - 1)
        if shape < 4:
            queries.append(tokens[at])
        elif shape < 6:
            queries.append(f"{tokens[at]} {chance.choice(tokens)}")
        elif shape < 8:
            queries.append(f'"{tokens[at]} {tokens[at + 1]}"')
        elif shape < 9:
            queries.append(tokens[at][:5] + "*")
        else:
            queries.append(f"{tokens[at]} OR {chance.choice(tokens)}")
    return queries


def bench_backend(backend: str, texts: Path, queries: list[str], work: Path) -> dict[str, Any]:
    server = None
    if backend == "sqlite":
        url = str(work / "store.sqlite3")
    else:
        server = pgserver.start({"synchronous_commit": "off"})
        url = server.url
    try:
        count = sum(1 for _ in texts.iterdir())
        first = ingest(url, texts)
        again = ingest(url, texts)
        assert first["counts"].get("stored") == count, first["counts"]
        assert again["counts"].get("unchanged") == count, again["counts"]
        with Store.open(url) as store:
            size = store_size(store)
            latencies, cpu, hits = [], [], 0
            for query in queries[:20]:
                _hits(store, query)  # warm the caches
            for query in queries:
                started, started_cpu = time.perf_counter(), time.process_time()
                hits += _hits(store, query)
                latencies.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
        wall_p90_by_shape, cpu_p90_by_shape = _p90_by_shape(latencies), _p90_by_shape(cpu)
        latencies.sort()
        cpu.sort()
        return {"ingest_s": first["seconds"], "ingest_docs_per_s": round(count / first["seconds"], 1),
                "ingest_cpu_s": first["cpu_seconds"],
                "ingest_docs_per_cpu_core_s": round(count / first["cpu_seconds"], 1),
                "reingest_s": again["seconds"], "size_mb": round(size / 1e6, 1),
                "search_median_ms": round(statistics.median(latencies), 2),
                "search_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2),
                "search_max_ms": round(latencies[-1], 2),
                # wall time: for PostgreSQL the server's work too
                "search_p90_ms_by_shape": wall_p90_by_shape,
                "hits_per_query": round(hits / len(queries), 1),
                # CPU of this (client) process only: for SQLite all of the search, for PostgreSQL not the server's
                "search_client_cpu_median_ms": round(statistics.median(cpu), 2),
                "search_client_cpu_p99_ms": round(cpu[int(len(cpu) * 0.99) - 1], 2),
                "search_client_cpu_p90_ms_by_shape": cpu_p90_by_shape,
                "load_average_after": [round(x, 1) for x in os.getloadavg()]}
    finally:
        if server is not None:
            server.stop()


def _hits(store: Store, query: str) -> int:
    """How many hits a search gives (at most 20): none when the query is refused with a message, as
    PostgreSQL refuses a query of only the words its English search leaves out ("other")."""
    try:
        return len(search(store, query, limit=20).hits)
    except QueryError:
        return 0


def _p90_by_shape(milliseconds: list[float]) -> dict[str, float]:
    """The p90 of each query shape's times (query number n has shape SHAPES[n % 10])."""
    by_shape = {shape: sorted(ms for n, ms in enumerate(milliseconds) if SHAPES[n % 10] == shape)
                for shape in dict.fromkeys(SHAPES)}
    return {shape: round(times[int(len(times) * 0.9) - 1], 1) for shape, times in by_shape.items() if times}


def bench_peer(texts: Path, queries: list[str], work: Path) -> dict[str, Any]:
    """The floor under any full-text store of these files on this machine, in the same run: SQLite
    FTS5 with lawcode's tokenizer and settings, fed each file whole as one row (no parsing, no
    provisions, nothing else stored), one process, 25 files per commit as lawcode's ingest
    commits; then the same queries ranked by bm25, 20 rows each, without snippets. It runs on the
    SQLite that lawcode's store runs on (:mod:`lawcode.store.sqlite_driver`), so that the ratio
    measures lawcode's design, not a difference of SQLite builds."""
    from lawcode.store.migrations import FTS5_AUTOMERGE, FTS5_HASHSIZE, FTS5_TOKENIZER
    from lawcode.store.sqlite_driver import sqlite3

    path = work / "peer.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL"):
        db.execute(f"PRAGMA {pragma}")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize = '{FTS5_TOKENIZER}')")
    for setting, value in (("automerge", FTS5_AUTOMERGE), ("hashsize", FTS5_HASHSIZE)):
        db.execute(f"INSERT INTO t (t, rank) VALUES ('{setting}', {value})")
    files = sorted(texts.iterdir())
    started, started_cpu = time.perf_counter(), time.process_time()
    for at in range(0, len(files), 25):
        db.execute("BEGIN")
        db.executemany("INSERT INTO t (body) VALUES (?)", ((f.read_text(encoding="utf-8"),) for f in files[at:at + 25]))
        db.execute("COMMIT")
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    from lawcode.store.query import parse, to_fts5

    latencies = []
    for query in queries:
        match = to_fts5(parse(query))
        began = time.perf_counter()
        db.execute("SELECT rowid, bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 20", (match,)).fetchall()
        latencies.append((time.perf_counter() - began) * 1000)
    db.close()
    latencies.sort()
    return {"sqlite_version": sqlite3.sqlite_version, "ingest_docs_per_s": round(len(files) / seconds, 1),
            "ingest_docs_per_cpu_core_s": round(len(files) / cpu, 1), "size_mb": round(path.stat().st_size / 1e6, 1),
            "search_median_ms": round(statistics.median(latencies), 2),
            "search_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2)}


def ingest(url: str, folder: Path) -> dict[str, Any]:
    """Run the ingest command; its wall time, and the CPU time of it and its workers (children)."""
    import resource

    env = {**os.environ, "LAWCODE_DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "lawcode", "ingest", str(folder), "--format", "json"], env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 1), "counts": json.loads(done.stdout)["counts"]}


def store_size(store: Store) -> int:
    if store.backend.name == "sqlite":
        store.backend.run("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(store.location.target)
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    # Each table with its indexes and TOAST store, and with its partitions (search_text's since schema 11).
    tables = ("regulations", "versions", "version_sources", "search_text", "lawcode_migrations")
    size = "SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree(?)"
    return int(sum(store.backend.rows(size, (t,))[0][0] for t in tables if store.backend.has_table(t)))


def bench_diff(articles: int, work: Path) -> dict[str, Any]:
    from lawcode.store.diff import compare
    from lawcode.text.parse import parse_text

    old_text = synthetic.long_text(articles)
    new_text = synthetic.amend(old_text)
    old, new = parse_text(old_text), parse_text(new_text)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        comparison = compare(old, new)
        times.append(time.perf_counter() - started)
    result: dict[str, Any] = {"articles": [len(old.articles()), len(new.articles())],
                              "compare_s": round(statistics.median(times), 3), "summary": comparison.summary()}
    started = time.perf_counter()
    compare(parse_text(old_text), parse_text(new_text))
    result["parse_and_compare_s"] = round(time.perf_counter() - started, 3)
    if shutil.which("git"):
        (work / "old.txt").write_text(old_text)
        (work / "new.txt").write_text(new_text)
        peer = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(["git", "diff", "--no-index", "--word-diff", str(work / "old.txt"), str(work / "new.txt")],
                           capture_output=True)
            peer.append(time.perf_counter() - started)
        result["git_word_diff_s"] = round(statistics.median(peer), 3)
    return result


def report(results: dict[str, Any]) -> None:
    print(f"corpus: {results['regulations']} synthetic regulations, {results['corpus_mb']} MB; "
          f"{results['queries']} queries; {results['cores']} cores; load average at start "
          f"{results['load_average_start']}\n")
    backends = [b for b in ("sqlite", "postgresql") if b in results]
    rows = [("ingest (docs/s)", "ingest_docs_per_s"), ("ingest (s)", "ingest_s"),
            ("ingest CPU, client and workers (s)", "ingest_cpu_s"),
            ("ingest docs per CPU-second", "ingest_docs_per_cpu_core_s"), ("re-ingest, all unchanged (s)",
            "reingest_s"), ("store size (MB)", "size_mb"), ("search median (ms)", "search_median_ms"),
            ("search p99 (ms)", "search_p99_ms"), ("search max (ms)", "search_max_ms"),
            ("hits per query (max 20)", "hits_per_query"),
            ("search CPU in this process, median (ms)", "search_client_cpu_median_ms"),
            ("search CPU in this process, p99 (ms)", "search_client_cpu_p99_ms"),
            ("load average after", "load_average_after")]
    print("| | " + " | ".join(backends) + " |\n|---|" + "---|" * len(backends))
    for label, key in rows:
        print(f"| {label} | " + " | ".join(str(results[b][key]) for b in backends) + " |")
    for label, key in (("search p90 by query shape", "search_p90_ms_by_shape"),
                       ("search CPU in this process, p90 by query shape", "search_client_cpu_p90_ms_by_shape")):
        for backend in backends:
            shapes = results[backend][key]
            print(f"{label} ({backend}): " + ", ".join(f"{shape} {ms} ms" for shape, ms in shapes.items()))
    peer = results["peer"]
    print(f"\npeer (SQLite {peer['sqlite_version']} FTS5, as lawcode's store; each file whole as one row, no parsing): "
          f"ingest {peer['ingest_docs_per_s']} docs/s "
          f"({peer['ingest_docs_per_cpu_core_s']} per CPU-second), {peer['size_mb']} MB; search (bm25, no snippets) "
          f"median {peer['search_median_ms']} ms, p99 {peer['search_p99_ms']} ms")
    for backend in backends:
        mine = results[backend]
        print(f"{backend} / peer: ingest {mine['ingest_docs_per_s'] / peer['ingest_docs_per_s']:.2f}x the peer's rate, "
              f"search p99 {mine['search_p99_ms'] / peer['search_p99_ms']:.2f}x the peer's")
    diff = results["diff"]
    print(f"\ndiff of two versions ({diff['articles'][0]} and {diff['articles'][1]} articles): compare "
          f"{diff['compare_s']} s, parse both + compare {diff['parse_and_compare_s']} s"
          + (f"; peer git diff --word-diff {diff['git_word_diff_s']} s" if "git_word_diff_s" in diff else ""))
    print("  " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in diff["summary"].items()))


if __name__ == "__main__":
    main()
