"""Word-level helpers every drafting rule shares: normalised keys, slugs, short phrases.

A key is how two spellings of one name are recognised as the same: lower case, British and
American "-ise/-ize" alike, a plural "s" dropped, possessives and punctuation gone. Keys are
compared, never shown; what a user reads keeps the text's own words.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

# Words that carry no meaning for matching names ("the organ of the region" = "organ region").
STOPWORDS = frozenset(
    [
        "a", "an", "the", "of", "for", "in", "on", "at", "to", "by", "with", "and", "or", "its", "their", "his",
        "her", "this", "that", "these", "those", "who", "which", "whose", "any", "each", "every", "all", "such",
        "as", "be", "is", "are", "from", "into", "under", "within"
    ]
)

_IRREGULAR = {
    "people": "people",
    "persons": "person",
    "children": "child",
    "women": "woman",
    "men": "man",
    "staff": "staff",
    "media": "media",
    "data": "data",
    "news": "news",
    "series": "series",
    "premises": "premises",
    "authorities": "authority",
    "bodies": "body",
    "parties": "party",
    "companies": "company",
    "agencies": "agency",
    "countries": "country",
    "facilities": "facility",
    "activities": "activity",
    "utilities": "utility",
    "communities": "community",
    "properties": "property",
    "categories": "category",
    "entities": "entity",
    "cities": "city",
    "municipalities": "municipality",
    "universities": "university",
    "libraries": "library",
}


def singular(word: str) -> str:
    """A noun's singular form by the usual English endings (a heuristic; names only)."""
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if len(lower) > 4 and lower.endswith("ies"):
        return lower[:-3] + "y"
    if len(lower) > 4 and lower.endswith(("sses", "shes", "ches", "xes")):
        return lower[:-2]
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return lower


_SPELLING = {"defence": "defense", "offence": "offense", "licence": "license", "programme": "program"}


def tokens(phrase: str) -> list[str]:
    """The phrase's words, singular, lower case, one spelling ("-ise", "-or", "defense"), no possessive."""
    return [normal_word(match.group(0)) for match in WORD.finditer(phrase.replace("-", " "))]


@lru_cache(maxsize=65536)
def normal_word(word: str) -> str:
    """One word as :func:`tokens` gives it."""
    word = singular(re.sub(r"['’]s?$", "", word))
    word = re.sub(r"iz(e|ed|ing|ation)$", r"is\1", word)
    word = re.sub(r"(?<=\w{3})our(hood|s|ed|ing)?$", r"or\1", word)  # neighbour, labour, honour
    return _SPELLING.get(word, word)


def key(phrase: str) -> str:
    """A comparison key for a name: its meaningful tokens, in order, joined by spaces."""
    return " ".join(t for t in tokens(phrase) if t not in STOPWORDS)


def slug(phrase: str, max_words: int = 6) -> str:
    """An identifier (``[a-z][a-z0-9_]*``) from a phrase's first meaningful words."""
    words = [t for t in tokens(phrase) if t not in STOPWORDS and t != "other"][:max_words]
    text = "_".join(words) or "item"
    return text if text[0].isalpha() else "n_" + text


def shorten(phrase: str, max_words: int = 14) -> str:
    """The phrase cut to ``max_words`` words (an ellipsis says it was cut), tidy at both ends."""
    words = phrase.split()
    cut = words[:max_words]
    text = " ".join(cut).strip(" ,;:.")
    return text + " …" if len(words) > max_words else text


def dice(a: set[str], b: set[str]) -> float:
    """How much two sets of tokens overlap: 1.0 the same, 0.0 nothing in common."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))
