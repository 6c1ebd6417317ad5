"""PostgreSQL's own ways to the candidates: phrases through the index of word pairs (checked against
the plain full-text match of every row), the cap on how many are ranked, filters, the planner's
settings, and stores of older schemas migrated to one row per article."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import postgres_schema
from lawcode.errors import QueryError
from lawcode.store import pgserver
from lawcode.store import query as q
from lawcode.store import search as search_module
from lawcode.store.ingest import ingest
from lawcode.store.migrations import SCHEMA_VERSION
from lawcode.store.prepare import prepare
from lawcode.store.rows import parts_of
from lawcode.store.search import Hit, search
from lawcode.store.store import Store

from .conftest import lawcode_at_schema, store_of_schema_5, synthetic_text, write_text

# Words that stand apart in the tsvector (stop words, a hyphen, an apostrophe, numbers, stems).
EXTRA = """
Article 99: The lock keepers of the district shall promote co-operation with the keeper's deputy and
record toll 5 in the ledger of the lock.
"""


def _texts(folder: Path) -> list[Path]:
    return [write_text(folder, f"canal-{number}.txt", synthetic_text(number) + EXTRA) for number in (1, 2, 3)]


def _add_texts(store: Store, folder: Path) -> None:
    for path in _texts(folder):
        store.add(prepare(str(path)))


@pytest.fixture
def pg_store(postgres: Any, tmp_path: Path) -> Iterator[Store]:
    with postgres_schema(postgres.url) as url, Store.open(url) as store:
        _add_texts(store, tmp_path)
        yield store


def _matching_rows(store: Store, text: str, where: str = "") -> set[tuple[str, str]]:
    """(version, article or norm) of every row the query matches, by its tsvector alone (no other index)."""
    rows = store.backend.rows(f"SELECT version_id, ref FROM search_text WHERE document @@ to_tsquery('english', ?)"
                              f"{where}", (q.to_tsquery(q.parse(text)),))
    versions = store.versions_by_id(row[0] for row in rows)
    return {(versions[version_id].ref, ref) for version_id, ref in rows}


def _rows_of(store: Store, hits: tuple[Hit, ...]) -> set[tuple[str, str]]:
    """(version, article or norm) of the row each hit was found in (a hit cites a provision inside it)."""
    row_of = {}
    for version_id, ref, parts in store.backend.rows("SELECT version_id, ref, parts FROM search_text"):
        version = store.versions_by_id([version_id])[version_id].ref
        row_of.update({(version, part.eid): (version, ref) for part in parts_of(ref, parts)} if parts else
                      {(version, ref): (version, ref)})
    return {row_of[(hit.version, hit.ref)] for hit in hits}


PHRASES = ['"lock keeper"', '"lock keepers"', '"keeper of district"', '"lock kee"*', '"lock kee*"', "co-operation",
           '"keeper\'s deputy"', '"toll 5"', '"office canal"', '"canal office" OR toll', '"canal office" barge',
           '"canal office" NOT "report damage"', 'toll NOT "lock keeper"', '("lock keeper" OR "canal office") AND distress']


@pytest.mark.parametrize("text", PHRASES)
def test_a_phrase_finds_through_the_word_pairs_what_the_full_text_match_finds(pg_store, monkeypatch, text):
    results = search(pg_store, text, limit=5000)
    assert _rows_of(pg_store, results.hits) == _matching_rows(pg_store, text)  # a hit for every row that matches
    assert len(results.hits) == len(_matching_rows(pg_store, text))
    monkeypatch.setattr(search_module, "_pairs_query", lambda parsed, stems: None)  # every row's tsvector only
    assert search(pg_store, text, limit=5000) == results


def test_the_word_pairs_narrow_only_where_a_phrase_must_match(pg_store):
    def pairs(text: str) -> str | None:
        return search_module._pairs_query(q.parse(text), search_module._PostgresStems(pg_store))

    assert pairs('"lock keepers"') == "'lock keeper'"  # stemmed as the tsvector holds them
    assert pairs('"lock kee"*') == "'lock kee':*"
    assert pairs('"keeper of district"') is None  # "of" is a stop word: its neighbours are two apart
    assert pairs('"lock keeper" OR toll') is None  # a row may match by "toll" alone
    assert pairs('toll NOT "lock keeper"') is None
    assert pairs('"lock keeper" OR "canal office"') == "('lock keeper') | ('canal offic')"
    assert pairs('barge "canal office"') == "'canal offic'"


@pytest.mark.parametrize("text", ["distress", '"canal office"', "distress OR barge", "distr*"])
def test_a_query_matching_more_rows_than_are_ranked_is_ranked_among_the_first_stored_and_says_so(
        pg_store, monkeypatch, text):
    pg_store.backend.run("ANALYZE search_text")  # the planner knows how common the words are
    rows = pg_store.backend.rows("SELECT version_id, ref FROM search_text WHERE document @@ to_tsquery('english', ?) "
                                 "ORDER BY id", (q.to_tsquery(q.parse(text)),))
    versions = pg_store.versions_by_id(version_id for version_id, _ in rows)
    stored = [(versions[version_id].ref, ref) for version_id, ref in rows]
    assert len(stored) > 3
    monkeypatch.setattr(search_module, "CANDIDATES", len(stored) - 1)
    results = search(pg_store, text, limit=5000)
    assert results.capped and _rows_of(pg_store, results.hits) == set(stored[:-1])
    assert search(pg_store, text, limit=5000) == results  # the same candidates every time
    monkeypatch.setattr(search_module, "CANDIDATES", len(stored))
    results = search(pg_store, text, limit=5000)
    assert not results.capped and _rows_of(pg_store, results.hits) == set(stored)


FILTERED = ["toll", '"canal office"', "distress OR barge", "ledger"]


@pytest.mark.parametrize("text", FILTERED)
def test_a_search_of_one_regulation_finds_what_it_holds_of_a_search_of_all(pg_store, text):
    everywhere = search(pg_store, text, limit=5000).hits
    for on in (None, dt.date.today()):  # the latest versions (one key range), or those in force (a list)
        one = search(pg_store, text, regulation="canal-2", on=on, limit=5000).hits
        assert one and set(one) == {hit for hit in everywhere if hit.version == "canal-2@1"}


@pytest.mark.parametrize("text", FILTERED)
def test_a_search_of_one_kind_cites_each_provision_of_that_kind_that_matches(pg_store, text):
    """Here an item holds no item: every item that matches on its own words is a hit."""
    tsquery = q.to_tsquery(q.parse(text))
    items = set()
    for version_id, ref, body, parts in pg_store.backend.rows("SELECT version_id, ref, body, parts FROM search_text "
                                                              "WHERE parts <> ''"):
        version = pg_store.versions_by_id([version_id])[version_id].ref
        for part in parts_of(ref, parts):
            if part.kind == "item" and pg_store.backend.rows(
                    "SELECT to_tsvector('english', ?) @@ to_tsquery('english', ?)",
                    (body[part.start:part.end], tsquery))[0][0]:
                items.add((version, part.eid))
    hits = search(pg_store, text, kind="item", limit=5000).hits
    assert items and {(hit.version, hit.ref) for hit in hits} == items
    assert all(hit.kind == "item" for hit in hits)


def test_a_statement_that_fails_under_the_settings_leaves_the_connection_as_it_was(pg_store):
    import psycopg

    backend = pg_store.backend
    with pytest.raises(psycopg.errors.DivisionByZero):
        backend.rows_of_each([("SELECT 1", ()), ("SELECT 1 / 0", ())], {"enable_seqscan": "off"})
    assert backend.rows("SELECT current_setting('enable_seqscan')") == [("on",)]
    assert backend.connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert search(pg_store, "toll").hits


def test_a_search_without_pipelines_sends_its_statements_one_by_one_with_the_same_hits(pg_store, monkeypatch):
    """As with a libpq older than 14, which has no pipeline mode."""
    import psycopg

    results = [search(pg_store, text) for text in ("toll", '"lock keeper"', "distr*")]
    monkeypatch.setattr(psycopg.Pipeline, "is_supported", classmethod(lambda cls: False))
    monkeypatch.setattr(psycopg.Connection, "pipeline", None)  # called, it would fail
    assert [search(pg_store, text) for text in ("toll", '"lock keeper"', "distr*")] == results
    assert all(result.hits for result in results)


def test_the_search_settings_last_only_for_the_search(pg_store):
    def seqscan() -> str:
        return str(pg_store.backend.rows("SELECT current_setting('enable_seqscan')")[0][0])

    search(pg_store, "toll")
    assert seqscan() == "on"
    with pg_store.backend.transaction("test"):
        search(pg_store, "toll")
        assert seqscan() == "on"


@contextmanager
def _store_of_schema(url: str, version: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The store at ``url`` opened by a lawcode whose schema was ``version`` (its migrations up to that
    one), which writes a full-text row per provision, of the provision's own words, as it did."""
    import lawcode.store.store as store_module
    from lawcode.engine.quote import citation
    from lawcode.text.parse import parse_text

    def provision_rows(source: bytes) -> tuple[tuple[Any, ...], ...]:
        document = parse_text(source)
        return tuple(("provision", node.eid, node.kind, "", "", citation(node.eid, document), order,
                      " ".join(filter(None, (node.num, node.heading))),
                      " ".join(filter(None, (node.text, node.wrap_up))))
                     for order, node in enumerate(document.walk()))

    with lawcode_at_schema(version, monkeypatch) as old_lawcode:
        old_lawcode.setattr(store_module, "_row_columns", lambda key: (
            key, "version_id", "what", "ref", "kind", "actors", "cites", "citation", "ord", "heading", "body"))
        with Store.open(url) as store:
            assert store.schema_version() == version
            real_add = store.add

            def add(text: Any, *args: Any, **kwargs: Any) -> Any:
                rows = provision_rows(text.source_text)
                return real_add(dataclasses.replace(text, rows=rows, provision_rows=len(rows)), *args, **kwargs)

            old_lawcode.setattr(store, "add", add)
            yield store


