"""Ingest many texts: parse them in parallel across cores, write them in batches, each document whole or absent.

Workers (one process per core) read and parse; the calling process writes, in the order the
files were named (folders in file-name order), so that versions of one regulation are numbered
in that order. It commits the documents parsed in the last quarter of a second (at most
:data:`BATCH_DOCUMENTS`) together: each document is still whole or absent, a document is
reported once committed, and the full-text index is flushed once per batch, which makes the
writer, the slowest part of an ingest, about a fifth cheaper than one commit per document (see
benchmarks/store). A file that cannot be read or parsed is reported with its reason and the
others go on. A file whose bytes are already stored is not parsed again.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lawcode.errors import LawcodeError
from lawcode.store.prepare import PreparedText, prepare, sha256
from lawcode.store.store import Added, Store

TEXT_SUFFIXES = (".txt", ".md")
# A batch of documents committed together ends at this many, or this long after its first.
BATCH_DOCUMENTS = 25
BATCH_SECONDS = 0.25


@dataclass(frozen=True)
class Failure:
    """A file that could not be stored, and why (the error's own message, naming file and line)."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.path, "status": "failed", "reason": self.reason}


# A file's place in the order of files, and what its worker made of it.
Prepared = tuple[int, "PreparedText | Failure"]


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
    stored = store.stored_sha256() if as_version_of is None and model is None else set()
    results: dict[int, Added | Failure] = {}
    to_parse: list[tuple[int, str]] = []
    for index, file in enumerate(files):
        try:
            digest = sha256(file.read_bytes())
        except OSError as error:
            results[index] = _tell(on_result, Failure(str(file), f"{file}: cannot read: {error.strerror}"))
            continue
        version = store.find_sha256(digest) if digest in stored else None
        if version is not None:
            results[index] = _tell(on_result, Added(str(file), "unchanged", version.regulation_id, version.number))
        else:
            to_parse.append((index, str(file)))
    with store.backend.bulk_writes():
        for batch in _batches(_prepared(to_parse, model, workers)):
            with store.batch():
                done = [(index, prepared if isinstance(prepared, Failure)
                         else store.add(prepared, as_version_of=as_version_of, in_force=in_force))
                        for index, prepared in batch]
            for index, result in done:
                results[index] = _tell(on_result, result)
    return Report(tuple(missing) + tuple(results[i] for i in sorted(results)))


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


def _prepared(jobs: list[tuple[int, str]], model: str | None, workers: int | None) -> Iterator[Prepared]:
    """(index, prepared text or failure) for each job, in job order; in worker processes when it pays."""
    count = min(workers or os.cpu_count() or 1, len(jobs))
    tasks = [(index, path, model) for index, path in jobs]
    if count <= 1 or len(jobs) < 3:
        yield from map(_prepare_one, tasks)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(count) as pool:
        yield from pool.imap(_prepare_one, tasks, chunksize=max(1, min(16, len(tasks) // (count * 8))))


def _prepare_one(task: tuple[int, str, str | None]) -> Prepared:
    index, path, model = task
    try:
        return index, prepare(path, model)
    except LawcodeError as error:
        from lawcode.text.parse import NoStructure

        if isinstance(error, NoStructure):  # ingest takes no --style: each text's layout is detected
            error = error.advising(None)
        return index, Failure(path, str(error))
    except OSError as error:
        return index, Failure(path, f"{path}: cannot read: {error.strerror}")
