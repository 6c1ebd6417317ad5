"""Ingest many texts: parse them in parallel across cores, write them in batches, each document whole or absent.

Workers (one process per core) read and parse; the calling process writes, in the order the
files were named (folders in file-name order), so that versions of one regulation are numbered
in that order. It commits the documents parsed in the last quarter of a second (at most
:data:`BATCH_DOCUMENTS`) together: each document is still whole or absent, a document is
reported once committed, and the full-text index is flushed once per batch, which makes the
writer, the slowest part of an ingest, about a fifth cheaper than one commit per document (see
benchmarks/store). A file that cannot be read or parsed is reported with its reason and the
others go on. A file whose bytes are already stored is not parsed again: the workers, which read
each file once, tell it by its digest, so that the work starts at once instead of after the
whole folder has been read and hashed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from lawcode.errors import LawcodeError
from lawcode.store.prepare import PreparedText, ShippedModels, prepare, sha256
from lawcode.store.store import Added, Store

TEXT_SUFFIXES = (".txt", ".md")
# A batch of documents committed together ends at this many, or this long after its first.
BATCH_DOCUMENTS = 25
BATCH_SECONDS = 0.25
# How much less of the CPU the parsing processes get than the ingest's own (see _start_worker).
WORKER_NICENESS = 10


@dataclass(frozen=True)
class Failure:
    """A file that could not be stored, and why (the error's own message, naming file and line)."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.path, "status": "failed", "reason": self.reason}


@dataclass(frozen=True)
class AlreadyStored:
    """A file whose bytes are stored already (its digest), found by a worker that did not parse it."""

    path: str
    digest: str


# What a worker made of a file.
Prepared = PreparedText | AlreadyStored | Failure


@dataclass(frozen=True)
class Report:
    """What an ingest did with each file, in the order the files were taken."""

    results: tuple[Added | Failure, ...]

    @property
    def failures(self) -> list[Failure]:
        return [r for r in self.results if isinstance(r, Failure)]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for result in self.results:
            status = result.status if isinstance(result, Added) else "failed"
            counts[status] = counts.get(status, 0) + 1
        return counts


def text_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Failure]]:
    """The files to ingest: each file named, and the .txt and .md files in each folder named (recursively)."""
    files: list[Path] = []
    missing: list[Failure] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            reason = f"{path}: no such file or folder (expected a regulation text or a folder)"
            missing.append(Failure(str(path), reason))
    return files, missing


def ingest(store: Store, paths: Iterable[str | os.PathLike[str]], *, model: str | None = None,
           as_version_of: str | None = None, in_force: str | None = None, workers: int | None = None,
           on_result: Callable[[Added | Failure], None] | None = None) -> Report:
    """Store every text in ``paths`` (files or folders); see the module's docstring.

    ``on_result`` is called with each file's result as soon as it is known (after its commit),
    so a caller can show progress; the report lists them all in file order.
    """
    files, missing = text_files(paths)
    for failure in missing:
        _tell(on_result, failure)
    stored = frozenset(store.stored_sha256()) if as_version_of is None and model is None else frozenset()
    results: list[Added | Failure] = []

    def written(prepared: Prepared) -> Added | Failure:
        if isinstance(prepared, AlreadyStored):
            version = store.find_sha256(prepared.digest)
            if version is not None:
                return Added(prepared.path, "unchanged", version.regulation_id, version.number)
            prepared = _parsed(prepared.path, model)  # its version was removed meanwhile
        if isinstance(prepared, Failure):
            return prepared
        return store.add(prepared, as_version_of=as_version_of, in_force=in_force)

    with store.backend.bulk_writes():
        for batch in _batches(_prepared([str(file) for file in files], model, stored, workers)):
            with store.batch():
                done = [written(prepared) for prepared in batch]
            results.extend(_tell(on_result, result) for result in done)
    return Report(tuple(missing) + tuple(results))


