"""Ranked full-text search over stored articles and norms, on either backend.

SQLite ranks the rows (one per article, container or norm: :mod:`lawcode.store.rows`) with
FTS5's BM25; PostgreSQL with ``ts_rank`` over a weighted ``tsvector`` (headings above words).
Each of the best rows is then cited to the narrowest provision in it that the query matches,
with a snippet of that provision's words, the matched ones in ``**`` (Markdown bold), the same
way on both backends (:mod:`lawcode.store.narrow`, with each backend's stemming). Only one
version of each regulation is searched: the one in force on ``on``, else the latest.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lawcode.errors import QueryError
from lawcode.store import narrow, prefixes
from lawcode.store import query as q
from lawcode.store.actors import ActorsOfVersion, actors_matching, unknown_actor
from lawcode.store.backends import Row, Statement
from lawcode.store.migrations import FTS5_TOKENIZER
from lawcode.store.rows import Part, kind_marker
from lawcode.store.sqlite_driver import sqlite3
from lawcode.store.store import Store, Version, version_ref

MARK = narrow.MARK


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
    # the other narrowest provisions of the same article that match (see lawcode.store.narrow)
    also: tuple[Part, ...] = ()
    # a norm found by --actor that concerns the actor only if one of these holds (it may be the bearer,
    # counterparty or beneficiary: lawcode.store.actors.ActorsOfVersion.only_if); none: it does
    actor_only_if: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": self.version, "what": self.what, "kind": self.kind}
        if self.what == "provision":
            data.update(eid=self.ref, citation=self.citation,
                        also=[{"eid": part.eid, "citation": part.citation} for part in self.also])
        else:
            data.update(norm=self.ref, actors=list(self.actors), cites=list(self.cites),
                        citations=self.citation.split("; ") if self.citation else [],
                        actor_only_if=list(self.actor_only_if))
        data.update(snippet=self.snippet, score=round(self.score, 4))
        return data


@dataclass(frozen=True)
class Shown(narrow.Row):
    """A ranked row with the actors and cites of a norm's."""

    actors: str = ""
    cites: str = ""


@dataclass(frozen=True)
class Results:
    """The hits, best first; ``capped`` when more than :data:`CANDIDATES` rows matched, so that
    the hits are the best among the first :data:`CANDIDATES` in the order they were stored.

    ``undated``: for a search on a day, the versions of the hits whose start of force is unknown.
    The store takes such a version as in force on any day (see :mod:`lawcode.store.store`), so
    their hits may come from a text not yet in force that day: the answer says so, not only the
    list of versions."""

    hits: tuple[Hit, ...]
    capped: bool
    undated: tuple[str, ...] = ()


# Ranking scores every matching row; a word in most articles of a large corpus matches tens of
# thousands. Ranking stops at this many candidates (in the order stored), so that every search
# answers in a bounded time; the answer says when it did. 1,000 rows are the articles of about 23
# regulations of the benchmark's corpus, and all of any one of the corpus texts (the most, 215,
# are the Equality Act's 63 sections and headings and its model's 152 norms), so a search narrowed
# by --regulation is always ranked in full. Why not 2,000 (as with a row per provision): ranking
# 2,000 article rows costs PostgreSQL twice as much (2,000 synthetic regulations, search median
# 14.8 / p99 29 ms at 1,000 candidates, 22.8 / 37 ms at 2,000; SQLite 5.5 / 13 against 6.7 / 16).
CANDIDATES = 1000

# How many times ``limit`` rows are ranked for a search narrowed by --kind (see search).
KIND_SPARE = 4


