"""A question naming a shipped model while the corpus store holds another text of its regulation.

A changed text ingested under the shipped text's file name is stored as a version of the shipped
regulation, without a model. On a day that version is in force, an answer from the shipped model
(written for the earlier text, and quoting it) must say so, on the command line and over the API;
on a day the shipped text is in force, or with no store at all, nothing changes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TAR, corpus_file
from conftest import run_main as lawcode

from .conftest import write_text

SHIPPED = "tar-counter-espionage-2021"
LATER = "2025-01-01"  # the changed text's first day in force
ON_LATER = "2025-06-01"
ON_SHIPPED = "2024-06-01"  # the shipped text's day: the changed text is not in force yet


def _changed_text(tmp_path: Path) -> Path:
    """A copy of the shipped text with one word added, under the shipped text's file name."""
    original = corpus_file(TAR).read_text(encoding="utf-8")
    changed = original.replace(" shall ", " shall promptly ", 1)
    assert changed != original
    folder = tmp_path / "changed"
    folder.mkdir()
    return write_text(folder, TAR, changed)


def _ingest_changed(monkeypatch, capsys, tmp_path: Path) -> None:
    code, _out, err = lawcode(monkeypatch, capsys, "ingest", str(_changed_text(tmp_path)), "--in-force", LATER)
    assert code == 0, err


