"""The actor lexicon: names of addressees, from the text being drafted and from other models.

A name the text uses as a subject becomes an actor the first time it is met; later uses with
the same key (see :func:`lawcode.draft.words.key`: plurals, "-ise"/"-ize", articles do not
matter) are the same actor. Actors of other models (``--actors MODEL``) are known from the
start, by their labels and ids, so a draft reuses a reviewed model's vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from lawcode.draft.words import key, normal_word, shorten, slug, tokens

# Subjects whose head names a thing or an activity, not someone who can act: a "shall" on them
# states a principle (or a duty of someone the text does not name).
ABSTRACT_HEADS = frozenset(
    [
        "effort", "work", "activity", "measure", "principle", "regulation", "law", "provision", "processing",
        "data", "information", "document", "material", "item", "test", "plan", "programme", "program", "procedure",
        "system", "purpose", "content", "matter", "tool", "code", "standard", "approach", "policy", "decision",
        "period", "fee", "application", "transfer", "consent", "agreement", "contract", "certificate", "right",
        "obligation", "duty", "compensation", "benefit", "award", "commendation", "fine", "penalty", "allowance",
        "payment", "grant", "subsidy", "reward", "this", "it", "there"
    ]
)
# Heads of bearers that act on others: their "may" is a power, not a mere permission.
# Head nouns that name anyone at all: what makes them a particular actor is the words around them
# ("a person who keeps bees", "a person holding a licence").
GENERIC_HEADS = frozenset(["person", "individual", "body", "anyone", "one", "someone", "everyone"])
ORGAN_HEADS = frozenset(
    [
        "organ", "authority", "department", "government", "commission", "minister", "ministry", "council", "court",
        "office", "officer", "body", "agency", "service", "inspector", "inspectorate", "committee", "board",
        "tribunal", "regulator", "secretary", "state"
    ]
)
PRONOUNS = frozenset(["they", "it", "he", "she", "them", "such"])
# A subject names a thing or an activity, not someone who can act ("the register shall contain
# ...", "the notice must state ..."), when its head is one of these words or ends like a word for a
# thing or an activity; no bearer is then made of it. Words for bodies with such endings (government,
# authority, association ...) are exceptions.
THING_HEADS = frozenset(
    [
        "register", "record", "notice", "sign", "floor", "tank", "paper", "regulation", "section", "subsection",
        "paragraph", "article", "schedule", "reference", "water", "door", "exit", "wall", "room", "area",
        "premises", "building", "structure", "vehicle", "goods", "product", "substance", "material", "fire",
        "alarm", "system", "device", "installation", "list", "form", "copy", "fee", "charge", "order", "letter",
        "number", "matter", "statement", "requirement", "account", "term", "condition", "case", "period", "day",
        "date", "time", "place", "mail", "post", "delivery", "hand", "email", "means", "way"
    ]
)
_THING_ENDINGS = ("ment", "tion", "sion", "ance", "ence", "ity", "ness", "ure", "ing", "ism", "cy", "age")
_BODIES_WITH_THING_ENDINGS = frozenset(
    [
        "government", "department", "parliament", "institution", "organisation", "organization", "association",
        "administration", "corporation", "federation", "commission", "authority", "municipality", "entity",
        "university", "community", "charity", "agency", "committee", "police", "legislature"
    ]
)
_DETERMINERS = re.compile(r"^(?:(?:the|a|an|any|each|every|all|such|its|their|also|other)\s+)+", re.IGNORECASE)
_PARENS = re.compile(r"\s*\([^()]{0,80}\)")
_SUCH_AS = re.compile(r",?\s+(?:such as|including|like)\s+.*$", re.IGNORECASE | re.DOTALL)
_PREPOSITIONS = ("at", "in", "of", "for", "to", "by", "with", "on", "from", "and", "or")
_NUMBERING = re.compile(r"\(?\d+[a-z]?\)?|\([ivxlc]+\)|\([a-z]\)")
_RELATIVES = ("who", "whom", "whose", "which", "that")


@dataclass
class Actor:
    id: str
    label: str
    is_a: list[str] = field(default_factory=list)
    source: str = "text"  # "text", or the model file it was taken from
    cites: list[str] = field(default_factory=list)


class Lexicon:
    """Actors by key; new names become new actors with ids made from their words."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self._by_key: dict[str, str] = {}
        self._known: dict[str, Actor] = {}  # from other models: id -> actor, not yet used
        self._names: dict[str, str] = {}  # key -> a subject the text uses later, not yet an actor

    def learn_model_actor(self, ident: str, label: str, is_a: list[str], source: str) -> None:
        """Know an actor of another model, by its label and its id."""
        actor = Actor(ident, label, list(is_a), source)
        self._known[ident] = actor
        for name in (label, ident.replace("_", " ")):
            self._by_key.setdefault(key(name), ident)


    def learn_name(self, phrase: str) -> None:
        """Remember a name the text uses as a subject somewhere, so that a condition naming it
        before its first use as a subject ("where keepers and farms ...") is understood."""
        name_key = key(clean_name(phrase))
        if name_key and name_key not in self._by_key:
            self._names.setdefault(name_key, phrase)

    def resolve(self, phrase: str, eid: str) -> tuple[str, str]:
        """The actor a name stands for, and how it was found ("seen", "from MODEL", "new")."""
        name = clean_name(phrase)
        name_key = key(name)
        ident = self._by_key.get(name_key)
        how = "seen before in the text"
        if ident is None:
            ident = _free_id(slug(name), self._by_key.values(), self._known)
            self._by_key[name_key] = ident
            self._names.pop(name_key, None)
            label = _label(phrase, name)
            self.actors[ident] = Actor(ident, label)
            how = "new actor"
        elif ident not in self.actors:
            self._use_known(ident)
            how = f"from {self.actors[ident].source}"
        elif self.actors[ident].source == "text" and "(" not in self.actors[ident].label:
            self.actors[ident].label = _label(phrase, name)  # the examples may come with a later use
        actor = self.actors[ident]
        if eid and eid not in actor.cites and len(actor.cites) < 8:
            actor.cites.append(eid)
        return ident, how

    def _use_known(self, ident: str) -> None:
        """Bring a known actor (and the ancestors it names) into the draft."""
        pending = [ident]
        while pending:
            current = pending.pop()
            if current in self.actors or current not in self._known:
                continue
            self.actors[current] = self._known[current]
            pending.extend(self._known[current].is_a)

    def knows(self, phrase: str) -> bool:
        """Whether the text (or another model) uses this name for someone: an actor or a subject."""
        name_key = key(clean_name(phrase))
        return bool(name_key) and (name_key in self._by_key or name_key in self._names)

    def names_a_thing(self, phrase: str) -> bool:
        """Whether a subject names only things or activities, no one who can act (see THING_HEADS)."""
        name = clean_name(phrase)
        if name and not re.search(r"[A-Za-z]{2}", name):
            return True  # "(2)", "1998": a number, no one
        if not name or key(name) in self._by_key:
            return False
        return all(is_thing(head(part)) for part in conjuncts(name) if head(part))

    def add_parent(self, child: str, parent: str) -> None:
        if child != parent and parent not in self.actors[child].is_a and not self.is_a(parent, child):
            self.actors[child].is_a.append(parent)

    def is_a(self, child: str, parent: str) -> bool:
        seen, pending = set(), [child]
        while pending:
            current = pending.pop()
            if current == parent:
                return True
            if current in seen or current not in self.actors:
                continue
            seen.add(current)
            pending.extend(self.actors[current].is_a)
        return False

    def ensure(self, ident: str, label: str) -> str:
        """An actor the drafter itself needs (e.g. ``anyone`` for a fact about no one named)."""
        if ident not in self.actors:
            if ident in self._known:
                self._use_known(ident)
            else:
                self.actors[ident] = Actor(ident, label)
                self._by_key.setdefault(key(label), ident)
        return ident

    def actors_named_in(self, words: str, window: int = 10) -> list[str]:
        """Known actors named among the first ``window`` words (for "they" and for beneficiaries)."""
        found: list[str] = []
        toks = [t for t in tokens(words[:600])][: window + 4]
        n = 0
        while n < len(toks):
            for size in (4, 3, 2, 1):
                name_key = " ".join(t for t in toks[n : n + size] if t not in ("the", "their", "its"))
                if name_key in self._names and size <= len(toks) - n:
                    self.resolve(self._names[name_key], "")
                ident = self._by_key.get(name_key)
                if ident is not None and size <= len(toks) - n:
                    if ident in self.actors and ident not in found:
                        found.append(ident)
                    n += size
                    break
            else:
                n += 1
        return found