@pytest.mark.parametrize("schema", [2, 3, 4])
def test_a_postgresql_store_of_an_older_schema_finds_what_a_new_store_finds(postgres, tmp_path, monkeypatch, schema):
    queries = [*PHRASES, "distress", "toll", "distr*"]
    with postgres_schema(postgres.url) as url, Store.open(url) as new:
        _add_texts(new, tmp_path)
        expected = {text: search(new, text, limit=5000) for text in queries}
        expected_items = search(new, "ledger", kind="item", limit=5000)
    with postgres_schema(postgres.url) as url:
        with _store_of_schema(url, schema, monkeypatch) as old:
            _add_texts(old, tmp_path)
            assert old.backend.rows("SELECT count(*) FROM search_text")[0][0] > 3 * 40 * 4  # a row per provision
        with Store.open(url) as store:
            assert store.schema_version() == SCHEMA_VERSION
            assert {text: search(store, text, limit=5000) for text in queries} == expected
            assert search(store, "ledger", kind="item", limit=5000) == expected_items
            # the sample of schemas 3 and 4 is gone, trigger and all: a text stored now is found
            assert not store.backend.has_table("search_sample")
            assert store.backend.rows("SELECT count(*) FROM pg_proc WHERE proname = 'lawcode_sample_row'") == [(0,)]
            store.add(prepare(str(write_text(tmp_path, "canal-9.txt", synthetic_text(9)))))
            assert any(hit.version == "canal-9@1" for hit in search(store, "barge", limit=5000).hits)


