"""GET /api/search and GET /api/diff answer from the corpus store, as `lawcode search` and
`lawcode diff --format json` do; bad queries are 4xx, never 500. What is written over the API is
in the store for the next server. Each test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import postgres_schema

DOCKS_V1 = """Invented Dock Rules

Article 1: The harbour master shall keep a register of moorings.

Article 2: A boat owner shall pay the mooring fee each quarter.

Article 3: The council may set the fee.
"""

DOCKS_V2 = DOCKS_V1.replace("each quarter", "each month")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """An empty corpus store: a SQLite file, or a schema of its own on the module's PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corpus.sqlite3'}"
        return
    with postgres_schema(request.getfixturevalue("postgres").url) as url:
        yield url


@pytest.fixture
def client(tmp_path, monkeypatch, store_url):
    from lawcode.api.app import create_app
    from lawcode.api.library import Library
    from lawcode.store.prepare import prepare
    from lawcode.store.store import Store

    monkeypatch.setenv("LAWCODE_DATABASE_URL", store_url)
    first, second = tmp_path / "docks.txt", tmp_path / "docks-2.txt"
    first.write_text(DOCKS_V1, encoding="utf-8")
    second.write_text(DOCKS_V2, encoding="utf-8")
    with Store.open() as store:
        added = store.add(prepare(str(first)))
        store.add(prepare(str(second)), as_version_of=added.regulation_id)
    with TestClient(create_app(Library(), web=False)) as test_client:
        yield test_client


def test_search_finds_the_provision_with_its_eid(client):
    answer = client.get("/api/search", params={"q": '"mooring fee"'}).json()
    assert [hit["eid"] for hit in answer["hits"]] == ["art_2__para_nn_1"]


def test_search_and_diff_on_a_day_name_the_versions_whose_day_of_entry_into_force_is_unknown(client):
    # neither version of the docks was given a day: the latest is searched, and said to be undated
    answer = client.get("/api/search", params={"q": "mooring", "on": "2024-06-30"}).json()
    assert {hit["version"] for hit in answer["hits"]} == {"docks@2"}
    assert answer["in_force_unknown"] == ["docks@2"]
    assert client.get("/api/search", params={"q": "mooring"}).json()["in_force_unknown"] == []
    compared = client.get("/api/diff", params={"old": "docks@1", "new": "docks", "on": "2024-06-30"}).json()
    assert compared["in_force_unknown"] == ["docks@2"]  # docks@1 is named, not chosen by the day


def test_a_malformed_search_query_is_a_clear_4xx(client):
    response = client.get("/api/search", params={"q": '"mooring fee'})
    assert response.status_code == 422 and "unbalanced quote" in response.json()["error"]


def test_diff_of_two_stored_versions_shows_the_changed_article(client):
    answer = client.get("/api/diff", params={"old": "docks@1", "new": "docks@2"}).json()
    assert "pairs" in answer, answer
    changed = [pair for pair in answer["pairs"] if "changed" in pair["status"]]
    assert [pair["old"]["eid"] for pair in changed] == ["art_2"]


@pytest.mark.parametrize("params", [{"old": "../etc/passwd", "new": "x"}, {"old": "nothing-here", "new": "x"}])
def test_diff_takes_stored_versions_only(client, params):
    response = client.get("/api/diff", params=params)
    assert 400 <= response.status_code < 500


def test_what_is_written_is_searched_and_served_by_the_next_server(client, store_url):
    from lawcode.api.app import create_app
    from lawcode.api.library import Library

    client.app.state.api_token = "t"
    headers = {"Authorization": "Bearer t"}
    third = DOCKS_V2.replace("each month", "each week")
    created = client.post("/api/regulations", json={"id": "docks", "text": third}, headers=headers)
    assert created.status_code == 201 and created.json()["version"] == "docks@3"
    hits = client.get("/api/search", params={"q": '"each week"'}).json()["hits"]
    assert [(hit["version"], hit["eid"]) for hit in hits] == [("docks@3", "art_2__para_nn_1")]
    changed = client.get("/api/diff", params={"old": "docks@2", "new": "docks@3"}).json()
    assert [pair["old"]["eid"] for pair in changed["pairs"] if "changed" in pair["status"]] == ["art_2"]
    with TestClient(create_app(Library.load(["tar-counter-espionage-2021"]), web=False)) as restarted:
        listed = {r["id"]: r for r in restarted.get("/api/regulations").json()["regulations"]}
        assert listed["docks"]["version"] == "docks@3"
        provision = restarted.get("/api/regulations/docks/provisions/2").json()
        assert "each week" in provision["text"]


def test_before_the_first_ingest_search_and_diff_answer_as_an_empty_store_and_create_none(tmp_path, monkeypatch):
    """A read-only server on the default store before it exists: nothing to find, and no store made."""
    from lawcode.api.app import create_app
    from lawcode.api.library import Library
    from lawcode.store.location import default_sqlite_path

    monkeypatch.delenv("LAWCODE_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the default store's folder
    with TestClient(create_app(Library(follows_store=True), web=False)) as client:
        found = client.get("/api/search", params={"q": "mooring"})
        assert found.status_code == 200 and found.json()["hits"] == []
        compared = client.get("/api/diff", params={"old": "docks@1", "new": "docks@2"})
        assert compared.status_code == 422 and compared.json()["error"] == "no stored regulation 'docks'"
        assert client.get("/api/regulations").json()["regulations"] == []
    assert not default_sqlite_path().exists()
