"""Writing is off unless the server has a token; then it needs it. No request turns off the GC."""

from __future__ import annotations

import gc

import pytest
from apihelp import SHED_MODEL, SHED_TEXT, TAR_ID, client_fixture, tar_library_fixture  # noqa: F401 (fixtures)
from fastapi.testclient import TestClient

TOKEN = "s3cret-token"


@pytest.fixture
def writer(tar_library, tmp_path, monkeypatch):
    """A server holding the TAR model, writing to a store of its own (a SQLite file)."""
    from lawcode.api.app import create_app
    from lawcode.api.library import Library

    monkeypatch.setenv("LAWCODE_DATABASE_URL", str(tmp_path / "store.sqlite3"))
    library = Library(dict(tar_library.regulations))
    app = create_app(library, api_token=TOKEN, web=False)
    with TestClient(app) as test_client:
        yield test_client


def test_a_read_only_server_refuses_writing(client):
    response = client.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]


def test_writing_needs_the_right_token(writer):
    payload = {"id": "shed", "text": SHED_TEXT}
    assert writer.post("/api/regulations", json=payload).status_code == 401
    assert writer.post("/api/regulations", json=payload, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert writer.post("/api/regulations", json=payload, headers={"Authorization": TOKEN}).status_code == 401
    created = writer.post("/api/regulations", json=payload, headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 201 and created.json()["articles"] == 3
    provision = writer.get("/api/regulations/shed/provisions/2").json()
    assert provision["eId"] == "chp_I__art_2" and provision["references"][0]["target"] == "chp_I__art_1"
    body = writer.get("/api/regulations/shed/ask", params={"as": "owner"})
    assert body.status_code == 404 and "no model" in body.json()["error"]


def test_a_text_ingested_with_its_model_answers_questions(writer):
    created = writer.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT, "model": SHED_MODEL},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 201 and created.json()["has_model"]
    answer = writer.get("/api/regulations/shed/ask", params={"as": "owner", "on": "2021-01-01"}).json()
    assert [(f["norm"], f["status"], f["missing"]) for f in answer["findings"]] == \
        [("art2-paint", "undetermined", ["is_tent"])]
    assert answer["findings"][0]["quote"][0]["text"].startswith("An owner shall paint")
    wrong_id = writer.post("/api/regulations", json={"id": "hut", "text": SHED_TEXT, "model": SHED_MODEL},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert wrong_id.status_code == 422 and "'shed'" in wrong_id.json()["error"]
    broken = writer.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT,
                                                   "model": SHED_MODEL.replace("kind: duty", "kind: wish")},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert broken.status_code == 422
    assert broken.json()["file"] == "model" and broken.json()["line"] == 24  # the kind's line


def test_an_ingested_text_that_cannot_be_read_is_422(writer):
    response = writer.post("/api/regulations", json={"id": "empty", "text": "   \n"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422 and "empty" in response.json()["error"]


def test_no_request_leaves_the_garbage_collector_off(writer, monkeypatch):
    paused = []
    real_disable = gc.disable
    monkeypatch.setattr(gc, "disable", lambda: (paused.append(True), real_disable()))
    for payload in ({"id": "shed", "text": SHED_TEXT}, {"id": "shed", "text": SHED_TEXT, "model": SHED_MODEL}):
        assert writer.post("/api/regulations", json=payload,
                           headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201
    for url in ("/api/regulations/shed/akn", f"/api/regulations/{TAR_ID}/akn", f"/api/regulations/{TAR_ID}/structure"):
        assert writer.get(url).status_code == 200
    assert paused == [] and gc.isenabled()


def test_writing_stores_each_post_as_the_next_version_in_the_corpus_store(writer):
    from lawcode.store.store import Store

    headers = {"Authorization": f"Bearer {TOKEN}"}
    first = writer.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT}, headers=headers).json()
    changed = SHED_TEXT.replace("every year", "every second year")
    second = writer.post("/api/regulations", json={"id": "shed", "text": changed}, headers=headers).json()
    assert (first["version"], second["version"]) == ("shed@1", "shed@2")
    with Store.open() as store:
        assert [v.ref for v in store.versions("shed")] == ["shed@1", "shed@2"]
        assert store.source(store.resolve("shed")).decode() == changed
    provision = writer.get("/api/regulations/shed/provisions/2").json()
    assert "every second year" in provision["text"]


def test_writing_cannot_replace_a_model_the_server_was_started_with(writer):
    response = writer.post("/api/regulations", json={"id": TAR_ID, "text": SHED_TEXT},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 409 and TAR_ID in response.json()["error"]


def test_a_model_written_for_another_text_is_refused_naming_the_model(writer):
    response = writer.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT.replace("tents", "huts"),
                                                     "model": SHED_MODEL},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    assert response.json()["file"] == "text" and "another text" in response.json()["error"]


def test_a_posted_model_is_validated_once(writer, monkeypatch, tmp_path):
    """In the server, before anything else; the ingest's own process and the reading back of what
    was stored take it as validated (the user's model cache gets nothing of a posted model)."""
    from lawcode.model import loader

    validated = []
    validate = loader.read_model
    monkeypatch.setattr(loader, "read_model", lambda path: (validated.append(path), validate(path))[1])
    monkeypatch.setenv("LAWCODE_CACHE", str(tmp_path / "user-cache"))
    model = f"{SHED_MODEL}# posted by {tmp_path.name}\n"  # a model this process has not seen before
    created = writer.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT, "model": model},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 201 and created.json()["has_model"]
    assert len(validated) == 1
    assert not list((tmp_path / "user-cache").rglob("*.json"))
    answer = writer.get("/api/regulations/shed/ask", params={"as": "owner", "on": "2021-01-01"}).json()
    assert [f["norm"] for f in answer["findings"]] == ["art2-paint"]


def test_the_ingest_process_reads_the_posted_model_as_the_server_validated_it(tmp_path, monkeypatch):
    from lawcode.api.library import _handed_over, _prepare
    from lawcode.model import loader

    model_path, text_path = tmp_path / "shed.yaml", tmp_path / "shed.txt"
    model_path.write_text(SHED_MODEL, encoding="utf-8")
    text_path.write_text(SHED_TEXT, encoding="utf-8")
    model_cache = _handed_over(model_path, loader.read_valid_model(model_path), tmp_path / "request-cache")
    monkeypatch.setenv("LAWCODE_CACHE", "off")  # set back after the test: _prepare sets it in its own process

    def validate(path):
        raise AssertionError("validated again")

    monkeypatch.setattr(loader, "read_model", validate)
    answer = _prepare(str(text_path), str(model_path), model_cache)
    assert not isinstance(answer, dict), answer
    prepared, _document = answer
    assert prepared.model is not None and prepared.model.id == "shed" and prepared.model.source == SHED_MODEL
    assert [row[1] for row in prepared.rows if row[0] == "norm"] == ["art2-paint"]


def test_a_posted_text_is_parsed_once_in_its_own_process_and_served_as_read_back_from_the_store(writer, monkeypatch):
    """The server serves the Document its ingest process parsed (in full, cross-references too)
    rather than parsing the stored bytes again: it is the one the store gives back, named by the
    stored file name."""
    import lawcode.text.parse
    from lawcode.store.store import Store

    parsed = []
    parse_text = lawcode.text.parse.parse_text
    with monkeypatch.context() as counting:
        counting.setattr(lawcode.text.parse, "parse_text", lambda *a, **k: (parsed.append(a), parse_text(*a, **k))[1])
        created = writer.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT, "model": SHED_MODEL},
                              headers={"Authorization": f"Bearer {TOKEN}"})
        served = writer.app.state.library.get("shed").document
    assert created.status_code == 201
    assert parsed == []  # not in the server's process
    with Store.open() as store:
        read_back = store.document(store.resolve("shed"))
    assert served == read_back and served.source == read_back.source == "shed.txt"
    assert served.references and served.to_dict() == read_back.to_dict()
    provision = writer.get("/api/regulations/shed/provisions/2").json()
    assert provision["references"][0]["target"] == "chp_I__art_1"