def search(store: Store, text: str, *, regulation: str | None = None, kind: str | None = None,
           actor: str | None = None, on: dt.date | None = None, limit: int = 20) -> Results:
    """The best ``limit`` matches of the query ``text`` (see :mod:`lawcode.store.query`), best first."""
    parsed = q.parse(text)
    q.check_kind(kind)
    scope = store.search_scope(on, regulation)
    if scope == []:
        if regulation is not None:
            store.resolve(regulation, on)  # the error: no version of it in force that day, with theirs
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
    of_version: dict[str, ActorsOfVersion] = {}  # with --actor: what the actor is or may be, by version searched
    if actor is not None:
        bearers = actors_matching(store, actor, scope)
        if not bearers:
            raise unknown_actor(store, actor, scope)
        of_version = {of.ref: of for of in bearers.values()}
        filters.append("(" + " OR ".join(
            f"(s.version_id = ? AND ({' OR '.join(['s.actors LIKE ?'] * len(of.conditions))}))"
            for of in bearers.values()) + ")")
        for version_id, of in bearers.items():
            params.extend([version_id, *(f"% {one} %" for one in of.conditions)])
    where = "".join(f" AND {f}" for f in filters)
    # A row ranked for a kind may hold no provision of that kind that the query matches on its own:
    # more rows are read, and the first ``limit`` that do are kept.
    ranked = limit if kind is None else limit * KIND_SPARE
    postgresql = _PostgresStems(store) if store.backend.name == "postgresql" else None
    stemmer = postgresql or narrow.remembering(_sqlite_stems)
    parsed = prefixes.completed(parsed, stemmer)
    if postgresql is None:
        rows, capped = _sqlite(store, _fts5_match(parsed, kind), where, params, ranked)
    else:
        rows, capped = _postgresql(store, parsed, kind, where, params, ranked, postgresql)
    hits: list[Hit] = []
    # The best rows are cited ``limit`` at a time, until ``limit`` of them hold a match (only a
    # search by kind ranks more rows than that, and its first rows mostly do).
    for start in range(0, len(rows), limit):
        page = rows[start:start + limit]
        found = narrow.narrowest([row for row, _, _ in page], parsed, stemmer, kind)
        hits += [Hit(version, row.what, cited.ref, cited.kind or "", tuple(row.actors.split()),
                     tuple(row.cites.split()), cited.citation, cited.snippet, score, cited.also)
                 for (row, version, score), cited in zip(page, found, strict=True) if cited is not None]
        if len(hits) >= limit:
            break
    hits = hits[:limit]
    if of_version:  # each norm found: when it concerns the actor only if the actor is one it may be
        hits = [replace(hit, actor_only_if=of_version[hit.version].only_if(hit.actors)) if hit.what == "norm" else hit
                for hit in hits]
    return Results(tuple(hits), capped, _undated(scope, hits) if on is not None else ())


def _undated(scope: list[Version] | None, hits: list[Hit]) -> tuple[str, ...]:
    """The versions of ``hits`` with no known start of force (a search on a day has a scope)."""
    undated = {version.ref for version in scope or () if version.in_force_from is None}
    return tuple(sorted(undated.intersection(hit.version for hit in hits)))


def _fts5_match(parsed: q.Query, kind: str | None) -> str:
    """The FTS5 query, narrowed by ``kind`` to the rows that hold one (the index's column of kinds)."""
    match = q.to_fts5(parsed, prefix_columns="body heading")
    return match if kind is None else f'({match}) AND kinds : "{kind_marker(kind)}"'


def _sqlite(store: Store, match: str, where: str, params: list[Any],
            limit: int) -> tuple[list[tuple[Shown, str, float]], bool]:
    """The best ``limit`` rows, ranked, with what a hit needs of them (the version's ``ID@N`` too).

    One pass over the matches ranks the first CANDIDATES + 1 in store order (FTS5 reads them in
    key order and stops there; the last one only tells that there were more); the best rows are
    then read by key.
    """
    # bm25 is lower for better matches: negated so that a higher score is better on both backends.
    # Headings weigh twice the words; the kinds a row holds, nothing.
    best = store.backend.rows(
        "WITH found AS MATERIALIZED (SELECT s.rowid AS key, -bm25(search_text, 1.0, 2.0, 0.0) AS score "
        f"FROM search_text s WHERE search_text MATCH ?{where} ORDER BY s.rowid LIMIT ?), "
        "counted AS (SELECT count(*) AS n, max(key) AS last FROM found) "
        "SELECT key, score, n FROM found, counted WHERE n <= ? OR key < last ORDER BY score DESC, key LIMIT ?",
        (match, *params, CANDIDATES + 1, CANDIDATES, limit))
    if not best:
        return [], False
    keys = [row[0] for row in best]
    shown = {row[0]: row[1:] for row in store.backend.rows(
        f"SELECT s.rowid, {_SHOWN_COLUMNS} FROM search_text s JOIN versions v ON v.id = s.version_id "
        f"WHERE s.rowid IN ({', '.join('?' * len(keys))})", keys)}
    return [(*_shown(shown[key]), float(score)) for key, score, _ in best], int(best[0][2]) > CANDIDATES


# What a hit shows of its row and version (``s`` the row, ``v`` its version), read for the best rows only.
_SHOWN_COLUMNS = ("v.regulation_id, v.number, s.what, s.ref, s.kind, s.actors, s.cites, s.citation, s.heading, "
                  "s.body, s.parts")


def _shown(columns: Sequence[Any]) -> tuple[Shown, str]:
    """A row read by :data:`_SHOWN_COLUMNS`: what a hit shows of it, and its version's ``ID@N``."""
    regulation, number, what, ref, kind, actors, cites, citation, heading, body, parts = columns
    return Shown(what, ref, kind or "", citation or "", heading or "", body or "", parts or "", actors or "",
                 cites or ""), version_ref(regulation, number)


