"""Ranked full-text search over stored provisions and norms, on either backend.

SQLite ranks with FTS5's BM25 and cuts snippets with ``snippet()``; PostgreSQL ranks with
``ts_rank`` over a weighted ``tsvector`` (headings above words) and cuts with ``ts_headline``.
Both mark the matched words in the snippet with ``**`` (Markdown bold). Only one version of
each regulation is searched: the one in force on ``on``, else the latest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lawcode.store import query as q
from lawcode.store.store import Store, Version

MARK = "**"


@dataclass(frozen=True)
class Hit:
    """One provision or norm that matches, with what to cite it by."""

    version: str  # ID@N
    what: str  # "provision" or "norm"
    ref: str  # the provision's eId, or the norm's id
    kind: str
    actors: tuple[str, ...]
    cites: tuple[str, ...]  # a norm's eIds; a provision cites itself
    citation: str  # as a lawyer writes it ("Art. 13(1)(5)"; a norm's: "; "-separated)
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": self.version, "what": self.what, "kind": self.kind}
        if self.what == "provision":
            data.update(eid=self.ref, citation=self.citation)
        else:
            data.update(norm=self.ref, actors=list(self.actors), cites=list(self.cites),
                        citations=self.citation.split("; ") if self.citation else [])
        data.update(snippet=self.snippet, score=round(self.score, 4))
        return data


@dataclass(frozen=True)
class Results:
    """The hits, best first; ``capped`` when more than :data:`CANDIDATES` rows matched, so that
    the hits are the best among the first :data:`CANDIDATES` in the order they were stored."""

    hits: tuple[Hit, ...]
    capped: bool


# Ranking scores every matching row; a word in most provisions of a large corpus matches
# hundreds of thousands. Ranking stops at this many candidates (in the order stored), so that
# every search answers in a bounded time; the answer says when it did.
CANDIDATES = 5000


def search(store: Store, text: str, *, regulation: str | None = None, kind: str | None = None,
           actor: str | None = None, on: dt.date | None = None, limit: int = 20) -> Results:
    """The best ``limit`` matches of the query ``text`` (see :mod:`lawcode.store.query`), best first."""
    parsed = q.parse(text)
    scope = store.search_scope(on, regulation)
    if scope == []:
        return Results((), False)
    filters: list[str] = []
    params: list[Any] = []
    key = f"s.{store.backend.row_key}"
    if scope is not None and len(scope) == 1:
        filters.append(f"{key} BETWEEN ? AND ?")
        params.extend(store.row_range(scope[0].id))
    elif scope is not None:
        filters.append(f"s.version_id IN ({', '.join('?' * len(scope))})")
        params.extend(v.id for v in scope)
    if kind is not None:
        filters.append("s.kind = ?")
        params.append(kind)
    if actor is not None:
        bearers = actors_matching(store, actor, scope)
        if not bearers:
            return Results((), False)
        filters.append("(" + " OR ".join(f"(s.version_id = ? AND ({' OR '.join(['s.actors LIKE ?'] * len(ids))}))"
                                         for ids in bearers.values()) + ")")
        for version_id, ids in bearers.items():
            params.extend([version_id, *(f"% {one} %" for one in ids)])
    where = "".join(f" AND {f}" for f in filters)
    if store.backend.name == "sqlite":
        rows, capped = _sqlite(store, q.to_fts5(parsed), where, params, limit, q.has_prefix(parsed))
    else:
        rows, capped = _postgresql(store, q.to_tsquery(parsed), where, params, limit)
    versions = store.versions_by_id(int(row[0]) for row in rows)
    hits = tuple(Hit(versions[int(vid)].ref, what, ref, kind_ or "", tuple((actors or "").split()),
                     tuple((cites or "").split()), citation or "", snippet, float(score))
                 for vid, what, ref, kind_, actors, cites, citation, snippet, score in rows)
    return Results(hits, capped)


def actors_matching(store: Store, actor: str, scope: list[Version] | None) -> dict[int, list[str]]:
    """For each version searched that has a model: the actors of its norms that ``actor`` is, as
    the engine reads its model's ontology (:meth:`~lawcode.engine.applicability.Engine.bearer_match`):
    the actor itself, what it is a kind of (a norm of a unit binds an enterprise that is a unit),
    a defined subclass of one of those, or what a may-be link says it may be. Versions whose
    norms name none of them are left out."""
    from lawcode.engine.applicability import engine_for

    versions = scope if scope is not None else store.current_versions()
    found: dict[int, list[str]] = {}
    for version in versions:
        if version.model_id is None:
            continue
        named = sorted({one for norm in store.norms(version) for one in norm["actors"]})
        engine = engine_for(store.loaded_model(version))
        ids = [one for one in named if one == actor or engine.bearer_match(actor, one).matches]
        if ids:
            found[version.id] = ids
    return found


def _sqlite(store: Store, match: str, where: str, params: list[Any], limit: int,
            prefix: bool) -> tuple[list[tuple[Any, ...]], bool]:
    beyond = store.backend.rows(f"SELECT s.rowid FROM search_text s WHERE search_text MATCH ?{where} "
                                "ORDER BY s.rowid LIMIT 1 OFFSET ?", (match, *params, CANDIDATES))
    if beyond:
        where, params = where + " AND s.rowid < ?", [*params, beyond[0][0]]
    # bm25 is lower for better matches: negated so that a higher score is better on both backends.
    columns = (f"s.version_id, s.what, s.ref, s.kind, s.actors, s.cites, s.citation, "
               f"snippet(search_text, -1, '{MARK}', '{MARK}', '…', 24)")
    order = f"FROM search_text s WHERE search_text MATCH ?{where} ORDER BY score DESC, s.rowid LIMIT ?"
    if prefix:
        # Each MATCH of a prefix expands it again: one pass, snippets of every row ranked.
        rows = store.backend.rows(f"SELECT {columns}, -bm25(search_text, 1.0, 2.0) AS score {order}",
                                  (match, *params, limit))
        return rows, bool(beyond)
    # The best rows first, then the columns and snippets of those only.
    best = store.backend.rows(f"SELECT s.rowid, -bm25(search_text, 1.0, 2.0) AS score {order}", (match, *params, limit))
    if not best:
        return [], bool(beyond)
    keys = [row[0] for row in best]
    shown = {row[0]: row[1:] for row in store.backend.rows(
        f"SELECT s.rowid, {columns} FROM search_text s WHERE search_text MATCH ? AND s.rowid BETWEEN ? AND ? "
        f"AND s.rowid IN ({', '.join('?' * len(keys))})", (match, min(keys), max(keys), *keys))}
    return [(*shown[key], score) for key, score in best], bool(beyond)


def _postgresql(store: Store, tsquery: str, where: str, params: list[Any],
                limit: int) -> tuple[list[tuple[Any, ...]], bool]:
    options = f"StartSel={MARK}, StopSel={MARK}, MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=\" … \""
    rows = store.backend.rows(
        "WITH query AS (SELECT to_tsquery('english', ?) AS q), "
        "found AS (SELECT s.id, s.version_id, s.what, s.ref, s.kind, s.actors, s.cites, s.citation, s.heading, "
        f"s.body, s.document FROM search_text s, query WHERE s.document @@ query.q{where} LIMIT ?), "
        "candidates AS (SELECT * FROM found ORDER BY id LIMIT ?), "
        "top AS (SELECT c.*, ts_rank(c.document, query.q) AS score FROM candidates c, query "
        "ORDER BY score DESC, c.id LIMIT ?) "
        "SELECT version_id, what, ref, kind, actors, cites, citation, "
        "ts_headline('english', CASE WHEN body = '' THEN coalesce(heading, '') ELSE body END, query.q, ?), score, "
        "(SELECT count(*) FROM found) FROM top, query ORDER BY score DESC, id",
        (tsquery, *params, CANDIDATES + 1, CANDIDATES, limit, options))
    capped = bool(rows) and int(rows[0][-1]) > CANDIDATES
    return [row[:-1] for row in rows], capped
