"""Run the real ``lawcode`` command on a generated bad input, bounded in time and memory.

Each adversarial test writes its input at run time (never a stored copy of a big file), runs
the CLI in a fresh process, and checks what a user sees: the exit code, the one-line message,
and that the process stayed within a time and a memory bound generous enough for a shared
2-core machine (they catch a hang or a blow-up, not a slowdown; speed lives in benchmarks/).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SECONDS = 30.0  # a hang or a quadratic path takes minutes; a fixed one takes about a second
MEGABYTES = 600  # peak resident memory; a blow-up takes gigabytes
ADDRESS_SPACE = 4 * 1024**3  # hard cap, so that a regression fails instead of exhausting the machine


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    megabytes: float

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_cli(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, seconds: float = SECONDS,
            megabytes: float = MEGABYTES) -> Run:
    """``python -m lawcode ARGS`` in ``cwd``; fails the test if it exceeds the bounds."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    out, err = cwd / ".stdout", cwd / ".stderr"
    start = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "lawcode", *map(str, args)], cwd=cwd, env=environment,
                                   stdout=stdout, stderr=stderr,
                                   preexec_fn=_limit_memory)
    code, usage = _wait(process, seconds, args)
    run = Run(code, out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace"),
              time.monotonic() - start, usage.ru_maxrss / 1024)
    out.unlink()
    err.unlink()
    assert run.megabytes < megabytes, f"peak memory {run.megabytes:.0f} MB (bound {megabytes} MB)"
    return run


def _wait(process: subprocess.Popen[bytes], seconds: float,
          args: tuple[str | Path, ...]) -> tuple[int, resource.struct_rusage]:
    """Exit code and resource use (peak memory in ``ru_maxrss``, KB) of this one child."""
    deadline = time.monotonic() + seconds
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)  # reaped here; Popen must not wait again
            return process.returncode, usage
        if time.monotonic() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            process.returncode = -9
            pytest.fail(f"lawcode {' '.join(map(str, args))} did not finish in {seconds:.0f} s")
        time.sleep(0.02)


def assert_clear_error(run: Run, *fragments: str) -> None:
    """Exit 2, one line on stderr, no traceback, and every fragment in it."""
    assert run.code == 2, f"exit {run.code}; stderr: {run.stderr[-2000:]}"
    assert "Traceback" not in run.stderr
    assert len(run.error_lines) == 1, run.stderr
    for fragment in fragments:
        assert fragment in run.error_lines[0], run.error_lines[0]




def many_norms(count: int) -> str:
    """``count`` generated norms (discretionary duties, each with a condition), as model-file YAML lines."""
    return "".join(
        f"  - id: gen{n}-weeding\n    kind: duty\n    bearer: plot_holder\n    action: keep the plot free of weeds\n"
        f"    condition: has_plot and not fee_unpaid\n    discretionary: true\n"
        f"    cites: [chp_II__art_3__para_nn_1__list_1__item_1]\n"
        for n in range(count)
    )
