"""The one service layer every interface (CLI, HTTP API, web UI) calls.

It finds texts and models, parses and caches them, hands out Documents and Models, and puts
the questions (``ask``, ``explain``, ``what_if``, ``who``, ``assess``, ``review``); none of the
interfaces re-implements any of this. The reasoning lives in the engine
(:mod:`lawcode.engine.queries` and its neighbours): the service is the way in, the engine its
internals. The catalogs (actors, facts, norms, procedures, the calendar) are not questions:
interfaces list them from :mod:`lawcode.engine.catalog`, ``procedures`` and ``calendar``.

``load_model`` here is the one interfaces use: it resolves an installed regulation id or a path and
caches the result (on disk too, see :mod:`lawcode.model.snapshot`); :func:`lawcode.model.loader.read_valid_model`
is the validating loader underneath it, which reads one file every time.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Container, Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawcode import eids
from lawcode.errors import LawcodeError

if TYPE_CHECKING:
    from lawcode.draft.pipeline import Draft
    from lawcode.engine.abduction import WhatIf
    from lawcode.engine.assess import AssessAnswer
    from lawcode.engine.explain import Explanation
    from lawcode.engine.queries import AskAnswer, Facts, Roles
    from lawcode.engine.who import WhoAnswer
    from lawcode.model.loaded import LoadedModel
    from lawcode.store.errors import StoreError
    from lawcode.store.store import Store, Version
    from lawcode.text.document import Document

SHIPPED_MODELS = Path(__file__).parent / "regulations"


def read_document(path: str | os.PathLike[str], style: str | None = None) -> Document:
    """Parse the regulation text at ``path`` into a Document (cached by path and mtime).

    ``style`` forces a text style by name (see :mod:`lawcode.text.styles`); by default it is detected.
    """
    file = Path(path)
    if file.is_dir():
        raise LawcodeError("is a directory", file=str(path), expected="a path to a regulation text file")
    if not file.is_file():
        raise LawcodeError("no such file", file=str(path), expected="a path to a regulation text")
    stat = file.stat()
    return _parse_cached(str(file.resolve()), stat.st_mtime_ns, stat.st_size, style)


@lru_cache(maxsize=16)
def _parse_cached(path: str, _mtime: int, _size: int, style: str | None = None) -> Document:
    from lawcode.text.parse import parse_text

    return parse_text(Path(path).read_bytes(), source=path, style=style)


def corpus_dirs() -> list[Path]:
    """Folders searched for a model's text by file name: LAWCODE_CORPUS (os.pathsep-separated)."""
    value = os.environ.get("LAWCODE_CORPUS", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def find_text(file_name: str, explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The text a model names: the explicit path if given, else the file in LAWCODE_CORPUS.

    ``file_name`` comes from a model file, which anyone may have written: it is looked up only
    inside the folder given or the corpus folders (see :func:`_inside`), never elsewhere.
    """
    if explicit is not None:
        path: Path | None = Path(explicit)
        if path is not None and path.is_dir():
            path = _inside(path, file_name)
        if path is None or not path.is_file():
            shown = str(Path(explicit) / file_name) if path is None else str(path)
            raise LawcodeError("no such file", file=shown, expected=f"the regulation text {file_name}")
        return path
    for folder in corpus_dirs():
        candidate = _inside(folder, file_name)
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def text_name_problem(file_name: str) -> str | None:
    """Why a model's ``regulation.text.file`` could point outside the corpus folders, or None."""
    if not file_name or "\0" in file_name:
        return "is empty or holds a NUL byte"
    if Path(file_name).is_absolute() or file_name.startswith(("/", "\\")) or file_name[1:2] == ":":
        return "is an absolute path"
    if ".." in file_name.replace("\\", "/").split("/"):
        return "climbs out of its folder with .."
    return None


def _inside(folder: Path, file_name: str) -> Path | None:
    """``folder / file_name`` if it is, once links are resolved, still inside ``folder``."""
    if text_name_problem(file_name) is not None:
        return None
    candidate = folder / file_name
    try:
        resolved = candidate.resolve()
        root = folder.resolve()
    except (OSError, RuntimeError):
        return None
    return candidate if resolved.is_relative_to(root) else None


def shipped_model_paths() -> dict[str, Path]:
    """Model files bundled with the package, by regulation id.

    Each shipped regulation is a folder under ``regulations/`` named by its id, holding its
    ``model.yaml`` (and, beside it, its scenario tests and readings).
    """
    return {p.parent.name: p for p in sorted(SHIPPED_MODELS.glob("*/model.yaml"))}


def model_path(ref: str | os.PathLike[str]) -> Path:
    """The model file ``ref`` names: a path to a YAML file, or the id of a shipped model."""
    shipped = shipped_model_paths()
    if str(ref) in shipped:
        return shipped[str(ref)]
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise LawcodeError("no such model file", file=str(ref), expected="a path to a model .yaml file")
        return path
    raise LawcodeError(f"no installed regulation with id {str(ref)!r}",
                       expected="--regulation with an installed regulation id, or a model file path",
                       known=sorted(shipped))


def load_model(ref: str | os.PathLike[str], *, strict: bool = True) -> LoadedModel:
    """Load a model file (a path, or a shipped model's id) into a LoadedModel (cached by mtime).

    A strict load answers questions: it is kept in the on-disk cache of
    :mod:`lawcode.model.snapshot`, so the next command skips pydantic altogether.
    ``strict=False`` keeps problems in the model's own references as ``issues`` instead of
    raising, for the checker that reports them all; it always validates the file afresh.
    """
    path = model_path(ref)
    stat = path.stat()
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size, strict)


@lru_cache(maxsize=16)
def _load_cached(path: str, _mtime: int, _size: int, strict: bool) -> LoadedModel:
    from lawcode.model import snapshot

    if not strict:
        from lawcode.model.loader import read_model

        return read_model(path)
    key = snapshot.cache_key(Path(path))
    cache = snapshot.cache_file(Path(path), key)
    loaded = snapshot.read_compiled(cache, key)
    if loaded is None:
        from lawcode.model.loader import read_valid_model as validate

        loaded = validate(path)
        snapshot.write_compiled(cache, key, loaded)
    return loaded


def text_for_model(loaded: LoadedModel, explicit_text_path: str | os.PathLike[str] | None = None) -> Document | None:
    """The parsed Document a model was written for (a file, else the corpus store), or None."""
    from lawcode.errors import ModelError

    name = loaded.model.regulation.text.file
    problem = text_name_problem(name)
    if problem is not None:
        raise ModelError(f"regulation.text.file {name!r} {problem}", file=loaded.path,
                         line=loaded.line_of(("regulation", "text", "file")),
                         expected="the text's file name, looked up inside --text or the LAWCODE_CORPUS folders only")
    path = find_text(name, explicit_text_path)
    if path is not None:
        return read_document(path)
    return stored_document(loaded.model.regulation.text.fingerprint)


def stored_document(fingerprint: str) -> Document | None:
    """The Document with this fingerprint from the corpus store, or None (no store, or not in it).

    A store is only opened when one is configured (LAWCODE_DATABASE_URL) or already exists in the
    user's data folder, so that a question never creates one.
    """
    from lawcode.store.location import store_configured

    if not store_configured():
        return None
    from lawcode.store.store import Store

    with Store.open() as store:
        version = store.find_fingerprint(fingerprint)
        return store.document(version) if version is not None else None


def resolve_model(ref: str | os.PathLike[str] | None, on: dt.date | str | None = None) -> LoadedModel:
    """The LoadedModel named by ``ref``: a model file, a shipped model's id, or the id of a
    regulation in the corpus store (``ID``, or ``ID@N`` for one version), whose model is that of
    the version in force ``on`` that day (today when no day is given).

    When ``ref`` is None: the one named by the environment variable LAWCODE_REGULATION, else the
    only shipped model (several installed and none named is an error listing them: lawcode never
    guesses which regulation a question is about).
    """
    from lawcode.errors import QueryError

    if ref is None:
        ref = os.environ.get("LAWCODE_REGULATION") or None
    if ref is None:
        shipped = sorted(shipped_model_paths())
        if not shipped:
            raise QueryError("no regulation is installed", expected="--regulation with a model file path")
        if len(shipped) > 1:
            raise QueryError(f"{len(shipped)} regulations are installed: say which one with --regulation ID (-r)",
                             expected="--regulation with one of the installed ids (or LAWCODE_REGULATION=ID)",
                             known=shipped)
        ref = shipped[0]
    if _may_be_stored(ref):
        stored = stored_model(str(ref), on)
        if stored is not None:
            return stored
    return load_model(ref)


def _may_be_stored(ref: str | os.PathLike[str]) -> bool:
    """Whether ``ref`` may name a stored regulation: not a shipped id, not a model file path."""
    path = Path(ref)
    return str(ref) not in shipped_model_paths() and path.suffix not in (".yaml", ".yml") and not path.exists()


def stored_model(ref: str, on: dt.date | str | None = None) -> LoadedModel | None:
    """The model of the stored version ``ref`` names (``ID@N``, or ``ID``: the version in force
    ``on`` that day), or None when no store exists or it holds no regulation ``ID``.

    A version stored without a model is an error saying how to attach one: answering from another
    version's model would apply rules the text of that day may not contain.
    """
    from lawcode.store.location import store_configured

    if not store_configured():
        return None
    from lawcode.engine.queries import as_date
    from lawcode.errors import QueryError
    from lawcode.store.store import Store

    with Store.open() as store:
        version = stored_version(store, ref, as_date(on))
        if version is None:
            return None
        loaded: LoadedModel | None = store.loaded_model(version)
    if loaded is None:
        raise QueryError(f"{version.ref} is stored without a model, so lawcode cannot answer from it",
                         expected="a model attached with: lawcode ingest TEXT --model MODEL")
    return loaded


def stored_version(store: Store, ref: str, day: dt.date) -> Version | None:
    """The stored version a question about ``ref`` on ``day`` is answered from (``ID@N``, or
    ``ID``: the one in force that day; see :func:`_first_if_before_all` for a day before them
    all), or None when no regulation ``ID`` is stored. The command line and the server both ask
    here, so that they answer the same question from the same version."""
    from lawcode.store.errors import StoreError

    try:
        return store.find(ref, day)
    except StoreError as not_in_force:
        return _first_if_before_all(store, ref, day, not_in_force)


def _first_if_before_all(store: Store, ref: str, day: dt.date, error: StoreError) -> Version:
    """A day before every stored version of a regulation is in force: its first version, whose
    model then answers that nothing is in force yet, as a shipped model's does (the answer
    ``in_force: false``, not an error). Raises ``error`` for any other day no version covers,
    and when the first version's model would take that day as one it is in force."""
    from lawcode.store.store import parse_ref

    regulation_id, number = parse_ref(ref)
    versions = store.versions(regulation_id)
    starts = [v.in_force_from for v in versions]
    if number is None and versions and all(s and day.isoformat() < s for s in starts):
        first = min(versions, key=lambda v: (v.in_force_from or "", v.number))
        loaded = store.loaded_model(first)
        if loaded is not None and day < loaded.model.regulation.in_force:
            return first
    raise error


def stored_text_warning(loaded: LoadedModel, on: dt.date | str | None = None) -> str | None:
    """A warning for an answer from a shipped model (``loaded``) about a day (``on``, today by
    default) on which the corpus store's version of its regulation in force is another text than
    the one the model was written for (a changed text ingested under the same file name, or with
    --as-version-of), else None; also None when no store exists (none is created by looking). One
    query on the store's index; a store that cannot be read is a warning too, not an error (the
    shipped model can still answer) and not silence (the check was not made).

    A warning, not the error a stored id gets (see :func:`stored_model`): there the question names
    the stored version, which has no model to answer with; here it names the shipped model, which
    answers faithfully for the text it was written for. What the answer must not be is silent that
    the store holds another text for that day, so the answer says so, and how to get one from it.
    """
    from lawcode.store.location import store_configured

    regulation = loaded.model.regulation
    shipped = shipped_model_paths().get(regulation.id)
    if shipped is None or Path(loaded.path) != shipped or not store_configured():
        return None
    from lawcode.engine.queries import as_date
    from lawcode.store.errors import StoreError
    from lawcode.store.store import Store, in_force_on

    day = as_date(on)
    try:
        with Store.open() as store:
            version = in_force_on(store.versions(regulation.id), day)
    except StoreError as unreachable:
        return (f"the corpus store could not be read to check whether it holds another text of {regulation.id} "
                f"in force on {day.isoformat()}: {unreachable.message}")
    if version is None or version.fingerprint == regulation.text.fingerprint:
        return None
    start = version.in_force_from
    since = f"in force from {start}" if start else "with no day it comes into force (so in force on any day)"
    how = (f"ask about it by its version, -r {version.ref} (in the API, /api/regulations/{version.ref}/...)"
           if version.model_id is not None else
           "ingest it with a model written for it (lawcode ingest TEXT --model MODEL)")
    earlier = f", or ask about the shipped text with --on a day before {start}" if (
        start and start > regulation.in_force.isoformat()) else ""
    return (f"{version.ref}, {since}, is the stored text of {regulation.id} in force on {day.isoformat()}, and not "
            f"the text this shipped model was written for: this answer applies the model to, and quotes, the "
            f"shipped text. To answer from {version.ref}: {how}{earlier}")


def model_and_text(ref: str | os.PathLike[str] | None, text: str | os.PathLike[str] | None = None,
                   on: dt.date | str | None = None) -> tuple[LoadedModel, Document | None]:
    """The model (see :func:`resolve_model`) and, when it can be found, the text it models.

    The text is the one answers quote as the regulation, so it must be the very text the model
    was written for: one whose fingerprint differs is refused (see :func:`verified_text`).
    """
    loaded = resolve_model(ref, on)
    document = text_for_model(loaded, text)
    return loaded, verified_text(loaded, document, explicit=text is not None) if document is not None else None


def verified_text(loaded: LoadedModel, document: Document, *, explicit: bool = True) -> Document:
    """``document`` if its fingerprint is the model's; otherwise an error saying where they differ.

    The model records one fingerprint for the whole text, so a changed word can be located only
    as far as the model lets: the provisions it cites that the text lacks are named; when none
    is missing, the error says that the words differ somewhere.
    """
    from lawcode.errors import TextError
    from lawcode.model.check import cited_eids

    expected = loaded.model.regulation.text.fingerprint
    actual = document.fingerprint()
    if actual == expected:
        return document
    cited = list(dict.fromkeys(eid for eid, _, _ in cited_eids(loaded)))
    missing = [eid for eid in cited if document.get(eid) is None]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        where = f"{len(missing)} of the {len(cited)} provisions the model cites are not in it ({shown})"
    else:
        where = (f"it has all {len(cited)} provisions the model cites, but its words differ somewhere (the model "
                 "keeps one fingerprint for the whole text, so lawcode cannot say which provision changed)")
    instead = "no --text (answers then come without quotations)" if explicit else \
        "the original text in LAWCODE_CORPUS, or LAWCODE_CORPUS unset (answers then come without quotations)"
    raise TextError(f"not the text the model {loaded.path} was written for, so lawcode will not quote it as the "
                    f"regulation: its fingerprint is {actual}, the model names {expected}; {where}",
                    file=document.source, expected=f"the original text, or {instead}")


def _may_be_the_text_of(document: Document, title: str, file_name: str) -> bool:
    """Whether ``document`` may be the text a model with this title and text file was written for
    (a cheap test before its fingerprint is compared): the same file name, or the same title."""
    return Path(document.source).name == file_name or (document.title or "").strip() == title.strip()


def with_work_uri(document: Document, frbr_uri: str | None = None) -> Document:
    """The Document with its Akoma Ntoso work URI (for export).

    The URI given wins; otherwise that of a shipped model written for this very text (same
    fingerprint); otherwise the Document is returned unchanged (a placeholder URI). The text's
    fingerprint is computed only for a model that may be about it (its file name or its title),
    so exporting any other text does not pay for it.
    """
    import dataclasses

    if frbr_uri is None:
        for ref in shipped_model_paths():
            regulation = load_model(ref).model.regulation
            text = regulation.text
            if text.frbr_uri and _may_be_the_text_of(document, regulation.title, text.file) and (
                    text.fingerprint == document.fingerprint()):
                frbr_uri = text.frbr_uri
                break
        else:
            return document
    if not frbr_uri.startswith("/akn/") or len(frbr_uri.strip("/").split("/")) < 3:
        raise LawcodeError(f"not an Akoma Ntoso work URI: {frbr_uri!r}",
                           expected="/akn/COUNTRY/DOCTYPE/.../DATE/NUMBER, e.g. /akn/za/act/2002/4")
    return dataclasses.replace(document, frbr_uri=frbr_uri)


def ask(loaded: LoadedModel, roles: Roles, facts: Facts = None, on: dt.date | str | None = None,
        kind: str | None = None, document: Document | None = None) -> AskAnswer:
    """Every norm that applies to the asker (one actor, or one organisation holding several
    roles), those undetermined for want of a fact, and those owed to it
    (:func:`lawcode.engine.queries.ask`)."""
    from lawcode.engine.queries import ask as run

    answer = run(loaded, roles, facts, on, kind, document)
    return replace(answer, warnings=_warned(loaded, on, answer.warnings))


def ask_roles(loaded: LoadedModel, roles: Iterable[str], facts: Facts = None, on: dt.date | str | None = None,
              kind: str | None = None, document: Document | None = None) -> dict[str, Any]:
    """The answer to ``ask`` for an actor holding one or more roles at once, as a dict (empty
    role names, as a web form sends them, are left out)."""
    return ask(loaded, tuple(r for r in roles if r), facts, on, kind, document).to_dict()  # ask drops repeats


def explain(loaded: LoadedModel, norm: str, roles: Roles, facts: Facts = None, on: dt.date | str | None = None,
            document: Document | None = None) -> Explanation:
    """The proof tree of one norm (an id or a unique prefix) for the asker
    (:func:`lawcode.engine.queries.explain`)."""
    from lawcode.engine.queries import explain as run

    answer = run(loaded, norm, roles, facts, on, document)
    return replace(answer, warnings=_warned(loaded, on, answer.warnings))


def what_if(loaded: LoadedModel, norm: str, roles: Roles, facts: Facts = None, on: dt.date | str | None = None,
            stop: bool = False) -> WhatIf:
    """The minimal sets of facts that would make ``norm`` apply, or with ``stop`` stop applying
    (:func:`lawcode.engine.queries.what_if`)."""
    from lawcode.engine.queries import what_if as run

    answer = run(loaded, norm, roles, facts, on, stop)
    return replace(answer, warnings=_warned(loaded, on, answer.warnings))


def who(loaded: LoadedModel, terms: Iterable[str], roles: Roles | None = None) -> WhoAnswer:
    """Which actors carry duties, powers or rights matching all ``terms``, only those reaching
    ``roles`` when given (:func:`lawcode.engine.queries.who`)."""
    from lawcode.engine.queries import who as run

    answer = run(loaded, terms, roles)
    return replace(answer, warnings=_warned(loaded, None, answer.warnings))


def assess(loaded: LoadedModel, roles: Roles, facts: Facts = None, on: dt.date | str | None = None,
           document: Document | None = None) -> AssessAnswer:
    """Which norms with a ``contravened_by`` conduct the asker contravened, given what happened
    (:func:`lawcode.engine.assess.assess`)."""
    from lawcode.engine.assess import assess as run

    answer = run(loaded, roles, facts, on, document)
    return replace(answer, warnings=_warned(loaded, on, answer.warnings))


def _warned(loaded: LoadedModel, on: dt.date | str | None, warnings: tuple[str, ...]) -> tuple[str, ...]:
    """An answer's ``warnings`` with, first, the one of :func:`stored_text_warning` when it has one."""
    warning = stored_text_warning(loaded, on)
    return warnings if warning is None else (warning, *warnings)


def norms_resting_on(loaded: LoadedModel, eid: str, document: Document | None = None) -> list[dict[str, Any]]:
    """The norms (as in ``lawcode norms``) that cite ``eid`` or a provision inside it, model order."""
    from lawcode.engine.findings import norm_fields, norm_order

    return [norm_fields(loaded, norm, document) for norm in sorted(loaded.model.norms, key=norm_order)
            if any(eids.is_inside(c, eid) for c in norm.cites)]


def next_question(answer: dict[str, Any], skipped: Container[str] = ()) -> str | None:
    """The fact to ask next in an interview: the unknown fact that could decide the most
    undetermined findings of ``answer`` (an ``ask`` answer), leaving out those ``skipped``
    ("I don't know"); ties go to the fact first in name order. None when no question is left.
    """
    counts: dict[str, int] = {}
    for finding in answer.get("findings", ()):
        for name in finding.get("missing", ()):
            if name not in skipped:
                counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    return min(counts, key=lambda name: (-counts[name], name))


def review(loaded: LoadedModel, document: Document | None, article: str | None = None) -> dict[str, Any]:
    """The text provision by provision with the norms resting on each and the model's readings
    (:func:`lawcode.engine.review.build_review`), as a dict."""
    from lawcode.engine.review import build_review

    return build_review(loaded, document, article).to_dict()


def draft_model(text: str | os.PathLike[str], actor_models: list[str] | None = None) -> Draft:
    """Draft a model of the text at ``text`` (see :mod:`lawcode.draft`); the actors of
    ``actor_models`` (paths or shipped ids) are reused where the text names them."""
    from lawcode.draft import draft_document, lexicon_from_models

    lexicon = lexicon_from_models([load_model(ref) for ref in actor_models or []])
    return draft_document(read_document(text), lexicon)
