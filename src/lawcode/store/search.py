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
from lawcode.store.store import Store

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


def search(store: Store, text: str, *, regulation: str | None = None, kind: str | None = None,
           actor: str | None = None, on: dt.date | None = None, limit: int = 20) -> list[Hit]:
    """The best ``limit`` matches of the query ``text`` (see :mod:`lawcode.store.query`), best first."""
    parsed = q.parse(text)
    versions = {v.id: v for v in store.current_versions(on, regulation)}
    if not versions:
        return []
    filters, params = [], []
    if kind is not None:
        filters.append("s.kind = ?")
        params.append(kind)
    if actor is not None:
        filters.append("s.actors LIKE ?")
        params.append(f"% {actor} %")
    where = "".join(f" AND {f}" for f in filters)
    if store.backend.name == "sqlite":
        rows = _sqlite(store, q.to_fts5(parsed), list(versions), where, params, limit)
    else:
        rows = _postgresql(store, q.to_tsquery(parsed), list(versions), where, params, limit)
    return [Hit(versions[int(vid)].ref, what, ref, kind_ or "", tuple((actors or "").split()), tuple((cites or "").split()),
                citation or "", snippet, float(score))
            for vid, what, ref, kind_, actors, cites, citation, snippet, score in rows]


def _sqlite(store: Store, match: str, version_ids: list[int], where: str, params: list[Any],
            limit: int) -> list[tuple[Any, ...]]:
    marks = ",".join("?" * len(version_ids))
    # bm25 is lower for better matches: negated so that a higher score is better on both backends.
    return store.backend.rows(
        f"SELECT s.version_id, s.what, s.ref, s.kind, s.actors, s.cites, s.citation, "
        f"snippet(search_text, -1, '{MARK}', '{MARK}', '…', 24), -bm25(search_text, 1.0, 2.0) AS score "
        f"FROM search_text s WHERE search_text MATCH ? AND s.version_id IN ({marks}){where} "
        f"ORDER BY score DESC, s.version_id, s.ord LIMIT ?",
        (match, *version_ids, *params, limit))


def _postgresql(store: Store, tsquery: str, version_ids: list[int], where: str, params: list[Any],
                limit: int) -> list[tuple[Any, ...]]:
    options = f"StartSel={MARK}, StopSel={MARK}, MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=\" … \""
    return store.backend.rows(
        "WITH query AS (SELECT to_tsquery('english', ?) AS q), "
        "top AS (SELECT s.version_id, s.what, s.ref, s.kind, s.actors, s.cites, s.citation, s.ord, s.heading, s.body, "
        "ts_rank(s.document, query.q) AS score FROM search_text s, query "
        f"WHERE s.document @@ query.q AND s.version_id = ANY(?){where} "
        "ORDER BY score DESC, s.version_id, s.ord LIMIT ?) "
        f"SELECT version_id, what, ref, kind, actors, cites, citation, "
        f"ts_headline('english', CASE WHEN body = '' THEN coalesce(heading, '') ELSE body END, query.q, ?), score "
        "FROM top, query ORDER BY score DESC, version_id, ord",
        (tsquery, version_ids, *params, limit, options))
