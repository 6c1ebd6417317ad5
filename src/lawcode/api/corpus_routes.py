"""The corpus store over HTTP: ``GET /api/search`` and ``GET /api/diff``.

Both read the corpus store the command line fills (``lawcode ingest``): the embedded SQLite
store, or PostgreSQL named by ``LAWCODE_DATABASE_URL``. They answer exactly what ``lawcode
search`` and ``lawcode diff --format json`` print. The diff compares stored versions only
(``ID`` or ``ID@N``), never files named in a request. Before the first ingest (no store yet)
they answer as an empty store does, without creating one.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from lawcode.api.errors import ERROR_RESPONSES
from lawcode.api.library import opened_store
from lawcode.store.query import MAX_LENGTH as MAX_QUERY_LENGTH

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, default_response_class=JSONResponse)

StoredRef = Annotated[str, Query(description="a stored regulation: ID, or ID@N for its N-th version",
                                 min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._-]+(@[0-9]+)?$")]
Day = Annotated[dt.date | None, Query(description="the version in force on this day, YYYY-MM-DD")]


@router.get("/search", summary="Full-text search over the stored provisions and norms, best first")
def search(q: Annotated[str, Query(description='words, "a phrase", prefix*, AND / OR / NOT, (grouping)',
                                   min_length=1, max_length=MAX_QUERY_LENGTH)],
           regulation: Annotated[str | None, Query(max_length=200)] = None,
           kind: Annotated[str | None, Query(description="provision kind or norm kind", max_length=50)] = None,
           actor: Annotated[str | None, Query(description="a norm's bearer, counterparty or beneficiary",
                                              max_length=200)] = None,
           on: Day = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> JSONResponse:
    from lawcode.store.search import CANDIDATES
    from lawcode.store.search import search as run_search

    with opened_store() as store:
        results = run_search(store, q, regulation=regulation, kind=kind, actor=actor, on=on, limit=limit)
    answer: dict[str, Any] = {"query": q, "on": on.isoformat() if on else None,
                              "ranked_among_first": CANDIDATES if results.capped else None,
                              "in_force_unknown": list(results.undated),
                              "hits": [hit.to_dict() for hit in results.hits]}
    return JSONResponse(answer)


@router.get("/diff", summary="Compare two stored regulations or versions, article by article, aligned by content")
def diff(old: StoredRef, new: StoredRef, on: Day = None) -> JSONResponse:
    from lawcode.store.diff import Side, compare_sides
    from lawcode.store.store import chosen_undated

    with opened_store() as store:
        sides: list[Side] = []
        undated: list[str] = []  # chosen as in force on the day, with no day of entry into force stored
        for ref in (old, new):
            version = store.resolve(ref, on)
            sides.append((version.ref, store.document(version), store.norms(version), version.model_id))
            if chosen_undated(ref, on, version):
                undated.append(version.ref)
    return JSONResponse({**compare_sides(sides[0], sides[1]).to_dict(), "in_force_unknown": undated})
