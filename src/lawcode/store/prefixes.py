"""A prefix of a search query, completed with the words whose stems its own stem would miss.

Both backends index a word by its stem, not as written ("regulation" as "regul", "mooring" as
"moor"), and look for a prefix among the stems: ``regulat*`` finds the stems that begin with
"regulat" ("regulatori"), so on its own it would miss "regulation", and ``moori*`` would find
nothing at all. The stemmers only cut a word's ending, so a word that begins with the prefix is
missed only when the ending they cut reaches back into the prefix. The prefix is therefore
completed with the common English endings those stemmers cut ("regulat" + "ion", "moori" + "ng"),
and each completion whose stem does not begin with the prefix's own stem is searched for beside
the prefix, as a word. A prefix so finds the rows with a word that begins with it, and, as any
word of a query does, the rows with another word of the same stem ("mooring" finds "moored").
"""

from __future__ import annotations

from functools import cache

from lawcode.store import query as q
from lawcode.store.narrow import Stemmer

# The endings that Porter's stemmer (SQLite) and Snowball's English one (PostgreSQL) cut, whole or
# in part, with their plurals and inflections: a word that begins with a prefix ends with the rest
# of one of these (or with an ending no stemmer cuts into the prefix).
ENDINGS = (
    "s", "es", "ed", "ing", "ings", "e", "er", "ers", "y", "ies", "ied", "ly", "al", "als", "ally", "ation", "ations",
    "ational", "ationally", "ate", "ates", "ated", "ating", "ator", "ators", "atory", "ion", "ions", "ional", "ive",
    "ives", "ively", "iveness", "ize", "izes", "ized", "izing", "ization", "izations", "ise", "ises", "ised", "ising",
    "isation", "isations", "ance", "ances", "ancy", "ant", "ants", "ence", "ences", "ency", "ent", "ents", "ently",
    "ement", "ements", "ment", "ments", "ness", "ity", "ities", "able", "ably", "ability", "ible", "ibly",
    "ibility", "ful", "fully", "fulness", "ous", "ously", "ousness", "ism", "isms", "ist", "ists", "istic", "ic",
    "ics", "ical", "ically", "icate", "icity", "or", "ors", "ative", "atives",
)


@cache
def _tails() -> tuple[str, ...]:
    """Every non-empty end of every ending ("ion": "ion", "on", "n"), each once."""
    return tuple(sorted({ending[start:] for ending in ENDINGS for start in range(len(ending))}))


def completed(query: q.Query, stem: Stemmer) -> q.Query:
    """``query`` with each prefix ``p*`` as ``(p* OR w1 OR w2 ...)``: the completions of p whose stems
    (by ``stem``, the backend's) the prefix's stem does not begin; unchanged when it has none."""
    prefixes = sorted({leaf.words[-1].lower() for leaf in _prefix_leaves(query)})
    if not prefixes:
        return query
    words = sorted({prefix + tail for prefix in prefixes for tail in _tails()} | set(prefixes))
    stems = stem(words)
    missed: dict[str, list[str]] = {}
    for prefix in prefixes:
        # None: a word the index leaves out (PostgreSQL's "the"), and so does the prefix itself
        own = stems.get(prefix)
        seen: set[str] = set()
        for tail in _tails():
            word = prefix + tail
            found = stems.get(word)
            if found is not None and not (own is not None and found.startswith(own)) and found not in seen:
                seen.add(found)
                missed.setdefault(prefix, []).append(word)
    return _with_completions(query, missed)


def _with_completions(query: q.Query, missed: dict[str, list[str]]) -> q.Query:
    if isinstance(query, q.Op):
        return q.Op(query.name, _with_completions(query.left, missed), _with_completions(query.right, missed))
    if not query.prefix:
        return query
    result: q.Query = query
    for word in missed.get(query.words[-1].lower(), []):
        result = q.Op("OR", result, q.Words((*query.words[:-1], word)))
    return result


def _prefix_leaves(query: q.Query) -> list[q.Words]:
    if isinstance(query, q.Words):
        return [query] if query.prefix else []
    return _prefix_leaves(query.left) + _prefix_leaves(query.right)
