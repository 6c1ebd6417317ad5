"""Split a provision's words into sentences, and a sentence into clauses, one per modal.

A sentence ends at a full stop (or a semicolon) followed by a capital, a quote or the word
"and"/"where". A clause is the stretch of a sentence around one normative construction: it
starts after the last clause boundary (a semicolon, ", and", ", but", a comma) that follows
the previous construction, so "X shall do A, and Y shall do B" gives two clauses and
"X shall do A, and shall do B" gives a second clause with no subject of its own.
All scanning is a single pass over the text: long sentences cost linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawcode.draft.modals import Hit, find_hits

_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z\"“‘(]|and\s|where\s|Where\s)")
# Boundaries in order of preference: a conjunction that opens a condition ("X shall A, and where B,
# Y may C"), a semicolon, a comma with a conjunction, a bare comma, a bare "and".
_BOUNDARIES = (
    re.compile(r"[,;]\s*(?:and|but)\s+(?=(?:where|when|if|in case|as necessary|as needed)\b)", re.IGNORECASE),
    re.compile(r";\s*"),
    re.compile(r",\s+(?:and|but|or|while|whereas)\s+"),
    re.compile(r",\s+"),
    re.compile(r"\s+and\s+"),
)


_RELATIVE_FRAGMENT = re.compile(r"^(?:[a-z]+\s+){0,3}(?:which|whom|whose)\b")


def sentences(text: str) -> list[str]:
    """The sentences of a provision's text, stripped, in order."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


@dataclass(frozen=True, slots=True)
class Clause:
    """One normative construction with the words around it."""

    before: str  # the clause's words before the construction: conditions and the subject
    hit: Hit
    after: str  # the words after the construction, up to the next clause: the action
    sentence: str


def clauses(sentence: str) -> list[Clause]:
    """One clause per normative construction of ``sentence`` (none when it has none)."""
    if _RELATIVE_FRAGMENT.match(sentence):
        return []  # "in respect of which a person is entitled to ...": part of a sentence begun elsewhere
    hits = find_hits(sentence)
    spans: list[tuple[int, int]] = []  # (where the previous clause ends, where this one starts)
    previous_end = 0
    for hit in hits:
        spans.append((0, 0) if not spans else _boundary(sentence, previous_end, hit.start))
        previous_end = hit.end
    out = []
    for n, hit in enumerate(hits):
        end = spans[n + 1][0] if n + 1 < len(hits) else len(sentence)
        before = sentence[spans[n][1] : hit.start]
        out.append(Clause(before.strip(" ,;"), hit, sentence[hit.end : end].strip(" ,;"), sentence))
    return out


def _boundary(sentence: str, lo: int, hi: int) -> tuple[int, int]:
    """The boundary before the construction at ``hi``: the last one of the most preferred kind in (lo, hi)."""
    for pattern in _BOUNDARIES:
        last = None
        for match in pattern.finditer(sentence, lo, hi):
            last = match
        if last is not None:
            return last.start(), last.end()
    return hi, hi
