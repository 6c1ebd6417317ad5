"""Bearers: who a clause binds, found from its grammatical subject and the actor lexicon.

The subject is resolved against the :class:`~lawcode.draft.lexicon.Lexicon`: "A and B" gives one
bearer each, "A, B and other Cs" one class C (with A and B in it), "any A or B" one actor, a
quoted role ('a person (a "seller")') the role, "a person who ..." a role. A passive binds its
agent ("by X") or the previous clause's bearer; a subject that names a thing binds no one (the
clause states a principle); a pronoun takes the previous bearer or the actors its condition names.
Every decision is said (``say``) for ``lawcode draft --explain``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lawcode.draft.conditions import Condition
from lawcode.draft.lexicon import GENERIC_HEADS, PRONOUNS, Lexicon, clean_name, conjuncts, head, is_thing
from lawcode.draft.sentences import Clause
from lawcode.draft.words import key, tokens

Say = Callable[[str], None]  # records one decision for --explain
ANYONE = "anyone"
UNNAMED = "unnamed_addressee"
_AGENT = re.compile(
    r"\b(?:by\s+|of\s+(?=any\s))(?P<agent>(?:the\s+|any\s+)?[^,;]{1,80}?)(?=,|;|\.|$|\s+(?:after|before|when|where|if|within|"
    r"in accordance|according|without|unless|for|to|on|in)\b)",
    re.IGNORECASE,
)
_NAMED_AS = re.compile(r"\(\s*(?:an?\s|the\s)?[\"“‘](?P<name>[^\"”’]{1,60})[\"”’]\s*\)")
# The kinds of norm that govern someone's conduct, and so have a bearer (and may have a counterparty).
CONDUCT_KINDS = frozenset({"duty", "prohibition", "permission", "power", "right", "consequence", "entitlement"})


class Bearers:
    """Resolves subjects into actor ids of one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def of_clause(
        self,
        eid: str,
        clause: Clause,
        kind: str,
        confidence: float,
        subject: str,
        after: str,
        found_conditions: list[Condition],
        previous: list[str],
        say: Say,
    ) -> tuple[list[str], str, float, str]:
        """Who the clause binds, the kind it then has, the confidence, and the action's words."""
        hit = clause.hit
        if hit.rule.words_name_bearer:
            word = clause.sentence[hit.start : hit.end].split()[1]
            say(f"'no {word} ...' -> bearer: any {word}")
            return [self.actor(f"any {word}", eid)], kind, confidence, after
        if kind in ("definition", "conflict_rule"):
            return [], kind, confidence, after
        name = clean_name(subject)
        if name.split()[-1:] == ["there"] or name.lower() == "there":  # "there must be no difference"
            say("'there must be ...' names no one: principle")
            return [], "principle", min(confidence, 0.6), after
        if kind == "prohibition" and hit.rule.name == "it-is-prohibited":
            say("'it is prohibited' names no one: bearer anyone")
            return [self.lexicon.ensure(ANYONE, "anyone")], kind, confidence, after
        if hit.passive or (name and self.lexicon.names_a_thing(name)) or kind == "entitlement":
            agent = _AGENT.search(after)
            if (
                agent is not None
                and not self.lexicon.names_a_thing(agent.group("agent"))
                and _looks_like_actor(agent.group("agent"))
            ):
                say("passive or impersonal subject; the agent ('by/of ...') is the bearer")
                after = (after[: agent.start()] + after[agent.end() :]).strip()
                return self.named(agent.group("agent"), eid, say), kind, confidence, after
            if kind == "entitlement" and name and not self.lexicon.names_a_thing(name) and head(name) not in PRONOUNS:
                say("'is to be given' to the subject: the subject benefits (entitlement)")
                return self.named(subject, eid, say), kind, confidence, after
            if kind == "entitlement":
                named = [a for c in found_conditions for a in self.lexicon.actors_named_in(c.words)]
                if named:
                    say("the beneficiary is named in the condition: " + ", ".join(named))
                    return named, kind, confidence * 0.9, after
            if previous:
                say("no agent named: the previous clause's bearer is taken (lower confidence)")
                return list(previous), kind, confidence * 0.75, after
            if (name and self.lexicon.names_a_thing(name)) or not name:
                say("the subject is a thing or an activity and no one is named: principle")
                return [], "principle", min(confidence, 0.6), after
            if kind in ("duty", "prohibition"):
                say("passive with no agent: the bearer is not named in the text")
                return (
                    [self.lexicon.ensure(UNNAMED, "addressee the text does not name (to decide)")],
                    kind,
                    confidence * 0.5,
                    after,
                )
        if not name:
            if previous:
                say("no subject of its own: the previous clause's bearer")
                return list(previous), kind, confidence * 0.95, after
            say("no subject found: the bearer is not named")
            if kind in ("duty", "prohibition", "permission", "right", "consequence"):
                return (
                    [self.lexicon.ensure(UNNAMED, "addressee the text does not name (to decide)")],
                    kind,
                    confidence * 0.5,
                    after,
                )
            return [], kind, confidence, after
        if name.split()[0].lower() in PRONOUNS:
            if previous:
                say(f"pronoun '{name.split()[0]}' -> the previous clause's bearer")
                return list(previous), kind, confidence * 0.85, after
            named = [a for c in found_conditions for a in self.lexicon.actors_named_in(c.words)]
            if named:
                say(f"pronoun '{name.split()[0]}' -> the actors its condition names: " + ", ".join(named))
                return named, kind, confidence * 0.85, after
            say(f"pronoun '{name.split()[0]}' with nothing to refer to: the bearer is not named")
            return (
                [self.lexicon.ensure(UNNAMED, "addressee the text does not name (to decide)")],
                kind,
                confidence * 0.5,
                after,
            )
        restricted = next((c for c in found_conditions if c.place == "list"), None)
        return self.named(subject, eid, say, restricted), kind, confidence, after

    def named(self, subject: str, eid: str, say: Say, restricted: Condition | None = None) -> list[str]:
        """The actors a subject names: one group for "A, B and other Cs" or "any A or B", else one each."""
        named_as = _NAMED_AS.search(subject[:400])
        if named_as is not None:  # 'A person (a "honey-seller") ...': the text names the role
            ident = self.actor(named_as.group("name"), eid)
            say(f"the subject is named in quotes: {ident}")
            return [ident]
        name = clean_name(subject)
        if name.lower().startswith("other "):
            name = name[6:]
        if head(name) in GENERIC_HEADS and re.search(r"\b(?:who|whom|whose|which|that)\b", name):
            ident = self.actor(subject, eid)  # a role ("a person who has the power to ..."): one actor
            say(f"bearer: {ident} (a role)")
            return [ident]
        parts = [p for p in conjuncts(name) if key(p)]
        if not parts:
            return [self.lexicon.ensure(UNNAMED, "addressee the text does not name (to decide)")]
        if re.match(r"^\s*(?:the\s+)?any\s", subject, re.IGNORECASE) and len(parts) > 1:
            group = self.actor(subject.strip(), eid)
            say(f"'any A or B' -> one actor for all of them: {group}")
            return [group]
        if len(parts) == 1:
            ident = self.actor(subject, eid)
            say(f"bearer: {ident}")
            return [ident]
        if restricted is not None and len(parts) > 2:
            group = self.actor(restricted.words, eid, label=f"{restricted.words} ({name})")
            for part in parts:
                self.lexicon.add_parent(self.actor(part, eid), group)
            say(f"'A, B and C, that ...': the restriction names one class of them all: {group}")
            return [group]
        if parts[-1].lower().startswith("other "):
            group = self.actor(parts[-1][6:], eid, label=name)
            for part in parts[:-1]:
                self.lexicon.add_parent(self.actor(part, eid), group)
            say(f"'A, B and other Cs' -> the class {group}, with each named kind a {group}")
            return [group]
        out = []
        for part in parts:
            ident = self.actor(part, eid)
            if ident not in out:
                out.append(ident)
        say("bearer: " + ", ".join(out) + (" (one norm each)" if len(out) > 1 else ""))
        return out

    def actor(self, phrase: str, eid: str, label: str | None = None) -> str:
        ident, _how = self.lexicon.resolve(phrase, eid)
        if label is not None and self.lexicon.actors[ident].source == "text":
            self.lexicon.actors[ident].label = clean_name(label).lower()
        return ident

    def counterparty(self, kind: str, bearer: str | None, words: str, say: Say) -> str | None:
        """The first other actor the action names ("report to the warden", "inspect the keepers").

        Not an actor the bearer acts with ("in conjunction with the wardens, inspect ..."), nor a
        word for an activity ("promote the organisation of X" names no organisation).
        """
        if bearer is None or kind not in CONDUCT_KINDS:
            return None
        words = _CO_ACTOR.sub(" ", words[:600])
        for ident in self.lexicon.actors_named_in(words, window=10):
            if ident in (bearer, UNNAMED) or self.lexicon.is_a(bearer, ident) or names_a_thing(self.lexicon, ident):
                continue
            head_word = head_of(self.lexicon, ident)
            if _names_the_activity(head_word, words):
                continue
            restricted = _RESTRICTED_PEOPLE.search(words)
            if restricted is not None and head(restricted.group(0)) == head_word:
                ident = self.lexicon.resolve(restricted.group(0), "")[0]  # "personnel involved with secrets"
                say(f"a group of people named by what they do -> its own actor {ident}")
            say(f"the action names another actor -> counterparty {ident}")
            return ident
        return None


