"""Exceptions and deferrals: "unless", "except where", "without the consent of", "in addition
to", "in accordance with the relevant provisions", "where laws already provide ... follow those".

An exception becomes a fact the norm's ``unless`` names; a deferral names the other law in
``defers_to`` (the text's words, shortened); "in addition to" is recorded in the norm's note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawcode.draft.words import shorten

_UNLESS = re.compile(
    r"(?:,\s*|\s+)(?:unless|except (?:where|when|if|with|as|in so far as|insofar as|in relation to|in the case of|"
    r"in respect of)|save (?:where|as))"
    r"\s+(?P<words>[^;]+)$",
    re.IGNORECASE,
)
_WITHOUT_CONSENT = re.compile(
    r"\s+without (?:the )?(?:prior )?(?:written )?(?P<words>consent of [^,;.]+)", re.IGNORECASE
)
_DEFERS = re.compile(
    r"\b(?:in accordance with|according to|as provided (?:for )?(?:in|by)|pursuant to)\s+"
    r"(?P<law>(?:the\s+)?(?:relevant\s+)?"
    r"(?:state\s+|national\s+)?(?:provisions|laws and regulations|laws|legislation)(?:\s+of\s+[^,;.]{1,60})?)",
    re.IGNORECASE,
)
_IN_ADDITION = re.compile(r"\bin addition to\s+(?P<words>[^,;]{1,200})", re.IGNORECASE)
_CONFLICT = re.compile(
    r"^\s*where (?:other )?(?:laws|legislation|statutes|acts)\b[^,]{0,200}\bprovid\w*\b.*,\s*"
    r"(?:follow|apply|those provisions)\b",
    re.IGNORECASE | re.DOTALL,
)
_CONFLICT_WORDS = re.compile(r"^\s*where\s+(?P<words>[^,]{1,240})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Exception_:
    words: str  # what, if it holds, lifts the norm


def split_unless(action: str) -> tuple[str, Exception_ | None]:
    """The action and the exception written into it, if any."""
    match = _UNLESS.search(action)
    if match:
        return action[: match.start()].strip(" ,"), Exception_(match.group("words").strip(" ,.;"))
    match = _WITHOUT_CONSENT.search(action)
    if match:
        rest = (action[: match.start()] + action[match.end() :]).strip(" ,")
        return rest, Exception_(match.group("words").strip(" ,.;") + " given")
    return action, None


def deferrals(words: str) -> list[str]:
    """Other laws or provisions the words defer to, named as the text names them (shortened).

    "in accordance with law" alone is a reminder of legality, not a deferral, and is not listed.
    """
    out: list[str] = []
    for match in _DEFERS.finditer(words):
        law = shorten(match.group("law"), 12)
        if law not in out:
            out.append(law)
    return out


def in_addition_to(words: str) -> str | None:
    """What a norm adds to ("in addition to the obligations of article 13"), or None."""
    match = _IN_ADDITION.search(words)
    return shorten(match.group("words"), 12) if match else None


def conflict_rule(sentence: str) -> str | None:
    """The condition of a rule that gives way to other laws ("where laws already provide ..., follow
    those provisions"), or None when the sentence is not one."""
    if not _CONFLICT.match(sentence):
        return None
    match = _CONFLICT_WORDS.match(sentence)
    return match.group("words").strip() if match else None