def test_a_posted_text_the_store_holds_with_other_bytes_is_served_as_stored(writer):
    """Posted again with another title (the same provisions, so the same fingerprint), a text
    changes nothing in the store: the server serves the stored text, not the posted one."""
    from lawcode.store.store import Store

    headers = {"Authorization": f"Bearer {TOKEN}"}
    first = writer.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT}, headers=headers)
    retitled = SHED_TEXT.replace("Invented Rules on Garden Sheds", "Garden Shed Rules (consolidated)")
    again = writer.post("/api/regulations", json={"id": "shed", "text": retitled}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json()["version"] == "shed@1" and again.json()["fingerprint"] == first.json()["fingerprint"]
    with Store.open() as store:
        stored = store.document(store.resolve("shed"))
    served = writer.app.state.library.get("shed").document
    assert served == stored and served.title == "Invented Rules on Garden Sheds"


def test_a_posted_text_without_structure_is_told_the_styles_it_must_use_not_the_command_line_option(
        writer, tmp_path, monkeypatch, capsys):
    """The API takes no style (the request has no field for one): its error names the styles the
    text must be in. The command line's error for the same text still suggests --style."""
    from conftest import run_main
    from lawcode.text.styles import STYLES

    text = "Shed Rules\n\nOwners keep sheds tidy.\n\nArt1 Sheds are painted.\n"
    finding = ("no recognisable structure: no style's headings were found; found a line that starts like a heading "
               "but is not one: 'Art1 Sheds are painted.'")
    styles = ", ".join(STYLES)
    response = writer.post("/api/regulations", json={"id": "shed", "text": text},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    api = response.json()
    assert (api["file"], api["line"]) == ("text", 5)
    assert api["error"] == f"{finding}. The text must be laid out in one of the styles lawcode detects ({styles}); " \
        "none can be forced here"

    path = tmp_path / "shed.txt"
    path.write_text(text, encoding="utf-8")
    code, _out, err = run_main(monkeypatch, capsys, "parse", str(path))
    assert code == 2
    assert f"shed.txt:5: {finding}. Try --style ({styles}) if the text uses one of those layouts" in " ".join(err.split())


def test_a_stored_version_is_asked_about_by_its_version(writer):
    # As `lawcode ask -r shed@1`: the version named, whatever day is asked about, not the latest.
    headers = {"Authorization": f"Bearer {TOKEN}"}
    writer.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT, "model": SHED_MODEL}, headers=headers)
    changed = SHED_TEXT.replace("every year", "every second year")
    writer.post("/api/regulations", json={"id": "shed", "text": changed}, headers=headers)
    assert "every second year" in writer.get("/api/regulations/shed/provisions/2").json()["text"]
    first = writer.get("/api/regulations/shed@1/provisions/2").json()
    assert "every year" in first["text"] and "every second year" not in first["text"]
    answer = writer.get("/api/regulations/shed@1/ask", params={"as": "owner", "on": "2021-01-01"})
    assert answer.status_code == 200 and answer.json()["findings"][0]["norm"] == "art2-paint"
    unmodelled = writer.get("/api/regulations/shed@2/ask", params={"as": "owner"})
    assert unmodelled.status_code == 404 and "no model" in unmodelled.json()["error"]
    missing = writer.get("/api/regulations/shed@3/ask", params={"as": "owner"})
    assert missing.status_code == 404 and "no version 3" in missing.json()["error"]
    assert missing.json()["known"] == ["shed@1", "shed@2"]
    malformed = writer.get("/api/regulations/shed@one/provisions/2")
    assert malformed.status_code == 404 and "malformed version" in malformed.json()["error"]


def test_a_version_number_given_again_after_a_delete_is_read_again(writer):
    # The latest version deleted, the next text stored takes its number: asked for by that number,
    # the server reads it, and does not answer from the version it read before under it.
    from lawcode.store.store import Store

    headers = {"Authorization": f"Bearer {TOKEN}"}
    writer.post("/api/regulations", json={"id": "shed", "text": SHED_TEXT}, headers=headers)
    second = SHED_TEXT.replace("every year", "every second year")
    writer.post("/api/regulations", json={"id": "shed", "text": second}, headers=headers)
    assert "every second year" in writer.get("/api/regulations/shed@2/provisions/2").json()["text"]
    with Store.open() as store:
        store.delete("shed", 2)
    assert writer.get("/api/regulations/shed@2/provisions/2").status_code == 404
    third = SHED_TEXT.replace("every year", "every third year")
    posted = writer.post("/api/regulations", json={"id": "shed", "text": third}, headers=headers).json()
    assert posted["version"] == "shed@2"
    assert "every third year" in writer.get("/api/regulations/shed@2/provisions/2").json()["text"]
