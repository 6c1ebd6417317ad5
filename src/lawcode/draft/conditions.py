"""Conditions: the "where / when / if" parts of a clause, each to become a named fact.

Four places hold them: a leading clause before the subject ("Where X, the organ shall ..."),
a restriction of the subject ("keepers holding X", "farms that keep X"), a trailing clause
after the action ("... shall seek opinions where they involve X") and a restriction of the
person the action is done to ("must not refuse a person who has applied", "against a person
requiring the service"): the norm applies only to such a person. Each is kept as the
text's words (shortened); the drafter names a fact after them and asks about them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MARKERS = r"where|when|whenever|if|in case|in the event that|as necessary for|as needed for|once|upon|on condition that"
_LEADING = re.compile(rf"^(?:and\s+|but\s+)?(?P<marker>{MARKERS})\b\s*(?P<words>.*)$", re.IGNORECASE | re.DOTALL)
_TRAILING = re.compile(
    r"(?:,\s*|\s+)(?P<marker>where|when|whenever|if|in case|in the event that|once|after)\s+(?P<words>[^;]+)$",
    re.IGNORECASE,
)
# "after" opens a condition only as a clause with its own verb ("after the danger is eliminated"),
# not as a preposition ("after the corrections").
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had)\b", re.IGNORECASE)
_RELATIVE = re.compile(r",?\s+(?P<words>(?:that|who|which)\s+\w+.*)$", re.IGNORECASE | re.DOTALL)
_PARTICIPLE = re.compile(r"(?<=[a-z])\s+(?P<words>\w+ing\b.*)$", re.IGNORECASE | re.DOTALL)
# Words in -ing that are nouns, adjectives or prepositions, not a participle restricting a subject.
_NOT_PARTICIPLE = frozenset(
    [
        "during", "including", "concerning", "regarding", "according", "following", "excluding", "something",
        "anything", "everything", "nothing", "thing", "being", "building", "planning", "training", "learning",
        "preceding", "existing", "remaining", "pending", "outstanding", "meeting", "hearing", "housing", "funding",
        "processing", "marketing", "engineering", "mining", "banking", "shipping", "clothing", "lighting",
        "parking", "accounting", "auditing", "licensing", "publishing", "broadcasting", "advertising",
        "manufacturing", "boarding", "nursing", "spring", "ring", "king", "string", "wing", "evening", "morning"
    ]
)


@dataclass(frozen=True, slots=True)
class Condition:
    marker: str  # "where", "when", "that", "discovering" ...
    words: str  # what must hold, in the text's words
    place: str  # "leading", "subject", "list" (", that ..." after names: it restricts them all), "trailing", "object"


def split_leading(before: str) -> tuple[Condition | None, str]:
    """A leading condition of the words before a modal, and what remains (the subject)."""
    match = _LEADING.match(before)
    if not match:
        return None, before
    words, marker = match.group("words"), match.group("marker").lower()
    if " " in marker or marker in ("once", "upon"):  # "as necessary for X": the marker is part of what must hold
        words = f"{marker} {words}"
    cut = last_comma(words)
    if cut is None:
        return Condition(marker, words.strip(" ,"), "leading"), ""
    return Condition(marker, words[:cut].strip(" ,"), "leading"), words[cut + 1 :].strip(" ,")


def last_comma(words: str) -> int | None:
    """The comma that ends a leading condition: the last one, unless the rest continues a list."""
    cut = words.rfind(",")
    while cut > 0 and re.match(r"\s*(?:and|or)\s", words[cut + 1 :]):
        cut = words.rfind(",", 0, cut)
    return cut if cut > 0 else None


def split_restriction(subject: str) -> tuple[str, Condition | None]:
    """The subject's name and a restriction on it ("farms that keep X", "keepers holding X")."""
    first_space = subject.find(" ")
    if first_space < 0:
        return subject, None
    match = _RELATIVE.search(subject, first_space)
    if match is None:
        match = _PARTICIPLE.search(subject, first_space)
        for _ in range(8):  # a few words such as "learning" end in -ing and are not participles; a bounded skip
            if not match or match.group("words").split()[0].lower() not in _NOT_PARTICIPLE:
                break
            match = _PARTICIPLE.search(subject, match.start() + 1 + len(match.group("words").split()[0]))
        else:
            match = None
    if not match:
        return subject, None
    words = match.group("words")
    place = "list" if subject[match.start()] == "," else "subject"
    return subject[: match.start()].strip(" ,"), Condition(words.split()[0].lower(), words.strip(" ,"), place)


_OBJECT = re.compile(
    r"(?:^|\s)(?:an?|another|any)\s+(?P<head>[a-z][\w-]+)(?:\s*\([A-Z]\))?\s+"
    r"(?P<words>(?:who|whom|whose|(?:to|with|upon|on|for|from|by) whom|\w{3,}ing|\w{3,}ed)\b[^;—–]{3,120})",
    re.IGNORECASE,
)


_MANNER_START = re.compile(r"\s(?:by|as to|in the way|so as to)\s", re.IGNORECASE)


def object_restriction(action: str, is_someone: Callable[[str], bool]) -> Condition | None:
    """A restriction of the person the action is done to ("harass a person who occupies them"),
    or None. ``is_someone`` tells whether a head noun names someone who can be treated so."""
    for match in _OBJECT.finditer(action[:600]):
        first = match.group("words").split()[0].lower()
        if first in _NOT_PARTICIPLE or not is_someone(match.group("head")):
            continue
        words = _MANNER_START.split(match.group("words"), maxsplit=1)[0]  # "... by not providing": how, not who
        return Condition(first, f"{match.group('head')} {words.strip(' ,.;')}", "object")
    return None


def split_trailing(after: str) -> tuple[str, Condition | None]:
    """The action and a trailing condition ("... where they involve X")."""
    after = after.rstrip(" .;,")
    match = _TRAILING.search(after)
    if match and match.group("marker").lower() == "after" and not _FINITE_VERB.search(match.group("words")):
        match = None
    if not match:
        return after, None
    return after[: match.start()].strip(" ,"), Condition(
        match.group("marker").lower(), match.group("words").strip(" ,.;"), "trailing"
    )


_BREACH = re.compile(r"\b(?:fail(?:s|ed|ing)? to|violat\w*|contraven\w*|breach\w*|non-?complian\w*)\b", re.IGNORECASE)


def speaks_of_breach(condition: Condition) -> bool:
    """Whether a condition is a failure to comply: what follows it is a consequence."""
    return _BREACH.search(condition.words) is not None
