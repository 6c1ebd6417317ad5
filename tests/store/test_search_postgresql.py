"""PostgreSQL's ways to the candidates (schemas 3 and 4): phrases through the index of word pairs, very
common words among the sampled rows (in a table of their own). Each is checked against the plain
full-text match of every row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import postgres_schema
from lawcode.errors import QueryError
from lawcode.store import query as q
from lawcode.store import search as search_module
from lawcode.store.migrations import MIGRATIONS, SAMPLE_TABLE_EVERY, SAMPLED_ROWS, SCHEMA_VERSION, sampled
from lawcode.store.prepare import prepare
from lawcode.store.search import search
from lawcode.store.store import Store

from .conftest import synthetic_text, write_text

# Words that stand apart in the tsvector (stop words, a hyphen, an apostrophe, numbers, stems).
EXTRA = """
Article 99: The lock keepers of the district shall promote co-operation with the keeper's deputy and
record toll 5 in the ledger of the lock.
"""


def _add_texts(store: Store, folder: Path) -> None:
    for number in (1, 2, 3):
        store.add(prepare(str(write_text(folder, f"canal-{number}.txt", synthetic_text(number) + EXTRA))))


@pytest.fixture
def pg_store(postgres: Any, tmp_path: Path) -> Iterator[Store]:
    with postgres_schema(postgres.url) as url, Store.open(url) as store:
        _add_texts(store, tmp_path)
        yield store


def _found(store: Store, text: str, **filters: Any) -> set[tuple[str, str]]:
    return {(hit.version, hit.ref) for hit in search(store, text, limit=5000, **filters).hits}


def _matching(store: Store, text: str, where: str = "") -> set[tuple[str, str]]:
    """Every row the query matches, by its tsvector alone (no other index, no sample)."""
    rows = store.backend.rows(f"SELECT version_id, ref FROM search_text WHERE document @@ to_tsquery('english', ?)"
                              f"{where}", (q.to_tsquery(q.parse(text)),))
    versions = store.versions_by_id(row[0] for row in rows)
    return {(versions[version_id].ref, ref) for version_id, ref in rows}


QUARTER = sampled("id", SAMPLE_TABLE_EVERY)  # the rows of the sample table (migration 4)

PHRASES = ['"lock keeper"', '"lock keepers"', '"keeper of district"', '"lock kee"*', '"lock kee*"', "co-operation",
           '"keeper\'s deputy"', '"toll 5"', '"office canal"', '"canal office" OR toll', '"canal office" barge',
           '"canal office" NOT "report damage"', '("lock keeper" OR "canal office") AND distress']


@pytest.mark.parametrize("text", PHRASES)
def test_a_phrase_finds_through_the_word_pairs_what_the_full_text_match_finds(pg_store, text):
    assert _found(pg_store, text) == _matching(pg_store, text)


def test_the_word_pairs_narrow_only_where_a_phrase_must_match(pg_store):
    def pairs(text: str) -> str | None:
        return search_module._pairs_query(pg_store, q.parse(text))

    assert pairs('"lock keepers"') == "'lock keeper'"  # stemmed as the tsvector holds them
    assert pairs('"lock kee"*') == "'lock kee':*"
    assert pairs('"keeper of district"') is None  # "of" is a stop word: its neighbours are two apart
    assert pairs('"lock keeper" OR toll') is None  # a row may match by "toll" alone
    assert pairs('toll NOT "lock keeper"') is None
    assert pairs('"lock keeper" OR "canal office"') == "('lock keeper') | ('canal offic')"
    assert pairs('barge "canal office"') == "'canal offic'"


def test_a_common_word_is_ranked_among_the_sampled_rows_and_says_so(pg_store, monkeypatch):
    monkeypatch.setattr(search_module, "CANDIDATES", 5)
    pg_store.backend.run("ANALYZE search_text")  # the planner's count of the word tells to look in the sample
    sampled = _matching(pg_store, "distress", f" AND {SAMPLED_ROWS}")
    assert len(sampled) > 5 and len(_matching(pg_store, "distress")) > len(sampled)
    results = search(pg_store, "distress", limit=5000)
    assert results.capped and len(results.hits) == 5
    assert {(hit.version, hit.ref) for hit in results.hits} <= sampled
    assert search(pg_store, "distress", limit=5000) == results  # the same candidates every time


FIRST = {"the eighth first": ((8, SAMPLED_ROWS, 0.0),), "the quarter first": ((4, "TRUE", 0.0),)}


def test_a_less_common_word_is_ranked_among_the_quarter_and_says_so(pg_store, monkeypatch):
    monkeypatch.setattr(search_module, "CANDIDATES", 5)
    monkeypatch.setattr(search_module, "SAMPLES", FIRST["the quarter first"])
    quarter = _matching(pg_store, "distress", f" AND {QUARTER}")
    assert len(_matching(pg_store, "distress", f" AND {SAMPLED_ROWS}")) < len(quarter) < len(
        _matching(pg_store, "distress"))
    results = search(pg_store, "distress", limit=5000)
    assert results.capped and len(results.hits) == 5
    assert {(hit.version, hit.ref) for hit in results.hits} <= quarter


@pytest.mark.parametrize("samples", [None, *FIRST], ids=["not looked at", *FIRST])
def test_a_word_the_sample_holds_too_few_of_is_ranked_among_the_first_stored(pg_store, monkeypatch, samples):
    keys = [row[0] for row in pg_store.backend.rows(
        "SELECT id FROM search_text WHERE document @@ to_tsquery('english', 'distress') ORDER BY id")]
    monkeypatch.setattr(search_module, "CANDIDATES", len(keys) - 1)
    if samples is not None:  # the sample is searched first, in vain
        monkeypatch.setattr(search_module, "SAMPLES", FIRST[samples])
    pg_store.backend.run("ANALYZE search_text")
    results = search(pg_store, "distress", limit=5000)
    assert results.capped and len(results.hits) == len(keys) - 1
    first = set(keys[:-1])
    rows = pg_store.backend.rows("SELECT id, ref FROM search_text WHERE id = ANY(?)", (list(first),))
    assert {hit.ref for hit in results.hits} == {ref for _, ref in rows}


@pytest.mark.parametrize("version", [None, "canal-2"], ids=["every version", "one version"])
def test_a_common_word_filtered_is_ranked_among_the_sampled_rows_that_pass(pg_store, monkeypatch, version):
    monkeypatch.setattr(search_module, "CANDIDATES", 5)
    monkeypatch.setattr(search_module, "SAMPLES", FIRST["the eighth first"])
    on = dt.date.today()  # the versions in force: a list of versions to search, not all rows
    versions = [v.id for v in pg_store.current_versions(on, version)]
    where = f" AND {SAMPLED_ROWS} AND kind = 'item' AND version_id IN ({', '.join(map(str, versions))})"
    sampled = _matching(pg_store, "ledger", where)
    assert len(sampled) > 5
    results = search(pg_store, "ledger", kind="item", on=on, regulation=version, limit=5000)
    assert results.capped and {(hit.version, hit.ref) for hit in results.hits} <= sampled
    assert all(hit.kind == "item" for hit in results.hits)


@pytest.mark.parametrize("text", ["toll", '"canal office"', "distress OR barge"])
def test_filters_narrow_every_way_to_the_candidates(pg_store, text):
    assert _found(pg_store, text, kind="item") == _matching(pg_store, text, " AND kind = 'item'")
    [canal_2] = [v for v in pg_store.current_versions(None, "canal-2")]
    low, high = pg_store.row_range(canal_2.id)
    assert _found(pg_store, text, regulation="canal-2") == _matching(pg_store, text, f" AND id BETWEEN {low} AND {high}")


def test_a_statement_that_fails_under_the_settings_leaves_the_connection_as_it_was(pg_store):
    import psycopg

    backend = pg_store.backend
    with pytest.raises(psycopg.errors.DivisionByZero), backend.settings({"enable_seqscan": "off"}):
        backend.rows("SELECT 1 / 0")
    assert backend.rows("SELECT current_setting('enable_seqscan')") == [("on",)]
    assert backend.connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert search(pg_store, "toll").hits


def test_the_search_settings_last_only_for_the_search(pg_store):
    def seqscan() -> str:
        return str(pg_store.backend.rows("SELECT current_setting('enable_seqscan')")[0][0])

    search(pg_store, "toll")
    assert seqscan() == "on"
    with pg_store.backend.transaction("test"):
        search(pg_store, "toll")
        assert seqscan() == "on"


def _sample_in_step(store: Store) -> None:
    """The sample table holds exactly the quarter of search_text's rows, as they are now."""
    columns = "id, version_id, kind, document::text"
    assert store.backend.rows(f"SELECT {columns} FROM search_sample ORDER BY id") == \
        store.backend.rows(f"SELECT {columns} FROM search_text WHERE {QUARTER} ORDER BY id")


