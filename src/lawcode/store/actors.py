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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawcode.errors import QueryError
from lawcode.store.prepare import model_digest

if TYPE_CHECKING:
    from lawcode.engine.applicability import BearerMatch
    from lawcode.model.objects import Actor
    from lawcode.store.store import Store, Version

# Models whose answers are kept: (model digest, the actors its norms name) -> for each actor of
# its ontology, those it is. Small (a few names per actor); the oldest goes when full.
KEPT = 1024
# Versions per query: two parameters each, well below either database's limit.
_CHUNK = 500

# An actor named by a version's norms -> the conditions (a may-be link's ``when``, a defined
# subclass's ``defined_by``) that must all hold for the asked actor to be one: none when it is.
Conditions = Mapping[str, tuple[str, ...]]

_answers: dict[tuple[str, tuple[str, ...]], dict[str, Conditions]] = {}
_answers_lock = threading.Lock()


@dataclass(frozen=True)
class ActorsOfVersion:
    """The actors named by a version's norms that the asked actor is, or may be (``conditions``)."""

    ref: str  # the version's ID@N
    conditions: Conditions

    def only_if(self, named: Iterable[str]) -> tuple[str, ...]:
        """What must hold for a norm naming the actors ``named`` (its bearer, counterparty and
        beneficiary) to concern the asked actor, each way it may (any one is enough): nothing
        when one of them is an actor the asked one is as it stands. A grassroots committee that
        may be a unit is not bound by a unit's duty as a matter of course: the answer says when."""
        ways = [self.conditions[name] for name in named if name in self.conditions]
        if not ways or any(not way for way in ways):
            return ()
        return tuple(dict.fromkeys(_all_of(way) for way in ways))


def _all_of(conditions: tuple[str, ...]) -> str:
    """Conditions that must all hold, as one condition (one with an "or" in brackets beside others)."""
    return " and ".join(f"({c})" if " or " in c and len(conditions) > 1 else c for c in conditions)


def any_of(ways: tuple[str, ...]) -> str:
    """The ways of :meth:`ActorsOfVersion.only_if` as one condition: any one of them, each of two or
    more words in brackets beside others."""
    return " or ".join(f"({way})" if len(ways) > 1 and " " in way else way for way in ways)


def actors_matching(store: Store, actor: str, scope: list[Version] | None) -> dict[int, ActorsOfVersion]:
    """For each version searched that has a model: the actors of its norms that ``actor`` is, as
    the engine reads its model's ontology (:meth:`~lawcode.engine.applicability.Engine.bearer_match`):
    the actor itself, what it is a kind of (a norm of a unit binds an enterprise that is a unit),
    a defined subclass of one of those, or what a may-be link says it may be (these two with
    the conditions that make it one). Versions whose norms name none of them are left out."""
    versions = {v.id: v for v in (scope if scope is not None else store.current_versions()) if v.model_id is not None}
    named = _norm_actors(store, list(versions.values()))
    others = [version_id for version_id, names in named.items() if set(names) - {actor}]
    digests = _model_digests(store, others)
    found: dict[int, ActorsOfVersion] = {}
    for version_id, names in named.items():
        matched: Conditions = {actor: ()} if actor in names else {}  # when no other actor is named
        if version_id in digests:
            matched = _matching(store, versions[version_id], digests[version_id], actor, names)
        if matched:
            found[version_id] = ActorsOfVersion(versions[version_id].ref, matched)
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
              names: tuple[str, ...]) -> Conditions:
    """The ``names`` that ``actor`` is or may be by the ontology of the version's model, each with its
    conditions (see :func:`_answers_of`); the model file is read only when its answers are not
    kept, or to make the digest of a version stored before digests were kept (None)."""
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
    return table.get(actor, {actor: ()} if actor in names else {})


def _model_file(store: Store, version: Version) -> tuple[str, str]:
    """The version's model file (name, source): one it has, since :func:`_model_digests` lists no other."""
    stored = store.model_source(version)
    assert stored is not None, f"{version.ref} has a model file"
    return stored


def _answers_of(file_name: str, source: str, names: tuple[str, ...]) -> dict[str, Conditions]:
    """For every actor of the model's ontology: the ``names`` it is or may be (``bearer_match``),
    each with its conditions. An actor the ontology does not hold is no kind of anything and may
    be nothing, so it matches only itself."""
    from lawcode.engine.applicability import engine_for
    from lawcode.store.store import model_from_source

    engine = engine_for(model_from_source(file_name, source))
    actors = engine.ontology.actors
    answers: dict[str, Conditions] = {}
    for actor in actors:
        matches = {one: engine.bearer_match(actor, one) for one in names if one != actor}
        answers[actor] = {**({actor: ()} if actor in names else {}),
                          **{one: _conditions(actors, match) for one, match in matches.items() if match.matches}}
    return answers


def _conditions(actors: Mapping[str, Actor], match: BearerMatch) -> tuple[str, ...]:
    """What must hold for an actor to be the bearer by ``match``: the ``when`` of each may-be link on
    the way and the ``defined_by`` of each defined subclass, as the model writes them (of two links
    from one kind to another, the last, as the engine reads them: ``LoadedModel.links``)."""
    whens = [[link.when for link in actors[kind].may_be if link.actor == target][-1] for kind, target in match.links]
    return tuple(whens + [actors[name].defined_by or "" for name in match.defined])
