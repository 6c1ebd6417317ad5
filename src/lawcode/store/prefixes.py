"""A prefix of a search query, completed with the words whose stems its own stem would miss.

Both backends index a word by its stem, not as written ("regulation" as "regul", "mooring" as
"moor"), and look for a prefix among the stems: ``regulat*`` finds the stems that begin with
"regulat" ("regulatori"), so on its own it would miss "regulation", and ``moori*`` would find
nothing at all. The stemmers only cut a word's ending, so a word that begins with the prefix is
missed only when the ending they cut reaches back into the prefix. The prefix is therefore
completed with the common English endings those stemmers cut ("regulat" + "ion", "moori" + "ng"),
and each completion whose stem does not begin with the prefix's own stem is searched for beside
the prefix, as a word. A prefix so finds the rows with a word that begins with it, and, as any
word of a query does, the rows with another word of the same stem ("mooring" finds "moored"). A
completion made of an ending that the prefix only seems to begin may find a word of a shorter stem
(``authoris*``, as "authorism", finds "author"), as stemming itself joins "general" and "generate".
"""

from __future__ import annotations

from lawcode.store import query as q
from lawcode.store.narrow import Stemmer

# The endings that Porter's stemmer (SQLite) and Snowball's English one (PostgreSQL) cut, with
# their plurals and inflections.
ENDINGS = (
    "s", "es", "ed", "ing", "ings", "e", "er", "ers", "y", "ies", "ied", "ly", "al", "als", "ally", "ation", "ations",
    "ational", "ationally", "ate", "ates", "ated", "ating", "ator", "ators", "atory", "ion", "ions", "ional", "ive",
    "ives", "ively", "iveness", "ize", "izes", "ized", "izing", "ization", "izations", "ise", "ises", "ised", "ising",
    "isation", "isations", "ance", "ances", "ancy", "ant", "ants", "ence", "ences", "ency", "ent", "ents", "ently",
    "ement", "ements", "ment", "ments", "ness", "ity", "ities", "able", "ably", "ability", "ible", "ibly",
    "ibility", "ful", "fully", "fulness", "ous", "ously", "ousness", "ism", "isms", "ist", "ists", "istic", "ic",
    "ics", "ical", "ically", "icate", "icity", "or", "ors", "ative", "atives",
)
# The endings after which both stemmers also drop a doubled last letter ("committed": "commit").
UNDOUBLING = ("ed", "ing", "ings", "edly", "ingly")


def _tails(prefix: str) -> list[str]:
    """What may follow ``prefix`` in a word whose stem is cut inside the prefix: the rest of each
    ending that the prefix ends with the start of ("regulat": "ion" of "ation", "e" of "ate"),
    and the endings that undouble a letter."""
    tails = {ending[cut:] for ending in ENDINGS for cut in range(1, len(ending)) if prefix.endswith(ending[:cut])}
    return sorted(tails.union(UNDOUBLING))


def _completions(query: q.Query) -> dict[str, list[str]]:
    """Each prefix of ``query`` (lower case), with the words it may complete to that stemming may
    cut inside it."""
    prefixes = sorted({leaf.words[-1].lower() for leaf in q.leaves(query) if leaf.prefix})
    return {prefix: [prefix + tail for tail in _tails(prefix)] for prefix in prefixes}


def completed(query: q.Query, stem: Stemmer) -> q.Query:
    """``query`` with each prefix ``p*`` as ``(p* OR w1 OR w2 ...)``: the completions of p that the
    stemmer (``stem``, the backend's) cuts inside p, to a stem that p's own stem does not begin;
    unchanged when there are none."""
    completions = _completions(query)
    if not completions:
        return query
    # The query's other words too: the search stems them later (lawcode.store.narrow), and with these
    # they cost no statement of their own on PostgreSQL.
    stems = stem(sorted(q.words(query).union(*completions.values())))
    missed: dict[str, list[str]] = {}
    for prefix, words in completions.items():
        own = stems.get(prefix)  # None: a word the index leaves out (PostgreSQL's "the"), and so its prefix
        seen: set[str] = set()
        for word in words:
            found = stems.get(word)
            if found is None or found in seen:
                continue
            # Cut inside the prefix (a stem as long as the prefix is a made-up word's: "dutyable"), to
            # a stem that the prefix's own, which the index is searched for, does not begin.
            if len(found) < len(prefix) and not (own is not None and found.startswith(own)):
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
        result = q.Op("OR", result, q.Words((*query.words[:-1], word), completes=True))
    return result

