"""Atomic ingest with real processes on both backends: kill -9 at random points, two ingests at
once, readers while a write goes on. Every document is either whole in the store or absent."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import postgres_schema
from lawcode.store.ingest import BATCH_DOCUMENTS
from lawcode.store.store import Store

from .conftest import check_whole, synthetic_text

pytestmark = pytest.mark.slow
# More texts than fit in three batches committed together: a kill or Ctrl-C lands between commits.
TEXTS = 3 * BATCH_DOCUMENTS + 5


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    texts = tmp_path / "texts"
    texts.mkdir()
    for number in range(1, TEXTS + 1):
        (texts / f"canal-{number:02d}.txt").write_text(synthetic_text(number, articles=40))
    return texts


def _ingest(store_url: str, *args: str) -> subprocess.Popen[str]:
    """``lawcode ingest`` as from a terminal: Ctrl-C (SIGINT) interrupts it even when the test suite
    itself runs in the background, where the shell ignores SIGINT and its children inherit that."""
    env = {**os.environ, "LAWCODE_DATABASE_URL": store_url, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "lawcode", "ingest", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def test_kill_9_at_random_points_leaves_every_document_whole_or_absent(store_url, folder):
    seed = int(os.environ.get("LAWCODE_TEST_SEED", time.time_ns() % 100_000))
    chance = random.Random(seed)
    stored_before = 0
    for attempt in range(3):
        process = _ingest(store_url, str(folder), "--workers", "1")
        assert process.stdout is not None
        wait_for = chance.randint(1, TEXTS // 4)  # kill after this many more documents, then a little later
        while wait_for:
            line = process.stdout.readline()
            if not line:
                break
            wait_for -= line.startswith("stored")
        time.sleep(chance.uniform(0, 0.03))
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Store.open(store_url) as store:
            stored = check_whole(store)
        if process.returncode != -signal.SIGKILL:  # on a fast machine the last texts may all be in first
            assert process.returncode == 0 and stored == TEXTS, f"seed {seed}: exit {process.returncode}"
            stored_before = stored
            break
        assert stored_before < stored <= TEXTS, f"seed {seed}, attempt {attempt}: {stored} stored"
        stored_before = stored
    finished = _ingest(store_url, str(folder))
    out, err = finished.communicate(timeout=120)
    assert finished.returncode == 0, err
    assert out.count("unchanged") == stored_before and out.count("stored") == TEXTS - stored_before
    with Store.open(store_url) as store:
        assert check_whole(store) == TEXTS


def test_two_ingests_at_once_store_each_text_once(store_url, folder):
    first = _ingest(store_url, str(folder), "--workers", "1")
    second = _ingest(store_url, *sorted(str(p) for p in folder.iterdir())[::-1], "--workers", "1")
    results = [p.communicate(timeout=120) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], [err for _, err in results]
    outs = "".join(out for out, _ in results)
    # Once seen failing (once, never reproduced since): say everything both processes printed.
    assert outs.count("stored") == TEXTS and outs.count("unchanged") == TEXTS, results
    with Store.open(store_url) as store:
        assert check_whole(store) == TEXTS
        assert all(len(r.versions) == 1 for r in store.regulations())


def test_readers_see_whole_documents_while_a_write_goes_on(store_url, folder):
    with Store.open(store_url):
        pass  # the schema exists before the writer starts, as for any store in use
    writer = _ingest(store_url, str(folder), "--workers", "1")
    reads, seen = 0, set()
    deadline = time.monotonic() + 120
    while writer.poll() is None and time.monotonic() < deadline:
        with Store.open(store_url) as store:
            check_whole(store)
            from lawcode.store.search import search

            seen.update(h.version for h in search(store, "lock keeper", limit=1000).hits)
            reads += 1
    assert writer.wait(timeout=10) == 0, writer.stderr.read() if writer.stderr else ""
    assert reads >= 2 and len(seen) > 0


def test_ctrl_c_stops_an_ingest_cleanly_with_every_document_whole_or_absent(store_url, folder):
    # Long texts after the others: seconds of work are left when the first batch is reported, so
    # that a test process kept waiting by a busy machine still interrupts the ingest, not its end.
    for number in range(TEXTS + 1, TEXTS + 11):
        (folder / f"canal-{number:02d}.txt").write_text(synthetic_text(number, articles=1500))
    process = _ingest(store_url, str(folder), "--workers", "1")
    assert process.stdout is not None
    while not process.stdout.readline().startswith("stored"):
        pass
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    with Store.open(store_url) as store:
        assert 1 <= check_whole(store) < TEXTS + 10


def test_processes_opening_a_new_sqlite_store_at_once_all_open_it(tmp_path):
    # SQLite answers the switch of a new file to WAL "database is locked" at once, without the
    # busy timeout, when another process holds the file: two ingests started together on a new
    # store failed so, now and then (about one start in ten).
    opener = "import sys; from lawcode.store.store import Store; Store.open(sys.argv[1]).close()"
    for attempt in range(8):
        url = str(tmp_path / f"new-{attempt}.sqlite3")
        processes = [subprocess.Popen([sys.executable, "-c", opener, url], stderr=subprocess.PIPE, text=True)
                     for _ in range(8)]
        errors = [p.communicate(timeout=120)[1] for p in processes]
        assert [p.returncode for p in processes] == [0] * 8, errors
        with Store.open(url) as store:
            assert store.backend.rows("PRAGMA journal_mode") == [("wal",)]


def _workers_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_ctrl_c_of_an_ingest_with_workers_stops_them_all_without_noise(store_url, folder):
    # A terminal sends Ctrl-C to the whole foreground group: the ingest and its parsing processes.
    # Long texts after the others, so that the signal lands while there is work left (see above).
    for number in range(TEXTS + 1, TEXTS + 11):
        (folder / f"canal-{number:02d}.txt").write_text(synthetic_text(number, articles=1500))
    process = subprocess.Popen([sys.executable, "-m", "lawcode", "ingest", str(folder), "--workers", "2"],
                               env={**os.environ, "LAWCODE_DATABASE_URL": store_url, "PYTHONUNBUFFERED": "1"},
                               text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stdout is not None
    while not process.stdout.readline().startswith("stored"):
        pass
    workers = _workers_of(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and workers, err
    # no worker's traceback ("Process ForkPoolWorker-1: ..."), no warning of psycopg's, only the
    # ingest's own message
    assert "lawcode: interrupted" in err and "Traceback" not in err and "Process" not in err, err
    assert "error ignored" not in err, err
    assert not [pid for pid in workers if _running(pid)]
    with Store.open(store_url) as store:
        check_whole(store)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_the_parsing_processes_end_when_the_ingest_is_killed(store_url, folder):
    process = _ingest(store_url, str(folder), "--workers", "2")
    assert process.stdout is not None
    while not process.stdout.readline().startswith("stored"):
        pass
    workers = _workers_of(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if not workers:  # every text was parsed before the kill
        return
    deadline = time.monotonic() + 10
    while [pid for pid in workers if _running(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _running(pid)], "parsing processes left behind"


def test_an_interrupt_while_postgresql_runs_a_command_rolls_back_without_noise(postgres, caplog):
    # Ctrl-C may land while the server still runs a command of the write (the quick start's test run
    # once printed psycopg's "error ignored in rollback ... another command is already in progress").
    # Here the command under way is sent by hand; the connection is dropped, and the server rolls back.
    with postgres_schema(postgres.url) as url:
        with Store.open(url) as store:
            backend = store.backend
            with pytest.raises(KeyboardInterrupt), backend.transaction("lawcode-ingest"):
                backend.run("INSERT INTO regulations (id, work_uri) VALUES ('half', '/akn/xx/act/half')")
                backend.connection.pgconn.send_query(b"SELECT pg_sleep(0.2)")  # under way, not yet answered
                raise KeyboardInterrupt
        assert not [record for record in caplog.records if record.name.startswith("psycopg")]
        with Store.open(url) as store:
            assert store.backend.rows("SELECT count(*) FROM regulations") == [(0,)]


def test_an_interrupt_while_waiting_for_the_ingest_lock_rolls_back_without_noise(postgres, caplog):
    # Ctrl-C may land while a write waits for the lock that orders ingests (another ingest holds it):
    # the command under way is the wait itself.
    import psycopg

    with postgres_schema(postgres.url) as url, psycopg.connect(url, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(hashtext('lawcode-ingest'))")  # another ingest writing
        with Store.open(url) as store:
            timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
            timer.start()
            try:
                with pytest.raises(KeyboardInterrupt), store.backend.transaction("lawcode-ingest"):
                    pytest.fail("the lock was taken while another connection held it")
            finally:
                timer.cancel()
        assert not [record for record in caplog.records if record.name.startswith("psycopg")]
        other.execute("SELECT pg_advisory_unlock(hashtext('lawcode-ingest'))")
        with Store.open(url) as store:
            assert store.backend.rows("SELECT count(*) FROM regulations") == [(0,)]


def test_an_interrupt_while_postgresql_begins_a_write_leaves_no_noise(postgres, caplog, monkeypatch):
    # Ctrl-C may land between sending a write's BEGIN and its answer (psycopg's own transaction block
    # then printed "error ignored in rollback ... another command is already in progress", about one
    # ingest in fifteen of the Ctrl-C test above). Here BEGIN is sent by hand and left unanswered.
    with postgres_schema(postgres.url) as url:
        with Store.open(url) as store:
            connection = store.backend.connection
            execute = connection.execute

            def interrupted_begin(query, *args, **kwargs):
                if query == "BEGIN":
                    connection.pgconn.send_query(b"BEGIN")  # under way, not yet answered
                    raise KeyboardInterrupt
                return execute(query, *args, **kwargs)

            monkeypatch.setattr(connection, "execute", interrupted_begin)
            with pytest.raises(KeyboardInterrupt), store.backend.transaction("lawcode-ingest"):
                pytest.fail("the write went on after Ctrl-C")
            assert connection.closed
        assert not [record for record in caplog.records if record.name.startswith("psycopg")]
        with Store.open(url) as store:
            assert store.backend.rows("SELECT count(*) FROM regulations") == [(0,)]
