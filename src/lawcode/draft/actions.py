"""Actions: a short phrase for what the bearer must, may or must not do.

The phrase starts from the words after the modal and drops what the model says elsewhere
(conditions, exceptions, the agent of a passive) and what only qualifies the action (adverbs
of manner, "in accordance with law", a purpose clause); it is then cut to a few words. It is a
pointer for the person reviewing the draft, who rewrites it in the model's own words.
"""

from __future__ import annotations

import re

from lawcode.draft.words import shorten

MAX_WORDS = 12
_LEADING_NOISE = re.compile(r"^(?:(?:also|then|further|still|immediately|promptly|strictly|closely|fully|lawfully|jointly|"
                            r"actively|earnestly|conscientiously|truly|truthfully|duly|first|each|and|to)\b[\s,]*)+",
                            re.IGNORECASE)
_QUALIFIERS = re.compile(r",?\s*\b(?:in accordance with (?:the )?law|according to law|in accordance with (?:the )?"
                         r"(?:relevant )?(?:state )?provisions(?: of [^,;]{1,60})?|as provided (?:for )?in [^,;]{1,60})\b",
                         re.IGNORECASE)
_PURPOSE = re.compile(r",\s*(?:so as |in order )?to\s|\s+so as to\s|\s+in order to\s|;", re.IGNORECASE)


def action_phrase(words: str, max_words: int = MAX_WORDS) -> str:
    """A short action phrase from the words after a modal (or an item of a list)."""
    text = words[:4000]  # a phrase is a dozen words; the rest of a very long clause is not read
    text = re.sub(r"^\s*\(?[0-9a-zA-Z]{1,4}[.)]\s+", "", text)  # an item's own number, if left in its words
    text = _QUALIFIERS.sub("", text)
    purpose = _PURPOSE.search(text)
    if purpose and purpose.start() > 15:
        text = text[:purpose.start()]
    text = _LEADING_NOISE.sub("", tidy(text))
    phrase = shorten(text, max_words)
    return phrase[0].lower() + phrase[1:] if phrase[:1].isupper() and not phrase[1:2].isupper() else phrase or "(no words)"


def tidy(words: str) -> str:
    """Words with the debris of removed phrases swept up: dangling "and", doubled commas, spaces."""
    text = re.sub(r"\s+([,;.])", r"\1", words)
    text = re.sub(r"(?:,\s*)+,", ",", text)
    text = re.sub(r"\b(?:and|or),", ",", text)
    text = re.sub(r"[\s,;]+(?:and|or)?\s*$", "", text.strip())
    return re.sub(r"\s{2,}", " ", text).strip(" ,;")
