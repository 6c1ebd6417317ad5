"""Open-ended content: the text leaves what is required open ("other obligations", "and so
forth", "and the like"); or it gives examples of an open list ("such as", "including")."""

from __future__ import annotations

import re

_CATCH_ALL = re.compile(
    r"^\s*(?:any\s+)?other\b|\b(?:and so forth|and so on|etc\.?|and the like|among others|"
    r"other (?:matters|obligations|duties|measures|acts|things)|and other\b[^,;]{0,40}$)",
    re.IGNORECASE,
)
_EXAMPLES = re.compile(r"\b(?:such as|including|for example|e\.g\.)\b", re.IGNORECASE)


def is_open_ended(words: str) -> bool:
    """The content is left open: a catch-all item or a list closed by "and so forth"."""
    return _CATCH_ALL.search(words) is not None


def gives_examples(words: str) -> bool:
    """The words give examples of an open list ("such as"): the list is not closed."""
    return _EXAMPLES.search(words) is not None