def _statistics(store: Store, relation: str) -> list[str]:
    """The columns (or index expressions) of ``relation`` in this store's schema that ANALYZE gathered statistics of."""
    return [str(name) for name, in store.backend.rows(
        "SELECT attname FROM pg_stats WHERE schemaname = current_schema() AND tablename = ? ORDER BY attname",
        (relation,))]


def test_a_postgresql_store_of_schema_5_analyzes_no_word_pairs_once_migrated(postgres, tmp_path, monkeypatch):
    """ANALYZE (autovacuum's, or an ingest's) computed the word pairs of each sampled row for statistics
    of the pairs' index, nine tenths of its time, which no plan of a search needed: from schema 6 it
    gathers those of the columns only, and searches find what they found."""
    queries = [*PHRASES, "distress", "toll", "distr*"]
    with postgres_schema(postgres.url) as url:
        with store_of_schema_5(url, monkeypatch) as old:
            _add_texts(old, tmp_path)
            expected = {text: search(old, text, limit=5000) for text in queries}
        with Store.open(url) as store:
            assert store.schema_version() == SCHEMA_VERSION
            store.backend.run("ANALYZE search_text")
            assert _statistics(store, "search_text_word_pairs") == []
            assert "document" in _statistics(store, "search_text")
            assert {text: search(store, text, limit=5000) for text in queries} == expected
            # schema 8: the kinds each row holds, indexed, so that a rare kind is found by the index
            [[index]] = store.backend.rows("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_text_kinds'")
            assert "gin (to_tsvector('simple'::regconfig, kinds))" in index
            assert {h.kind for h in search(store, "ledger", kind="item", limit=5000).hits} == {"item"}
            assert {h.kind for h in search(store, "district", kind="chapter", limit=5000).hits} == {"chapter"}