def is_thing(word: str) -> bool:
    """Whether a head word names a thing or an activity (see THING_HEADS), not someone."""
    if word in PRONOUNS or word in _BODIES_WITH_THING_ENDINGS:
        return False
    return word in ABSTRACT_HEADS or word in THING_HEADS or word.endswith(_THING_ENDINGS)


def _free_id(base: str, used: Iterable[str], known: dict[str, Actor]) -> str:
    """``base``, or ``base_2``, ``base_3`` ... : the first id neither used nor known."""
    taken = set(used) | set(known)
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}_{n}", n + 1
    return ident


def _label(phrase: str, name: str) -> str:
    """A new actor's label: its name, with the examples the text gives for it ("such as ...")."""
    examples = _SUCH_AS.search(_PARENS.sub("", phrase[:400]))
    label = name if name.isupper() else name.lower()
    if examples:
        label += " (" + shorten(examples.group(0).strip(" ,"), 14) + ")"
    return label


def _without_parentheses(text: str) -> str:
    """The text without its parenthesised asides, nested ones included ("(see also section 9(2))")."""
    for _ in range(4):
        shorter = _PARENS.sub("", text)
        if shorter == text:
            break
        text = shorter
    return text


@lru_cache(maxsize=8192)
def clean_name(phrase: str) -> str:
    """A subject's words as a name: no articles, no parentheses, no examples ("such as ...")."""
    name = _without_parentheses(phrase[:400])
    name = re.sub(r",?\s*where (?:applicable|appropriate|relevant),?", " ", name, flags=re.IGNORECASE)
    name = _SUCH_AS.sub("", name)
    name = _DETERMINERS.sub("", name.strip(" ,;:"))
    return re.sub(r"\s+", " ", name).strip(" ,;:")


