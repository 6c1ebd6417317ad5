"""A running ``lawcode serve`` follows the corpus store: a version ingested by ``lawcode ingest``
in another process after the server read the regulation is served without a restart, as is a
regulation ingested after the server started; one deleted is gone. On SQLite and PostgreSQL,
with two worker processes (each follows the store on its own)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from apihelp import TAR_ID

from conftest import postgres_schema
from servers import get_json, serving

pytestmark = pytest.mark.slow  # real servers and ingests, a few seconds each

# Synthetic regulations (invented words).
BRIDGE = """Invented Bridge Rules

Article 1: A carter shall pay the bridge toll at the gate.

Article 2: The warden may close the bridge in a storm.
"""

FERRY = """Invented Ferry Rules

Article 1: A passenger shall hold a ticket.
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request, tmp_path):
    """A user's environment whose corpus store (a SQLite file, or a schema on the session's
    PostgreSQL) holds ``bridge@1``."""
    if request.param == "sqlite":
        url = str(tmp_path / "corpus.sqlite3")
        yield _with_bridge(tmp_path, url)
        return
    with postgres_schema(request.getfixturevalue("postgres").url) as url:
        yield _with_bridge(tmp_path, url)


def _with_bridge(tmp_path, url: str) -> dict[str, str]:
    env = {**os.environ, "LAWCODE_DATABASE_URL": url}
    _lawcode(env, "ingest", str(_write(tmp_path, "bridge.txt", BRIDGE)))
    return env


def _write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _lawcode(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "lawcode", *args], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _settles(check, within: float = 20) -> None:
    """``check()`` true for eight requests in a row (so both workers answer so) within ``within`` seconds."""
    deadline, in_a_row = time.monotonic() + within, 0
    while in_a_row < 8:
        in_a_row = in_a_row + 1 if check() else 0
        assert time.monotonic() < deadline, "the server did not follow the store"
        time.sleep(0.05)


def test_a_version_ingested_while_serving_is_served_without_a_restart(env, tmp_path):
    with serving(env, "--model", TAR_ID, "--workers", "2") as (url, _):
        for _ in range(4):  # each worker reads bridge@1
            status, provision = get_json(url + "/api/regulations/bridge/provisions/1")
            assert status == 200 and "bridge toll" in provision["text"]
        _lawcode(env, "ingest", str(_write(tmp_path, "bridge.txt", BRIDGE.replace("bridge toll", "bridge fee"))),
                 str(_write(tmp_path, "ferry.txt", FERRY)))
        _settles(lambda: get_json(url + "/api/regulations/bridge")[1]["version"] == "bridge@2")
        status, provision = get_json(url + "/api/regulations/bridge/provisions/1")
        assert status == 200 and "bridge fee" in provision["text"]
        _settles(lambda: "ferry" in {r["id"] for r in get_json(url + "/api/regulations")[1]["regulations"]})
        status, ferry = get_json(url + "/api/regulations/ferry")
        assert status == 200 and ferry["version"] == "ferry@1"
        _lawcode(env, "delete", "ferry", "--yes")
        _settles(lambda: get_json(url + "/api/regulations/ferry")[0] == 404)
        assert get_json(url + f"/api/regulations/{TAR_ID}")[0] == 200


def test_a_server_started_before_the_first_ingest_serves_what_is_ingested_then(tmp_path):
    """``lawcode serve`` on the default store (a SQLite file in the user's data folder) before it
    exists: the server does not create it, and serves what ``lawcode ingest`` stores afterwards."""
    env = {name: value for name, value in os.environ.items() if name != "LAWCODE_DATABASE_URL"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    default_store = tmp_path / "data" / "lawcode" / "corpus.sqlite3"
    with serving(env, "--model", TAR_ID) as (url, _):
        assert get_json(url + "/api/regulations/bridge")[0] == 404
        assert [r["id"] for r in get_json(url + "/api/regulations")[1]["regulations"]] == [TAR_ID]
        assert not default_store.exists()
        _lawcode(env, "ingest", str(_write(tmp_path, "bridge.txt", BRIDGE)))
        assert default_store.is_file()
        _settles(lambda: get_json(url + "/api/regulations/bridge")[0] == 200)
        status, provision = get_json(url + "/api/regulations/bridge/provisions/1")
        assert status == 200 and "bridge toll" in provision["text"]