def _sqlite_stems(words: list[str]) -> dict[str, str | None]:
    """Each word as SQLite's full-text index stems it (FTS5's own tokenizer, asked through a table in
    memory that holds these words only, one a row, inside a transaction that is rolled back, so that
    the table is empty again for the next search in this thread: making it anew each time cost more)."""
    scratch = _scratch_table()
    scratch.execute("BEGIN")
    try:
        scratch.executemany("INSERT INTO words (rowid, word) VALUES (?, ?)", enumerate(words))
        stems: dict[str, str | None] = dict.fromkeys(words)
        for row, stem in scratch.execute("SELECT doc, term FROM word_terms ORDER BY doc, offset"):
            if stems[words[row]] is None:
                stems[words[row]] = stem
        return stems
    finally:
        scratch.execute("ROLLBACK")


_scratch = threading.local()


def _scratch_table() -> sqlite3.Connection:
    """This thread's database in memory with the empty table ``words`` (see :func:`_sqlite_stems`)."""
    connection: sqlite3.Connection | None = getattr(_scratch, "connection", None)
    if connection is None:
        connection = sqlite3.connect(":memory:", isolation_level=None)
        connection.execute(f"CREATE VIRTUAL TABLE words USING fts5(word, tokenize = '{FTS5_TOKENIZER}')")
        connection.execute("CREATE VIRTUAL TABLE word_terms USING fts5vocab(words, 'instance')")
        _scratch.connection = connection
    return connection


# Server settings for PostgreSQL's search statement. No sequential scan: the planner takes one, with
# LIMIT, for a word it deems common, and reads the table until enough rows match, which for a word
# that only regulations stored late hold is most of the table (50-300 ms). No parallel workers: their
# rows come in no fixed order, so the candidates would change from one search to the next. No JIT
# (compiling costs more than such a query runs) and no generic plan of a prepared statement (the
# plan depends on how common the words are, which only the query's own words tell).
PLANNER_SETTINGS = {"enable_seqscan": "off", "max_parallel_workers_per_gather": "0", "jit": "off",
                    "plan_cache_mode": "force_custom_plan"}


def _postgresql(store: Store, parsed: q.Query, kind: str | None, where: str, params: list[Any],
                limit: int, stems: _PostgresStems) -> tuple[list[tuple[Shown, str, float]], bool]:
    """The best ``limit`` rows, ranked, with what a hit needs of them (the version's ``ID@N`` too), in
    one round trip to the server (:meth:`Backend.rows_of_each`): the first CANDIDATES + 1 matches
    in the order the table holds them (about the order written, see docs/decisions/0017; the last
    one only tells that there were more) are found and ranked as they are read (their keys and
    tsvectors only, so that no copy of a tsvector is kept), as on SQLite; the best rows are then read
    by key.

    A query with a phrase is narrowed first by the index of word pairs (migration 3) to the rows where
    the phrase's words stand side by side (every such row is then checked against the phrase itself;
    ``IS TRUE`` keeps the planner from also listing, from the other index, every row that holds
    the words). Since a row holds an article (schema 5), a query that matches very many rows is no
    longer looked for first among a sample of the rows (migrations 3 and 4, dropped by 5): with a
    ninth of the rows, it saved about 2% of the server's time on 1,000 synthetic regulations, and
    no p99 outside the machine's noise (docs/notes/pgrows-6.md). Narrowed by ``kind``, only the rows
    whose kinds hold it are read (migration 8's index of them).
    """
    if kind is not None:
        where, params = f"{where} AND to_tsvector('simple', s.kinds) @@ ?::tsquery", [*params, kind_marker(kind)]
    tsquery = q.to_tsquery(parsed)
    pairs = _pairs_query(parsed, stems)
    if pairs is not None:
        match = ("lawcode_word_pairs(s.document) @@ ?::tsquery "
                 f"AND (s.document @@ to_tsquery('english', ?)) IS TRUE{where}")
        match_params: list[Any] = [pairs, tsquery, *params]
    else:
        match, match_params = f"s.document @@ to_tsquery('english', ?){where}", [tsquery, *params]
    # Normalised by the log of the row's length (flag 1): a row is an article, and without it the
    # longest articles rank first for any common word (FTS5's bm25 normalises by length too).
    found = ("found AS MATERIALIZED (SELECT s.id, ts_rank(s.document, to_tsquery('english', ?), 1) AS score "
             f"FROM search_text s WHERE {match} LIMIT ?)")
    found_params = [tsquery, *match_params, CANDIDATES + 1]
    ranked: Statement = (
        f"WITH {found}, counted AS (SELECT count(*) AS n, max(id) AS last FROM found), "
        "top AS (SELECT id, score FROM found, counted WHERE n <= ? OR id < last ORDER BY score DESC, id LIMIT ?) "
        f"SELECT {_SHOWN_COLUMNS}, top.score, counted.n "
        "FROM top JOIN search_text s ON s.id = top.id JOIN versions v ON v.id = s.version_id, counted "
        "ORDER BY top.score DESC, top.id",
        (*found_params, CANDIDATES, limit))
    # The stems that citing the hits needs (lawcode.store.narrow), asked in the same round trip.
    unknown = stems.unknown(q.words(parsed))
    rows, *stemmed = store.backend.rows_of_each([ranked, *([stems.statement(unknown)] if unknown else [])],
                                                PLANNER_SETTINGS)
    for lexemes in stemmed:
        stems.learn(lexemes)
    if not rows:
        _refuse_only_stop_words(store, tsquery, parsed)
    capped = bool(rows) and int(rows[0][-1]) > CANDIDATES
    return [(*_shown(row[:-2]), float(row[-2])) for row in rows], capped


