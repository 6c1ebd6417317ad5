"""The store on both backends: schema and migrations, versions, reading back, refusing what it must."""

from __future__ import annotations

import datetime as dt
import platform
import re
import sys
from pathlib import Path

import pytest

from lawcode.store.errors import StoreError
from lawcode.store.location import locate
from lawcode.store.migrations import SCHEMA_VERSION
from lawcode.store.prepare import prepare
from lawcode.store.rows import provision_rows
from lawcode.store.store import Store, in_force_on

from .conftest import (
    GARDEN,
    GARDEN_MODEL,
    MARINA,
    lawcode_at_schema,
    sqlite_file_of_4_kb_pages,
    store_of_schema_5,
    write_text,
)


def test_a_new_store_has_the_current_schema_and_reopens_unchanged(store_url):
    with Store.open(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        applied = store.backend.rows("SELECT version, lawcode_version FROM lawcode_migrations")
    with Store.open(store_url) as store:
        assert store.backend.rows("SELECT version, lawcode_version FROM lawcode_migrations") == applied


def test_a_store_from_a_newer_lawcode_is_refused_and_left_untouched(store_url):
    with Store.open(store_url) as store:
        store.backend.run("INSERT INTO lawcode_migrations VALUES (?, 'from the future', '2099-01-01', '9.0')",
                          (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="written by a newer lawcode"):
        Store.open(store_url)
    from lawcode.store.backends import connect

    backend = connect(locate(store_url))
    assert backend.rows("SELECT max(version) FROM lawcode_migrations")[0][0] == SCHEMA_VERSION + 1
    backend.close()


def test_versions_of_a_text_are_kept_with_their_numbers(open_store, tmp_path):
    path = write_text(tmp_path, "marina.txt", MARINA)
    first = open_store.add(prepare(str(path)))
    assert (first.status, first.regulation_id, first.number) == ("stored", "marina", 1)
    assert open_store.add(prepare(str(path))).status == "unchanged"
    path.write_text(MARINA.replace("each quarter", "each month"), encoding="utf-8")
    second = open_store.add(prepare(str(path)))
    assert (second.status, second.number) == ("new version", 2)
    [regulation] = open_store.regulations()
    assert regulation.work_uri == "/akn/xx/act/marina"
    assert [v.number for v in regulation.versions] == [1, 2]
    assert open_store.resolve("marina").number == 2
    assert "each quarter" in open_store.document(open_store.resolve("marina@1")).get(
        "chp_I__art_2__para_nn_1__list_1__item_3").text


@pytest.mark.parametrize("ref", ["marina@", "marina@x", "marina@2b", "marina@-1"])
def test_a_malformed_version_is_an_error_wherever_a_version_is_named(open_store, tmp_path, ref):
    open_store.add(prepare(str(write_text(tmp_path, "marina.txt", MARINA))))
    for call in (open_store.resolve, open_store.find):
        with pytest.raises(StoreError, match="malformed version") as raised:
            call(ref)
        assert raised.value.expected and "ID@N" in raised.value.expected


def test_one_error_for_a_version_a_regulation_lacks(open_store, tmp_path):
    open_store.add(prepare(str(write_text(tmp_path, "marina.txt", MARINA))))
    errors = []
    for call in (lambda: open_store.resolve("marina@3"), lambda: open_store.delete("marina", 3),
                 lambda: open_store.versions_named("marina", 3)):
        with pytest.raises(StoreError) as raised:
            call()
        errors.append(raised.value.to_dict())
    assert errors[0] == errors[1] == errors[2] and "marina has no version 3" in errors[0]["error"]
    assert errors[0]["known"] == ["marina@1"]
    assert open_store.find("harbour") is None and open_store.find("marina@1").number == 1


def test_a_stored_model_is_found_with_one_query_for_its_versions(store_env, tmp_path, monkeypatch):
    from lawcode.service import stored_model
    from lawcode.store.backends import PostgresBackend, SQLiteBackend

    text = write_text(tmp_path, "garden.txt", GARDEN.read_text())
    with Store.open(store_env) as store:
        store.add(prepare(str(text), str(_garden_model(tmp_path, text))))
    asked: list[str] = []
    for backend in (SQLiteBackend, PostgresBackend):
        def counted(self, sql, params=(), rows=backend.rows):
            asked.append(sql)
            return rows(self, sql, params)

        monkeypatch.setattr(backend, "rows", counted)
    assert stored_model("riverside-gardens").model.regulation.id == "riverside-gardens"
    assert len([sql for sql in asked if "FROM versions WHERE regulation_id" in sql]) == 1


def test_a_text_read_back_is_the_text_stored(open_store, tmp_path):
    path = write_text(tmp_path, "marina.txt", MARINA)
    open_store.add(prepare(str(path)))
    version = open_store.resolve("marina")
    assert open_store.source(version) == path.read_bytes()
    from lawcode.text.parse import parse_text

    assert open_store.document(version).fingerprint() == parse_text(MARINA).fingerprint()
    assert version.provision_count == len(list(parse_text(MARINA).walk()))
    assert open_store.row_count(version) == len(list(provision_rows(parse_text(MARINA))))


def test_a_batch_commits_its_documents_together_and_an_error_rolls_all_of_it_back(open_store, tmp_path):
    marina = prepare(str(write_text(tmp_path, "marina.txt", MARINA)))
    quay = prepare(str(write_text(tmp_path, "quay.txt", MARINA.replace("each quarter", "each month"))))
    with pytest.raises(StoreError, match="no stored regulation"), open_store.batch():
        assert open_store.add(marina).status == "stored"
        open_store.add(quay, as_version_of="nowhere")
    assert open_store.regulations() == []
    with open_store.batch():
        open_store.add(marina)
        open_store.add(quay)
    assert sorted(r.id for r in open_store.regulations()) == ["marina", "quay"]
    assert all(open_store.row_count(r.versions[0]) == len(list(provision_rows(open_store.document(r.versions[0]))))
               for r in open_store.regulations())


def test_as_version_of_joins_a_text_of_another_name(open_store, tmp_path):
    open_store.add(prepare(str(write_text(tmp_path, "marina.txt", MARINA))))
    renamed = write_text(tmp_path, "marina-2025.txt", MARINA.replace("fine", "warn"))
    assert open_store.add(prepare(str(renamed)), as_version_of="marina").number == 2
    with pytest.raises(StoreError, match="no stored regulation 'marine'") as raised:
        open_store.add(prepare(str(renamed)), as_version_of="marine")
    assert raised.value.known == ["marina"]


def test_a_model_is_stored_with_its_text_and_dates_the_version(open_store, tmp_path):
    text = write_text(tmp_path, "garden.txt", GARDEN.read_text())
    model = _garden_model(tmp_path, text)
    open_store.add(prepare(str(text), str(model)))
    version = open_store.resolve("riverside-gardens")
    assert version.model_id == "riverside-gardens" and version.in_force_from == "2024-05-01"
    assert {n["norm"] for n in open_store.norms(version)}
    assert open_store.model_source(version)[1] == model.read_text()
    with pytest.raises(StoreError, match="no version of riverside-gardens was in force on 2024-04-30"):
        open_store.resolve("riverside-gardens", on=dt.date(2024, 4, 30))


def test_a_model_written_for_another_text_is_refused(tmp_path):
    from lawcode.errors import ModelError

    model = _garden_model(tmp_path, write_text(tmp_path, "garden.txt", GARDEN.read_text()))
    with pytest.raises(ModelError, match="written for another text"):
        prepare(str(write_text(tmp_path, "marina.txt", MARINA)), str(model))


def test_the_version_in_force_on_a_day():
    from lawcode.store.store import Version

    def version(number: int, start: str | None, end: str | None = None) -> Version:
        return Version(number, "r", number, "f", "r.txt", None, start, end, "now", 1, None)

    versions = [version(1, "2020-01-01"), version(2, "2023-06-01", "2030-01-01"), version(3, None)]
    assert in_force_on(versions, dt.date(2019, 1, 1)).number == 3  # undated: in force from the start
    assert in_force_on(versions[:2], dt.date(2019, 1, 1)) is None
    assert in_force_on(versions, dt.date(2022, 1, 1)).number == 1
    assert in_force_on(versions, dt.date(2023, 6, 1)).number == 2
    assert in_force_on(versions, dt.date(2030, 1, 1)).number == 1  # version 2 repealed that day


def test_an_unreachable_server_is_named_with_what_to_check():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError) as raised:
        Store.open(f"postgresql://lawcode@127.0.0.1:{port}/corpus")
    message = str(raised.value)
    assert f"127.0.0.1:{port}" in message and "database corpus" in message and "server is running" in message
    assert "Connection refused" in message


def test_store_addresses():
    assert locate("postgresql://u@h:5/db").backend == "postgresql"
    assert locate("sqlite:////tmp/x.sqlite3").target == "/tmp/x.sqlite3"
    assert locate("corpus.sqlite3").target == "corpus.sqlite3"
    with pytest.raises(StoreError, match="unknown database URL scheme in mysql://"):
        locate("mysql://h/db")


def test_the_default_store_is_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("LAWCODE_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert locate().target == str(tmp_path / "lawcode" / "corpus.sqlite3")


def test_an_sqlite_older_than_the_store_needs_is_named(tmp_path, monkeypatch):
    from lawcode.store.sqlite_driver import sqlite3

    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(StoreError, match=r"SQLite is 3\.31\.1, older than the store needs") as raised:
        Store.open(str(tmp_path / "store.sqlite3"))
    assert "3.35.0 or newer" in str(raised.value.expected)
    assert not (tmp_path / "store.sqlite3").exists()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open the SQLite store") as raised:
        Store.open(str(bogus))
    assert raised.value.file == str(bogus)


def _garden_model(folder: Path, text: Path) -> Path:
    from lawcode.text.parse import parse_text

    source = GARDEN_MODEL.read_text().replace("FINGERPRINT", parse_text(text.read_bytes()).fingerprint())
    model = folder / "garden.yaml"
    model.write_text(source)
    return model


def test_ingest_parses_without_cross_references_yet_stores_the_same_tree_and_fingerprint(tmp_path):
    from lawcode.text.parse import parse_text

    path = write_text(tmp_path, "marina.txt", MARINA)
    full = parse_text(MARINA, source=str(path))
    lean = parse_text(MARINA, source=str(path), cross_references=False)
    assert full.references and not lean.references  # Article 3 cites Article 2
    assert lean.fingerprint() == full.fingerprint() and lean.body == full.body
    prepared = prepare(str(path))
    assert prepared.fingerprint == full.fingerprint()
    assert prepared.rows == tuple(provision_rows(full))


def test_a_store_of_schema_1_is_migrated_with_its_rows_and_texts(store_url, tmp_path, monkeypatch, caplog):
    import lawcode.store.store as store_module
    from lawcode.engine.quote import citation
    from lawcode.store.search import search
    from lawcode.text.parse import parse_text

    text = prepare(str(write_text(tmp_path, "marina.txt", MARINA)))
    key = "rowid" if store_url.endswith(".sqlite3") else "id"
    # a version written as lawcode wrote them at schema 1
    with lawcode_at_schema(1, monkeypatch), Store.open(store_url) as store:
        store.backend.run("INSERT INTO regulations (id, work_uri) VALUES ('marina', '/akn/xx/act/marina')")
        version_id = store.backend.insert_id(
            "INSERT INTO versions (regulation_id, number, fingerprint, source_name, source_sha256, source_text, "
            "ingested_at, provision_count, model_id, model_file, model_source) "
            "VALUES ('marina', 1, ?, ?, ?, ?, '2026-01-01T00:00:00', ?, 'marina', 'marina.yaml', 'the model file')",
            (text.fingerprint, text.source_name, text.source_sha256, text.source_text, text.provision_count))
        first = version_id * store_module.ROWS_PER_VERSION
        document = parse_text(text.source_text)
        old_rows = [(first + place, version_id, "provision", node.eid, node.kind, citation(node.eid, document),
                     place, " ".join(filter(None, (node.num, node.heading))), node.text)
                    for place, node in enumerate(document.walk())]  # one per provision
        norm = (first + len(old_rows), version_id, "norm", "marina-pay", "duty", "Art. 2", 0, "marina-pay",
                "pay the mooring fee")
        store.backend.insert_many("search_text", (key, "version_id", "what", "ref", "kind", "citation", "ord",
                                                  "heading", "body"), [*old_rows, norm])
        assert store.schema_version() == 1
    with caplog.at_level("WARNING", logger="lawcode.store.store"), Store.open(store_url) as store:
        assert f"from schema 1 to {SCHEMA_VERSION}" in caplog.text
        assert store.schema_version() == SCHEMA_VERSION
        # the provision rows made anew, one per article; the norm's row kept
        assert store.backend.rows(f"SELECT {key}, ref, body, parts FROM search_text ORDER BY {key}") == [
            *((first + place, row[1], row[8], row[9]) for place, row in enumerate(provision_rows(document))),
            (norm[0], "marina-pay", "pay the mooring fee", "")]
        assert {h.ref for h in search(store, "mooring fee").hits} == {"chp_I__art_2__para_nn_1__list_1__item_3",
                                                                      "marina-pay"}
        assert [h.ref for h in search(store, "quart*").hits] == [h.ref for h in search(store, "quarter").hits] != []
        version = store.resolve("marina@1")
        assert store.source(version) == text.source_text
        assert store.model_source(version) == ("marina.yaml", "the model file")
        assert store.document(version).fingerprint() == text.fingerprint
        if store.backend.name == "sqlite":
            [table] = store.backend.rows("SELECT sql FROM sqlite_master WHERE name = 'search_text'")
            assert "prefix" not in table[0]
            [versions] = store.backend.rows("SELECT sql FROM sqlite_master WHERE name = 'versions'")
            assert "source_text" not in versions[0]
            assert store.backend.rows("SELECT v FROM search_text_config WHERE k = 'automerge'") == [(8,)]
            assert store.backend.rows("SELECT v FROM search_text_config WHERE k = 'hashsize'") == [(16777216,)]


QUAY = """Quay Code

CHAPTER I
General provisions

Section 1
Berths

Article 1
Boats shall moor at the quay.

Section 2
Tariffs

Article 2
A fee is paid for each mooring at the quay.
"""


def test_a_store_of_schema_5_cites_its_sections_of_articles_anew_and_names_each_rows_kinds(store_url, tmp_path, monkeypatch):
    from lawcode.store.search import search

    key = "rowid" if store_url.endswith(".sqlite3") else "id"
    text = prepare(str(write_text(tmp_path, "quay.txt", QUAY)))
    with store_of_schema_5(store_url, monkeypatch) as store:
        store.add(text)
        for ref in ("chp_I__sec_1", "chp_I__sec_2"):  # as lawcode cited them at schema 5
            store.backend.run(f"UPDATE search_text SET citation = ? WHERE ref = ? AND {key} > 0", ("s. " + ref[-1], ref))
        assert [h.citation for h in search(store, "tariffs").hits] == ["s. 2"]
    with Store.open(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert [h.citation for h in search(store, "tariffs").hits] == ["Chapter I, Section 2"]
        assert [h.citation for h in search(store, "berths").hits] == ["Chapter I, Section 1"]
        assert [h.citation for h in search(store, "boats").hits] == ["Art. 1"]
        # each row's kinds read from its map of parts, as an ingest now names them
        assert store.backend.rows(f"SELECT ref, kinds FROM search_text ORDER BY {key}") == [
            (row[1], row[10]) for row in text.rows]
        assert [h.citation for h in search(store, "quay OR tariffs", kind="section").hits] == ["Chapter I, Section 2"]
        assert [h.ref for h in search(store, "quay", kind="paragraph").hits] == [
            "chp_I__sec_1__art_1__para_nn_1", "chp_I__sec_2__art_2__para_nn_1"]


def _texts_of_many_words(tmp_path: Path, count: int) -> list[Path]:
    """Small regulations with words enough for their full-text index to fill many pages."""
    words = ["harbour", "harbours", "harbourmaster", "mooring", "moorings", "vessel", "vessels", "quay",
             "tariff", "tariffs", "berth", "berthing", "pilot", "pilotage", "anchor", "anchorage"]
    paths = []
    for number in range(count):
        articles = "\n\n".join(
            f"Article {a}\n" + " ".join(words[(number * 7 + a * 3 + w) % len(words)] for w in range(60)) + "."
            for a in range(1, 13))
        paths.append(write_text(tmp_path, f"harbour-{number}.txt", f"Harbour Code {number}\n\n{articles}\n"))
    return paths


def test_a_store_of_schema_9_loses_its_prefix_indexes_not_a_hit_and_gives_their_space_back(
        store_url, tmp_path, monkeypatch):
    from lawcode.store.search import search

    queries = ["harb*", "moor*", "pilot*", "anch*", "ves*", "harbourmaster", '"mooring vessel"', "quay OR berth"]

    def answers(store: Store) -> list[list[tuple[str, str, float, str]]]:
        return [[(h.version, h.ref, round(h.score, 9), h.snippet) for h in search(store, query, limit=50).hits]
                for query in queries]

    # the full-text index as lawcode made it at schema 9
    with lawcode_at_schema(9, monkeypatch), Store.open(store_url) as store:
        for path in _texts_of_many_words(tmp_path, 30):
            store.add(prepare(str(path)))
        before = answers(store)
        if store.backend.name == "sqlite":
            [table] = store.backend.rows("SELECT sql FROM sqlite_master WHERE name = 'search_text'")
            assert "prefix = '4 5'" in table[0]
    size_before = Path(store_url).stat().st_size if store.backend.name == "sqlite" else 0
    with Store.open(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert answers(store) == before and all(before)
        if store.backend.name == "sqlite":
            [table] = store.backend.rows("SELECT sql FROM sqlite_master WHERE name = 'search_text'")
            assert "prefix" not in table[0]
            # the old index's pages given back: none of them is free, and the file is smaller once
            # the store is closed (and its log copied in)
            assert store.backend.rows("PRAGMA freelist_count") == [(0,)]
    if store.backend.name == "sqlite":
        assert Path(store_url).stat().st_size < size_before


def test_an_update_whose_space_cannot_be_given_back_leaves_the_store_up_to_date_and_says_so(tmp_path, monkeypatch,
                                                                                           caplog):
    from lawcode.store.backends import SQLiteBackend
    from lawcode.store.search import search

    url = str(tmp_path / "store.sqlite3")
    with lawcode_at_schema(9, monkeypatch), Store.open(url) as store:
        store.add(prepare(str(write_text(tmp_path, "marina.txt", MARINA))))

    def full_disk(self: SQLiteBackend) -> None:
        raise StoreError("could not give the space back: database or disk is full")

    monkeypatch.setattr(SQLiteBackend, "compact", full_disk)
    with caplog.at_level("WARNING", logger="lawcode.store.store"), Store.open(url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert search(store, "quart*").hits
    assert f"the corpus store {url} is up to date, but could not give the space back: database or disk is full; " \
           "the space is used again as texts are ingested" in caplog.text


@pytest.mark.skipif(not (sys.platform == "linux" and platform.machine() == "x86_64"),
                    reason="pysqlite3-binary, a dependency only where PyPI has its wheels: Linux on x86-64")
def test_the_store_runs_on_a_current_sqlite_where_pypi_has_one_built(tmp_path):
    store = Store.open(str(tmp_path / "store.sqlite3"))
    [[version]] = store.backend.rows("SELECT sqlite_version()")
    assert tuple(int(part) for part in version.split(".")) >= (3, 51)


def test_a_new_sqlite_store_writes_pages_of_16_kb_and_an_older_one_keeps_its_own(tmp_path):
    from lawcode.store.search import search
    from lawcode.store.sqlite_driver import sqlite3

    text = prepare(str(write_text(tmp_path, "marina.txt", MARINA)))
    with Store.open(str(tmp_path / "new.sqlite3")) as store:
        store.add(text)
        assert store.backend.rows("PRAGMA page_size") == [(16384,)]
    older = sqlite_file_of_4_kb_pages(tmp_path / "older.sqlite3")
    for _ in range(2):
        with Store.open(str(older)) as store:
            if not store.versions("marina"):
                store.add(text)
            assert store.backend.rows("PRAGMA page_size") == [(4096,)]
            assert [h.ref for h in search(store, "quart*").hits] == [h.ref for h in search(store, "quarter").hits] != []
    with sqlite3.connect(older) as checked:
        assert checked.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_an_ingest_lets_the_wal_of_a_store_grow_to_the_same_bytes_whatever_its_pages(tmp_path, monkeypatch):
    from lawcode.store.backends import SQLiteBackend

    monkeypatch.setattr(SQLiteBackend, "BULK_CHECKPOINT_BYTES", 1024 * 1024)
    older = sqlite_file_of_4_kb_pages(tmp_path / "older.sqlite3")
    for path, pages in ((tmp_path / "new.sqlite3", 64), (older, 256)):
        with Store.open(str(path)) as store:
            with store.backend.bulk_writes():
                assert store.backend.rows("PRAGMA wal_autocheckpoint") == [(pages,)]
            assert store.backend.rows("PRAGMA wal_autocheckpoint") == [(1000,)]


def test_every_part_of_lawcode_opens_sqlite_through_one_module():
    """Two SQLite libraries in one process must never open the same file (each keeps its own record of
    the process's locks): nothing but lawcode.store.sqlite_driver imports a SQLite module."""
    import lawcode

    source = Path(lawcode.__file__).parent
    importing = [str(path.relative_to(source)) for path in sorted(source.rglob("*.py"))
                 if re.search(r"^\s*(?:import sqlite3|from sqlite3 |import pysqlite3|from pysqlite3)",
                              path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert importing == ["store/sqlite_driver.py"]
