"""Real servers for the tests: ``lawcode serve`` in a process of its own on a free loopback port."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(env: dict[str, str], *args: str, start_within: float = 60) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``lawcode serve ARGS`` on a free port until the block ends (then stopped with SIGTERM, as a
    user's Ctrl-C or a service manager stops it): its URL and its process. A server that does not
    answer within ``start_within`` seconds fails the test with what it wrote on stderr."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "lawcode", "serve", "--port", str(port), *args],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_within
        while True:
            try:
                urllib.request.urlopen(url + "/api/regulations", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    stderr = process.stderr.read().decode() if process.stderr else ""
                    raise AssertionError("lawcode serve did not start: " + stderr) from None
                time.sleep(0.1)
        yield url, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        if process.stderr:
            process.stderr.close()


def get_json(url: str) -> tuple[int, dict]:
    """GET ``url`` from a server: (status, its JSON body), for error answers too."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
