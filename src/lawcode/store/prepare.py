"""Turn one text file (and its model) into what the store writes: the work of an ingest worker.

Everything slow happens here, outside the database transaction and in parallel across cores:
reading, parsing, fingerprinting, deciding which regulation the text belongs to and which model
goes with it. The result is plain data (picklable) that :meth:`Store.add` writes in one short
transaction.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lawcode.errors import ModelError
from lawcode.store.rows import SearchRow, norm_rows, provision_rows

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.text.document import Document

PLACEHOLDER_COUNTRY = "xx"


@dataclass(frozen=True)
class ModelInfo:
    """The model stored with a version: its id, file name and source (the modeller's own words)."""

    id: str
    file: str
    source: str
    in_force: str | None
    repealed: str | None

    @property
    def digest(self) -> str:
        return model_digest(self.file, self.source)


def model_digest(file_name: str, source: str) -> str:
    """What tells one stored model file from another (kept with its version, so that what is
    worked out from a model can be kept without reading the file again)."""
    return hashlib.blake2b(f"{file_name}\0{source}".encode(), digest_size=20).hexdigest()


@dataclass(frozen=True)
class PreparedText:
    """A parsed text ready to store, with the regulation it is a version of."""

    path: str
    regulation_id: str
    work_uri: str
    title: str | None
    source_name: str
    source_sha256: str
    source_text: bytes
    fingerprint: str
    rows: tuple[SearchRow, ...]  # the provision rows (provision_rows of them), then the norm rows
    provision_rows: int
    provision_count: int  # provisions in the text (an article row holds many)
    model: ModelInfo | None
    uri_from_file_name: bool = False  # no model named the work: its URI was made from the file name


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def prepare(path: str, model_ref: str | None = None, document: Document | None = None,
            data: bytes | None = None, *, digest: str | None = None,
            shipped: ShippedModels | None = None) -> PreparedText:
    """Parse the text at ``path`` (unless ``document`` is it, parsed already by a caller that
    keeps it; ``data``, its bytes, when the caller has read them, and ``digest``, their
    :func:`sha256`, when it has that too) and gather everything the store keeps of it.
    ``shipped``: the shipped models, when the caller prepares many texts (else loaded here).

    The regulation it belongs to is named by its Akoma Ntoso work URI: the model's (the one given,
    or a shipped model written for this text or for a text of this file name), else one made
    from the file name (``/akn/xx/act/<name>``), so that a changed text under the same name is a
    new version of the same regulation (see :meth:`Store.add` for a stored model's work).
    """
    from lawcode.text.parse import parse_text

    if data is None:
        data = Path(path).read_bytes()
    # The store keeps the tree and its fingerprint, not the cross-references (a Document read
    # back is parsed in full): not looking for them halves the parsing time.
    if document is None:
        document = parse_text(data, source=path, cross_references=False)
    fingerprint = document.fingerprint()
    loaded = named = _model(model_ref, fingerprint, path)
    if loaded is None:
        shipped = shipped or ShippedModels.load()
        loaded = shipped.written_for.get(fingerprint)
        named = loaded or shipped.by_text_file.get(Path(path).name)
    rows = list(provision_rows(document))
    provision_row_count = len(rows)
    model_info = None
    if loaded is not None:
        rows.extend(norm_rows(loaded, document))
        model_info = _model_info(loaded)
    title: str | None
    if named is not None:
        regulation = named.model.regulation
        regulation_id, work_uri = regulation.id, regulation.text.frbr_uri or _work_uri(regulation.id)
        title = document.title or regulation.title
    else:
        regulation_id = slug(Path(path).stem)
        work_uri, title = _work_uri(regulation_id), document.title
    return PreparedText(path=path, regulation_id=regulation_id, work_uri=work_uri, title=title,
                        source_name=Path(path).name, source_sha256=digest or sha256(data), source_text=data,
                        fingerprint=fingerprint, rows=tuple(rows), provision_rows=provision_row_count,
                        provision_count=sum(1 for _ in document.walk()),
                        model=model_info, uri_from_file_name=named is None)


def slug(name: str) -> str:
    """A regulation id made from a file name: lower case, runs of other characters as ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "regulation"


def _work_uri(regulation_id: str) -> str:
    return f"/akn/{PLACEHOLDER_COUNTRY}/act/{regulation_id}"


def _model(model_ref: str | None, fingerprint: str, path: str) -> LoadedModel | None:
    """The model given, which must be the one written for this text."""
    from lawcode.service import load_model

    if model_ref is None:
        return None
    loaded = load_model(model_ref)
    expected = loaded.model.regulation.text.fingerprint
    if expected != fingerprint:
        raise ModelError(f"the model {loaded.model.regulation.id} was written for another text "
                         f"(fingerprint {expected[:19]}…, this text {fingerprint[:19]}…)", file=path,
                         expected="the text the model names, or no --model")
    return loaded


@dataclass(frozen=True)
class ShippedModels:
    """The shipped models by the fingerprint of the text each was written for, and by that text's
    file name (another version of its regulation may come under the same name): the first of
    them in id order where two agree.

    Loaded once for the many texts of an ingest (once in each worker), not once a text: looking
    them up listed and checked the files on disk several times for every text."""

    written_for: dict[str, LoadedModel]
    by_text_file: dict[str, LoadedModel]

    @classmethod
    def load(cls) -> ShippedModels:
        from lawcode.service import load_model, shipped_model_paths

        written_for: dict[str, LoadedModel] = {}
        by_text_file: dict[str, LoadedModel] = {}
        for ref in shipped_model_paths():
            loaded = load_model(ref)
            written_for.setdefault(loaded.model.regulation.text.fingerprint, loaded)
            by_text_file.setdefault(loaded.model.regulation.text.file, loaded)
        return cls(written_for, by_text_file)


def _model_info(loaded: LoadedModel) -> ModelInfo:
    path = Path(loaded.path)
    regulation = loaded.model.regulation
    return ModelInfo(id=regulation.id, file=path.name, source=path.read_text(encoding="utf-8"),
                     in_force=regulation.in_force.isoformat(),
                     repealed=regulation.repealed.isoformat() if regulation.repealed else None)
