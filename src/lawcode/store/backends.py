"""The two databases behind one small interface: SQLite (embedded) and PostgreSQL (by URL).

Everything above this module writes portable SQL with ``?`` placeholders and calls
:meth:`Backend.rows`, :meth:`Backend.run`, :meth:`Backend.insert_many` and
:meth:`Backend.transaction`; what differs between the two (connecting, locking, full-text
search) lives in the two classes here and in :mod:`lawcode.store.search`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from lawcode.store.errors import StoreError
from lawcode.store.location import ENV, Location
from lawcode.store.sqlite_driver import sqlite3

Row = tuple[Any, ...]
Statement = tuple[str, Sequence[Any]]  # SQL with ``?`` placeholders, and its parameters


class Backend:
    """A connection to one store, with the few operations the store needs."""

    name: str
    location: Location
    row_key: str  # the search_text column that holds version_id * ROWS_PER_VERSION + place

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert many rows into ``table``, each with a value for each of ``columns``, in that order."""
        raise NotImplementedError

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT and give the new row's integer id."""
        raise NotImplementedError

    @contextmanager
    def transaction(self, lock: str) -> Iterator[None]:
        """One write transaction, serialised with other writers on ``lock``; rolled back on error.

        Inside another transaction it is part of that one (no savepoint: FTS5 writes out its
        pending index at every savepoint released, which would undo what a batch saves): an error
        in it ends, and rolls back, the outer transaction too."""
        raise NotImplementedError

    def room_for_version(self, version_id: int) -> None:
        """Ready the full-text table for the rows of this version, before they are written (the
        partition that holds them on PostgreSQL; nothing on SQLite)."""

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Many write transactions in a row (an ingest): whatever makes a long run of commits
        cheaper without weakening any of them, and after them the upkeep they made due (see the
        backends)."""
        yield

    def rows_of_each(self, statements: Sequence[Statement], settings: dict[str, str]) -> list[list[Row]]:
        """The rows of each statement, run in one transaction with these server settings, which last
        for them only (PostgreSQL's; SQLite has none to set)."""
        return [self.rows(sql, params) for sql, params in statements]

    def compact(self) -> None:
        """Give the space of dropped tables back to the file system, outside any transaction
        (SQLite keeps it in its file; PostgreSQL gives back a dropped table's at once)."""

    def has_table(self, name: str) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


# SQLite's primary result codes for "database is locked" and "database table is locked".
_LOCKED = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


class SQLiteBackend(Backend):
    """A SQLite file in WAL mode: readers never wait for the one writer, writers queue.

    Each write is ``BEGIN IMMEDIATE``: the write lock is taken at the start, so two ingests never
    both read "absent" and then collide; the second waits (up to ``busy_timeout``). With
    ``synchronous=NORMAL`` a crash of the process (``kill -9``) loses no committed transaction and
    leaves no half of one; only a power cut may lose the last commits, never consistency.
    """

    name = "sqlite"
    row_key = "rowid"
    BUSY_TIMEOUT_MS = 60_000
    # The oldest SQLite the store's SQL runs on: MATERIALIZED common table expressions (search) and
    # ALTER TABLE ... DROP COLUMN (schema 2) came in 3.35 (2021).
    OLDEST = (3, 35, 0)
    # Bytes in a page of a new store (SQLite's default: 4,096). An ingest writes each page twice (to
    # the WAL, then to the file), 16 KB at a time instead of 4: writing 500 synthetic regulations
    # took a fifth less of the system's time and a twentieth less of the process's, the file is a
    # twentieth smaller, and search latency is the same (docs/decisions/0016, round ten). Set only
    # where the file is new: SQLite cannot change the page size of a file in WAL mode.
    PAGE_SIZE = 16_384

    def __init__(self, location: Location) -> None:
        self.location = location
        path = Path(location.target)
        if sqlite3.sqlite_version_info < self.OLDEST:
            raise StoreError(f"this Python's SQLite is {sqlite3.sqlite_version}, older than the store needs",
                             file=str(path), expected=f"SQLite {'.'.join(map(str, self.OLDEST))} or newer (a newer "
                                                      f"Python, or a PostgreSQL store in {ENV})")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(path, isolation_level=None, timeout=self.BUSY_TIMEOUT_MS / 1000,
                                              check_same_thread=False)
            self.connection.execute(f"PRAGMA page_size = {self.PAGE_SIZE}")  # a new file's; an old one keeps its own
            self._switch_to_wal()
            for pragma in ("foreign_keys = ON", "synchronous = NORMAL", f"busy_timeout = {self.BUSY_TIMEOUT_MS}"):
                self.connection.execute(f"PRAGMA {pragma}")
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open the SQLite store: {error}", file=str(path),
                             expected=f"a writable SQLite file (set {ENV} to choose another)") from None

    def _switch_to_wal(self) -> None:
        """Put the file in WAL mode (kept in the file: a no-op once done), waiting for other processes.

        On a new file another process may hold the lock while it does the same, and SQLite then
        answers "database is locked" at once instead of waiting as ``busy_timeout`` makes other
        statements wait: two ingests started together on a new store failed so, about one start in
        ten. So this waits, up to the same timeout.
        """
        deadline = time.monotonic() + self.BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.connection.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if error.sqlite_errorcode & 0xFF not in _LOCKED or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self.connection.execute(sql, params).fetchall()

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.connection.execute(sql, params)

    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        marks = ", ".join("?" * len(columns))
        self.connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        cursor = self.connection.execute(sql, params)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    @contextmanager
    def transaction(self, lock: str) -> Iterator[None]:
        if self.connection.in_transaction:
            yield
            return
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    # How large the WAL may grow during bulk writes before it is copied into the database (SQLite's
    # default: 1,000 pages, 4 MB of 4 KB pages). Each of these checkpoints waits for the disk
    # (fsync); an ingest writes about 200 KB a document, so the default checkpointed every 20
    # documents. Counted in bytes, not pages: at 16 KB a page (PAGE_SIZE), 20,000 pages let the WAL
    # grow to 320 MB, and its last checkpoint, which nothing overlaps, held up the end of an ingest
    # of 2,000 regulations by 0.5-0.9 s (0.2 s at 80 MB).
    BULK_CHECKPOINT_BYTES = 80 * 1024 * 1024

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Checkpoint the WAL every 80 MB instead of every 4 MB while many documents are written:
        a tenth to a quarter more documents a second on this machine's disk. Every commit stays
        atomic and survives the process being killed; only a power cut may lose more of the
        last commits, never consistency (``synchronous=NORMAL``, as always)."""
        [(page_size,)] = self.rows("PRAGMA page_size")
        self.connection.execute(f"PRAGMA wal_autocheckpoint = {self.BULK_CHECKPOINT_BYTES // page_size}")
        try:
            yield
        finally:
            self.connection.execute("PRAGMA wal_autocheckpoint = 1000")

    def compact(self) -> None:
        """VACUUM: the file is written anew without its free pages (it needs that much free disk
        for the while)."""
        try:
            self.connection.execute("VACUUM")
        except sqlite3.Error as error:
            raise StoreError(f"could not give the space back: {error}") from error

    def has_table(self, name: str) -> bool:
        return bool(self.rows("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)))

    def close(self) -> None:
        self.connection.close()


class PostgresBackend(Backend):
    """A PostgreSQL database reached by URL (psycopg 3), in autocommit between transactions.

    Writers on the same regulation are serialised with a transaction-scoped advisory lock on its
    work URI; readers are never blocked (MVCC). A client killed mid-transaction is rolled back by
    the server.
    """

    name = "postgresql"
    row_key = "id"
    CONNECT_TIMEOUT_S = 5

    def __init__(self, location: Location) -> None:
        import psycopg

        self.location = location
        try:
            self.connection = psycopg.connect(location.target, autocommit=True, connect_timeout=self.CONNECT_TIMEOUT_S)
        except psycopg.Error as error:
            message, expected = self._unreachable(error)
            raise StoreError(message, file=ENV, expected=expected) from None

    def _unreachable(self, error: Exception) -> tuple[str, str]:
        """What went wrong connecting, and what to check: the server not reached (host, port, running?),
        or reached and refusing (its FATAL: no such database or user, a wrong password)."""
        from urllib.parse import urlsplit

        parts = urlsplit(self.location.target)
        where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
        database = parts.path.lstrip("/") or "(default)"
        # psycopg says "connection failed: connection to server at ..., port ... failed: REASON", then a hint.
        lines = str(error).strip().splitlines()
        reason = lines[0].rsplit("failed: ", 1)[-1].strip() if lines else type(error).__name__
        if reason.startswith("FATAL:"):  # the server answered, and refused
            reason = " ".join(reason.removeprefix("FATAL:").split())
            return (f"the PostgreSQL server at {where} refused the connection to database {database}: {reason}; "
                    f"check the user, password and database name in {ENV}",
                    "a database on that server, and a user it lets in")
        return (f"cannot reach the PostgreSQL server at {where} (database {database}): {reason}; check that the "
                f"server is running, that host and port in {ENV} are right and that it accepts connections",
                "a running PostgreSQL server at that host and port that accepts this user and database")

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self.connection.execute(self._sql(sql), params).fetchall()

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.connection.execute(self._sql(sql), params)

    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """With COPY: one stream instead of a statement per row (a sixth to a quarter less time
        writing a document's full-text rows, where the server's work on each row dominates)."""
        with self.connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        row = self.connection.execute(self._sql(sql) + " RETURNING id", params).fetchone()
        assert row is not None
        return int(row[0])

    @contextmanager
    def transaction(self, lock: str) -> Iterator[None]:
        import psycopg

        if self.connection.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield  # part of the transaction under way, which holds the lock
            return
        with self._begun():
            self.connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (lock,))
            yield

    @contextmanager
    def _begun(self) -> Iterator[None]:
        """A transaction begun and ended by hand, not by psycopg's ``Connection.transaction()``: Ctrl-C
        may land while a command of it is under way, even its BEGIN (psycopg's own block then tried
        to roll back on the busy connection and printed "error ignored in rollback ... another
        command is already in progress" after the ingest's message); see :meth:`_roll_back`."""
        try:
            self.connection.execute("BEGIN")
            yield
            self.connection.execute("COMMIT")
        except BaseException:
            self._roll_back()
            raise

    def room_for_version(self, version_id: int) -> None:
        """Make the partition of the full-text rows that holds this version's, if there is none yet
        (``lawcode_search_partition`` of migrations 11 and 12, which they use too). Inside the write's
        transaction, which holds the ingest's lock: two ingests never make the same partition at once."""
        self.run("SELECT lawcode_search_partition(?)", (version_id,))

    def _roll_back(self) -> None:
        """End the transaction after an error or Ctrl-C. If a command is still under way on the
        connection, the connection is closed: the server rolls the transaction back when it ends,
        as when the client is killed, and a ROLLBACK sent on it would fail."""
        import psycopg

        status = self.connection.pgconn.transaction_status
        if status == psycopg.pq.TransactionStatus.ACTIVE:
            self.connection.close()
        elif status in (psycopg.pq.TransactionStatus.INTRANS, psycopg.pq.TransactionStatus.INERROR):
            self.connection.execute("ROLLBACK")

    # The tables of the full-text rows (the table, or each of its partitions since schema 11) that
    # autovacuum would analyze now: n_mod_since_analyze against the server's thresholds, as autovacuum
    # reckons them (reltuples is -1 until a table's first ANALYZE).
    _ANALYZE_DUE = ("SELECT c.oid::regclass::text FROM pg_partition_tree(to_regclass(?)) tree "
                    "JOIN pg_stat_user_tables t ON t.relid = tree.relid JOIN pg_class c ON c.oid = t.relid WHERE "
                    "tree.isleaf AND n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8 "
                    "+ current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0) "
                    "ORDER BY c.oid")

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """After the writes, vacuum and analyze the full-text rows at once where the writes made an
        analysis due by autovacuum's thresholds (each partition that did, since schema 11): else
        autovacuum does it within a minute of the end of the ingest, beside the first searches, on a
        core they need (on 2,000 synthetic regulations it overlapped the benchmark's searches and
        raised their p99 from about 17 ms to 20-36 ms). ``VACUUM`` with it (autovacuum's would
        follow): it empties the GIN indexes' lists of pending entries, which every search reads
        through, and sets the hint bits that the first reads of each page would set. Both cost the
        ingest about 0.6 s of the server's CPU for 2,000 regulations (migration 6). Only after an
        ingest that ends without an error; for a role that does not own the table, the server skips
        it with a warning."""
        yield
        if self.connection.info.server_version >= 150000:  # this session's counts, else sent within a second
            self.run("SELECT pg_stat_force_next_flush()")
        due = [str(table) for table, in self.rows(self._ANALYZE_DUE, ("search_text",))]
        if due:
            self.run(f"VACUUM (ANALYZE) {', '.join(due)}")

    def rows_of_each(self, statements: Sequence[Statement], settings: dict[str, str]) -> list[list[Row]]:
        """The rows of each statement, run with these server settings (``SET LOCAL``) in a transaction
        of its own: BEGIN, the settings, the statements and COMMIT are sent together (libpq's pipeline
        mode), one round trip instead of one each (a statement alone: 0.3 against 1.0 ms on this
        machine); one by one where the libpq psycopg runs on is older than pipelines (14). Inside a
        transaction under way, the settings it had are put back after."""
        import psycopg

        if self.connection.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            with self.connection.transaction():  # a savepoint in the transaction under way
                names = list(settings)
                before = dict(zip(names, self.rows("SELECT " + ", ".join(["current_setting(?)"] * len(names)),
                                                   names)[0], strict=True))
                self._set(settings)
                results = [self.rows(sql, params) for sql, params in statements]
                self._set(before)
                return results
        try:
            with self.connection.pipeline() if psycopg.Pipeline.is_supported() else nullcontext():
                self.connection.execute("BEGIN")
                self._set(settings)
                cursors = [self.connection.execute(self._sql(sql), params) for sql, params in statements]
                self.connection.execute("COMMIT")
            return [cursor.fetchall() for cursor in cursors]
        except BaseException:
            self._roll_back()
            raise

    def _set(self, values: dict[str, str]) -> None:
        self.run("SELECT " + ", ".join(["set_config(?, ?, true)"] * len(values)),
                 [item for pair in values.items() for item in pair])

    def has_table(self, name: str) -> bool:
        row = self.rows("SELECT to_regclass(?) IS NOT NULL", (name,))
        return bool(row[0][0])

    def close(self) -> None:
        self.connection.close()


def connect(location: Location) -> Backend:
    """An open connection to the store at ``location``."""
    return SQLiteBackend(location) if location.backend == "sqlite" else PostgresBackend(location)