def _batches(prepared: Iterator[Prepared]) -> Iterator[list[Prepared]]:
    """The prepared texts in batches to commit together: see the module's docstring."""
    batch: list[Prepared] = []
    started = 0.0
    for item in prepared:
        if not batch:
            started = time.monotonic()
        batch.append(item)
        if len(batch) >= BATCH_DOCUMENTS or time.monotonic() - started >= BATCH_SECONDS:
            yield batch
            batch = []
    if batch:
        yield batch


def _tell(on_result: Callable[[Added | Failure], None] | None, result: Added | Failure) -> Added | Failure:
    if on_result is not None:
        on_result(result)
    return result


def _prepared(paths: list[str], model: str | None, stored: frozenset[str], workers: int | None) -> Iterator[Prepared]:
    """The prepared text, or that it is stored already, or the failure, of each file, in file
    order; in worker processes when it pays (each told the stored digests once, when it starts).

    The workers are a ``concurrent.futures`` pool, not a ``multiprocessing.Pool``: while results
    wait to be read, the latter's thread that watches its workers wakes at once, again and again,
    and took a twelfth of the ingest's CPU from the writer (docs/decisions/0016).
    """
    count = min(workers or os.cpu_count() or 1, len(paths))
    if count <= 1 or len(paths) < 3:
        yield from map(partial(_prepare_one, model=model, stored=stored, shipped=ShippedModels.load()), paths)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker, initargs=(stored,)) as pool:
        try:
            yield from pool.map(partial(_prepare_in_worker, model=model), paths,
                                chunksize=max(1, min(16, len(paths) // (count * 8))))
        except BaseException:  # Ctrl-C, a failed write, or the ingest given up: parse no more files
            pool.shutdown(cancel_futures=True)
            raise


# In a worker process: the digests of the texts stored when the ingest began (see _start_worker),
# and the shipped models.
_stored_in_worker: frozenset[str] = frozenset()
_shipped_in_worker: ShippedModels | None = None


def _start_worker(stored: frozenset[str]) -> None:
    """Ready a worker process: the stored digests; Ctrl-C left to the ingest, which stops the
    workers itself (a worker interrupted on its own would print its traceback); an end with the
    ingest's process, should that be killed (``kill -9``), instead of waiting for work forever;
    and a lower priority than the ingest's process, whose writes are the one step that cannot run
    in parallel: given the CPU first, it writes each batch as soon as it is parsed, instead of
    falling behind and writing a backlog, alone, after the last text is parsed (a twentieth of the
    whole ingest's time, docs/decisions/0016)."""
    global _stored_in_worker
    _stored_in_worker = stored
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # not on Windows
        os.nice(WORKER_NICENESS)
    threading.Thread(target=_end_with_parent, daemon=True).start()


def _end_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(1)


def _prepare_in_worker(path: str, model: str | None) -> Prepared:
    global _shipped_in_worker
    if _shipped_in_worker is None:  # loaded with the first text (a failure there is the ingest's error)
        _shipped_in_worker = ShippedModels.load()
    return _prepare_one(path, model, _stored_in_worker, _shipped_in_worker)


def _prepare_one(path: str, model: str | None, stored: frozenset[str], shipped: ShippedModels | None) -> Prepared:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return _unreadable(path, error)
    digest = sha256(data)
    return AlreadyStored(path, digest) if digest in stored else _parsed(path, model, data, digest, shipped)


def _parsed(path: str, model: str | None, data: bytes | None = None, digest: str | None = None,
            shipped: ShippedModels | None = None) -> PreparedText | Failure:
    try:
        return prepare(path, model, data=data, digest=digest, shipped=shipped)
    except LawcodeError as error:
        from lawcode.text.parse import NoStructure

        if isinstance(error, NoStructure):  # ingest takes no --style: each text's layout is detected
            error = error.advising(None)
        return Failure(path, str(error))
    except OSError as error:
        return _unreadable(path, error)


def _unreadable(path: str, error: OSError) -> Failure:
    return Failure(path, f"{path}: cannot read: {error.strerror}")