# "personnel involved with secrets", "persons who keep bees": people named by a restriction, not all people
_RESTRICTED_PEOPLE = re.compile(
    r"\b(?:personnel|persons?|staff|individuals?|people|workers?|employees?)\s+"
    r"(?:who\s+\w+|\w+ed|\w{3,}ing)\b(?:\s+(?!to\b|and\b|or\b)[\w'-]+){0,3}",
    re.IGNORECASE,
)
_CO_ACTOR = re.compile(
    r"\b(?:in conjunction|together|jointly|in cooperation|in coordination) with\b[^,;]*", re.IGNORECASE
)


def _names_the_activity(head_word: str, words: str) -> bool:
    """ "the organisation (and building) of the line": a noun in -tion/-ment followed by "of" is the act,
    not an actor."""
    if not head_word.endswith(("tion", "ment")):
        return False
    tokenised = " ".join(tokens(words))
    return re.search(rf"\b{re.escape(head_word)}(?: and \w+)? of\b", tokenised) is not None


def names_a_thing(lexicon: Lexicon, actor_id: str) -> bool:
    """Whether an actor's label is a word for a thing ("equipment", "regulation"), however it got in."""
    actor = lexicon.actors.get(actor_id)
    return actor is not None and is_thing(head(actor.label))


def head_of(lexicon: Lexicon, actor_id: str) -> str:
    actor = lexicon.actors.get(actor_id)
    return head(actor.label) if actor else ""


def _looks_like_actor(words: str) -> bool:
    """A by-phrase names someone (not "by means of", "by law", "by 31 March")."""
    first = clean_name(words).split()[:1]
    return (
        bool(first)
        and first[0].lower() not in ("means", "law", "virtue", "reason", "way", "operation")
        and not first[0][:1].isdigit()
    )
