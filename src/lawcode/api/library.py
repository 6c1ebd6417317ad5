"""The regulations a running server answers about, parsed once, and the garbage-collector guard.

Two sources: the models the server is started with (the shipped ones, or ``--model``), with
their texts, parsed and exported when the server starts; and the corpus store
(:mod:`lawcode.store`: LAWCODE_DATABASE_URL, else the SQLite file in the user's data folder),
whose regulations are listed at start and each read (its latest version, with its model) the
first time a request names it; a version or regulation ingested while the server runs is served
once it is stored (see :class:`Library`). A model given at start-up keeps its id: the store
serves the others. Writing (an ingest over the API, with the token) stores the text and its model in the
store, as ``lawcode ingest`` does, so that a restarted server serves it again.

Converting a text to Akoma Ntoso pauses Python's cyclic garbage collector (see
:mod:`lawcode.nogc`), which in a long-running server would leave it off for every other request
while it runs. So no request pauses it: a regulation read from the store is converted with the
pause unwrapped, one at a time under a lock (and the collector switched back on should anything
have left it off); an ingest prepares the posted text and model (parse, check they belong
together: the store's own ``prepare``) in a process of its own, as ``lawcode ingest``'s workers
do, and only writes the result here; the text is parsed once, there, in full, and its Document
comes back with the result to be served (not parsed again from the stored bytes). A posted
model is validated once, here, before anything else; the ingest's process reads it as validated
(handed over through a model cache of the request's own) and what is stored is served with it,
not read back and validated again.
"""

from __future__ import annotations

import dataclasses
import gc
import inspect
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lawcode.errors import LawcodeError, QueryError

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.store.prepare import PreparedText
    from lawcode.store.store import Store, Version
    from lawcode.text.document import Document

T = TypeVar("T")


class NotFound(QueryError):
    """A path names something the server does not hold (a regulation, a provision, a norm)."""


class Conflict(QueryError):
    """A write that would replace what the server was started with."""


class Forbidden(QueryError):
    """A writing request without the right API token, or on a read-only server."""

    def __init__(self, message: str, *, missing: bool, expected: str | None = None) -> None:
        self.missing = missing
        super().__init__(message, expected=expected)


class StoreUnavailable(LawcodeError):
    """The corpus store cannot be opened while serving (its server down, its file unreadable), or
    stops answering in the middle of a request (its server stopped, the connection cut, the file
    damaged): the server's trouble, not the request's, so it is answered 503 (with Retry-After),
    naming the store and what to check."""


# SQLite's primary result codes for a store that cannot answer, whatever the query: no permission,
# busy or locked past the timeout, out of memory, read-only, I/O error, damaged, disk full, cannot
# open, locking protocol, not a database. A plain SQLITE_ERROR (a query's own mistake) is not one.
_SQLITE_UNAVAILABLE = frozenset({3, 5, 6, 7, 8, 10, 11, 13, 14, 15, 26})


@contextmanager
def opened_store(create: bool = False) -> Iterator[Store]:
    """The corpus store, open for one request; :class:`StoreUnavailable` when it cannot be opened
    or stops answering before the request is done. While no store exists, a request that only
    reads gets an empty one in memory, and only a write (``create``) creates the store."""
    from lawcode.store.errors import StoreError
    from lawcode.store.location import url_for_reading
    from lawcode.store.store import Store

    try:
        store = Store.open(None if create else url_for_reading())
    except StoreError as error:
        raise StoreUnavailable(f"the corpus store ({_store_name()}) is unavailable: {error.message}",
                               file=error.file, expected=error.expected) from None
    with store:
        try:
            yield store
        except Exception as error:
            if not _lost(error):
                raise
            where = store.location
            first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
            expected = ("a PostgreSQL server running at that address that keeps its connections (see its log)"
                        if where.backend == "postgresql" else "a readable, intact SQLite file at that path")
            raise StoreUnavailable(f"the corpus store ({where.describe()}) stopped answering during the request: "
                                   f"{first_line}", expected=expected) from None