class _PostgresStems:
    """PostgreSQL's English stems of words (None for a word its search leaves out), and all the
    lexemes each word gives (:func:`_pairs_query` needs them), remembered: each is asked once a
    search, in one statement for the words not asked before. A search asks few times: for its own
    words with the completions of its prefixes (:func:`prefixes.completed`) or with its phrases'
    (:func:`_pairs_query`), else beside the ranking (:func:`_postgresql`); then for the words of
    the texts it cites."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, list[str]] = {}

    def __call__(self, words: list[str]) -> dict[str, str | None]:
        return {word: (found[0] if found else None) for word, found in self.lexemes(words).items()}

    def lexemes(self, words: list[str]) -> dict[str, list[str]]:
        unknown = self.unknown(words)
        if unknown:
            self.learn(self.store.backend.rows(*self.statement(unknown)))
        return {word: self.known[word] for word in words}

    def unknown(self, words: Iterable[str]) -> list[str]:
        return sorted(word for word in set(words) if word not in self.known)

    @staticmethod
    def statement(words: list[str]) -> Statement:
        """The statement whose rows :meth:`learn` takes: each word with its lexemes."""
        return ("SELECT word, array(SELECT lexeme FROM unnest(to_tsvector('english', word))) "
                "FROM unnest(?::text[]) AS word", (words,))

    def learn(self, rows: list[Row]) -> None:
        self.known.update((str(word), list(found)) for word, found in rows)


def _refuse_only_stop_words(store: Store, tsquery: str, parsed: q.Query) -> None:
    """An error for a query that found nothing because every word of it is one that PostgreSQL's
    English search leaves out of its index ("the", "which", "shall"): SQLite's index keeps them, so
    on SQLite the same query finds rows, and "no match" would say the corpus has none. Asked only
    when nothing was found, so that a search that finds something pays nothing for it."""
    [[lexemes]] = store.backend.rows("SELECT numnode(to_tsquery('english', ?))", (tsquery,))
    if lexemes == 0:
        words = sorted({word for phrase in q.leaves(parsed) for word in phrase.words})
        raise QueryError(f"search query has only words PostgreSQL's English search leaves out as too common "
                         f"({', '.join(words)})", expected="at least one less common word, or a phrase with one")


def _pairs_query(parsed: q.Query, stems: _PostgresStems) -> str | None:
    """A ``tsquery`` over :func:`lawcode_word_pairs` that every row matching ``parsed`` matches, or
    None when the query holds no phrase that must match (a phrase under OR beside a word, or after
    NOT, narrows nothing)."""
    phrases = _phrases(parsed)
    if not phrases:
        return None
    lexemes = stems.lexemes(sorted(q.words(parsed)))  # all the query's words: one statement for the search

    def narrowed(query: q.Query) -> str | None:
        if isinstance(query, q.Words):
            pairs = []
            for at in range(len(query.words) - 1):
                first, second = lexemes.get(query.words[at].lower(), []), lexemes.get(query.words[at + 1].lower(), [])
                if len(first) == 1 and len(second) == 1:  # a stop word has none: its neighbours are not adjacent
                    prefix = ":*" if query.prefix and at + 2 == len(query.words) else ""
                    pairs.append(_lexeme(f"{first[0]} {second[0]}") + prefix)
            return " & ".join(pairs) or None
        left, right = narrowed(query.left), narrowed(query.right)
        if query.name == "NOT":
            return left
        if query.name == "AND":
            return f"({left}) & ({right})" if left and right else left or right
        return f"({left}) | ({right})" if left and right else None

    return narrowed(parsed)


def _phrases(query: q.Query) -> list[q.Words]:
    return [words for words in q.leaves(query) if len(words.words) > 1]


def _lexeme(text: str) -> str:
    """``text`` as one quoted lexeme of a ``tsquery``."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
