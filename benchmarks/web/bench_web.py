"""Load on lawcode serve from a second process: p50/p90/p99 latency at a chosen rate, errors,
and the server's memory after the run.

    python benchmarks/web/bench_web.py [--rate 200] [--seconds 60] [--connections 20]
                                       [--workers 1 2] [--json FILE]

Two targets: the ask endpoint (``GET /api/regulations/ID/ask``, JSON answers with quotations),
asked a varied mix of real questions in turn (ASK_MIX: several roles, one role or two, facts
given true or false, dates before and during the regulation's force, a kind), and the reader's
longest chapter (``GET /r/ID/read/chp_II``). For each target and each --workers count it starts
``lawcode serve`` (the shipped models, their texts from LAWCODE_CORPUS or ../shared/corpus) on a
free loopback port, warms it up, then runs Debian's ``wrk`` against it for --seconds at about
--rate requests a second (pace.lua; the pause between requests is calibrated in a 5 s run
first). The same load then goes to the peer: uvicorn + Starlette answering each address with the
bytes lawcode answered for it, from memory (peer_server.py), with as many processes, in the same
run. Bounded: wrk stops after --seconds, and each server is stopped after its run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REGULATION = "tar-counter-espionage-2021"
ASK = f"/api/regulations/{REGULATION}/ask?"
# Real questions a user of the TAR model asks: its answers are 0.4 to 32 kB.
ASK_MIX = [ASK + query for query in (
    "as=enterprise",
    "as=citizen",
    "as=citizen&fact=discovered_espionage_or_lead",
    "as=enterprise&as=network_operator&fact=in_key_unit_directory",
    "as=school&fact=has_travellers_abroad&on=2022-03-01",
    "as=media&kind=duty",
    "as=teacher&on=2020-06-30",
    "as=key_unit&fact=sends_personnel_abroad=false",
    "as=network_operator&fact=telecom_threat_found&fact=correction_refused_or_insufficient",
    "as=state_security_organ&kind=power",
    "as=unit&fact=failed_obligations&on=2023-01-15",
    "as=reporter&fact=reporter_consents=false",
)]
TARGETS = {
    "ask": ASK_MIX,
    "reader": [f"/r/{REGULATION}/read/chp_II"],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start for {url}") from None
            time.sleep(0.2)


def memory(pid: int) -> dict[str, float]:
    """The server's memory after a run, in MB: resident set (VmRSS) and its peak (VmHWM), and
    for several processes the proportional set (Pss: shared pages divided among the sharers),
    each summed over the process and its workers."""
    pids = [pid, *_children(pid)]
    totals = {"rss_mb": 0.0, "peak_rss_mb": 0.0, "pss_mb": 0.0}
    for one in pids:
        status = Path(f"/proc/{one}/status").read_text()
        found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
        totals["rss_mb"] += int(found["VmRSS"]) / 1024
        totals["peak_rss_mb"] += int(found["VmHWM"]) / 1024
        rollup = Path(f"/proc/{one}/smaps_rollup").read_text()
        totals["pss_mb"] += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1)) / 1024
    return totals


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def wrk(base: str, paths: list[str], seconds: int, connections: int, delay_ms: float) -> dict:
    """One wrk run over ``paths`` in turn: achieved rate, latency percentiles (ms), errors."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
               "-s", str(HERE / "pace.lua"), base + paths[0], "--", f"{delay_ms:.2f}", *paths]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    percentiles = {p: _ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.MULTILINE)}
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    return {"requests": requests, "rate": rate, "p50_ms": percentiles["50"], "p90_ms": percentiles["90"],
            "p99_ms": percentiles["99"], "errors": errors}


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def paced(base: str, paths: list[str], rate: float, seconds: int, connections: int) -> dict:
    """A run at about ``rate``: the pause after each response calibrated by a 5 s run first."""
    first = connections / rate * 1000
    trial = wrk(base, paths, 5, connections, first)
    cycle = connections / trial["rate"] * 1000  # pause + latency, per connection
    pause = max(0.0, first - (cycle - first))
    result = wrk(base, paths, seconds, connections, pause)
    result["pause_ms"] = round(pause, 2)
    return result


def start(command: list[str], port: int, probe: str, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(f"http://127.0.0.1:{port}{probe}", process)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="lawcode serve --workers, each")
    parser.add_argument("--targets", nargs="+", default=list(TARGETS), choices=list(TARGETS))
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    corpus = os.environ.get("LAWCODE_CORPUS") or str(ROOT.parent / "shared" / "corpus")
    env = {**os.environ, "LAWCODE_CORPUS": corpus, "PYTHONPATH": str(ROOT / "src")}
    results = []
    for name in args.targets:
        for workers in args.workers:
            results += run_target(name, TARGETS[name], workers, args, env)
    print("| target | workers | server | body | rate (req/s) | p50 ms | p90 ms | p99 ms | errors | RSS after MB | "
          "PSS after MB | load before -> after |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        print(f"| {r['target']} | {r['workers']} | {r['server']} | {r['kb']} | {r['rate']:.0f} | {r['p50_ms']:.2f} | "
              f"{r['p90_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors']} | {r['rss_mb']:.0f} | {r['pss_mb']:.0f} | "
              f"{r['load_before']} -> {r['load_after']} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")


def run_target(name: str, paths: list[str], workers: int, args: argparse.Namespace, env: dict) -> list[dict]:
    """lawcode serve, then the peer answering the same bytes, under the same load."""
    results = []
    port = free_port()
    server = start([sys.executable, "-m", "lawcode", "serve", "--port", str(port), "--workers", str(workers)],
                   port, paths[0], env)
    with tempfile.TemporaryDirectory() as folder:
        bodies: dict[str, list[str]] = {}
        try:
            base = f"http://127.0.0.1:{port}"
            for number, path in enumerate(paths):
                with urllib.request.urlopen(base + path) as response:
                    file = Path(folder) / f"{number}.body"
                    file.write_bytes(response.read())
                    bodies[path] = [response.headers["content-type"], str(file)]
            for turn in range(200):  # warm up: engine indexes, page cache, bytecode, every worker
                urllib.request.urlopen(base + paths[turn % len(paths)]).read()
            sizes = [Path(file).stat().st_size / 1024 for _, file in bodies.values()]
            kb = f"{min(sizes):.1f}-{max(sizes):.1f} kB" if len(sizes) > 1 else f"{sizes[0]:.1f} kB"
            before = load_average()
            run = paced(base, paths, args.rate, args.seconds, args.connections)
            results.append({"target": name, "workers": workers, "server": "lawcode serve", "kb": kb, **run,
                            **memory(server.pid), "load_before": before, "load_after": load_average()})
        finally:
            stop(server)
        map_file = Path(folder) / "bodies.json"
        map_file.write_text(json.dumps(bodies))
        port = free_port()
        peer = start([sys.executable, str(HERE / "peer_server.py"), str(port), str(map_file), str(workers)], port,
                     paths[0], env)
        try:
            before = load_average()
            run = paced(f"http://127.0.0.1:{port}", paths, args.rate, args.seconds, args.connections)
            results.append({"target": name, "workers": workers, "server": "peer: Starlette, same bytes", "kb": kb,
                            **run, **memory(peer.pid), "load_before": before, "load_after": load_average()})
        finally:
            stop(peer)
    return results


if __name__ == "__main__":
    main()