def _lost(error: Exception) -> bool:
    """Whether a database error says the store cannot answer now (not that a query was wrong)."""
    import sys

    from lawcode.store.sqlite_driver import sqlite3

    if isinstance(error, sqlite3.DatabaseError):
        return (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _SQLITE_UNAVAILABLE
    psycopg = sys.modules.get("psycopg")  # loaded when the store is PostgreSQL
    return psycopg is not None and isinstance(error, psycopg.OperationalError)


def _store_name() -> str:
    """The store as its operator knows it (no password), or the setting naming it when that is unreadable."""
    from lawcode.store.errors import StoreError
    from lawcode.store.location import ENV, locate

    try:
        return locate().describe()
    except StoreError:
        return f"named by {ENV}"


_conversions = threading.Lock()
KEPT_VERSIONS = 16  # earlier stored versions a server keeps read, for questions about past days
STORED_NOW = frozenset({"stored", "new version"})  # the statuses of Store.add that stored the posted bytes


@contextmanager
def collector_kept_on() -> Iterator[None]:
    """Run a conversion alone (one at a time) and leave the garbage collector on afterwards."""
    with _conversions:
        try:
            yield
        finally:
            if not gc.isenabled():
                gc.enable()


def without_pause(function: Callable[..., T]) -> Callable[..., T]:
    """``function`` without the collector pause its decorator adds (the undecorated original)."""
    original: Callable[..., T] = inspect.unwrap(function)
    return original


@dataclass
class Regulation:
    """One regulation the server holds: its model (when it has one) and its parsed text."""

    id: str
    title: str
    loaded: LoadedModel | None = None
    document: Document | None = None
    akn: bytes | None = None
    origin: str = "shipped"  # shipped | model (--model) | stored (the corpus store)
    version: str | None = None  # the store's version (ID@N) this was read from
    # pages and diagrams, drawn once, by (page, argument...)
    rendered: dict[tuple[str | None, ...], Any] = field(default_factory=dict, repr=False)

    @property
    def has_model(self) -> bool:
        return self.loaded is not None

    @property
    def has_text(self) -> bool:
        return self.document is not None

    @property
    def in_force(self) -> str | None:
        return self.loaded.model.regulation.in_force.isoformat() if self.loaded is not None else None

    def summary(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "origin": self.origin,
                                "has_model": self.has_model, "has_text": self.has_text, "version": self.version}
        if self.loaded is not None:
            regulation = self.loaded.model.regulation
            data["short_title"] = regulation.short_title
            data["in_force"] = regulation.in_force.isoformat()
            data["repealed"] = regulation.repealed.isoformat() if regulation.repealed else None
        if self.document is not None:
            data["fingerprint"] = self.document.fingerprint()
            data["articles"] = len(self.document.articles())
        return data


@dataclass(frozen=True)
class Stored:
    """A regulation in the store, not read yet: what the listing shows of it (its latest version)."""

    id: str
    title: str
    version: Version
    origin: str = "stored"

    @property
    def has_model(self) -> bool:
        return self.version.model_id is not None

    @property
    def has_text(self) -> bool:
        return True

    @property
    def in_force(self) -> str | None:
        return self.version.in_force_from

    def summary(self) -> dict[str, Any]:
        version = self.version
        return {"id": self.id, "title": self.title, "origin": self.origin, "has_model": self.has_model,
                "has_text": True, "version": version.ref, "in_force": version.in_force_from,
                "repealed": version.in_force_until, "fingerprint": version.fingerprint}


def text_of(regulation: Regulation) -> Document:
    """A regulation's parsed text; NotFound when it was not found. For a request that needs the
    model and the text: both from the one :class:`Regulation` it got, never from two lookups, which
    a version stored in between would answer from two different versions."""
    if regulation.document is None:
        name = regulation.loaded.model.regulation.text.file if regulation.loaded is not None else regulation.id
        raise NotFound(f"the text of {regulation.id!r} ({name}) was not found when the server started",
                       expected="the server started with LAWCODE_CORPUS (or --text) naming the folder holding "
                                f"{name}")
    return regulation.document


@dataclass
class Library:
    """The regulations this server answers about, by id, in the order they were added: each one
    read (a :class:`Regulation`), or one in the store not read yet (a :class:`Stored`, what the
    listing shows of it), read the first time a request names it.

    A library that ``follows_store`` (one loaded with the corpus store) looks at the store again
    while it serves: at a stored regulation's versions when a request names it (one query on the
    store's index), and at every regulation's latest version when a request names one it does not
    hold or lists them (one query), each at most once every ``fresh_for`` seconds. So a version
    ingested since (by ``lawcode ingest`` in another process, or another server) replaces the one
    read, a regulation ingested since is served, one deleted is gone. It serves a regulation's
    latest version, as the listing shows it. When the store cannot be reached, what is read
    already is still answered. A store that does not exist yet (no LAWCODE_DATABASE_URL, and no
    default SQLite file: nothing ingested so far) is looked for in the same way, never created by
    looking, and followed from the moment the first ingest creates it.
    """

    regulations: dict[str, Regulation | Stored] = field(default_factory=dict)
    follows_store: bool = False
    fresh_for: float = 1.0  # seconds
    # when the store was last looked at: by regulation id, and (None) at all of them
    _looked: dict[str | None, float] = field(default_factory=dict, repr=False)
    _looking: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # stored versions read for a question about a day they were in force, or named by ID@N (see
    # _earlier_version)
    _earlier: dict[Version, Regulation] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, models: list[str] | None = None, text: str | None = None, store: bool = True) -> Library:
        """The library of ``models`` (paths or shipped ids; default every shipped model), each
        with its text when it can be found (``text``, a file or folder, or LAWCODE_CORPUS), and
        (``store``) the regulations in the corpus store, now and as it changes (also one created
        later); ``store=False``: never the store's."""
        from lawcode import service

        library = cls()
        refs = models if models else sorted(service.shipped_model_paths())
        for ref in refs:
            loaded = service.load_model(ref)
            with collector_kept_on():
                document = service.text_for_model(loaded, _text_for(loaded, text))
                if document is not None:  # messages name the text by its file name, not the server's path
                    document = dataclasses.replace(document, source=Path(document.source).name)
                akn = _export(document) if document is not None else None
            regulation = loaded.model.regulation
            origin = "shipped" if str(ref) in service.shipped_model_paths() else "model"
            library.regulations[regulation.id] = Regulation(regulation.id, regulation.title, loaded, document,
                                                            akn, origin)
        library.follows_store = store
        library._look_at_store(now=True)
        return library

    def entries(self) -> list[Regulation | Stored]:
        """Every regulation this server answers about (the store's as last seen, should it be unreachable now)."""
        with suppress(StoreUnavailable):
            self._look_at_store()
        return list(self.regulations.values())

    def get(self, regulation_id: str) -> Regulation:
        entry = self.regulations.get(regulation_id)
        if entry is None and "@" in regulation_id:
            return self._stored_version(regulation_id)
        if self._from_the_store(entry):
            try:
                self._look_at_store(regulation_id if entry is not None else None)
            except StoreUnavailable:
                if not isinstance(entry, Regulation):
                    raise
            entry = self.regulations.get(regulation_id)
        if isinstance(entry, Stored):
            return self._read_stored(regulation_id)
        if entry is None:
            from lawcode.suggest import closest_first

            raise NotFound(f"no regulation {regulation_id!r} on this server", expected="a regulation id",
                           known=closest_first(regulation_id, self.regulations))
        return entry

    async def read_ahead(self, regulation_id: str) -> None:
        """For an ``async`` handler: whatever :meth:`get` needs of the store (a look at its versions,
        reading a regulation not read yet: parsing its text and loading its model, under the
        conversion lock) done on a worker thread, so that it never holds up the event loop, and
        with it every other request. A no-op when nothing is due."""
        entry = self.regulations.get(regulation_id)
        if isinstance(entry, Stored) or (self._from_the_store(entry) and
                                         self._due(regulation_id if entry is not None else None)):
            from starlette.concurrency import run_in_threadpool

            await run_in_threadpool(self.get, regulation_id)

    def with_model(self, regulation_id: str, on: str | None = None) -> tuple[Regulation, LoadedModel]:
        """The regulation and its model (returned apart, so that the type says it is there); NotFound
        when it has none. For a question about a day (``on``), a stored regulation is the version
        in force that day, as ``lawcode ask -r ID --on DAY`` answers from; otherwise the latest."""
        regulation = self.get(regulation_id)
        if regulation.origin == "stored" and on is not None and "@" not in regulation_id:
            regulation = self._stored_on(regulation, on)
        if regulation.loaded is None:
            raise NotFound(f"regulation {regulation_id!r} has a text but no model to answer questions with",
                           expected="a regulation with a model", known=self.modelled())
        return regulation, regulation.loaded

    def with_text(self, regulation_id: str) -> tuple[Regulation, Document]:
        """The regulation and its parsed text (returned apart, as :meth:`with_model`); NotFound when
        the text was not found."""
        regulation = self.get(regulation_id)
        return regulation, text_of(regulation)

    def modelled(self) -> list[str]:
        return [r.id for r in self.regulations.values() if r.has_model]

    # -- the corpus store -----------------------------------------------------------------------

    def _from_the_store(self, entry: Regulation | Stored | None) -> bool:
        """Whether the store decides what a request for this entry gets (None: one not held)."""
        return self.follows_store and (entry is None or entry.origin == "stored")

    def _due(self, looked_at: str | None) -> bool:
        return time.monotonic() - self._looked.get(looked_at, float("-inf")) >= self.fresh_for

    def _claim(self, looked_at: str | None, now: bool) -> bool:
        """Whether to look at the store now (then no other request does for ``fresh_for`` seconds,
        also when it cannot be reached: not again at once)."""
        with self._looking:
            if not (now or self._due(looked_at)):
                return False
            self._looked[looked_at] = time.monotonic()
            return True

    def _look_at_store(self, regulation_id: str | None = None, now: bool = False) -> None:
        """Take in the store's latest version of one stored regulation held (``regulation_id``), or
        of every regulation (None), unless looked at less than ``fresh_for`` seconds ago: one not
        held is listed, one whose latest version is not the one held is listed again (to be read
        when next asked for), one no longer stored is dropped. The start-up models keep their ids."""
        if not self.follows_store or not self._claim(regulation_id, now):
            return
        latest = self._latest_stored(regulation_id)
        with self._looking:
            looked = list(self.regulations.items()) if regulation_id is None else \
                [(regulation_id, self.regulations.get(regulation_id))]
            for gone, entry in looked:
                if entry is not None and entry.origin == "stored" and gone not in latest:
                    self.regulations.pop(gone, None)
            seen = self._looked[regulation_id]
            for stored in latest.values():
                self._looked[stored.id] = seen  # each one seen too
                held = self.regulations.get(stored.id)
                if held is None or (held.origin == "stored" and _ref(held) != stored.version.ref):
                    self.regulations[stored.id] = stored

    def _latest_stored(self, regulation_id: str | None) -> dict[str, Stored]:
        """The store's latest version of one regulation (or of each, None), by regulation id: none
        while there is no store (told by the setting or the default file, without opening the empty
        store in memory: a server that never gets a store looks every ``fresh_for`` seconds)."""
        from lawcode.store.location import store_configured

        if not store_configured():
            return {}
        with opened_store() as store:
            if regulation_id is None:
                return {r.id: Stored(r.id, r.title or r.id, r.versions[-1]) for r in store.regulations() if r.versions}
            versions = store.versions(regulation_id)
        held = self.regulations.get(regulation_id)
        title = held.title if held is not None else regulation_id
        return {regulation_id: Stored(regulation_id, title, versions[-1])} if versions else {}

    def _read_stored(self, regulation_id: str) -> Regulation:
        """Read a stored regulation (its latest version, with its model) and keep it."""
        with collector_kept_on():
            held = self.regulations.get(regulation_id)
            if isinstance(held, Regulation):  # read by another request meanwhile
                return held
            with opened_store() as store:
                version = store.resolve(regulation_id)
                regulation = self._from_store(store, version)
            self.regulations[regulation_id] = regulation
            return regulation

    def _stored_version(self, ref: str) -> Regulation:
        """The stored version ``ref`` names (``ID@N``), as ``lawcode ask -r ID@N`` answers from it,
        whatever day is asked about; read once and kept with the earlier versions. It is the only
        way to a stored version of a regulation whose id is a shipped model's (the server keeps
        those ids for the models it started with)."""
        from lawcode.store.errors import StoreError

        with opened_store() as store:
            try:
                version = store.resolve(ref)
            except StoreError as unknown:  # no such regulation or version, or a malformed number
                raise NotFound(unknown.message, expected=unknown.expected, known=unknown.known) from None
            return self._earlier_version(store, version)

    def _earlier_version(self, store: Store, version: Version) -> Regulation:
        """A stored version read apart from the one held under its regulation's id (for a day, or
        named by ID@N, which may be the latest too): read once, and kept (the last few) by the whole
        of its stored row, not by its number alone, since a deleted latest version's number is
        given to the next one ingested."""
        with self._looking:
            kept = self._earlier.get(version)
        if kept is not None:
            return kept
        with collector_kept_on():
            regulation = self._from_store(store, version)
        with self._looking:
            while len(self._earlier) >= KEPT_VERSIONS:
                self._earlier.pop(next(iter(self._earlier)))
            self._earlier[version] = regulation
        return regulation

    def _stored_on(self, latest: Regulation, on: str) -> Regulation:
        """The stored version of ``latest``'s regulation in force ``on``: the one
        held when it is that one, else that version, read once and kept (the last few)."""
        from lawcode.engine.queries import as_date
        from lawcode.service import stored_version

        day = as_date(on)
        with opened_store() as store:
            version = stored_version(store, latest.id, day)
            if version is None or version.ref == latest.version:
                return latest
            return self._earlier_version(store, version)

    def _from_store(self, store: Store, version: Version, loaded: LoadedModel | None = None,
                    document: Document | None = None) -> Regulation:
        """The Regulation of one stored version: its text parsed from the stored bytes (or
        ``document``: those bytes as the ingest parsed them), its model loaded (or ``loaded``: the
        model just stored with it, validated already)."""
        from lawcode.akn.export import to_akn
        from lawcode.service import with_work_uri

        if document is None:
            document = store.document(version)
        else:  # named as store.document names it: by the file name stored, not where the ingest read it
            document = dataclasses.replace(document, source=version.source_name)
        loaded = loaded if loaded is not None else store.loaded_model(version)
        frbr_uri = store.work_uri(version.regulation_id)
        akn = without_pause(to_akn)(with_work_uri(document, frbr_uri))
        title = loaded.model.regulation.title if loaded is not None else (version.title or version.regulation_id)
        return Regulation(version.regulation_id, title, loaded, document, akn, "stored", version.ref)

    def ingest(self, regulation_id: str, text: str, model_yaml: str | None) -> Regulation:
        """Store a text and, optionally, its model file's YAML as the next version of ``regulation_id``
        (as ``lawcode ingest`` does) and serve it from now on."""

        held = self.regulations.get(regulation_id)
        if held is not None and held.origin != "stored":
            raise Conflict(f"{regulation_id!r} is served from the model the server was started with",
                           expected="another id (the server's own models change when it is restarted)")
        with tempfile.TemporaryDirectory(prefix="lawcode-ingest-") as folder:
            model_path, text_name, loaded, model_cache = None, f"{regulation_id}.txt", None, None
            if model_yaml is not None:
                model_path = Path(folder) / f"{regulation_id}.yaml"
                model_path.write_text(model_yaml, encoding="utf-8")
                loaded = self._model_of(regulation_id, model_path)  # the one validation of the posted model
                model_cache = _handed_over(model_path, loaded, Path(folder) / "model-cache")
                text_name = Path(loaded.model.regulation.text.file).name
            text_path = Path(folder) / text_name
            text_path.write_text(text, encoding="utf-8")
            prepared, document = _prepare_apart(text_path, model_path, model_cache)
            with collector_kept_on():
                with opened_store(create=True) as store:
                    known = bool(store.versions(regulation_id))
                    added = store.add(prepared, as_version_of=regulation_id if known else None)
                    version = store.resolve(added.ref)
                    # a version stored before with this fingerprint may hold other bytes (another title,
                    # cruft, wrapping): then its own, not the posted text's, Document is served
                    stored_now = added.status in STORED_NOW
                    regulation = self._from_store(store, version, loaded, document if stored_now else None)
                self.regulations[regulation.id] = regulation
        return regulation

    @staticmethod
    def _model_of(regulation_id: str, path: Path) -> LoadedModel:
        """The posted model, loaded to check it: errors name the request's field ``model``."""
        from lawcode.model.loader import read_valid_model

        try:
            loaded = read_valid_model(path)
        except LawcodeError as error:
            error.file = "model"  # the request's field, not where this server wrote it
            raise
        if loaded.model.regulation.id != regulation_id:
            raise QueryError(f"the model is for {loaded.model.regulation.id!r}, not {regulation_id!r}",
                             expected="the same id in the request and in the model's regulation.id")
        return loaded