def _ask(monkeypatch, capsys, *args: str) -> dict:
    code, out, err = lawcode(monkeypatch, capsys, *args, "-r", SHIPPED, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _warned(answer: dict) -> list[str]:
    return [w for w in answer.get("warnings", []) if f"{SHIPPED}@1" in w]


def _says_what_to_do(warning: str) -> None:
    assert f"{SHIPPED}@1, in force from {LATER}, is the stored text of {SHIPPED}" in warning
    assert "lawcode ingest TEXT --model MODEL" in warning and f"--on a day before {LATER}" in warning


@pytest.fixture
def corpus(monkeypatch):
    monkeypatch.setenv("LAWCODE_CORPUS", str(corpus_file(TAR).parent))


def test_the_cli_warns_in_text_and_json_when_a_later_stored_text_is_in_force(store_env, corpus, monkeypatch,
                                                                            capsys, tmp_path):
    _ingest_changed(monkeypatch, capsys, tmp_path)
    code, out, err = lawcode(monkeypatch, capsys, "ask", "-r", SHIPPED, "--as", "enterprise", "--on", ON_LATER)
    assert code == 0, err
    head = " ".join(out.split("APPLIES")[0].split())  # the warning comes before the findings, wrapped
    assert f"warning: {SHIPPED}@1, in force from {LATER}, is the stored text of {SHIPPED} in force on {ON_LATER}" \
        in head and "lawcode ingest TEXT --model MODEL" in head
    for args in (("ask", "--as", "enterprise", "--on", ON_LATER),
                 ("explain", "art7", "--as", "enterprise", "--on", ON_LATER),
                 ("what-if", "art7", "--as", "enterprise", "--on", ON_LATER),
                 ("assess", "--as", "enterprise", "--on", ON_LATER),
                 ("who", "report")):  # who asks about today, when the changed text is in force too
        warned = _warned(_ask(monkeypatch, capsys, *args))
        assert len(warned) == 1, args
        _says_what_to_do(warned[0])
    code, out, _ = lawcode(monkeypatch, capsys, "assess", "-r", SHIPPED, "--as", "enterprise", "--on", ON_LATER)
    assert code == 0 and f"warning: {SHIPPED}@1" in out
    code, out, _ = lawcode(monkeypatch, capsys, "who", "-r", SHIPPED, "report")
    assert code == 0 and out.lstrip().startswith(f"warning: {SHIPPED}@1")


def test_the_api_warns_as_the_cli_does(store_env, corpus, monkeypatch, capsys, tmp_path):
    from fastapi.testclient import TestClient

    from lawcode.api.app import create_app
    from lawcode.api.library import Library

    _ingest_changed(monkeypatch, capsys, tmp_path)
    cli = _ask(monkeypatch, capsys, "ask", "--as", "enterprise", "--on", ON_LATER)
    with TestClient(create_app(Library.load([SHIPPED]), web=False)) as client:
        base = f"/api/regulations/{SHIPPED}"
        asked = client.get(f"{base}/ask", params={"as": "enterprise", "on": ON_LATER})
        assert asked.status_code == 200 and asked.json()["warnings"] == cli["warnings"] == _warned(cli)
        posted = client.post(f"{base}/ask", json={"as": ["enterprise"], "on": ON_LATER})
        assert posted.json()["warnings"] == cli["warnings"]
        for path, params in ((f"{base}/norms/art7/explain", {"as": "enterprise", "on": ON_LATER}),
                             (f"{base}/norms/art7/what-if", {"as": "enterprise", "on": ON_LATER}),
                             (f"{base}/assess", {"as": "enterprise", "on": ON_LATER}),
                             (f"{base}/who", {"term": "report"})):
            answer = client.get(path, params=params)
            assert answer.status_code == 200 and len(_warned(answer.json())) == 1, path
        earlier = client.get(f"{base}/ask", params={"as": "enterprise", "on": ON_SHIPPED})
        assert earlier.status_code == 200 and _warned(earlier.json()) == []
        # the stored version is reached by its version (the id stays the shipped model's)
        stored, shipped = client.get(f"{base}@1/structure"), client.get(f"{base}/structure")
        assert stored.status_code == 200 and stored.text.count("shall promptly") == \
            shipped.text.count("shall promptly") + 1  # the word the changed text adds
        unmodelled = client.get(f"{base}@1/ask", params={"as": "enterprise"})
        assert unmodelled.status_code == 404 and "no model" in unmodelled.json()["error"]


def test_no_warning_on_a_day_the_stored_version_in_force_is_the_shipped_text(store_env, corpus, monkeypatch,
                                                                           capsys, tmp_path):
    code, _out, err = lawcode(monkeypatch, capsys, "ingest", str(corpus_file(TAR)))
    assert code == 0, err
    _ingest_changed(monkeypatch, capsys, tmp_path)  # version 2, in force from LATER
    for on in (ON_SHIPPED, "2021-06-01"):  # version 1 (the shipped text) is in force
        answer = _ask(monkeypatch, capsys, "ask", "--as", "enterprise", "--on", on)
        assert answer["in_force"] is True and [w for w in answer["warnings"] if SHIPPED in w] == []
    later = _ask(monkeypatch, capsys, "ask", "--as", "enterprise", "--on", ON_LATER)
    assert [w for w in later["warnings"] if f"{SHIPPED}@2, in force from {LATER}" in w]


def test_no_store_no_warning_and_no_store_created(corpus, monkeypatch, capsys, tmp_path):
    from lawcode import service

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("LAWCODE_DATABASE_URL", raising=False)
    store_file = tmp_path / "data" / "lawcode" / "corpus.sqlite3"
    shipped = service.load_model(SHIPPED)
    assert service.stored_text_warning(shipped, ON_LATER) is None
    answer = _ask(monkeypatch, capsys, "ask", "--as", "enterprise", "--on", ON_LATER)
    assert answer["in_force"] is True and answer["warnings"] == []
    assert not store_file.exists() and not store_file.parent.exists()
    _ingest_changed(monkeypatch, capsys, tmp_path)  # the same question, once a store holds the changed text
    assert store_file.is_file()
    _says_what_to_do(service.stored_text_warning(shipped, ON_LATER) or "")


def test_a_store_that_cannot_be_read_is_said_not_ignored(corpus, monkeypatch, capsys):
    monkeypatch.setenv("LAWCODE_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/lawcode")  # nothing listens there
    answer = _ask(monkeypatch, capsys, "ask", "--as", "enterprise", "--on", ON_LATER)
    assert answer["in_force"] is True and answer["findings"]  # the shipped model still answers
    assert [w for w in answer["warnings"] if w.startswith("the corpus store could not be read to check whether it "
                                                          f"holds another text of {SHIPPED} in force on {ON_LATER}")]
