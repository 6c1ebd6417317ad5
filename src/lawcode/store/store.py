"""The corpus store: regulations, their versions (text and model), and what is searched.

One :class:`Store` over either backend (:mod:`lawcode.store.backends`). A version keeps the
text's bytes as ingested, so that every Document read back is parsed from exactly what was
stored (the parser is deterministic), and the model file's source when it has one. Each version
is written in one transaction with all its full-text rows: a document is stored whole or not at
all.

Which version is in force on a day: among the versions whose start (``in_force_from``) is on or
before it, or unknown, and whose end (``in_force_until``, the day of repeal) is after it, the one
with the latest known start, then the highest number. A version's start is the date given at
ingest (``--in-force``), else its model's entry into force, else unknown.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from types import TracebackType
from typing import TYPE_CHECKING, Any

from lawcode.store.backends import Backend, connect
from lawcode.store.errors import StoreError
from lawcode.store.location import Location, locate
from lawcode.store.migrations import MIGRATIONS, MIGRATIONS_TABLE, ROWS_PER_VERSION, SCHEMA_VERSION
from lawcode.store.prepare import PLACEHOLDER_COUNTRY, PreparedText
from lawcode.suggest import closest_first
from lawcode.text.document import CONTAINER_KINDS

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.store.rows import SearchRow
    from lawcode.text.document import Document

_log = logging.getLogger(__name__)
_VERSION_COLUMNS = ("id, regulation_id, number, fingerprint, source_name, title, in_force_from, in_force_until, "
                    "ingested_at, provision_count, model_id")
_INGEST_LOCK = "lawcode-ingest"


def _row_columns(key: str) -> tuple[str, ...]:
    """The columns a full-text row is written with (:data:`lawcode.store.rows.SearchRow` after the
    key and the version)."""
    return (key, "version_id", "what", "ref", "kind", "actors", "cites", "citation", "ord", "heading", "body", "parts",
            "kinds")


@dataclass(frozen=True)
class Version:
    """One stored version of a regulation (without its text)."""

    id: int
    regulation_id: str
    number: int
    fingerprint: str
    source_name: str
    title: str | None
    in_force_from: str | None
    in_force_until: str | None
    ingested_at: str
    provision_count: int
    model_id: str | None

    @property
    def ref(self) -> str:
        """How a command names this version: ``ID@N``."""
        return version_ref(self.regulation_id, self.number)

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "number": self.number, "fingerprint": self.fingerprint, "source": self.source_name,
                "title": self.title, "in_force_from": self.in_force_from, "in_force_until": self.in_force_until,
                "ingested_at": self.ingested_at, "provisions": self.provision_count, "model": self.model_id}


@dataclass(frozen=True)
class Regulation:
    id: str
    work_uri: str
    title: str | None
    versions: tuple[Version, ...]


@dataclass(frozen=True)
class Added:
    """What :meth:`Store.add` did with one text: ``stored`` (a new regulation), ``new version``,
    ``unchanged``, or, for a text stored before with another model or none, ``model attached`` or
    ``model replaced``."""

    path: str
    status: str
    regulation_id: str
    number: int

    @property
    def ref(self) -> str:
        """The version stored or found: ``ID@N``."""
        return version_ref(self.regulation_id, self.number)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.path, "status": self.status, "version": self.ref}


class Store:
    """An open store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._migrate()

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """The store at ``url``, else at ``LAWCODE_DATABASE_URL``, else the default SQLite file."""
        return cls(connect(locate(url)))

    @property
    def location(self) -> Location:
        return self.backend.location

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    # -- schema -------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The highest migration applied to this store (0 for an empty database)."""
        if not self.backend.has_table("lawcode_migrations"):
            return 0
        return int(self.backend.rows("SELECT coalesce(max(version), 0) FROM lawcode_migrations")[0][0])

    def _migrate(self) -> None:
        """Bring the schema up to date; refuse a store written by a newer lawcode."""
        if self._check_version() == SCHEMA_VERSION:
            return
        with self.backend.transaction("lawcode-migrations"):
            self.backend.run(MIGRATIONS_TABLE)
            applied = self._check_version()
            from lawcode import __version__

            if applied:  # a store in use: say why this command waits (a new store is made in an instant)
                _log.warning("lawcode: updating the corpus store %s from schema %d to %d; a store of thousands of "
                             "regulations takes up to a few minutes, once", self.location.describe(), applied,
                             SCHEMA_VERSION)
            pending = [migration for migration in MIGRATIONS if migration.version > applied]
            for migration in pending:
                for statement in migration.statements(self.backend.name):
                    self.backend.run(statement)
                if migration.recite_containers:
                    self._recite_containers()
                self.backend.run("INSERT INTO lawcode_migrations (version, description, applied_at, lawcode_version) "
                                 "VALUES (?, ?, ?, ?)", (migration.version, migration.description, _now(), __version__))
            # Rows are made by this lawcode, in the shape of the newest schema: only once it is reached.
            if any(migration.remake_provision_rows for migration in pending):
                self._remake_provision_rows()
        if applied and any(migration.compact for migration in pending):
            self._compact()

    def _compact(self) -> None:
        """Give back the space an update freed; the store is whole and up to date without it."""
        try:
            self.backend.compact()
        except StoreError as error:  # a full disk, say: the space is used again by later ingests
            _log.warning("lawcode: the corpus store %s is up to date, but %s; the space is used again as texts are "
                         "ingested", self.location.describe(), error.message)

    def _remake_provision_rows(self) -> None:
        """Every stored version's provision rows, made from its stored text as an ingest makes them
        (the migration that calls this has removed the old ones)."""
        from lawcode.store.rows import provision_rows
        from lawcode.text.parse import parse_text

        for version_id, name in self.backend.rows("SELECT id, source_name FROM versions ORDER BY id"):
            source = bytes(self.backend.rows("SELECT source_text FROM version_sources WHERE version_id = ?",
                                             (version_id,))[0][0])
            document = parse_text(source, source=str(name), cross_references=False)
            self._insert_rows(int(version_id), provision_rows(document), 0)

    def _recite_containers(self) -> None:
        """Each stored container row cited as :func:`lawcode.engine.quote.container_citation` cites it
        (a container row is a provision row without a map of parts: see lawcode.store.rows)."""
        from lawcode.engine.quote import container_citation

        key = self.backend.row_key
        marks = ", ".join("?" for _ in CONTAINER_KINDS)
        for row, ref, cited in self.backend.rows(
                f"SELECT {key}, ref, citation FROM search_text WHERE what = 'provision' AND parts = '' "
                f"AND kind IN ({marks})", CONTAINER_KINDS):
            citation = container_citation(str(ref))
            if citation != cited:
                self.backend.run(f"UPDATE search_text SET citation = ? WHERE {key} = ?", (citation, row))

    def _check_version(self) -> int:
        applied = self.schema_version()
        if applied > SCHEMA_VERSION:
            raise StoreError(f"this store was written by a newer lawcode (schema version {applied}; this lawcode "
                             f"knows up to {SCHEMA_VERSION}) and is left untouched", file=self.location.describe(),
                             expected="a newer lawcode, or another store in LAWCODE_DATABASE_URL")
        return applied

    # -- writing ------------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several :meth:`add` calls committed together, in one transaction: each document is
        still whole or absent (an error, a kill or Ctrl-C rolls back the whole batch, never a
        part of it), and a long ingest commits, and flushes the full-text index, once per batch
        instead of once per document."""
        with self.backend.transaction(_INGEST_LOCK):
            yield

    def add(self, text: PreparedText, as_version_of: str | None = None, in_force: str | None = None) -> Added:
        """Store ``text`` as a version of its regulation, in one transaction; a no-op if already stored.

        The regulation is the one named by ``as_version_of``, else the one with the text's work
        URI; a text whose URI was only made from its file name also joins the one regulation
        stored from a file of that name (a model's text changed, ingested without the model).
        """
        with self.backend.transaction(_INGEST_LOCK):
            attached = self._attach(text, as_version_of, in_force)
            if attached is not None:
                return attached
            regulation_id = self._regulation_for(text, as_version_of)
            same = self.backend.rows("SELECT number FROM versions WHERE regulation_id = ? AND fingerprint = ?",
                                     (regulation_id, text.fingerprint))
            if same:
                return Added(text.path, "unchanged", regulation_id, int(same[0][0]))
            number = int(self.backend.rows("SELECT coalesce(max(number), 0) FROM versions WHERE regulation_id = ?",
                                           (regulation_id,))[0][0]) + 1
            model = text.model
            version_id = self.backend.insert_id(
                "INSERT INTO versions (regulation_id, number, fingerprint, source_name, source_sha256, "
                "title, in_force_from, in_force_until, ingested_at, provision_count, model_id, model_file, "
                "model_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (regulation_id, number, text.fingerprint, text.source_name, text.source_sha256,
                 text.title, in_force or (model.in_force if model else None), model.repealed if model else None,
                 _now(), text.provision_count, model.id if model else None, model.file if model else None,
                 model.digest if model else None))
            self.backend.run("INSERT INTO version_sources (version_id, source_text, model_source) VALUES (?, ?, ?)",
                             (version_id, text.source_text, model.source if model else None))
            self._write_rows(text, version_id, 0)
        return Added(text.path, "stored" if number == 1 else "new version", regulation_id, number)

    def _write_rows(self, text: PreparedText, version_id: int, start: int) -> None:
        """The full-text rows of ``text`` from its ``start``-th on, with their keys in the version's range."""
        if len(text.rows) >= ROWS_PER_VERSION:
            raise StoreError(f"too many provisions and norms to store ({len(text.rows)})", file=text.path,
                             expected=f"fewer than {ROWS_PER_VERSION}")
        self._insert_rows(version_id, text.rows, start)

    def _insert_rows(self, version_id: int, rows: Iterable[SearchRow], start: int) -> None:
        """Write ``rows`` from the ``start``-th on as the version's full-text rows, each keyed by its
        place in the version's range (the partition that holds them made first, on PostgreSQL)."""
        first = version_id * ROWS_PER_VERSION
        self.backend.room_for_version(version_id)
        self.backend.insert_many(
            "search_text", _row_columns(self.backend.row_key),
            [(first + place, version_id, *row) for place, row in enumerate(rows) if place >= start])

    def _attach(self, text: PreparedText, as_version_of: str | None, in_force: str | None) -> Added | None:
        """Give a stored version of exactly this text the model that comes with it, if there is one.

        The version is the latest stored with the text's fingerprint (in ``as_version_of`` when
        given, preferring the regulation of the model's work URI). Its norms are replaced by the
        model's, its dates taken from the model where none was given, and a work URI that was
        only made from the file name becomes the model's. ``unchanged`` when it has this model
        already; None when no version has this text (then it is stored as usual).
        """
        model = text.model
        if model is None:
            return None
        sql = ("SELECT v.id, v.regulation_id, v.number, s.model_source, v.in_force_from, r.work_uri FROM versions v "
               "JOIN regulations r ON r.id = v.regulation_id JOIN version_sources s ON s.version_id = v.id "
               "WHERE v.fingerprint = ?")
        params: list[Any] = [text.fingerprint]
        if as_version_of is not None:
            sql, params = sql + " AND v.regulation_id = ?", [*params, as_version_of]
        rows = self.backend.rows(sql + " ORDER BY CASE WHEN r.work_uri = ? THEN 0 ELSE 1 END, v.id DESC",
                                 (*params, text.work_uri))
        if not rows:
            return None
        version_id, regulation_id, number, stored_model, start, work_uri = rows[0]
        if stored_model == model.source:
            return Added(text.path, "unchanged", regulation_id, int(number))
        self.backend.run("UPDATE versions SET model_id = ?, model_file = ?, model_digest = ?, in_force_from = ?, "
                         "in_force_until = ? WHERE id = ?",
                         (model.id, model.file, model.digest, in_force or start or model.in_force, model.repealed,
                          version_id))
        self.backend.run("UPDATE version_sources SET model_source = ? WHERE version_id = ?", (model.source, version_id))
        low, high = self.row_range(version_id)
        self.backend.run(f"DELETE FROM search_text WHERE {self._rows_of()} AND what = 'norm'", (low, high))
        self._write_rows(text, version_id, text.provision_rows)
        if work_uri != text.work_uri and work_uri.startswith(f"/akn/{PLACEHOLDER_COUNTRY}/act/") and not \
                self.backend.rows("SELECT 1 FROM regulations WHERE work_uri = ?", (text.work_uri,)):
            self.backend.run("UPDATE regulations SET work_uri = ? WHERE id = ?", (text.work_uri, regulation_id))
        return Added(text.path, "model replaced" if stored_model is not None else "model attached", regulation_id,
                     int(number))

    def delete(self, regulation_id: str, number: int | None = None, *,
               confirmed: list[str] | None = None) -> list[Version]:
        """Remove a regulation with all its versions, or one version of it, in one transaction.

        The regulation goes too when its last version does. Other versions keep their numbers;
        a version ingested later is numbered after the highest still stored. Returns what was
        removed; an unknown regulation or version is an error and nothing is removed. With
        ``confirmed`` (the refs a user agreed to delete), nothing is removed either when what
        is stored now differs: a version stored since the question is never deleted unasked.
        """
        with self.backend.transaction(_INGEST_LOCK):
            doomed = self.versions_named(regulation_id, number)
            if confirmed is not None and [v.ref for v in doomed] != confirmed:
                raise StoreError(f"nothing deleted: the versions of {regulation_id} changed while you were asked "
                                 f"(you confirmed {', '.join(confirmed) or 'none'}; stored now: "
                                 f"{', '.join(v.ref for v in doomed)})",
                                 expected="the same command again, to be asked about what is stored now")
            for version in doomed:
                self.backend.run(f"DELETE FROM search_text WHERE {self._rows_of()}", self.row_range(version.id))
                self.backend.run("DELETE FROM versions WHERE id = ?", (version.id,))
            self.backend.run("DELETE FROM regulations WHERE id = ? AND NOT EXISTS "
                             "(SELECT 1 FROM versions WHERE regulation_id = ?)", (regulation_id, regulation_id))
        return doomed

    def _regulation_for(self, text: PreparedText, as_version_of: str | None) -> str:
        """The id of the regulation ``text`` is a version of, creating the regulation if new."""
        if as_version_of is not None:
            if not self.backend.rows("SELECT 1 FROM regulations WHERE id = ?", (as_version_of,)):
                raise self._unknown(as_version_of)
            return as_version_of
        found = self.backend.rows("SELECT id FROM regulations WHERE work_uri = ?", (text.work_uri,))
        if not found and text.uri_from_file_name:
            found = self.backend.rows("SELECT DISTINCT regulation_id FROM versions WHERE source_name = ?",
                                      (text.source_name,))
        if len(found) == 1:
            return str(found[0][0])
        regulation_id, suffix = text.regulation_id, 1
        while self.backend.rows("SELECT 1 FROM regulations WHERE id = ?", (regulation_id,)):
            suffix += 1
            regulation_id = f"{text.regulation_id}-{suffix}"
        self.backend.run("INSERT INTO regulations (id, work_uri, title) VALUES (?, ?, ?)",
                         (regulation_id, text.work_uri, text.title))
        return regulation_id

    # -- reading ------------------------------------------------------------------------------

    def stored_sha256(self) -> set[str]:
        """Digests of every stored text's bytes: a file with one of these is already stored."""
        return {str(row[0]) for row in self.backend.rows("SELECT source_sha256 FROM versions")}

    def find_sha256(self, digest: str) -> Version | None:
        """The first version stored from exactly these bytes, if any."""
        rows = self.backend.rows(f"SELECT {_VERSION_COLUMNS} FROM versions WHERE source_sha256 = ? ORDER BY id",
                                 (digest,))
        return _version(rows[0]) if rows else None

    def work_uri(self, regulation_id: str) -> str:
        rows = self.backend.rows("SELECT work_uri FROM regulations WHERE id = ?", (regulation_id,))
        if not rows:
            raise self._unknown(regulation_id)
        return str(rows[0][0])

    def regulations(self) -> list[Regulation]:
        """Every stored regulation with its versions, by id and version number.

        One query, so that a reader sees one state of the store even while an ingest commits.
        """
        columns = ", ".join(f"v.{c.strip()}" for c in _VERSION_COLUMNS.split(","))
        rows = self.backend.rows(f"SELECT r.id, r.work_uri, r.title, {columns} FROM regulations r "
                                 "LEFT JOIN versions v ON v.regulation_id = r.id ORDER BY r.id, v.number")
        found: dict[str, tuple[str, str | None, list[Version]]] = {}
        for row in rows:
            entry = found.setdefault(str(row[0]), (str(row[1]), row[2], []))
            if row[3] is not None:
                entry[2].append(_version(row[3:]))
        return [Regulation(id_, uri, title, tuple(versions)) for id_, (uri, title, versions) in found.items()]

    def versions(self, regulation_id: str) -> list[Version]:
        rows = self.backend.rows(f"SELECT {_VERSION_COLUMNS} FROM versions WHERE regulation_id = ? ORDER BY number",
                                 (regulation_id,))
        return [_version(row) for row in rows]

    def resolve(self, ref: str, on: dt.date | None = None) -> Version:
        """The version ``ref`` names: ``ID@N``, or ``ID`` (in force ``on`` that day, else the latest)."""
        found = self.find(ref, on)
        if found is None:
            raise self._unknown(parse_ref(ref)[0])
        return found

    def find(self, ref: str, on: dt.date | None = None) -> Version | None:
        """As :meth:`resolve`, but None when no regulation ``ID`` is stored (one query); a version
        it does not have is an error all the same."""
        regulation_id, number = parse_ref(ref)
        versions = self.versions(regulation_id)
        if not versions:
            return None
        if number is not None:
            return _numbered(regulation_id, versions, number)
        if on is None:
            return versions[-1]
        chosen = in_force_on(versions, on)
        if chosen is None:
            raise StoreError(f"no version of {regulation_id} was in force on {on.isoformat()}",
                             expected="a date within a version's validity",
                             known=[f"{v.ref} from {v.in_force_from or 'unknown'}" for v in versions])
        return chosen

    def versions_named(self, regulation_id: str, number: int | None = None) -> list[Version]:
        """Every version of a regulation, or (``number``) that one: what ``delete`` removes. An
        unknown regulation or version is an error."""
        versions = self.versions(regulation_id)
        if not versions:
            raise self._unknown(regulation_id)
        return versions if number is None else [_numbered(regulation_id, versions, number)]

    def current_versions(self, on: dt.date | None = None, regulation_id: str | None = None) -> list[Version]:
        """For each regulation (or the one named): the version in force ``on`` that day, else the latest."""
        by_regulation: dict[str, list[Version]] = {}
        sql = f"SELECT {_VERSION_COLUMNS} FROM versions"
        params: tuple[Any, ...] = ()
        if regulation_id is not None:
            sql, params = sql + " WHERE regulation_id = ?", (regulation_id,)
        for row in self.backend.rows(sql + " ORDER BY regulation_id, number", params):
            version = _version(row)
            by_regulation.setdefault(version.regulation_id, []).append(version)
        if regulation_id is not None and not by_regulation:
            raise self._unknown(regulation_id)
        chosen = [in_force_on(vs, on) if on else vs[-1] for vs in by_regulation.values()]
        return [v for v in chosen if v is not None]

    def source(self, version: Version) -> bytes:
        """The text's bytes exactly as ingested."""
        return bytes(self.backend.rows("SELECT source_text FROM version_sources WHERE version_id = ?",
                                       (version.id,))[0][0])

    def document(self, version: Version) -> Document:
        """The version's Document, parsed from the stored bytes."""
        from lawcode.text.parse import parse_text

        return parse_text(self.source(version), source=version.source_name)

    def model_source(self, version: Version) -> tuple[str, str] | None:
        """The stored model file of a version: (file name, YAML source), or None."""
        rows = self.backend.rows("SELECT v.model_file, s.model_source FROM versions v JOIN version_sources s "
                                 "ON s.version_id = v.id WHERE v.id = ?", (version.id,))
        return (str(rows[0][0]), str(rows[0][1])) if rows and rows[0][1] is not None else None

    def loaded_model(self, version: Version) -> LoadedModel | None:
        """The version's stored model, loaded and checked as a model file is (None without one)."""
        stored = self.model_source(version)
        return None if stored is None else model_from_source(*stored)

    def find_fingerprint(self, fingerprint: str) -> Version | None:
        """The most recently stored version whose parsed text has this fingerprint, if any."""
        rows = self.backend.rows(f"SELECT {_VERSION_COLUMNS} FROM versions WHERE fingerprint = ? ORDER BY id DESC",
                                 (fingerprint,))
        return _version(rows[0]) if rows else None

    def norms(self, version: Version) -> list[dict[str, Any]]:
        """The norms stored with a version's model: id, kind, actors and the eIds each cites."""
        rows = self.backend.rows(f"SELECT ref, kind, actors, cites, body FROM search_text WHERE {self._rows_of()} "
                                 "AND what = 'norm' ORDER BY ord", self.row_range(version.id))
        return [{"norm": ref, "kind": kind, "actors": (actors or "").split(), "cites": (cites or "").split(),
                 "action": body} for ref, kind, actors, cites, body in rows]

    def row_count(self, version: Version, what: str = "provision") -> int:
        """How many full-text rows of one sort a version has (one per article and container, or per norm)."""
        return int(self.backend.rows(f"SELECT count(*) FROM search_text WHERE {self._rows_of()} AND what = ?",
                                     (*self.row_range(version.id), what))[0][0])

    def _rows_of(self) -> str:
        return f"{self.backend.row_key} BETWEEN ? AND ?"

    @staticmethod
    def row_range(version_id: int) -> tuple[int, int]:
        """The first and last full-text row key a version can have."""
        return version_id * ROWS_PER_VERSION, (version_id + 1) * ROWS_PER_VERSION - 1

    def search_scope(self, on: dt.date | None = None, regulation_id: str | None = None) -> list[Version] | None:
        """The versions a search looks in: None for all of them (every stored version is current).

        Every version is current when no regulation has a second one: when none is numbered above 1
        (half the time of counting versions and regulations). A regulation whose version 1 was
        removed fails this test too; its search then lists the current versions, as it must when
        some are not."""
        if on is None and regulation_id is None:
            [(only_firsts,)] = self.backend.rows("SELECT NOT EXISTS (SELECT 1 FROM versions WHERE number > 1)")
            if only_firsts:
                return None
        return self.current_versions(on, regulation_id)

    def versions_by_id(self, ids: Iterable[int]) -> dict[int, Version]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        rows = self.backend.rows(f"SELECT {_VERSION_COLUMNS} FROM versions WHERE id IN ({marks})", wanted)
        return {version.id: version for version in map(_version, rows)}

    def _unknown(self, regulation_id: str) -> StoreError:
        known = [str(r[0]) for r in self.backend.rows("SELECT id FROM regulations ORDER BY id")]
        close = closest_first(regulation_id, known)
        return StoreError(f"no stored regulation {regulation_id!r}", expected="an id shown by `lawcode list`",
                          known=close)


def version_ref(regulation_id: str, number: int) -> str:
    """How a command names version ``number`` of a regulation: ``ID@N`` (see :func:`parse_ref`)."""
    return f"{regulation_id}@{number}"


def parse_ref(ref: str) -> tuple[str, int | None]:
    """How a command names a stored regulation or version: ``ID`` -> (ID, None), ``ID@N`` -> (ID, N)."""
    regulation_id, at, number = ref.partition("@")
    if not at:
        return regulation_id, None
    if not (number.isascii() and number.isdigit()):
        raise StoreError(f"malformed version {ref!r}", expected="ID or ID@N with N a version number, e.g. marina@2")
    return regulation_id, int(number)


def _numbered(regulation_id: str, versions: list[Version], number: int) -> Version:
    """Version ``number`` among a regulation's ``versions``; an error listing them when it has none."""
    for version in versions:
        if version.number == number:
            return version
    raise StoreError(f"{regulation_id} has no version {number}", expected=f"{regulation_id}@N",
                     known=[v.ref for v in versions])


def chosen_undated(ref: str, on: dt.date | None, version: Version) -> bool:
    """Whether ``version``, resolved from ``ref``, was chosen as in force ``on`` that day (``ref``
    names no version) with no day of entry into force known: counted as in force on any day (see
    the module's docstring), which an answer must not pass off as known."""
    return on is not None and parse_ref(ref)[1] is None and version.in_force_from is None


def in_force_on(versions: list[Version], on: dt.date) -> Version | None:
    """The version in force on ``on`` (see the module's docstring), or None."""
    day = on.isoformat()
    candidates = [v for v in versions if (v.in_force_from is None or v.in_force_from <= day)
                  and (v.in_force_until is None or day < v.in_force_until)]
    return max(candidates, key=lambda v: (v.in_force_from or "", v.number), default=None)


@lru_cache(maxsize=16)
def model_from_source(file_name: str, source: str) -> LoadedModel:
    """A stored model file loaded and checked as a model file is (the 16 most recent kept, by
    file name and source)."""
    import tempfile
    from pathlib import Path

    from lawcode.model.loader import read_valid_model

    with tempfile.TemporaryDirectory(prefix="lawcode-model-") as folder:
        path = Path(folder) / Path(file_name).name
        path.write_text(source, encoding="utf-8")
        return read_valid_model(path)


def _version(row: tuple[Any, ...]) -> Version:
    return Version(int(row[0]), str(row[1]), int(row[2]), str(row[3]), str(row[4]), row[5], row[6], row[7],
                   str(row[8]), int(row[9]), row[10])


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