def test_a_query_of_only_words_postgresql_leaves_out_is_an_error_not_no_match(pg_store):
    """SQLite indexes "the" and finds it; PostgreSQL's English search leaves it out, and "no match"
    would tell the user the corpus has no such word."""
    with pytest.raises(QueryError, match=r"only words PostgreSQL's English search leaves out as too common \(of, the\)"):
        search(pg_store, '"of the" OR the')
    assert search(pg_store, "the keeper").hits  # a less common word beside it: searched as ever
    assert search(pg_store, "zeppelin").hits == ()  # no match for a word that is indexed: no error


def _partitions(store: Store, relation: str) -> list[str]:
    """The partitions of a table or index of the full-text rows (schema 11)."""
    return [str(name) for name, in store.backend.rows(
        "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = to_regclass(?) ORDER BY 1", (relation,))]


def _upkeep(store: Store) -> list[tuple[Any, ...]]:
    """When each partition of search_text was last analyzed and vacuumed by hand (not by autovacuum),
    and its changes since."""
    return [tuple(row) for row in store.backend.rows(
        "SELECT last_analyze, last_vacuum, n_mod_since_analyze FROM pg_stat_user_tables WHERE relid IN "
        "(SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass('search_text')) ORDER BY relid")]


def test_an_ingest_leaves_the_upkeep_its_writes_made_due_to_no_one(postgres, tmp_path):
    """A large ingest analyzes and vacuums the full-text rows before it ends, so that autovacuum does
    not do it beside the first searches; a small one into a larger store leaves them as they were."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for number in (1, 2, 3):  # 66 rows each: more than autovacuum's 50 make an analysis due
        write_text(folder, f"canal-{number}.txt", synthetic_text(number, articles=60))
    with postgres_schema(postgres.url) as url, Store.open(url) as store:
        assert ingest(store, [folder]).counts() == {"stored": 3}
        upkeep = _upkeep(store)
        assert len(upkeep) == 1  # versions 1 to 3: partition 0 (versions below 128)
        assert all(analyzed is not None and vacuumed is not None and changed == 0 for analyzed, vacuumed, changed in upkeep)
        for index in ("search_text_document", "search_text_word_pairs"):  # no entries left pending
            for partition in _partitions(store, index):
                assert store.backend.rows("SELECT gin_clean_pending_list(to_regclass(?))", (partition,)) == [(0,)]
        small = write_text(tmp_path, "canal-4.txt", synthetic_text(4, articles=2))
        assert ingest(store, [small]).counts() == {"stored": 1}
        assert [row[:2] for row in _upkeep(store)] == [row[:2] for row in upkeep]
        assert {hit.version for hit in search(store, "barge", limit=5000).hits} == {f"canal-{n}@1" for n in (1, 2, 3, 4)}


def _pages_read(store: Store, select: str) -> int:
    """How many pages of the table and of its TOAST store (long values kept out of their rows)
    reading ``select`` of every full-text row takes."""
    [[plan]] = store.backend.rows(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT {select} FROM search_text")
    top = plan[0]["Plan"]
    return int(top["Shared Hit Blocks"]) + int(top["Shared Read Blocks"])


def test_a_postgresql_store_of_schema_10_keeps_each_rows_tsvector_in_the_row_once_migrated(postgres, tmp_path,
                                                                                            monkeypatch):
    """A search ranks its candidates by their tsvectors: from schema 11 each stands in its row, where a
    long row's was kept in the TOAST store, and a store of before is written anew so."""
    import random

    chosen = random.Random(11)
    words = " ".join("".join(chosen.choice("bcdfghjklmnpqrstvwxz") for _ in range(9)) for _ in range(250))
    long_article = write_text(tmp_path, "long.txt", f"Long Rules\n\nArticle 1: The keeper shall list {words}.\n")
    ranked = "sum(ts_rank(document, to_tsquery('english', 'keeper')))"
    queries = [*PHRASES, "distress", "toll", "distr*", "keeper", words.split()[200]]
    with postgres_schema(postgres.url) as url:
        with lawcode_at_schema(10, monkeypatch), Store.open(url) as old:
            _add_texts(old, tmp_path)
            old.add(prepare(str(long_article)))
            expected = {text: search(old, text, limit=5000) for text in queries}
            assert _pages_read(old, ranked) > _pages_read(old, "count(*)")
        with Store.open(url) as store:
            assert store.schema_version() == SCHEMA_VERSION
            assert _pages_read(store, ranked) == _pages_read(store, "count(*)")
            assert {text: search(store, text, limit=5000) for text in queries} == expected
            assert expected[words.split()[200]].hits
            store.add(prepare(str(write_text(tmp_path, "long.txt", long_article.read_text() + "Article 2: Fees.\n"))))
            assert _pages_read(store, ranked) == _pages_read(store, "count(*)")


