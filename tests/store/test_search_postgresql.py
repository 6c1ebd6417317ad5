"""PostgreSQL's ways to the candidates (schema 3): phrases through the index of word pairs, very
common words among the sampled rows. Each is checked against the plain full-text match of every row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import postgres_schema
from lawcode.store import query as q
from lawcode.store import search as search_module
from lawcode.store.migrations import MIGRATIONS, SAMPLED_ROWS, SCHEMA_VERSION
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


@pytest.mark.parametrize("sample_every", [8, 0], ids=["not looked at", "looked at first"])
def test_a_word_the_sample_holds_too_few_of_is_ranked_among_the_first_stored(pg_store, monkeypatch, sample_every):
    keys = [row[0] for row in pg_store.backend.rows(
        "SELECT id FROM search_text WHERE document @@ to_tsquery('english', 'distress') ORDER BY id")]
    monkeypatch.setattr(search_module, "CANDIDATES", len(keys) - 1)
    monkeypatch.setattr(search_module, "SAMPLE_EVERY", sample_every)  # 0: the sample is searched first, in vain
    pg_store.backend.run("ANALYZE search_text")
    results = search(pg_store, "distress", limit=5000)
    assert results.capped and len(results.hits) == len(keys) - 1
    first = set(keys[:-1])
    rows = pg_store.backend.rows("SELECT id, ref FROM search_text WHERE id = ANY(?)", (list(first),))
    assert {hit.ref for hit in results.hits} == {ref for _, ref in rows}


@pytest.mark.parametrize("text", ["toll", '"canal office"', "distress OR barge"])
def test_filters_narrow_every_way_to_the_candidates(pg_store, text):
    assert _found(pg_store, text, kind="item") == _matching(pg_store, text, " AND kind = 'item'")
    [canal_2] = [v for v in pg_store.current_versions(None, "canal-2")]
    low, high = pg_store.row_range(canal_2.id)
    assert _found(pg_store, text, regulation="canal-2") == _matching(pg_store, text, f" AND id BETWEEN {low} AND {high}")


def test_the_search_settings_last_only_for_the_search(pg_store):
    def seqscan() -> str:
        return str(pg_store.backend.rows("SELECT current_setting('enable_seqscan')")[0][0])

    search(pg_store, "toll")
    assert seqscan() == "on"
    with pg_store.backend.transaction("test"):
        search(pg_store, "toll")
        assert seqscan() == "on"


def test_a_postgresql_store_of_schema_2_gets_the_indexes_and_finds_the_same(postgres, tmp_path, monkeypatch):
    import lawcode.store.store as store_module

    with postgres_schema(postgres.url) as url:
        with monkeypatch.context() as old_lawcode:
            old_lawcode.setattr(store_module, "MIGRATIONS", MIGRATIONS[:2])
            old_lawcode.setattr(store_module, "SCHEMA_VERSION", 2)
            with Store.open(url) as store:
                _add_texts(store, tmp_path)
                assert store.schema_version() == 2
                before = {text: _matching(store, text) for text in PHRASES + ["distress", "toll"]}
        with Store.open(url) as store:
            assert store.schema_version() == SCHEMA_VERSION == 3
            indexes = {row[0] for row in store.backend.rows(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'search_text' AND schemaname = current_schema()")}
            assert {"search_text_word_pairs", "search_text_sampled"} <= indexes
            assert {text: _found(store, text) for text in before} == before
