"""Load on lawcode serve from a second process: p50/p90/p99 latency at a chosen rate, errors,
and the server's memory after the run.

    python benchmarks/web/bench_web.py [--rate 200] [--seconds 60] [--connections 20] [--json FILE]

For each of two addresses - the ask endpoint (``GET /api/regulations/ID/ask?as=enterprise``, a
JSON answer with quotations) and a reader page (``GET /r/ID/read/chp_II``, the longest chapter) -
it starts ``lawcode serve`` (the shipped TAR model, its text from LAWCODE_CORPUS or
../shared/corpus) on a free loopback port, warms it up, then runs Debian's ``wrk`` against it
for --seconds at about --rate requests a second (pace.lua; the pause between requests is
calibrated in a 5 s run first). The same load then goes to the peer: uvicorn + Starlette
answering the same bytes from memory (peer_server.py), in the same run. Bounded: wrk stops after
--seconds, and each server is stopped after its run.
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
TARGETS = {
    "ask": f"/api/regulations/{REGULATION}/ask?as=enterprise",
    "reader": f"/r/{REGULATION}/read/chp_II",
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
    """Resident set now and at its peak (VmRSS, VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return {"rss_mb": int(found["VmRSS"]) / 1024, "peak_rss_mb": int(found["VmHWM"]) / 1024}


def wrk(url: str, seconds: int, connections: int, delay_ms: float) -> dict:
    """One wrk run: achieved rate, latency percentiles (ms), errors."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
               "-s", str(HERE / "pace.lua"), url, "--", f"{delay_ms:.2f}"]
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


def paced(url: str, rate: float, seconds: int, connections: int) -> dict:
    """A run at about ``rate``: the pause after each response calibrated by a 5 s run first."""
    first = connections / rate * 1000
    trial = wrk(url, 5, connections, first)
    cycle = connections / trial["rate"] * 1000  # pause + latency, per connection
    pause = max(0.0, first - (cycle - first))
    result = wrk(url, seconds, connections, pause)
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
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    corpus = os.environ.get("LAWCODE_CORPUS") or str(ROOT.parent / "shared" / "corpus")
    env = {**os.environ, "LAWCODE_CORPUS": corpus, "PYTHONPATH": str(ROOT / "src")}
    results = []
    for name, path in TARGETS.items():
        port = free_port()
        server = start([sys.executable, "-m", "lawcode", "serve", "--port", str(port)], port, path, env)
        try:
            url = f"http://127.0.0.1:{port}{path}"
            with urllib.request.urlopen(url) as response:
                body, content_type = response.read(), response.headers["content-type"]
            for _ in range(200):  # warm up: engine indexes, page cache, bytecode
                urllib.request.urlopen(url).read()
            run = paced(url, args.rate, args.seconds, args.connections)
            results.append({"target": name, "server": "lawcode serve", "bytes": len(body), **run, **memory(server.pid)})
        finally:
            stop(server)
        with tempfile.NamedTemporaryFile(suffix=".body", delete=False) as file:
            file.write(body)
        port = free_port()
        peer = start([sys.executable, str(HERE / "peer_server.py"), str(port), file.name, content_type], port, path,
                     env)
        try:
            run = paced(f"http://127.0.0.1:{port}{path}", args.rate, args.seconds, args.connections)
            results.append({"target": name, "server": "peer: Starlette, same bytes", "bytes": len(body), **run,
                            **memory(peer.pid)})
        finally:
            stop(peer)
            os.unlink(file.name)
    print("| target | server | body | rate (req/s) | p50 ms | p90 ms | p99 ms | errors | RSS after MB | peak RSS MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['target']} | {r['server']} | {r['bytes'] / 1024:.1f} kB | {r['rate']:.0f} | {r['p50_ms']:.2f} | "
              f"{r['p90_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors']} | {r['rss_mb']:.0f} | {r['peak_rss_mb']:.0f} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
