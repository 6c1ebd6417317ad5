"""Fixtures for the store tests: every test that takes ``store_url`` runs on SQLite and on a real
PostgreSQL server (started once per session in a temporary folder by :mod:`lawcode.store.pgserver`).

Outside CI, a machine without PostgreSQL skips the PostgreSQL half; under ``CI=true`` it fails.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import postgres_schema

FIXTURES = Path(__file__).parent / "fixtures"
GARDEN = Path(__file__).parents[1] / "model" / "fixtures" / "garden.txt"
GARDEN_MODEL = Path(__file__).parents[1] / "model" / "fixtures" / "garden.yaml"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store: a SQLite file, or a schema of its own on the session's PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite3")
        return
    with postgres_schema(request.getfixturevalue("postgres").url) as url:
        yield url


@pytest.fixture
def store_env(store_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``store_url`` made the store every command uses (LAWCODE_DATABASE_URL)."""
    monkeypatch.setenv("LAWCODE_DATABASE_URL", store_url)
    return store_url


@pytest.fixture
def open_store(store_url: str) -> Iterator[object]:
    from lawcode.store.store import Store

    with Store.open(store_url) as store:
        yield store


def write_text(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


MARINA = """Marina Rules

Chapter I: General Matters

Article 1: These Rules govern boats moored in the marina.

Article 2: A boat owner shall do the following:

(1) register the boat with the harbour office;

(2) keep a fire extinguisher on board;

(3) pay the mooring fee each quarter.

Chapter II: Penalties

Article 3: The harbour office may fine an owner who breaks Article 2.
"""


# Chapters, articles with a heading, paragraphs with items and closing words: which provision a hit cites.
HARBOUR = """Harbour Rules

Chapter I: Moorings

Article 1: Scope

These Rules govern the moorings.

Article 2: Duties of owners

1. An owner shall:

(a) register the boat;

(b) pay the fee,

unless the harbour master waives it.

2. An owner shall keep the berth clean.

Chapter II: Penalties

Article 3: A fine may be imposed.
"""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: runs real lawcode processes (a few seconds); deselect with -m 'not slow'")


def synthetic_text(number: int, articles: int = 40) -> str:
    """A made-up regulation, different for each ``number``: chapters, articles, paragraphs, items."""
    lines = [f"Rules of the Canal District Number {number}", ""]
    for article in range(1, articles + 1):
        if article % 10 == 1:
            lines += [f"Chapter {article // 10 + 1}: Part {article // 10 + 1} of district {number}", ""]
        lines += [f"Article {article}: A lock keeper of district {number} shall do the following in case {article}:",
                  "", f"(1) record barge {article * number} in the ledger;", "",
                  f"(2) collect toll {article + number} before the gate opens;", "",
                  "(3) report damage to the canal office.", "",
                  f"The canal office may waive toll {article} for boats in distress.", ""]
    return "\n".join(lines)


def check_whole(store: object) -> int:
    """Assert every stored version is whole (all its rows, its regulation) and nothing is orphaned; the count."""
    from lawcode.store.rows import provision_rows
    from lawcode.store.store import Store

    assert isinstance(store, Store)
    count = 0
    for regulation in store.regulations():
        assert regulation.versions, f"{regulation.id} stored without a version"
        for version in regulation.versions:
            document = store.document(version)
            assert store.row_count(version) == len(list(provision_rows(document))), f"{version.ref} is incomplete"
            assert len(list(document.walk())) == version.provision_count
            count += 1
    for table in ("search_text", "version_sources"):
        orphans = store.backend.rows(f"SELECT count(*) FROM {table} WHERE version_id NOT IN (SELECT id FROM versions)")
        assert orphans[0][0] == 0, f"{table} has rows of no version"
    return count


@contextmanager
def lawcode_at_schema(version: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Stores opened inside as a lawcode of schema ``version`` opened them: its migrations only, and
    before schema 11 no partitions of PostgreSQL's full-text rows to make."""
    import lawcode.store.store as store_module
    from lawcode.store.backends import Backend, PostgresBackend
    from lawcode.store.migrations import MIGRATIONS

    with monkeypatch.context() as old_lawcode:
        old_lawcode.setattr(store_module, "MIGRATIONS", MIGRATIONS[:version])
        old_lawcode.setattr(store_module, "SCHEMA_VERSION", version)
        if version < 11:
            old_lawcode.setattr(PostgresBackend, "room_for_version", Backend.room_for_version)
        yield old_lawcode


def sqlite_file_of_4_kb_pages(path: Path) -> Path:
    """An empty SQLite file in WAL mode with SQLite's default pages, as lawcode made stores before
    it set its own page size."""
    from lawcode.store.sqlite_driver import sqlite3

    made = sqlite3.connect(path)
    made.execute("PRAGMA journal_mode = WAL")
    made.close()
    return path


@contextmanager
def store_of_schema_5(url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The store at ``url`` opened as lawcode opened it at schema 5, every text added written as it
    wrote them then: its full-text rows without their kinds (schema 8)."""
    import lawcode.store.store as store_module

    columns = store_module._row_columns
    with lawcode_at_schema(5, monkeypatch) as old_lawcode:
        old_lawcode.setattr(store_module, "_row_columns", lambda key: columns(key)[:-1])
        with store_module.Store.open(url) as store:
            add = store.add
            old_lawcode.setattr(store, "add", lambda text, *args, **kwargs: add(
                dataclasses.replace(text, rows=tuple(row[:-1] for row in text.rows)), *args, **kwargs))
            yield store
