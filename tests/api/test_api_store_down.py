"""A corpus store that cannot be reached while the server is serving is the server's trouble:
503, with a JSON body (a page for the web application) naming the store and what to check, for
every request that needs it; what the server already holds is still answered."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

TOKEN = "store-down-token"

# A synthetic regulation (invented words).
HIVES = """Invented Rules on Bee Hives

Article 1: A keeper shall mark every hive with a number.

Article 2: The inspector may open a hive once a year.
"""


def _postgres_down(tmp_path):
    return "postgresql://lawcode@127.0.0.1:1/corpus", "127.0.0.1:1"  # port 1: nothing listens there


def _sqlite_down(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be", encoding="utf-8")
    path = blocker / "store.sqlite3"
    return str(path), str(path)


@pytest.fixture(params=[_postgres_down, _sqlite_down], ids=["postgresql", "sqlite"])
def down(request, tmp_path, monkeypatch):
    """A server started on a store holding ``hives``, whose store then cannot be reached; and the
    name the answers must give it."""
    from lawcode.api.app import create_app
    from lawcode.api.library import Library
    from lawcode.store.prepare import prepare
    from lawcode.store.store import Store

    monkeypatch.setenv("LAWCODE_DATABASE_URL", str(tmp_path / "store.sqlite3"))
    text = tmp_path / "hives.txt"
    text.write_text(HIVES, encoding="utf-8")
    with Store.open() as store:
        store.add(prepare(str(text)))
    library = Library.load(["tar-counter-espionage-2021"])
    assert library.regulations["hives"].origin == "stored"
    url, name = request.param(tmp_path)
    with TestClient(create_app(library, api_token=TOKEN), raise_server_exceptions=False) as client:
        monkeypatch.setenv("LAWCODE_DATABASE_URL", url)
        yield client, name


def _unavailable(response, name):
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) > 0  # when to ask again
    body = response.json()
    assert body["status"] == 503
    assert "corpus store" in body["error"] and name in body["error"]
    assert body["expected"]  # what to check
    return body


def test_search_and_diff_are_503_naming_the_store(down):
    client, name = down
    _unavailable(client.get("/api/search", params={"q": "hive"}), name)
    _unavailable(client.get("/api/diff", params={"old": "hives@1", "new": "hives@1"}), name)


def test_a_stored_regulation_not_read_yet_is_503(down):
    client, name = down
    _unavailable(client.get("/api/regulations/hives"), name)
    _unavailable(client.get("/api/regulations/hives/provisions/1"), name)


def test_writing_is_503(down):
    client, name = down
    response = client.post("/api/regulations", json={"id": "hives", "text": HIVES},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    _unavailable(response, name)


def test_the_web_page_says_so_and_what_is_held_is_still_answered(down):
    client, name = down
    page = client.get("/r/hives/read")
    assert page.status_code == 503 and "text/html" in page.headers["content-type"]
    assert int(page.headers["Retry-After"]) > 0
    assert "Store unavailable" in page.text and name in page.text
    assert client.get("/api/regulations/tar-counter-espionage-2021").status_code == 200


# -- the store stops answering in the middle of a request --------------------------------------------


def _cut_postgresql(store, url):
    """The server ends this store's connection, as when it is stopped or restarted."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (store.backend.connection.info.backend_pid,))


def _cut_sqlite(store, url):
    """The store's file is damaged under it (emptied)."""
    import os

    os.truncate(url, 0)


@pytest.fixture(params=["postgresql", "sqlite"])
def cut_mid_request(request, tmp_path, monkeypatch):
    """A client of a server whose store holds ``hives``; calling the fixture's ``cut()`` makes the
    store stop answering in the middle of the next request that reads a text from it."""
    from conftest import postgres_schema
    from lawcode.api.app import create_app
    from lawcode.api.library import Library
    from lawcode.store.prepare import prepare
    from lawcode.store.store import Store

    def serve(url: str):
        monkeypatch.setenv("LAWCODE_DATABASE_URL", url)
        text = tmp_path / "hives.txt"
        text.write_text(HIVES, encoding="utf-8")
        with Store.open() as store:
            store.add(prepare(str(text)))
        cut = _cut_postgresql if request.param == "postgresql" else _cut_sqlite
        source = Store.source

        def cut_then_read(store, version):
            monkeypatch.setattr(Store, "source", source)  # once
            cut(store, url)
            return source(store, version)

        client = TestClient(create_app(Library.load(["tar-counter-espionage-2021"]), web=False),
                            raise_server_exceptions=False)
        return client, lambda: monkeypatch.setattr(Store, "source", cut_then_read)

    if request.param == "sqlite":
        yield serve(str(tmp_path / "store.sqlite3")), str(tmp_path / "store.sqlite3")
        return
    with postgres_schema(request.getfixturevalue("postgres").url) as url:
        yield serve(url), "postgresql://127.0.0.1"


def test_a_store_that_stops_answering_mid_request_is_503_naming_it(cut_mid_request):
    (client, cut), name = cut_mid_request
    cut()
    body = _unavailable(client.get("/api/diff", params={"old": "hives@1", "new": "hives@1"}), name)
    assert "stopped answering during the request" in body["error"]


@pytest.mark.parametrize("cut_mid_request", ["postgresql"], indirect=True)
def test_after_a_lost_connection_the_next_request_is_answered(cut_mid_request):
    (client, cut), name = cut_mid_request
    cut()
    _unavailable(client.get("/api/regulations/hives"), name)  # a stored regulation read on the first request
    after = client.get("/api/regulations/hives")  # a connection opened anew
    assert after.status_code == 200 and after.json()["version"] == "hives@1"
