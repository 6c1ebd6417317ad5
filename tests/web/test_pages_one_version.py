"""A page that needs a regulation's model and its text takes both from one version, also when a
version is stored while the page is drawn (a real store: a SQLite file)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from conftest import garden, run_main

GARDEN_ID = "riverside-gardens"


def test_review_pairs_the_model_with_its_own_text_when_a_version_arrives_meanwhile(tmp_path, monkeypatch, capsys):
    from lawcode.api.app import create_app
    from lawcode.api.library import Library
    from lawcode.store.prepare import prepare
    from lawcode.store.store import Store

    monkeypatch.setenv("LAWCODE_DATABASE_URL", str(tmp_path / "store.sqlite3"))
    model, text = garden(tmp_path)
    assert run_main(monkeypatch, capsys, "ingest", str(text), "--model", str(model))[0] == 0
    later = tmp_path / "later" / text.name
    later.parent.mkdir()
    later.write_text(text.read_text(encoding="utf-8").replace("light fires", "light bonfires"), encoding="utf-8")

    library = Library(follows_store=True, fresh_for=0.0)  # looks at the store on every request
    looked_up = library.with_model

    def then_a_version_is_stored(regulation_id: str):  # the moment a request could look again
        answer = looked_up(regulation_id)
        with Store.open() as store:
            store.add(prepare(str(later)), as_version_of=GARDEN_ID)
        return answer

    monkeypatch.setattr(library, "with_model", then_a_version_is_stored)
    with TestClient(create_app(library)) as client:
        page = client.get(f"/r/{GARDEN_ID}/review", params={"article": "4"})
        assert page.status_code == 200
        assert "light fires" in page.text and "bonfires" not in page.text  # the text the model was written for
        assert client.get(f"/api/regulations/{GARDEN_ID}").json()["version"] == f"{GARDEN_ID}@2"  # then the new one
