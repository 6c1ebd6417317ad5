"""Definitions: sentences that fix what a term means ("X" means ..., the term "X" means ...,
"X" as used in these Regulations refers to ...)."""

from __future__ import annotations

import re

_QUOTED = r"[\"“‘']([^\"”’']{1,80})[\"”’']"
_PATTERNS = (
    re.compile(
        r"^\s*(?:\w[\w\s,()-]{0,60}?\s*[—–-]+\s*)?"
        r"(?:in (?:this|that|subsections?|sections?|paragraph) [\w\s()-]{0,40},?\s*)?"
        r"(?:the (?:term|expression|word)s?\s+)?"
        + _QUOTED
        + r"\s*,?\s*(?:as used in [^,]{1,80}?,?\s*|in this [\w\s-]{1,40},?\s*)?"
        r"(?:means|mean|refers to|refer to|includes|include|has the meaning|shall mean|is defined as)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\bthe term\s+" + _QUOTED + r"\s+(?:means|includes|has the meaning|shall mean)\b", re.IGNORECASE),
)


# Definitions without a quoted term: "a reference to X is a reference to Y", "Honey includes—",
# and a present-tense statement of when something is the case ("A keeper neglects a hive
# if ..."), which defines what the provision's heading names.
_REFERENCE = re.compile(
    r"\breferences? (?:\(however expressed\) )?to .{1,200}? (?:is|are|includes?) (?:a |to )?(?:references? to\b)?",
    re.IGNORECASE,
)
_UNQUOTED = re.compile(
    r"^(?:in (?:this|relation to)[^,—]{1,80}[,—]\s*)?(?:an? |the )?(?P<term>[\w'’ ()-]{1,60}?) "
    r"(?:means|include|includes|does not include|comprises|is to be construed)\b",
    re.IGNORECASE,
)
# "Age discrimination is—", "The relevant characteristics are—": a lead-in whose items say what the term is
_IS_LIST = re.compile(r"^(?:an? |the )?(?P<term>[\w'’ ()-]{1,80}?) (?:is|are)\s*[—–:-]\s*$", re.IGNORECASE)
_IF_STATEMENT = re.compile(r"^[^.;:]{3,250}?\s(?:if|only if|where)\b", re.IGNORECASE)


def unquoted_definition(sentence: str, heading: str | None) -> tuple[str, str] | None:
    """(term, rule) for a sentence with no modal that defines something without quoting it, or None.

    The term is the provision's heading where the sentence itself does not name one.
    """
    if _REFERENCE.search(sentence[:600]):
        return heading or "references", "reference-is-reference-to"
    match = _UNQUOTED.match(sentence[:600])
    if match:
        return match.group("term").strip(), "term-means-or-includes"
    match = _IS_LIST.match(sentence[:600])
    if match:
        return match.group("term").strip(), "term-is-list"
    if (
        heading
        and re.search(r"\b(?:is|are)\b", sentence[:600])
        and all(w in sentence[:600].lower() for w in heading.lower().split()[-2:])
    ):
        return heading, "is-what-the-heading-names"
    if _IF_STATEMENT.match(sentence[:600]):
        return heading or " ".join(sentence.split()[:4]), "if-statement-defines"
    return None


def defined_term(sentence: str) -> str | None:
    """The term a sentence defines, or None when it defines none."""
    for pattern in _PATTERNS:
        match = pattern.search(sentence)
        if match:
            return match.group(1).strip()
    return None
