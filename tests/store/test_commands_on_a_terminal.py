"""The store commands as a user at a terminal sees them (a real pseudo-terminal, real processes):
each stored version is shown once, not once in a question and again in the answer or twice by a
progress display."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import MARINA, write_text

pytestmark = pytest.mark.slow  # real lawcode processes on a pseudo-terminal

_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # colours, cursor moves, line clearing


def on_a_terminal(env: dict[str, str], *args: str, answer: str | None = None,
                  meanwhile: Callable[[], object] = lambda: None) -> tuple[int, str]:
    """Run ``lawcode ARGS`` with its input and both outputs on a pseudo-terminal, typing ``answer``
    when asked ``[y/N]`` (after ``meanwhile()``): (exit code, what the terminal showed, escapes
    removed)."""
    import pty

    main, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "lawcode", *args], stdin=secondary, stdout=secondary,
                               stderr=secondary, env=env, close_fds=True)
    os.close(secondary)
    shown, deadline = b"", time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if select.select([main], [], [], 0.2)[0]:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the process ended and closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
                if answer is not None and b"[y/N]" in shown:
                    meanwhile()
                    os.write(main, answer.encode() + b"\n")
                    answer = None
            elif process.poll() is not None:
                break
        code = process.wait(timeout=30)
    finally:
        os.close(main)
        if process.poll() is None:
            process.kill()
    return code, _ESCAPES.sub("", shown.decode("utf-8", "replace")).replace("\r", "")


@pytest.fixture
def user(tmp_path: Path) -> dict[str, str]:
    """A user's environment whose store (a SQLite file) holds marina@1, marina@2 and ferry@1."""
    env = {**os.environ, "LAWCODE_DATABASE_URL": str(tmp_path / "store.sqlite3"), "COLUMNS": "100",
           "TERM": "xterm"}
    folder = tmp_path / "texts"
    folder.mkdir()
    write_text(folder, "marina.txt", MARINA)
    write_text(folder, "ferry.txt", MARINA.replace("Marina", "Ferry").replace("boat", "ferry"))
    code, shown = on_a_terminal(env, "ingest", str(folder))
    assert code == 0, shown
    assert shown.count("marina@1") == 1 and shown.count("ferry@1") == 1  # the progress bar repeats no result
    write_text(folder, "marina.txt", MARINA.replace("each quarter", "each month"))
    assert on_a_terminal(env, "ingest", str(folder / "marina.txt"))[0] == 0
    return env


def test_delete_names_the_versions_once_in_its_question_then_says_it_is_done(user):
    code, shown = on_a_terminal(user, "delete", "marina", answer="y")
    assert code == 0, shown
    assert "delete marina@1, marina@2 from" in shown
    assert shown.count("marina@1") == 1 and shown.count("marina@2") == 1, shown
    assert shown.rstrip().endswith("deleted 2 versions of marina")
    code, shown = on_a_terminal(user, "delete", "ferry@1", answer="y")
    assert code == 0 and shown.count("ferry@1") == 1 and shown.rstrip().endswith("deleted 1 version of ferry")
    code, shown = on_a_terminal(user, "list")
    assert code == 0 and "holds no regulation yet" in shown


def test_delete_without_asking_lists_what_it_deleted(user):
    code, shown = on_a_terminal(user, "delete", "marina", "--yes")
    assert code == 0
    assert [line.split()[:2] for line in shown.splitlines()] == [["deleted", "marina@1"], ["deleted", "marina@2"]]


def test_a_version_stored_while_the_question_waits_is_not_deleted_unasked(user, tmp_path):
    def ingest_a_third_version():
        path = write_text(tmp_path / "texts", "marina.txt", MARINA.replace("each quarter", "each week"))
        assert on_a_terminal(user, "ingest", str(path))[0] == 0

    code, shown = on_a_terminal(user, "delete", "marina", answer="y", meanwhile=ingest_a_third_version)
    assert code == 2 and "delete marina@1, marina@2 from" in shown
    assert "nothing deleted: the versions of marina changed while you were asked" in shown
    assert "stored now: marina@1, marina@2, marina@3" in shown and "the same command again" in shown
    listed = on_a_terminal(user, "list")[1]
    assert "  @1 " in listed and "  @2 " in listed and "  @3 " in listed


def test_a_refused_question_deletes_nothing(user):
    code, shown = on_a_terminal(user, "delete", "marina@2", answer="n")
    assert code == 1 and "nothing deleted" in shown
    assert "  @2 " in on_a_terminal(user, "list")[1]


def test_list_search_diff_and_export_show_each_result_once(user):
    code, shown = on_a_terminal(user, "list")
    assert code == 0 and shown.count("@1 ") == 2 and shown.count("@2 ") == 1
    code, shown = on_a_terminal(user, "search", "month")
    assert code == 0 and shown.count("marina@2") == 1 and "ferry@1" not in shown
    code, shown = on_a_terminal(user, "diff", "marina@1", "marina@2")
    assert code == 0 and shown.count("marina@1 → marina@2") == 1 and shown.count("[-quarter-]") == 1
    code, shown = on_a_terminal(user, "export", "marina@2", "--format", "md")
    assert code == 0 and shown.count("each month") == 1 and shown.count("# Marina Rules") == 1