def _ref(entry: Regulation | Stored) -> str | None:
    """The store's version (ID@N) an entry is, or was read from."""
    return entry.version.ref if isinstance(entry, Stored) else entry.version


def _handed_over(model_path: Path, loaded: LoadedModel, folder: Path) -> str:
    """A model cache (:mod:`lawcode.model.snapshot`) of the request's own, in ``folder``, holding
    the posted model as validated here, so that the ingest's own process reads it back instead
    of validating it again; the user's cache is left alone."""
    from lawcode.model import snapshot

    key = snapshot.cache_key(model_path)
    snapshot.write_compiled(snapshot.cache_file(model_path, key, folder), key, loaded)
    return str(folder)


def _prepare_apart(text_path: Path, model_path: Path | None, model_cache: str | None
                   ) -> tuple[PreparedText, Document]:
    """The store's ``prepare`` of a posted text (and model, read from ``model_cache``) in a process
    of its own, so that what it pauses or allocates stays there, with the text's Document, which the
    server then serves (a posted text is parsed once, there); its error raised here, naming the
    request's field."""
    import multiprocessing

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        prepared = pool.submit(_prepare, str(text_path), str(model_path) if model_path else None,
                               model_cache).result()
    if isinstance(prepared, dict):
        fields = {str(model_path): "model", str(text_path): "text"}  # the request's names, not this server's paths
        prepared["file"] = fields.get(str(prepared["file"]), prepared["file"])
        raise LawcodeError(**prepared)
    return prepared