@lru_cache(maxsize=8192)
def head(phrase: str) -> str:
    """The head noun of a name: its last word before any preposition."""
    words = clean_name(phrase).split()
    words = [w for w in words if not _NUMBERING.fullmatch(w.lower())]  # "paragraph 1": the head is "paragraph"
    for n, word in enumerate(words):
        lower = word.lower()
        participle = (lower.endswith("ed") and len(lower) > 4) or (
            lower.endswith("ing") and normal_word(words[n - 1].lower()) in GENERIC_HEADS  # "a person holding X"
        )
        if n and (lower in _PREPOSITIONS or lower in _RELATIVES or participle):
            words = words[:n]
            break
    return tokens(words[-1])[0] if words and tokens(words[-1]) else ""


def conjuncts(subject: str) -> list[str]:
    """The names a coordinated subject joins ("A, B and other Cs" -> A, B, other Cs).

    A conjunct that only completes the one before ("at the district level and above", "at or above
    the district level") is joined back to it.
    """
    text = _PARENS.sub("", subject[:2000])
    complement = re.search(r"\s(?:of|for)\s", text)
    if complement and "," in text[complement.end() :] and "," not in text[: complement.start()]:
        # "the wardens of A, B and other Cs": the list belongs to the complement; the names are the heads
        heads = [h.strip() for h in re.split(r"\s+(?:and|or)\s+", text[: complement.start()]) if h.strip()]
        return [f"{h}{text[complement.start() :]}" for h in heads]
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+", text) if p.strip()]
    out: list[str] = []
    for part in parts:
        if out and (
            (len(part.split()) == 1
            and part.lower() in ("above", "below", "over", "under", "thereof", "abroad"))
            or out[-1].split()[-1].lower() in _PREPOSITIONS
        ):
            out[-1] = f"{out[-1]} and {part}"
        else:
            out.append(part)
    return out
