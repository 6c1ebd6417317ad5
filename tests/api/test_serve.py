"""``lawcode serve`` as a user runs it, in processes of its own: what is written over the API is
kept in the corpus store and served again after a restart; several worker processes answer and
stop together; a server that takes writes runs in one process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from apihelp import SHED_MODEL, SHED_TEXT, TAR_ID

from conftest import TAR, corpus_file
from servers import get_json, serving

pytestmark = pytest.mark.slow  # real servers, a few seconds each

TOKEN = "a-token-for-the-restart-test"


def _post(url: str, payload: dict, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"content-type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def env(tmp_path):
    """The environment of a user whose corpus store is a SQLite file of this test's own."""
    return {**os.environ, "LAWCODE_CORPUS": str(corpus_file(TAR).parent),
            "LAWCODE_DATABASE_URL": str(tmp_path / "corpus.sqlite3")}


def test_a_regulation_written_over_the_api_is_served_again_after_a_restart(env):
    with serving(env, "--model", TAR_ID, "--api-token", TOKEN) as (url, _):
        status, created = _post(url + "/api/regulations", {"id": "shed", "text": SHED_TEXT, "model": SHED_MODEL},
                                TOKEN)
        assert status == 201, created
        assert created["version"] == "shed@1" and created["has_model"]
        before = get_json(url + "/api/regulations/shed/ask?as=owner&on=2021-01-01")[1]
    with serving(env, "--model", TAR_ID) as (url, _):  # restarted, read-only
        listed = {r["id"]: r for r in get_json(url + "/api/regulations")[1]["regulations"]}
        assert listed["shed"]["origin"] == "stored" and listed["shed"]["has_model"]
        status, after = get_json(url + "/api/regulations/shed/ask?as=owner&on=2021-01-01")
        assert status == 200 and after == before
        assert [f["norm"] for f in after["findings"]] == ["art2-paint"]
        status, provision = get_json(url + "/api/regulations/shed/provisions/chp_I__art_2")
        assert status == 200 and provision["text"].startswith("An owner shall paint")
        status, refused = _post(url + "/api/regulations", {"id": "shed", "text": SHED_TEXT}, TOKEN)
        assert status == 403 and "read-only" in refused["error"]


def test_several_worker_processes_answer_and_stop_together(env):
    with serving(env, "--model", TAR_ID, "--workers", "2") as (url, process):
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        assert len(children) == 2
        for _ in range(6):
            status, answer = get_json(url + f"/api/regulations/{TAR_ID}/ask?as=citizen")
            assert status == 200 and answer["findings"]
    assert process.returncode == 0
    for child in children:
        assert not Path(f"/proc/{child}").exists() or "zombie" in Path(f"/proc/{child}/status").read_text()


def test_a_server_that_takes_writes_runs_in_one_process(env):
    result = subprocess.run([sys.executable, "-m", "lawcode", "serve", "--workers", "2", "--api-token", TOKEN],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--workers 1" in result.stderr and "Traceback" not in result.stderr