def test_postgresql_keeps_the_rows_of_versions_2_to_the_n_up_to_2_to_the_n_plus_1_in_a_partition(
        postgres, tmp_path, monkeypatch):
    """Schema 11: a search for a common word lists the matching rows of the first partitions only. The
    rows ranked are the first stored all the same, partition after partition; a partition is made
    with the first version written to it, and one made by a write that failed is made again. Schema
    12: the first partition holds the versions below 128."""
    first, second, third = _texts(tmp_path)
    with postgres_schema(postgres.url) as url, Store.open(url) as store:
        next_version = "SELECT setval(pg_get_serial_sequence('versions', 'id'), ?)"
        store.add(prepare(str(first)))  # version 1
        store.backend.run(next_version, (600,))
        store.add(prepare(str(second)))  # 601
        store.backend.run(next_version, (300,))
        store.add(prepare(str(third)))  # 301: its partition is made between the others
        bounds = store.backend.rows("SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c "
                                    "ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass('search_text') ORDER BY 1")
        assert [str(bound) for bound, in bounds] == [f"FOR VALUES FROM ('{low << 20}') TO ('{high << 20}')"
                                                     for low, high in ((0, 128), (256, 512), (512, 1024))]
        assert _partitions(store, "search_text") == ["search_text_0", "search_text_8", "search_text_9"]
        store.backend.run("ANALYZE search_text")
        for index in _partitions(store, "search_text_word_pairs"):  # no statistics of the pairs (migration 6)
            assert _statistics(store, index) == []
        rows = store.backend.rows("SELECT version_id, ref FROM search_text WHERE document @@ to_tsquery('english', ?) "
                                  "ORDER BY id", (q.to_tsquery(q.parse("distress")),))
        assert [version_id for version_id, _ in rows][::len(rows) - 1] == [1, 601]
        versions = store.versions_by_id(version_id for version_id, _ in rows)
        stored = [(versions[version_id].ref, ref) for version_id, ref in rows]
        with monkeypatch.context() as capped:
            capped.setattr(search_module, "CANDIDATES", len(stored) - 2)
            results = search(store, "distress", limit=5000)
            assert results.capped and _rows_of(store, results.hits) == set(stored[:-2])

        def failing(*args: Any) -> None:
            raise OSError("the disk is full")

        store.backend.run(next_version, (1500,))  # 1,501: versions 1,024 to 2,047
        with monkeypatch.context() as failed:
            failed.setattr(store.backend, "insert_many", failing)
            with pytest.raises(OSError):
                store.add(prepare(str(write_text(tmp_path, "canal-4.txt", synthetic_text(4)))))
        assert "search_text_10" not in _partitions(store, "search_text")
        assert store.add(prepare(str(tmp_path / "canal-4.txt"))).status == "stored"
        assert "search_text_10" in _partitions(store, "search_text")
        assert any(hit.version == "canal-4@1" for hit in search(store, "barge", limit=5000).hits)


