"""Where the corpus store lives: ``LAWCODE_DATABASE_URL``, else a SQLite file in the user's data folder.

Accepted values of ``LAWCODE_DATABASE_URL``:

* ``postgresql://user@host:port/dbname`` (or ``postgres://``): a PostgreSQL server;
* ``sqlite:///relative/path.sqlite3`` or ``sqlite:////absolute/path.sqlite3`` (SQLAlchemy's
  spelling: what follows ``sqlite:///`` is the path);
* a plain file path: a SQLite file.

Unset, the store is ``corpus.sqlite3`` in the user data folder platformdirs names
(``~/.local/share/lawcode`` on Linux, ``$XDG_DATA_HOME/lawcode`` when that is set).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lawcode.store.errors import StoreError

ENV = "LAWCODE_DATABASE_URL"
SQLITE_FILE = "corpus.sqlite3"


@dataclass(frozen=True)
class Location:
    """A parsed store address: which backend, and its SQLite path or PostgreSQL URL."""

    backend: str  # "sqlite" or "postgresql"
    target: str  # the SQLite file path, or the PostgreSQL connection URL

    def describe(self) -> str:
        """The address as a user would recognise it (no password)."""
        if self.backend == "sqlite":
            return self.target
        from urllib.parse import urlsplit

        parts = urlsplit(self.target)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
        return f"postgresql://{host}{port}{parts.path}"


def default_sqlite_path() -> Path:
    """The SQLite file used when ``LAWCODE_DATABASE_URL`` is not set."""
    import platformdirs

    return Path(platformdirs.user_data_dir("lawcode", appauthor=False)) / SQLITE_FILE


def locate(url: str | None = None) -> Location:
    """The store ``url`` names, or (None) the one the environment names, or the default file."""
    value = url if url is not None else os.environ.get(ENV, "")
    if not value:
        return Location("sqlite", str(default_sqlite_path()))
    if value.startswith(("postgresql://", "postgres://")):
        return Location("postgresql", value)
    if value.startswith("sqlite:///"):
        return Location("sqlite", value[len("sqlite:///"):])
    if "://" in value:
        raise StoreError(f"unknown database URL scheme in {value.split('://')[0]}://...",
                         file=ENV, expected="postgresql://USER@HOST:PORT/DB, sqlite:///PATH or a file path")
    return Location("sqlite", value)


def store_configured() -> bool:
    """Whether a store exists to look in without creating one: a URL is set, or the default file
    exists. A store named by the URL is taken to exist: a named file that is missing or cannot be
    made is the setting's fault, reported when it is opened (a server answers 503), never read as
    an empty store."""
    return bool(os.environ.get(ENV)) or default_sqlite_path().is_file()


# What a command that only reads opens while no store exists: an empty store in memory (SQLite's
# own name for one), so that it answers as an empty store does and no file is created by looking.
NO_STORE_YET = "sqlite:///:memory:"


def url_for_reading() -> str | None:
    """The store a command that only reads opens: the one configured (None), or while none exists
    yet an empty one in memory (:data:`NO_STORE_YET`); only writing creates a store."""
    return None if store_configured() else NO_STORE_YET
