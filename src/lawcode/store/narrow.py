"""Which provision of a matching article row a hit cites: the narrowest one the query matches.

A search ranks article rows (:mod:`lawcode.store.rows`). For the best of them only, each of the
article's provisions (its words with those of the provisions inside it) is matched against the
query again, in a small full-text index of just these texts (the backend's own, so that words
stem and phrases match as in the ranking): the hit cites the narrowest provision that matches on
its own (Art. 5(1)(a) rather than Art. 5(1) or Art. 5), and its snippet comes from it. When the
query's words only meet across several provisions (one word in paragraph 1, another in 2), the
narrowest provision holding them all is the article, and the hit cites it. Other narrowest
provisions of the same article that match are listed with the hit (``also``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lawcode.store.rows import Part, parts_of

# What a backend gives back for some texts to match: for each key that matches the query, its
# score (higher is better) and its snippet (the matched words marked).
Matches = dict[int, tuple[float, str]]
# The texts to match: (key, heading, body).
Matcher = Callable[[list[tuple[int, str, str]]], Matches]

# A part's key in the matcher: its row's place among the rows shown, times this, plus its own place.
_PARTS_PER_ROW = 1 << 16


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


def narrowest(rows: Sequence[Row], match: Matcher, kind: str | None = None) -> list[Cited | None]:
    """For each row, what its hit cites, or None when it has no provision of ``kind`` that the
    query matches (only when ``kind`` is given: a row ranked for the query matches it as a whole).
    """
    texts: list[tuple[int, str, str]] = []
    candidates: list[list[Part]] = []
    for place, row in enumerate(rows):
        if not row.parts:
            own = Part(row.ref, row.kind, row.citation, 0, len(row.body))
            parts = [own]
            texts.append((place * _PARTS_PER_ROW, row.heading, row.body))
        else:
            parts = parts_of(row.ref, row.parts)
            if len(parts) >= _PARTS_PER_ROW:
                parts = parts[:1]  # never in a real text: then the article alone is matched again
            for at, part in enumerate(parts):
                if kind is not None and part.kind != kind:
                    continue
                if at == 0:
                    texts.append((place * _PARTS_PER_ROW, row.heading, row.body))
                else:
                    texts.append((place * _PARTS_PER_ROW + at, "", row.body[part.start:part.end]))
        candidates.append(parts)
    found = match(texts) if texts else {}
    cited: list[Cited | None] = []
    for place, parts in enumerate(candidates):
        matched = [(at, part) for at, part in enumerate(parts) if place * _PARTS_PER_ROW + at in found]
        # A provision's own provisions follow it (reading order) and lie within its words.
        least = [(at, part) for at, part in matched
                 if not any(later > at and part.contains(other) for later, other in matched)]
        if not least:
            cited.append(None)
            continue
        best_at, best = max(least, key=lambda pair: (found[place * _PARTS_PER_ROW + pair[0]][0], -pair[0]))
        snippet = found[place * _PARTS_PER_ROW + best_at][1]
        cited.append(Cited(best.eid, best.kind, best.citation, snippet,
                           tuple(part for _, part in least if part is not best)))
    return cited
