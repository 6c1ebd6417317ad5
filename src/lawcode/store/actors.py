"""Which actors named by stored norms an asked actor is, by each model's ontology (``search --actor``).

A search by actor used to load and validate the model of every version it looked in, on every
search (and only 16 stayed loaded): a corpus with more modelled versions validated models over
and over. Here the actors named by the norms of every version searched come from one query; a
version whose norms name no actor but the asked one needs no model at all; and what a model's
ontology answers is kept, keyed by the digest of the model file stored in the version's row (so a
model attached or replaced later is never answered for by the old one's ontology) for every
actor of that ontology at once, so a model file is read and loaded once for as long as its
answers are kept, whichever actor is asked next.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from lawcode.errors import QueryError
from lawcode.store.prepare import model_digest

if TYPE_CHECKING:
    from lawcode.store.store import Store, Version

# Models whose answers are kept: (model digest, the actors its norms name) -> for each actor of
# its ontology, those it is. Small (a few names per actor); the oldest goes when full.
KEPT = 1024
# Versions per query: two parameters each, well below either database's limit.
_CHUNK = 500

_answers: dict[tuple[str, tuple[str, ...]], dict[str, tuple[str, ...]]] = {}
_answers_lock = threading.Lock()


def actors_matching(store: Store, actor: str, scope: list[Version] | None) -> dict[int, list[str]]:
    """For each version searched that has a model: the actors of its norms that ``actor`` is, as
    the engine reads its model's ontology (:meth:`~lawcode.engine.applicability.Engine.bearer_match`):
    the actor itself, what it is a kind of (a norm of a unit binds an enterprise that is a unit),
    a defined subclass of one of those, or what a may-be link says it may be. Versions whose
    norms name none of them are left out."""
    versions = {v.id: v for v in (scope if scope is not None else store.current_versions()) if v.model_id is not None}
    named = _norm_actors(store, list(versions.values()))
    others = [version_id for version_id, names in named.items() if set(names) - {actor}]
    digests = _model_digests(store, others)
    found: dict[int, list[str]] = {}
    for version_id, names in named.items():
        ids = [actor] if actor in names else []  # what the actor is when no other actor is named
        if version_id in digests:
            ids = list(_matching(store, versions[version_id], digests[version_id], actor, names))
        if ids:
            found[version_id] = ids
    return found


def unknown_actor(store: Store, actor: str, scope: list[Version] | None) -> QueryError:
    """The error for an actor that no norm searched binds or is owed to, itself or as a kind of
    actor it is: a misspelt actor ("enterprize") must not read as "no norm concerns it". It
    names the actors the stored norms searched do name, closest first."""
    from lawcode.suggest import closest_first

    versions = [v for v in (scope if scope is not None else store.current_versions()) if v.model_id is not None]
    named = {name for names in _norm_actors(store, versions).values() for name in names}
    return QueryError(f"no stored norm searched binds {actor!r}, or is owed to it, as itself or as a kind of actor "
                      "it is", expected="an actor of a stored model (`lawcode actors -r ID` lists them)",
                      known=closest_first(actor, named))


def _norm_actors(store: Store, versions: list[Version]) -> dict[int, tuple[str, ...]]:
    """The actors each version's norms name, sorted (versions whose norms name none left out)."""
    key = store.backend.row_key
    named: dict[int, set[str]] = {}
    for start in range(0, len(versions), _CHUNK):
        chunk = versions[start:start + _CHUNK]
        ranges = " OR ".join([f"{key} BETWEEN ? AND ?"] * len(chunk))
        params = [bound for version in chunk for bound in store.row_range(version.id)]
        for version_id, actors in store.backend.rows(
                f"SELECT version_id, actors FROM search_text WHERE what = 'norm' AND ({ranges})", params):
            named.setdefault(int(version_id), set()).update((actors or "").split())
    return {version_id: tuple(sorted(names)) for version_id, names in named.items() if names}


def _model_digests(store: Store, version_ids: list[int]) -> dict[int, str | None]:
    """The digest of each version's model file (None for a version stored before digests were kept);
    versions without a model left out."""
    found: dict[int, str | None] = {}
    for start in range(0, len(version_ids), _CHUNK):
        chunk = version_ids[start:start + _CHUNK]
        for version_id, digest in store.backend.rows(
                f"SELECT id, model_digest FROM versions WHERE id IN ({', '.join('?' * len(chunk))}) "
                "AND model_file IS NOT NULL", chunk):
            found[int(version_id)] = digest
    return found


def _matching(store: Store, version: Version, digest: str | None, actor: str,
              names: tuple[str, ...]) -> tuple[str, ...]:
    """The ``names`` that ``actor`` is by the ontology of the version's model (see :func:`_answers_of`);
    the model file is read only when its answers are not kept, or to make the digest of a version
    stored before digests were kept (None)."""
    stored = None
    if digest is None:
        stored = _model_file(store, version)
        digest = model_digest(*stored)
    key = (digest, names)
    with _answers_lock:
        table = _answers.get(key)
    if table is None:
        table = _answers_of(*(stored or _model_file(store, version)), names)
        with _answers_lock:
            if len(_answers) >= KEPT:
                del _answers[next(iter(_answers))]
            _answers[key] = table
    return table.get(actor, (actor,) if actor in names else ())


def _model_file(store: Store, version: Version) -> tuple[str, str]:
    """The version's model file (name, source): one it has, since :func:`_model_digests` lists no other."""
    stored = store.model_source(version)
    assert stored is not None, f"{version.ref} has a model file"
    return stored


def _answers_of(file_name: str, source: str, names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """For every actor of the model's ontology: the ``names`` it is (``bearer_match``). An actor the
    ontology does not hold is no kind of anything and may be nothing, so it matches only itself."""
    from lawcode.engine.applicability import engine_for
    from lawcode.store.store import model_from_source

    engine = engine_for(model_from_source(file_name, source))
    return {actor: tuple(one for one in names if one == actor or engine.bearer_match(actor, one).matches)
            for actor in engine.ontology.actors}
