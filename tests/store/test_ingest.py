"""`lawcode ingest`, `list` and `export` on both backends, and quoting from the store."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import run_main as lawcode
from lawcode.store.prepare import prepare
from lawcode.store.store import Store

from .conftest import GARDEN, GARDEN_MODEL, MARINA, check_whole, write_text


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    write_text(folder, "marina.txt", MARINA)
    write_text(folder, "ferry.txt", MARINA.replace("Marina", "Ferry").replace("boat", "ferry"))
    write_text(folder, "broken.txt", "just a note with no structure at all\n")
    (folder / "sub").mkdir()
    write_text(folder / "sub", "quay.md", MARINA.replace("Marina", "Quay"))
    write_text(folder, "notes.pdf", "ignored: not a text file")
    return folder


def test_a_folder_is_ingested_and_a_bad_file_is_reported_by_name(store_env, monkeypatch, capsys, tmp_path):
    folder = _folder(tmp_path)
    code, out, err = lawcode(monkeypatch, capsys, "ingest", str(folder), "--workers", "2")
    assert code == 2
    assert "broken.txt:1: no recognisable structure" in err
    assert "--style" not in err and "styles lawcode detects (cn-clt" in err  # ingest takes no --style
    assert "1 failed, 3 stored" in err
    code, out, err = lawcode(monkeypatch, capsys, "list", "--format", "json")
    assert code == 0
    assert sorted(r["id"] for r in json.loads(out)) == ["ferry", "marina", "quay"]


def test_ingesting_again_changes_nothing_and_a_changed_text_is_a_new_version(store_env, monkeypatch, capsys, tmp_path):
    path = write_text(tmp_path, "marina.txt", MARINA)
    assert lawcode(monkeypatch, capsys, "ingest", str(path))[0] == 0
    code, out, _ = lawcode(monkeypatch, capsys, "ingest", str(path), "--format", "json")
    assert json.loads(out)["results"] == [{"file": str(path), "status": "unchanged", "version": "marina@1"}]
    path.write_text(MARINA.replace("each quarter", "each month"), encoding="utf-8")
    code, out, _ = lawcode(monkeypatch, capsys, "ingest", str(path), "--in-force", "2026-01-01")
    assert code == 0 and "new version" in out and "marina@2" in out
    code, out, _ = lawcode(monkeypatch, capsys, "list")
    assert "@1" in out and "@2" in out and "in force 2026-01-01" in out


def test_as_version_of_and_unknown_regulation(store_env, monkeypatch, capsys, tmp_path):
    lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "marina.txt", MARINA)))
    renamed = write_text(tmp_path, "marina-amended.txt", MARINA.replace("fine", "warn"))
    code, out, _ = lawcode(monkeypatch, capsys, "ingest", str(renamed), "--as-version-of", "marina")
    assert code == 0 and "marina@2" in out
    code, out, err = lawcode(monkeypatch, capsys, "ingest", str(renamed), "--as-version-of", "marine")
    assert code == 2 and "no stored regulation 'marine'" in err and "known: marina" in err


def test_export_picks_the_version_in_force(store_env, monkeypatch, capsys, tmp_path):
    path = write_text(tmp_path, "marina.txt", MARINA)
    lawcode(monkeypatch, capsys, "ingest", str(path), "--in-force", "2020-01-01")
    path.write_text(MARINA.replace("each quarter", "each month"), encoding="utf-8")
    lawcode(monkeypatch, capsys, "ingest", str(path), "--in-force", "2025-01-01")
    _, before, _ = lawcode(monkeypatch, capsys, "export", "marina", "--format", "md", "--on", "2024-12-31")
    _, after, _ = lawcode(monkeypatch, capsys, "export", "marina", "--format", "md")
    assert "each quarter" in before and "each month" in after
    assert '## <a id="chp_I"></a>Chapter I - General Matters' in after
    _, data, _ = lawcode(monkeypatch, capsys, "export", "marina@1", "--format", "json")
    exported = json.loads(data)
    assert exported["version"]["ref"] == "marina@1" and exported["work_uri"] == "/akn/xx/act/marina"
    code, _, err = lawcode(monkeypatch, capsys, "export", "marina", "--on", "2019-12-31")
    assert code == 2 and "no version of marina was in force on 2019-12-31" in err


def test_exported_akoma_ntoso_validates(store_env, monkeypatch, capsys, tmp_path):
    from lawcode.akn.validate import validate_akn

    lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "marina.txt", MARINA)))
    code, xml, _ = lawcode(monkeypatch, capsys, "export", "marina", "--format", "akn")
    assert code == 0 and "/akn/xx/act/marina" in xml
    assert validate_akn(xml.encode("utf-8"), "marina.xml") == []


def test_questions_quote_from_the_store_without_a_text(store_env, monkeypatch, capsys, tmp_path):
    from lawcode.text.parse import parse_text

    monkeypatch.delenv("LAWCODE_CORPUS", raising=False)
    text = write_text(tmp_path, "garden.txt", GARDEN.read_text())
    model = tmp_path / "garden.yaml"
    model.write_text(GARDEN_MODEL.read_text().replace("FINGERPRINT", parse_text(text.read_bytes()).fingerprint()))
    ask = ("ask", "--model", str(model), "--as", "plot_holder", "--fact", "has_plot", "--on", "2025-01-01",
           "--format", "json")
    _, out, _ = lawcode(monkeypatch, capsys, *ask)
    assert not any("quote" in f for f in json.loads(out)["findings"])
    assert lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model))[0] == 0
    text.unlink()
    _, out, _ = lawcode(monkeypatch, capsys, *ask)
    quotes = [q for f in json.loads(out)["findings"] for q in f.get("quote", [])]
    assert quotes and all(q["text"] for q in quotes)


def test_a_model_is_attached_to_a_text_stored_without_one_and_replaced_when_it_changes(store_env, monkeypatch,
                                                                                    capsys, tmp_path):
    from lawcode.text.parse import parse_text

    text = write_text(tmp_path, "garden.txt", GARDEN.read_text())
    model = tmp_path / "garden.yaml"
    model.write_text(GARDEN_MODEL.read_text().replace("FINGERPRINT", parse_text(text.read_bytes()).fingerprint()))
    assert lawcode(monkeypatch, capsys, "ingest", str(text))[0] == 0
    code, out, _ = lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model), "--format", "json")
    assert code == 0 and json.loads(out)["results"][0]["status"] == "model attached"
    listed = json.loads(lawcode(monkeypatch, capsys, "list", "--format", "json")[1])
    assert len(listed) == 1 and [v["model"] for v in listed[0]["versions"]] == ["riverside-gardens"]
    assert listed[0]["work_uri"] == "/akn/xx/act/riverside-gardens"  # the model's work, not the file name's
    code, out, _ = lawcode(monkeypatch, capsys, "search", "weeds", "--format", "json")
    assert any(h["what"] == "norm" for h in json.loads(out)["hits"])
    code, out, _ = lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model), "--format", "json")
    assert json.loads(out)["results"][0]["status"] == "unchanged"
    model.write_text(model.read_text().replace("keep the plot free of weeds", "keep the plot clear of thistles"))
    code, out, _ = lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model), "--format", "json")
    assert json.loads(out)["results"][0]["status"] == "model replaced"
    code, out, _ = lawcode(monkeypatch, capsys, "search", "thistles", "--format", "json")
    assert [h["norm"] for h in json.loads(out)["hits"]] == ["art3.1.1-weeding"]
    code, out, _ = lawcode(monkeypatch, capsys, "search", "\"free of weeds\"", "--kind", "duty", "--format", "json")
    assert json.loads(out)["hits"] == []  # the old norm's words are gone with it


def test_delete_a_version_or_a_whole_regulation(store_env, monkeypatch, capsys, tmp_path):
    path = write_text(tmp_path, "marina.txt", MARINA)
    lawcode(monkeypatch, capsys, "ingest", str(path))
    path.write_text(MARINA.replace("each quarter", "each month"), encoding="utf-8")
    lawcode(monkeypatch, capsys, "ingest", str(path))
    lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "ferry.txt", MARINA.replace("Marina", "Ferry"))))
    code, _, err = lawcode(monkeypatch, capsys, "delete", "marina@1")
    assert code == 2 and "needs confirmation" in err and "--yes" in err  # no terminal to ask at
    code, out, _ = lawcode(monkeypatch, capsys, "delete", "marina", "--version", "1", "--yes")
    assert code == 0 and "deleted      marina@1" in out
    search = lambda word: json.loads(lawcode(monkeypatch, capsys, "search", word, "--format", "json")[1])["hits"]  # noqa: E731
    assert {h["version"] for h in search("quarter")} == {"ferry@1"} and {h["version"] for h in search("month")} == {"marina@2"}
    with Store.open(store_env) as store:
        assert check_whole(store) == 2  # no row of the deleted version is left behind
    code, _, err = lawcode(monkeypatch, capsys, "delete", "marina@7", "--yes")
    assert code == 2 and "no version 7" in err and "marina@2" in err
    code, out, _ = lawcode(monkeypatch, capsys, "delete", "ferry", "--yes", "--format", "json")
    assert json.loads(out) == {"deleted": ["ferry@1"]}
    listed = json.loads(lawcode(monkeypatch, capsys, "list", "--format", "json")[1])
    assert [(r["id"], [v["number"] for v in r["versions"]]) for r in listed] == [("marina", [2])]
    assert {h["version"] for h in search("boat")} == {"marina@2"}
    path.write_text(MARINA, encoding="utf-8")  # the deleted text again: stored anew, numbered after the last
    code, out, _ = lawcode(monkeypatch, capsys, "ingest", str(path))
    assert code == 0 and "marina@3" in out
    code, _, err = lawcode(monkeypatch, capsys, "delete", "nothing-here", "--yes")
    assert code == 2 and "no stored regulation 'nothing-here'" in err


def _garden_version(tmp_path: Path, words: str, version: str) -> tuple[Path, Path]:
    """garden.txt with ``words`` as its Article 5 duty, and its model naming that text's fingerprint."""
    from lawcode.text.parse import parse_text

    folder = tmp_path / version
    folder.mkdir()
    text = write_text(folder, "garden.txt", GARDEN.read_text().replace("inspect every plot each spring", words))
    model = folder / "garden.yaml"
    model.write_text(GARDEN_MODEL.read_text().replace("FINGERPRINT", parse_text(text.read_bytes()).fingerprint()))
    return text, model