def test_a_store_of_schema_11_has_its_first_seven_partitions_made_one_with_the_same_hits(postgres, tmp_path,
                                                                                        monkeypatch):
    """Migration 12: partitions 0 to 6 of schema 11 (versions 1 to 127) become one partition of the
    versions below 128, which the versions stored later up to 127 go to as well."""
    first, second, third = _texts(tmp_path)
    next_version = "SELECT setval(pg_get_serial_sequence('versions', 'id'), ?)"
    queries = ["barge", '"lock keeper"', "distr*", "toll OR distress"]
    with postgres_schema(postgres.url) as url:
        with lawcode_at_schema(11, monkeypatch), Store.open(url) as old:
            old.add(prepare(str(first)))  # version 1: partition 0
            old.backend.run(next_version, (4,))
            old.add(prepare(str(second)))  # 5: partition 2
            old.backend.run(next_version, (200,))
            old.add(prepare(str(third)))  # 201: partition 7
            assert _partitions(old, "search_text") == ["search_text_0", "search_text_2", "search_text_7"]
            rows = old.backend.rows(f"SELECT {_ROW_COLUMNS} FROM search_text ORDER BY id")
            expected = {text: search(old, text, limit=5000) for text in queries}
        with Store.open(url) as store:
            assert store.schema_version() == 12
            assert _partitions(store, "search_text") == ["search_text_0", "search_text_7"]
            for index in _gin_indexes(store, "search_text_0"):  # the rows copied are in the indexes, none pending
                assert store.backend.rows("SELECT gin_clean_pending_list(to_regclass(?))", (index,)) == [(0,)]
            assert store.backend.rows(f"SELECT {_ROW_COLUMNS} FROM search_text ORDER BY id") == rows
            assert {text: search(store, text, limit=5000) for text in queries} == expected
            assert all(results.hits for results in expected.values())
            store.backend.run(next_version, (99,))
            store.add(prepare(str(write_text(tmp_path, "canal-4.txt", synthetic_text(4)))))  # 100: partition 0
            assert _partitions(store, "search_text") == ["search_text_0", "search_text_7"]
            assert store.backend.rows("SELECT count(*) FROM search_text_0 WHERE version_id = 100")[0][0] > 0
            store.backend.run("ANALYZE search_text")
            for index in _partitions(store, "search_text_word_pairs"):  # no statistics of the pairs (migration 6)
                assert _statistics(store, index) == []


def _gin_indexes(store: Store, table: str) -> list[str]:
    return [str(name) for name, in store.backend.rows(
        "SELECT x.indexrelid::regclass::text FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
        "JOIN pg_am a ON a.oid = c.relam WHERE x.indrelid = to_regclass(?) AND a.amname = 'gin'", (table,))]


# Every column of a full-text row, its tsvector included.
_ROW_COLUMNS = "id, version_id, what, ref, kind, actors, cites, citation, ord, heading, body, parts, kinds, document"


def test_a_role_that_writes_the_store_but_owns_no_table_stores_a_text_that_needs_a_new_partition(postgres, tmp_path):
    """Only a table's owner may add a partition to it: lawcode_search_partition does it with its maker's
    rights, so that a team member's role, allowed to read and write the rows, stores texts as before."""
    import uuid

    import psycopg

    role = "clerk_" + uuid.uuid4().hex[:8]
    first, second, _ = _texts(tmp_path)
    try:
        with postgres_schema(postgres.url) as url:
            with Store.open(url) as owner:
                owner.add(prepare(str(first)))  # version 1: partition 0
                owner.backend.run("SELECT setval(pg_get_serial_sequence('versions', 'id'), 200)")
                schema = owner.backend.rows("SELECT current_schema()")[0][0]
                for grant in (f"CREATE ROLE {role} LOGIN", f"GRANT USAGE ON SCHEMA {schema} TO {role}",
                              f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
                              f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"):
                    owner.backend.run(grant)
            with Store.open(url.replace(f"://{pgserver.USER}@", f"://{role}@")) as clerk:
                assert clerk.add(prepare(str(second))).status == "stored"  # version 201: partition 7, made now
                assert _partitions(clerk, "search_text") == ["search_text_0", "search_text_7"]
                assert {hit.version for hit in search(clerk, "barge", limit=5000).hits} == {"canal-1@1", "canal-2@1"}
                with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the clerk owns no table
                    clerk.backend.run("CREATE TABLE search_text_99 PARTITION OF search_text FOR VALUES FROM (-2) TO (-1)")
    finally:
        with psycopg.connect(postgres.url, autocommit=True) as connection:
            connection.execute(f"DROP ROLE IF EXISTS {role}")
