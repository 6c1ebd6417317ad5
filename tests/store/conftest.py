"""Fixtures for the store tests: every test that takes ``store_url`` runs on SQLite and on a real
PostgreSQL server (started once per session in a temporary folder by :mod:`lawcode.store.pgserver`).

Outside CI, a machine without PostgreSQL skips the PostgreSQL half; under ``CI=true`` it fails.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Iterator

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
GARDEN = Path(__file__).parents[1] / "model" / "fixtures" / "garden.txt"
GARDEN_MODEL = Path(__file__).parents[1] / "model" / "fixtures" / "garden.yaml"


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    from lawcode.store import pgserver

    try:
        server = pgserver.start({"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"})
    except RuntimeError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(str(error))
        pytest.skip(str(error))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store: a SQLite file, or a schema of its own on the session's PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite3")
        return
    import psycopg

    server = request.getfixturevalue("postgres")
    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server.url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    yield f"{server.url}?options=-csearch_path%3D{schema}"
    with psycopg.connect(server.url, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")


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
