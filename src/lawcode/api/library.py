"""The regulations a running server answers about, parsed once, and the garbage-collector guard.

The library parses and exports each text when the server starts, so that no request runs the
parser or the Akoma Ntoso exporter (both pause Python's cyclic garbage collector, see
:mod:`lawcode.nogc`, which in a long-running multi-threaded server would leave the collector
off for every other request while they run). The only conversion a request can cause is an
ingest (with the API token): it calls the parser with the pause unwrapped, holding a lock, and
the collector is switched back on should anything have left it off.
"""

from __future__ import annotations

import dataclasses
import gc
import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lawcode.errors import LawcodeError, QueryError

T = TypeVar("T")


class NotFound(QueryError):
    """A path names something the server does not hold (a regulation, a provision, a norm)."""


class Forbidden(QueryError):
    """A writing request without the right API token, or on a read-only server."""

    def __init__(self, message: str, *, missing: bool, expected: str | None = None) -> None:
        self.missing = missing
        super().__init__(message, expected=expected)


_conversions = threading.Lock()


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
    loaded: Any = None  # LoadedModel
    document: Any = None  # Document
    akn: bytes | None = None
    origin: str = "shipped"  # shipped | model | ingested
    # pages and diagrams, drawn once, by (page, argument...)
    rendered: dict[tuple[str | None, ...], Any] = field(default_factory=dict, repr=False)

    def summary(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "origin": self.origin,
                      "has_model": self.loaded is not None, "has_text": self.document is not None}
        if self.loaded is not None:
            regulation = self.loaded.model.regulation
            data["short_title"] = regulation.short_title
            data["in_force"] = regulation.in_force.isoformat()
            data["repealed"] = regulation.repealed.isoformat() if regulation.repealed else None
        if self.document is not None:
            data["fingerprint"] = self.document.fingerprint()
            data["articles"] = len(self.document.articles())
        return data


@dataclass
class Library:
    """The regulations by id, in the order they were added."""

    regulations: dict[str, Regulation] = field(default_factory=dict)

    @classmethod
    def load(cls, models: list[str] | None = None, text: str | None = None) -> Library:
        """The library of ``models`` (paths or shipped ids; default every shipped model), each
        with its text when it can be found (``text``, a file or folder, or LAWCODE_CORPUS)."""
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
        return library

    def get(self, regulation_id: str) -> Regulation:
        regulation = self.regulations.get(regulation_id)
        if regulation is None:
            from lawcode.suggest import closest_first

            raise NotFound(f"no regulation {regulation_id!r} on this server", expected="a regulation id",
                           known=closest_first(regulation_id, self.regulations))
        return regulation

    def with_model(self, regulation_id: str) -> Regulation:
        regulation = self.get(regulation_id)
        if regulation.loaded is None:
            raise NotFound(f"regulation {regulation_id!r} has a text but no model to answer questions with",
                           expected="a regulation with a model", known=self.modelled())
        return regulation

    def with_text(self, regulation_id: str) -> Regulation:
        regulation = self.get(regulation_id)
        if regulation.document is None:
            name = regulation.loaded.model.regulation.text.file if regulation.loaded is not None else regulation.id
            raise NotFound(f"the text of {regulation_id!r} ({name}) was not found when the server started",
                           expected="the server started with LAWCODE_CORPUS (or --text) naming the folder holding "
                                    f"{name}")
        return regulation

    def modelled(self) -> list[str]:
        return [r.id for r in self.regulations.values() if r.loaded is not None]

    def ingest(self, regulation_id: str, text: str, model_yaml: str | None, folder: Path) -> Regulation:
        """Add (or replace) a regulation from a text and, optionally, a model file's YAML."""
        from lawcode.akn.export import to_akn
        from lawcode.text.parse import parse_text

        loaded = None
        if model_yaml is not None:
            from lawcode.model.loader import load_model

            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{regulation_id}.yaml"
            path.write_text(model_yaml, encoding="utf-8")
            try:
                loaded = load_model(path)
            except LawcodeError as error:
                error.file = "model"  # the request's field, not where this server wrote it
                raise
            if loaded.model.regulation.id != regulation_id:
                raise QueryError(f"the model is for {loaded.model.regulation.id!r}, not {regulation_id!r}",
                                 expected="the same id in the request and in the model's regulation.id")
        with collector_kept_on():
            document = without_pause(parse_text)(text, source=f"{regulation_id} (ingested)")
            akn = without_pause(to_akn)(document)
        title = loaded.model.regulation.title if loaded is not None else (document.title or regulation_id)
        regulation = Regulation(regulation_id, title, loaded, document, akn, "ingested")
        self.regulations[regulation_id] = regulation
        return regulation


def _text_for(loaded: Any, text: str | None) -> str | None:
    """The explicit text path for this model: a folder as given, a file only if it is the one."""
    if text is None:
        return None
    path = Path(text)
    if path.is_dir() or path.name == loaded.model.regulation.text.file:
        return text
    return None


def _export(document: Any) -> bytes:
    from lawcode.akn.export import to_akn
    from lawcode.service import with_work_uri

    return to_akn(with_work_uri(document))