def test_a_question_about_a_stored_regulation_uses_the_version_in_force_that_day(store_env, monkeypatch, capsys,
                                                                                 tmp_path):
    monkeypatch.delenv("LAWCODE_CORPUS", raising=False)
    for words, version, in_force in (("inspect every plot each spring", "v1", "2024-05-01"),
                                     ("inspect every plot twice a year", "v2", "2026-01-01")):
        text, model = _garden_version(tmp_path, words, version)
        code, _, err = lawcode(monkeypatch, capsys, "ingest", str(text), "--model", str(model), "--in-force", in_force)
        assert code == 0, err
        text.unlink()

    def quoted(*args: str) -> str:
        code, out, err = lawcode(monkeypatch, capsys, "ask", "-r", *args, "--as", "garden_office", "--format", "json")
        assert code == 0, err
        return " ".join(q["text"] for f in json.loads(out)["findings"] for q in f.get("quote", []))

    assert "each spring" in quoted("riverside-gardens", "--on", "2025-06-01")
    assert "twice a year" in quoted("riverside-gardens", "--on", "2026-06-01")
    assert "each spring" in quoted("riverside-gardens@1", "--on", "2026-06-01")
    code, out, err = lawcode(monkeypatch, capsys, "ask", "-r", "riverside-gardens", "--on", "2023-01-01",
                             "--as", "garden_office", "--format", "json")  # before any version: not in force yet
    assert code == 0 and json.loads(out)["in_force"] is False, err