def test_the_sample_table_follows_every_write_to_the_rows(pg_store, tmp_path):
    _sample_in_step(pg_store)
    assert pg_store.backend.rows("SELECT count(*) FROM search_sample")[0][0] > 0
    pg_store.backend.run(f"UPDATE search_text SET body = 'barge barge', kind = 'changed' WHERE {SAMPLED_ROWS} "
                         "AND id IN (SELECT id FROM search_text ORDER BY id LIMIT 40)")
    pg_store.backend.run("UPDATE search_text SET id = id + 16 WHERE id = (SELECT max(id) FROM search_text)")
    _sample_in_step(pg_store)
    assert pg_store.backend.rows("SELECT count(*) FROM search_sample WHERE kind = 'changed'")[0][0] > 0
    pg_store.delete("canal-2")
    _sample_in_step(pg_store)
    pg_store.add(prepare(str(write_text(tmp_path, "canal-2.txt", synthetic_text(2, articles=80)))))
    _sample_in_step(pg_store)


@contextmanager
def _store_of_schema(url: str, version: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The store at ``url`` opened by a lawcode whose schema was ``version``: its migrations up to that one."""
    import lawcode.store.store as store_module

    with monkeypatch.context() as old_lawcode:
        old_lawcode.setattr(store_module, "MIGRATIONS", MIGRATIONS[:version])
        old_lawcode.setattr(store_module, "SCHEMA_VERSION", version)
        with Store.open(url) as store:
            assert store.schema_version() == version
            yield store


def test_a_postgresql_store_of_schema_2_gets_the_indexes_and_finds_the_same(postgres, tmp_path, monkeypatch):
    with postgres_schema(postgres.url) as url:
        with _store_of_schema(url, 2, monkeypatch) as store:
            _add_texts(store, tmp_path)
            before = {text: _matching(store, text) for text in PHRASES + ["distress", "toll"]}
        with Store.open(url) as store:
            assert store.schema_version() == SCHEMA_VERSION == 4
            assert {"search_text_word_pairs"} <= _indexes(store, "search_text")
            assert {text: _found(store, text) for text in before} == before


def _indexes(store: Store, table: str) -> set[str]:
    return {row[0] for row in store.backend.rows(
        "SELECT indexname FROM pg_indexes WHERE tablename = ? AND schemaname = current_schema()", (table,))}


def test_a_postgresql_store_of_schema_3_gets_the_sample_table_and_ranks_the_same(postgres, tmp_path, monkeypatch):
    with postgres_schema(postgres.url) as url:
        with _store_of_schema(url, 3, monkeypatch) as store:
            _add_texts(store, tmp_path)
            assert "search_text_sampled" in _indexes(store, "search_text")
            sampled = _matching(store, "distress", f" AND {SAMPLED_ROWS}")
        with Store.open(url) as store:
            assert store.schema_version() == 4
            assert "search_text_sampled" not in _indexes(store, "search_text")
            _sample_in_step(store)
            monkeypatch.setattr(search_module, "CANDIDATES", 5)
            store.backend.run("ANALYZE search_text")
            results = search(store, "distress", limit=5000)
            assert results.capped and {(hit.version, hit.ref) for hit in results.hits} <= sampled
            store.add(prepare(str(write_text(tmp_path, "canal-9.txt", synthetic_text(9)))))
            _sample_in_step(store)  # the trigger came with the migration


def test_a_query_of_only_words_postgresql_leaves_out_is_an_error_not_no_match(pg_store):
    """SQLite indexes "the" and finds it; PostgreSQL's English search leaves it out, and "no match"
    would tell the user the corpus has no such word."""
    with pytest.raises(QueryError, match=r"only words PostgreSQL's English search leaves out as too common \(of, the\)"):
        search(pg_store, '"of the" OR the')
    assert search(pg_store, "the keeper").hits  # a less common word beside it: searched as ever
    assert search(pg_store, "zeppelin").hits == ()  # no match for a word that is indexed: no error
