"""Definitions: sentences that fix what a term means ("X" means ..., the term "X" means ...,
"X" as used in these Regulations refers to ...)."""

from __future__ import annotations

import re

_QUOTED = r"[\"“‘']([^\"”’']{1,80})[\"”’']"
_PATTERNS = (
    re.compile(r"^\s*(?:\w[\w\s,()-]{0,60}?\s*[—–-]+\s*)?(?:in this [\w\s-]{1,40},\s*)?(?:the (?:term|expression|word)s?\s+)?"
               + _QUOTED + r"\s*,?\s*(?:as used in [^,]{1,80}?,?\s*|in this [\w\s-]{1,40},?\s*)?"
               r"(?:means|mean|refers to|refer to|includes|include|has the meaning|shall mean|is defined as)\b",
               re.IGNORECASE),
    re.compile(r"\bthe term\s+" + _QUOTED + r"\s+(?:means|includes|has the meaning|shall mean)\b", re.IGNORECASE),
)


def defined_term(sentence: str) -> str | None:
    """The term a sentence defines, or None when it defines none."""
    for pattern in _PATTERNS:
        match = pattern.search(sentence)
        if match:
            return match.group(1).strip()
    return None