def test_a_stored_version_without_a_model_says_how_to_attach_one(store_env, monkeypatch, capsys, tmp_path):
    lawcode(monkeypatch, capsys, "ingest", str(write_text(tmp_path, "marina.txt", MARINA)))
    code, _, err = lawcode(monkeypatch, capsys, "ask", "-r", "marina", "--as", "boat_owner")
    assert code == 2 and "marina@1 is stored without a model" in err and "lawcode ingest TEXT --model MODEL" in err


def test_workers_tell_stored_texts_by_their_bytes_and_only_changed_ones_are_parsed(open_store, tmp_path, monkeypatch):
    from lawcode.store import ingest as ingesting

    folder = _folder(tmp_path)
    first = ingesting.ingest(open_store, [folder], workers=2)
    assert first.counts() == {"stored": 3, "failed": 1}
    (folder / "ferry.txt").write_text(MARINA.replace("Marina", "Ferry").replace("each quarter", "each month"),
                                      encoding="utf-8")
    parsed: list[str] = []

    def counted(path: str, *args: object, **kwargs: object) -> object:
        parsed.append(Path(path).name)
        return prepare(path, *args, **kwargs)

    monkeypatch.setattr(ingesting, "prepare", counted)
    again = ingesting.ingest(open_store, [folder], workers=1)
    assert sorted(parsed) == ["broken.txt", "ferry.txt"]  # a failed file is tried again, a stored one is not
    assert [(Path(r.path).name, r.to_dict()["status"]) for r in again.results] == [
        ("broken.txt", "failed"), ("ferry.txt", "new version"), ("marina.txt", "unchanged"), ("quay.md", "unchanged")]


def test_a_text_whose_stored_version_is_removed_during_the_ingest_is_stored_after_all(open_store, tmp_path, monkeypatch):
    from lawcode.store import ingest as ingesting

    path = write_text(tmp_path, "marina.txt", MARINA)
    ingesting.ingest(open_store, [path])
    digests = open_store.stored_sha256()
    open_store.delete("marina")
    monkeypatch.setattr(open_store, "stored_sha256", lambda: digests)  # as read before the removal
    [result] = ingesting.ingest(open_store, [path]).results
    assert result.to_dict()["status"] == "stored" and result.to_dict()["version"] == "marina@1"


def test_the_parsing_processes_give_the_cpu_to_the_ingest_that_writes(open_store, tmp_path, monkeypatch):
    from lawcode.store import ingest as ingesting

    folder = _folder(tmp_path)

    def niceness(path: str, *args: object) -> object:  # runs in a worker (forked with this module)
        return ingesting.Failure(path, f"niceness {os.nice(0)}")

    monkeypatch.setattr(ingesting, "_prepare_one", niceness)
    report = ingesting.ingest(open_store, [folder], workers=2)
    expected = f"niceness {min(19, os.nice(0) + ingesting.WORKER_NICENESS)}"
    assert [failure.reason for failure in report.failures] == [expected] * 4
