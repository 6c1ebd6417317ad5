"""Which provision of a matching article row a hit cites: the narrowest one the query matches.

A search ranks article rows (:mod:`lawcode.store.rows`). For the best of them only, the query is
matched again against each provision of the article (its words with those of the provisions in
it), here in Python: the words of the query are found in the article's text, stemmed as the
backend stems them (one statement for the few words that could be them), and the query's AND,
OR, NOT and phrases are checked over each provision's stretch of text. The hit cites the
narrowest provision that matches (Art. 5(1)(a) rather than Art. 5(1) or Art. 5), the first in
reading order when several do (the others are listed with it, ``also``), and its snippet comes
from that provision. When the query's words only meet across provisions (one word in paragraph
1, another in paragraph 2), the narrowest provision holding them all is the article.

Why not the backend's own full-text index for this: indexing the texts of 20 articles again
(every provision's, nested) took 3-60 ms a search, as much as the ranking itself. Why it is
safe: the row was matched by the backend; if a word is tokenized here otherwise than there
(a rare character), the hit cites the article, which does hold the match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from lawcode.store import query as q
from lawcode.store.rows import Part, parts_at, spans_of

# The backend's stems of some lower-case words (None for a word its index leaves out).
Stemmer = Callable[[list[str]], dict[str, str | None]]

# A word as the index splits text into words: a run of letters and digits (unicode61's default).
_WORD = re.compile(r"[^\W_]+")
MARK = "**"  # around each matched word or phrase in a snippet (Markdown bold)
SNIPPET_WORDS = 24  # words in a snippet, as the backends' own snippets have
_BEFORE = 6  # words shown before the first match


@dataclass(frozen=True)
class Row:
    """A ranked full-text row, as the search read it."""

    what: str
    ref: str
    kind: str
    citation: str
    heading: str
    body: str
    parts: str  # "" for a container's or a norm's row


@dataclass(frozen=True)
class Cited:
    """What a hit cites in its row: the provision (or the row's own ref), its snippet, and the
    other narrowest provisions of the row that match."""

    ref: str
    kind: str
    citation: str
    snippet: str
    also: tuple[Part, ...]


def remembering(stem: Stemmer) -> Stemmer:
    """``stem``, asked only for the words it was not asked for before: a search asks for its query's
    words again for each page of hits and after completing its prefixes (SQLite's stemmer; on
    PostgreSQL, ``search._PostgresStems`` remembers them, with their lexemes)."""
    known: dict[str, str | None] = {}

    def stems(words: list[str]) -> dict[str, str | None]:
        new = [word for word in words if word not in known]
        if new:
            known.update(stem(new))
        return {word: known.get(word) for word in words}

    return stems


def narrowest(rows: Sequence[Row], query: q.Query, stem: Stemmer, kind: str | None = None) -> list[Cited | None]:
    """For each row, what its hit cites; None when ``kind`` is given and the row holds no provision
    of that kind that the query matches."""
    leaves = q.leaves(query)
    words = q.words(query)
    stems = stem(sorted(words))
    # A word begins with its stem but for the stem's last letter: the stemmers change only a
    # word's ending (Porter's "happy" -> "happi", "hoping" -> "hope", "relational" -> "relat").
    # Only the words of the text that begin so can be the query's. (PostgreSQL's English stemmer
    # has a few exceptions, "dying" -> "die": such a word is missed here, and a hit that rests on
    # it cites its whole article.)
    starts = sorted({_start(stems.get(word) or word) for word in words})
    found = [(_candidates(starts, row.heading), _candidates(starts, row.body)) for row in rows]
    unknown = {token for pair in found for tokens in pair for _, _, token in tokens} - stems.keys()
    stems |= stem(sorted(unknown)) if unknown else {}
    return [_cite(row, query, leaves, stems, heading, body, kind)
            for row, (heading, body) in zip(rows, found, strict=True)]


def _start(stem: str) -> str:
    return stem[:max(2, len(stem) - 1)]


def _candidates(starts: list[str], text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` that begin with one of ``starts`` (start, end, lower case), in order."""
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is longer: offsets would not match
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    found = []
    for start in starts:
        at = lower.find(start)
        while at >= 0:
            if at == 0 or not _WORD.match(lower, at - 1):
                end = _WORD.match(lower, at)
                if end is not None:
                    found.append((at, end.end(), end.group()))
            at = lower.find(start, at + 1)
    if len(starts) > 1:
        found = sorted(set(found))
    return found


def _cite(row: Row, query: q.Query, leaves: list[q.Words], stems: dict[str, str | None],
          heading: list[tuple[int, int, str]], body: list[tuple[int, int, str]], kind: str | None) -> Cited | None:
    spans: list[list[Any]] = spans_of(row.parts) if row.parts else [[0, len(row.body), row.kind, "", -1]]
    in_heading = {id(leaf): _found(leaf, heading, stems, row.heading) for leaf in leaves}
    at = {id(leaf): _found(leaf, body, stems, row.body) for leaf in leaves}
    starts = {key: [start for start, _ in found] for key, found in at.items()}
    # A word the backend's index leaves out (PostgreSQL's "the") is no condition there: none here.
    ignored = {id(leaf) for leaf in leaves if all(stems.get(word.lower()) is None for word in leaf.words)}
    shown = [leaf for leaf in _positive_leaves(query) if id(leaf) not in ignored]
    # Every match holds a word or phrase that is not after NOT: only the provisions that hold one
    # (and the article, whose heading may) are asked whether they match.
    anywhere = sorted(start for leaf in shown for start in starts[id(leaf)])

    def matches(index: int, start: int, end: int) -> bool:
        def holds(leaf: q.Words) -> bool:
            if (index == 0 and in_heading[id(leaf)]) or id(leaf) in ignored:
                return True
            found = starts[id(leaf)]
            first = bisect_left(found, start)
            return first < len(found) and found[first] < end
        return _evaluate(query, holds)

    matched: list[tuple[int, int, int]] = []
    for index in _holding(spans, anywhere):
        start, end, part_kind = spans[index][0], spans[index][1], spans[index][2]
        if (kind is None or part_kind == kind or not row.parts) and matches(index, start, end):
            matched.append((index, start, end))
    # A provision's own provisions follow it at once in reading order: if one of them matches, the
    # next provision that matches is one of them.
    least = [index for (index, start, end), after in zip(matched, [*matched[1:], None], strict=False)
             if after is None or not (start <= after[1] and after[2] <= end)]
    if not least:
        if kind is not None and row.parts:
            return None
        least = [0]  # tokenized otherwise than the backend did: the row itself holds the match
    parts = parts_at(row.ref, spans, least) if row.parts else [Part(row.ref, row.kind, row.citation, 0, len(row.body))]
    cited = parts[0]
    marks = sorted(span for leaf in shown for span in at[id(leaf)] if cited.start <= span[0] < cited.end)
    if marks or least[0] != 0 or not any(in_heading[id(leaf)] for leaf in shown):
        snippet = _snippet(row.body[cited.start:cited.end], [(s - cited.start, e - cited.start) for s, e in marks])
    else:  # the article's heading holds the match
        snippet = _snippet(row.heading, sorted(span for leaf in shown for span in in_heading[id(leaf)]))
    return Cited(cited.eid, cited.kind, cited.citation, snippet, tuple(parts[1:]))


def _holding(spans: list[list[Any]], positions: list[int]) -> list[int]:
    """The places of the parts that hold one of ``positions`` (and of the article), in reading order:
    for each position, the narrowest part that holds it (an ancestor of the last part that starts
    at or before it) and the parts that part is in. Not every part: an article may have hundreds."""
    starts = [span[0] for span in spans]
    holding = {0}
    for position in positions:
        at = bisect_right(starts, position) - 1
        while at > 0 and not spans[at][0] <= position < spans[at][1]:
            at = spans[at][-1]
        while at > 0 and at not in holding:
            holding.add(at)
            at = spans[at][-1]
    return sorted(holding)


def _positive_leaves(query: q.Query) -> list[q.Words]:
    """The words and phrases of the query that a match holds (not those after NOT)."""
    if isinstance(query, q.Words):
        return [query]
    if query.name == "NOT":
        return _positive_leaves(query.left)
    return _positive_leaves(query.left) + _positive_leaves(query.right)


def _evaluate(query: q.Query, holds: Callable[[q.Words], bool]) -> bool:
    if isinstance(query, q.Words):
        return holds(query)
    left = _evaluate(query.left, holds)
    if query.name == "AND":
        return left and _evaluate(query.right, holds)
    if query.name == "OR":
        return left or _evaluate(query.right, holds)
    return left and not _evaluate(query.right, holds)


def _found(leaf: q.Words, tokens: list[tuple[int, int, str]], stems: dict[str, str | None],
           text: str) -> list[tuple[int, int]]:
    """Where in ``text`` the word or phrase ``leaf`` stands: (start, end) of each time. ``tokens``
    are the candidate words of the text (start, end, lower case), in order; the words of a phrase
    must follow each other with nothing but spaces and punctuation between them."""
    wanted = [stems.get(word.lower()) for word in leaf.words]
    last = len(wanted) - 1
    spans = []
    for at in range(len(tokens) - last):
        for offset, expected in enumerate(wanted):
            start, _, token = tokens[at + offset]
            if offset and _WORD.search(text, tokens[at + offset - 1][1], start):
                break  # another word stands between
            got = stems.get(token)
            prefix = leaf.prefix and offset == last
            if expected is None:  # a word the index leaves out (PostgreSQL's "each"): any word stands there
                continue
            if got is None or not (got == expected or (prefix and (
                    got.startswith(expected) or token.startswith(leaf.words[-1].lower())))):
                break
        else:
            spans.append((tokens[at][0], tokens[at + last][1]))
    return spans


def _snippet(text: str, marks: list[tuple[int, int]]) -> str:
    """About SNIPPET_WORDS words of ``text`` from a little before its first mark, the marked words
    in ``**``, an ellipsis where the text goes on."""
    first = marks[0][0] if marks else 0
    before = [m.start() for m in _WORD.finditer(text, max(0, first - 200), first)]
    start = before[-_BEFORE] if marks and len(before) > _BEFORE else 0  # near the start: from it
    while start and not text[start - 1].isspace():  # "(b) the", not "b) the"
        start -= 1
    end = len(text)
    for count, m in enumerate(_WORD.finditer(text, start), 1):
        if count == SNIPPET_WORDS:
            end = m.end()
            break
    pieces, at = [], start
    for mark_start, mark_end in marks:
        if mark_start >= end:
            break
        if mark_start < at:
            continue
        pieces += [text[at:mark_start], MARK, text[mark_start:mark_end], MARK]
        at = mark_end
    pieces.append(text[at:end])
    shown = " ".join("".join(pieces).split())
    return ("…" if start > 0 else "") + shown + ("…" if end < len(text) else "")