def _prepare(text_path: str, model_path: str | None, model_cache: str | None
             ) -> tuple[PreparedText, Document] | dict[str, Any]:
    """The PreparedText and the text's Document, or the fields of its error (raised in the server):
    run in the ingest's own process, whose model cache (when a model was posted) is the request's,
    holding that model. The text is parsed in full, cross-references too, as the server serves it
    (``prepare`` alone would leave them out, and the server parse it again)."""
    import os

    from lawcode.store.prepare import prepare
    from lawcode.text.parse import NoStructure, parse_text

    if model_cache is not None:
        os.environ["LAWCODE_CACHE"] = model_cache  # this process is the request's alone
    try:
        document = parse_text(Path(text_path).read_bytes(), source=text_path)
        return prepare(text_path, model_path, document), document
    except LawcodeError as error:
        if isinstance(error, NoStructure):
            error = error.advising(None)  # a posted text's style is detected: the request has no field to force one
        return {"message": error.message, "file": error.file, "line": error.line, "expected": error.expected,
                "known": error.known}


def _text_for(loaded: LoadedModel, text: str | None) -> str | None:
    """The explicit text path for this model: a folder as given, a file only if it is the one."""
    if text is None:
        return None
    path = Path(text)
    if path.is_dir() or path.name == loaded.model.regulation.text.file:
        return text
    return None


def _export(document: Document) -> bytes:
    from lawcode.akn.export import to_akn
    from lawcode.service import with_work_uri

    return to_akn(with_work_uri(document))
