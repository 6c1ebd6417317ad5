"""The one service layer every interface (CLI, HTTP API, web UI) calls.

It finds texts and models, parses and caches them, and hands out Documents and Models; none of
the interfaces re-implements any of this.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from lawcode.errors import LawcodeError

SHIPPED_MODELS = Path(__file__).parent / "regulations"


def read_document(path: str | os.PathLike):
    """Parse the regulation text at ``path`` into a Document (cached by path and mtime)."""
    file = Path(path)
    if not file.is_file():
        raise LawcodeError("no such file", file=str(path), expected="a path to a regulation text")
    stat = file.stat()
    return _parse_cached(str(file.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _parse_cached(path: str, _mtime: int, _size: int):
    from lawcode.text.parse import parse_text

    return parse_text(Path(path).read_bytes(), source=path)


def corpus_dirs() -> list[Path]:
    """Folders searched for a model's text by file name: LAWCODE_CORPUS (os.pathsep-separated)."""
    value = os.environ.get("LAWCODE_CORPUS", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def find_text(file_name: str, explicit: str | os.PathLike | None = None) -> Path | None:
    """The text a model names: the explicit path if given, else the file in LAWCODE_CORPUS."""
    if explicit is not None:
        path = Path(explicit)
        if path.is_dir():
            path = path / file_name
        if not path.is_file():
            raise LawcodeError("no such file", file=str(path), expected=f"the regulation text {file_name}")
        return path
    for folder in corpus_dirs():
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    return None


def shipped_model_paths() -> dict[str, Path]:
    """Model files bundled with the package, by regulation id.

    Each shipped regulation is a folder under ``regulations/`` named by its id, holding its
    ``model.yaml`` (and, beside it, its scenario tests and readings).
    """
    return {p.parent.name: p for p in sorted(SHIPPED_MODELS.glob("*/model.yaml"))}


def model_path(ref: str | os.PathLike) -> Path:
    """The model file ``ref`` names: a path to a YAML file, or the id of a shipped model."""
    shipped = shipped_model_paths()
    if str(ref) in shipped:
        return shipped[str(ref)]
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise LawcodeError("no such model file", file=str(ref), expected="a path to a model .yaml file")
        return path
    raise LawcodeError(f"no shipped model with id {str(ref)!r}", expected="a model file path or a shipped model id",
                       known=sorted(shipped))


def load_model(ref: str | os.PathLike, *, strict: bool = True):
    """Load a model file (a path, or a shipped model's id) into a LoadedModel (cached by mtime).

    A strict load answers questions: it is compiled to plain records and kept in the on-disk
    cache of :mod:`lawcode.model.snapshot`, so the next command skips pydantic altogether.
    ``strict=False`` keeps problems in the model's own references as ``issues`` instead of
    raising, for the checker that reports them all; it always validates the file afresh.
    """
    path = model_path(ref)
    stat = path.stat()
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size, strict)


@lru_cache(maxsize=16)
def _load_cached(path: str, _mtime: int, _size: int, strict: bool):
    from lawcode.model import snapshot

    if not strict:
        from lawcode.model.loader import read_model

        return read_model(path)
    cache = snapshot.cache_file(Path(path))
    loaded = snapshot.read_compiled(cache)
    if loaded is None:
        from lawcode.model.loader import load_model as validate

        loaded = snapshot.compile_model(validate(path))
        snapshot.write_compiled(cache, loaded)
    return loaded


def text_for_model(loaded, explicit_text_path: str | os.PathLike | None = None):
    """The parsed Document a model was written for, or None when no text can be found."""
    path = find_text(loaded.model.regulation.text.file, explicit_text_path)
    return read_document(path) if path is not None else None


def resolve_model(ref: str | os.PathLike | None):
    """The LoadedModel named by ``ref``, or the only shipped model when ``ref`` is None."""
    from lawcode.errors import QueryError

    if ref is None:
        shipped = sorted(shipped_model_paths())
        if len(shipped) != 1:
            raise QueryError("say which model to use with --model", expected="a model file or a shipped model id",
                             known=shipped)
        ref = shipped[0]
    return load_model(ref)


def model_and_text(ref: str | os.PathLike | None, text: str | os.PathLike | None = None):
    """The model (see :func:`resolve_model`) and, when it can be found, the text it models."""
    loaded = resolve_model(ref)
    return loaded, text_for_model(loaded, text)


def with_work_uri(document, frbr_uri: str | None = None):
    """The Document with its Akoma Ntoso work URI (for export).

    The URI given wins; otherwise that of a shipped model written for this very text (same
    fingerprint); otherwise the Document is returned unchanged (a placeholder URI).
    """
    import dataclasses

    if frbr_uri is None:
        fingerprint = document.fingerprint()
        for ref in shipped_model_paths():
            text = load_model(ref).model.regulation.text
            if text.fingerprint == fingerprint and text.frbr_uri:
                frbr_uri = text.frbr_uri
                break
        else:
            return document
    if not frbr_uri.startswith("/akn/") or len(frbr_uri.strip("/").split("/")) < 3:
        raise LawcodeError(f"not an Akoma Ntoso work URI: {frbr_uri!r}",
                           expected="/akn/COUNTRY/DOCTYPE/.../DATE/NUMBER, e.g. /akn/za/act/2002/4")
    return dataclasses.replace(document, frbr_uri=frbr_uri)


def draft_model(text: str | os.PathLike, actor_models: list[str] | None = None):
    """Draft a model of the text at ``text`` (see :mod:`lawcode.draft`); the actors of
    ``actor_models`` (paths or shipped ids) are reused where the text names them."""
    from lawcode.draft import draft_document, lexicon_from_models

    lexicon = lexicon_from_models([load_model(ref) for ref in actor_models or []])
    return draft_document(read_document(text), lexicon)
