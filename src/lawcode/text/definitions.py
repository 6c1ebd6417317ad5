"""Definitions: the terms a text defines, and where.

A definition is a quoted term followed by a defining verb - ``"building" means ...``, ``'personal
data' means ...``, ``The term "child" means ...``, ``"X" includes ...``, ``"X" as used in these
Regulations refers to ...`` - or an unquoted term after "In this Act/Regulation/By-law/section,"
(``In this Act, employer means ...``), or ``The term "operator"`` ending a lead-in whose list
says what it means. Several may stand in one provision's words (a definitions
section that runs several together, separated by semicolons).

Each gets an id built from its term (``term-chief_fire_officer``), unique within the document, so
that the Akoma Ntoso export can mark the defining words up as ``<def refersTo="#term-...">`` and
list the term as a ``TLCTerm``. The patterns are bounded, so finding them is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lawcode.text.document import Node

_VERB = r"(?:means|mean|includes|include|has\s+the\s+(?:same\s+)?meaning|refers\s+to|shall\s+mean)\b"
# A quoted term, perhaps with a gloss in parentheses or "as used in ..." between it and its verb.
_QUOTED = re.compile(
    r"(?P<q>[\"'])\s*(?P<term>[^\"'\n]{1,100}?)\s*(?P=q)"
    r"(?:\s+(?:of|by|for)\s+(?:the|a|an)\s+[a-z]+(?:\s+[a-z]+){0,2}?)?"  # "'consent' of the data subject means"
    r"(?:\s*,\s*(?:in\s+relation\s+to|in\s+respect\s+of|for\s+the\s+purposes\s+of)\s+[^,;\n]{1,80},)?\s*,?\s+"
    r"(?:\([^()\n]{1,60}\)\s+)?(?:as\s+used\s+in\s+[^,;:\"\n]{1,80}?,?\s+)?" + _VERB
)
# "In this Act, employer means": the term unquoted, straight after the scope.
_IN_THIS = re.compile(
    r"\bIn\s+this\s+(?:Act|Regulation|Regulations|By-law|Bylaw|Part|section|Section|chapter|Chapter|Article|title|Code)"
    r"(?:\s+and\s+[^,\n]{1,40}?)?,\s+(?P<term>[A-Za-z][A-Za-z -]{0,60}?)\s+"
    r"(?:means|has\s+the\s+(?:same\s+)?meaning)\b"  # "In this By-law, words ... include": a rule, not a term
)
# "The term "operator"" ending a lead-in: its list says what the term means ("(A) means ...").
_TERM_LEAD = re.compile(r"\bThe\s+term\s+(?P<q>[\"'])(?P<term>[^\"'\n]{1,100}?)(?P=q)[\s:\u2014-]*$")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Definition:
    """A term defined in a provision's words: ``offset`` is where the term's words start in the
    provision's text (or in its wrap-up, when ``in_wrap_up``)."""

    source: str  # eId of the provision
    term: str
    offset: int
    term_id: str  # unique in the document: term-chief_fire_officer, term-chief_fire_officer_2
    in_wrap_up: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "term": self.term, "id": self.term_id, "offset": self.offset,
                "inWrapUp": self.in_wrap_up}


def find_definitions(nodes: Iterable[Node]) -> list[Definition]:
    """Every definition in the words of ``nodes`` (in document order), in reading order."""
    found: list[Definition] = []
    taken: dict[str, int] = {}
    for node in nodes:
        text, wrap_up = node.text, node.wrap_up
        if text and _may_define(text):
            found += (Definition(node.eid, term, offset, _term_id(term, taken)) for offset, term in _terms(text))
        if wrap_up and _may_define(wrap_up):
            found += (Definition(node.eid, term, offset, _term_id(term, taken), True)
                      for offset, term in _terms(wrap_up))
    return found


def _may_define(words: str) -> bool:
    """A quick test (C speed) that ``words`` hold a defining verb at all."""
    return ((('"' in words or "'" in words) and ("mean" in words or "includ" in words or "refers to" in words))
            or "In this" in words or "The term" in words)


def _terms(words: str) -> Iterator[tuple[int, str]]:
    spans: list[tuple[int, str]] = []
    if '"' in words or "'" in words:
        for match in _QUOTED.finditer(words):
            spans.append((match.start("term"), match.group("term")))
    if "The term" in words:
        lead = _TERM_LEAD.search(words)
        if lead is not None and not any(start == lead.start("term") for start, _ in spans):
            spans.append((lead.start("term"), lead.group("term")))
    if "In this" in words:
        for match in _IN_THIS.finditer(words):
            spans.append((match.start("term"), match.group("term")))
    yield from sorted(spans)


def _term_id(term: str, taken: dict[str, int]) -> str:
    """``term-`` and the term's words in lower case joined by ``_``; a number added when the same
    term is defined again (a term defined in two places has two definitions)."""
    base = "term-" + (_SLUG.sub("_", term.lower()).strip("_") or "term")
    count = taken.get(base, 0) + 1
    taken[base] = count
    return base if count == 1 else f"{base}_{count}"
