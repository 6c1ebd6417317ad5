"""Running the application: one process, or several forked from it that share its socket.

An answer is computed in Python and holds the interpreter's lock while it is computed, so one
process answers on one core at a time however many requests wait. ``workers`` > 1 forks that
many processes after start-up (the texts parsed, the models loaded, :func:`gc.freeze` called):
they share the listening socket, the kernel hands each connection to one of them, and the
memory the start-up built stays shared between them (copy-on-write; the frozen objects are not
touched by the collector, so their pages are not copied). The first process only waits: it
passes SIGINT and SIGTERM on to the workers and returns when they have all ended.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from types import FrameType

import uvicorn


def run(config: uvicorn.Config, workers: int = 1) -> None:
    """Serve ``config``'s application until stopped, in ``workers`` processes."""
    if workers <= 1:
        uvicorn.Server(config).run()
        return
    sock = config.bind_socket()
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: serve until told to stop, then leave without the parent's clean-up
            code = 0
            try:
                uvicorn.Server(config).run(sockets=[sock])
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        children.append(pid)
    sock.close()
    _wait(children)


def _wait(children: list[int]) -> None:
    """Pass SIGINT and SIGTERM on to the workers; return when every worker has ended."""

    def forward(signum: int, _frame: FrameType | None) -> None:
        for pid in children:
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                continue

    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        remaining = set(children)
        while remaining:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            remaining.discard(pid)
            if remaining:  # one worker ended (stopped, or failed): the server stops as a whole
                forward(signal.SIGTERM, None)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
