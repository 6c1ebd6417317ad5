"""The drafting pipeline: a parsed Document in, a :class:`Draft` (norms, actors, facts, dates and
the provisions left for review) out, with the reason for every decision.

Per provision (paragraph or item): definitions and deferral rules first, then every normative
construction (see :mod:`lawcode.draft.modals`) gives a clause; a clause's words before the modal
give its conditions and its subject, the words after it the action, its exceptions and the
laws it defers to. A list's lead-in ("X shall perform the following duties:") passes its bearer
and modal to every item. Nothing is guessed silently: each norm records the rule that made it,
a confidence, and a trace that ``lawcode draft --explain`` shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from lawcode import eids
from lawcode.draft import (
    actions,
    conditions,
    dates,
    definitions,
    exceptions,
    instruments,
    interpretation,
    openended,
    schedules,
)
from lawcode.draft.bearers import ANYONE, UNNAMED, Bearers, Say, head_of
from lawcode.draft.conditions import Condition
from lawcode.draft.lexicon import GENERIC_HEADS, ORGAN_HEADS, PRONOUNS, Lexicon, clean_name, conjuncts, head
from lawcode.draft.sentences import Clause, clauses, sentences
from lawcode.draft.words import key, shorten, slug
from lawcode.text.document import ITEM, Document, Node

MAX_ANALYSED = 3000  # characters of a clause's words that are analysed; longer clauses are flagged
_CLAIM_VERBS = re.compile(
    r"^\s*(?:\w+ly\s+)?(?:request|apply|claim|demand|appeal|complain|object|ask|seek|lodge|bring|refuse)\b",
    re.IGNORECASE,
)
# A leading phrase that opens with a preposition or a participle ("In particular, ...", "Taking into
# account X, ...", "Not later than ..., ...") runs to the last comma before the subject.
_PREFIX = re.compile(
    r"^(?:in|within|without|after|before|during|by|on|for|with|under|pursuant|subject|notwithstanding|save|except|"
    r"taking|having|not later than|no later than|to the extent|at|following|as regards|as far as)\b",
    re.IGNORECASE,
)
_EXAMPLES = re.compile(r"\b(?:such as|including|for example)\b", re.IGNORECASE)
_COPULA = re.compile(r"\s(?:are|is)\s", re.IGNORECASE)
_SUBJECT_LEAD = re.compile(r"^(?P<who>(?:an?|the|each|every|any)\s[^,;.]{1,80}?)[\s.…]*[—:–-]\s*$", re.IGNORECASE)
_DUTY_APPLIES = re.compile(
    r"^(?:an?|the) (?:duty|obligation) to (?P<action>.{3,200}?) (?:applies|apply) to\b(?P<who>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_INSERTED_CONDITION = re.compile(
    r"^,?\s*(?P<marker>when|whenever|where|if|in the event that)\s+(?P<words>[^,;]{3,200}),\s*", re.IGNORECASE
)
_INSERTED_PHRASE = re.compile(r"^,?\s*(?:in|within|during|on|for|by|with|at|under)\b[^,;]{1,200},\s*", re.IGNORECASE)
# "in the exercise of a public function", "in relation to instructing a barrister": an activity that,
# after a generic subject ("a person must not, ..."), makes the subject a role.
_ACTIVITY = re.compile(
    r"^,?\s*in (?:the exercise of (?P<exercise>[^,;—–]{3,60}?)|relation to (?P<ing>\w+ing\b[^,;—–]{0,60}?))"
    r"(?:\s+(?:that|which|who)\b[^,;—–]*)?(?:,\s*|\s*[—–:-]\s*$)",
    re.IGNORECASE,
)
_OWED = frozenset({"duty", "prohibition", "permission", "right", "power"})  # kinds whose action is done to someone
_LIST_SHOWN = 8  # items of a list drafted as one norm that its action shows
_OMITTED = re.compile(r"^[\s.…]*$")
_MANNER = re.compile(
    r"^\s*(?:\(?\w{1,4}[.)]\s+)?(?:in|as to|as regards|by|because|on|for|at|with|without|from|through|under|"
    r"within|during|against)\b",
    re.IGNORECASE,
)
_LEAD_IN_END = re.compile(r"(?:[:—–-]|\bfollowing\b.*)\s*$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Fact:
    id: str
    meaning: str
    question: str
    about: str
    eid: str


@dataclass(frozen=True)
class DraftNorm:
    id: str
    eid: str
    kind: str
    bearer: str | None
    action: str
    rule: str
    confidence: float
    condition: tuple[str, ...] = ()
    unless: str | None = None
    defers_to: tuple[str, ...] = ()
    open_ended: bool = False
    discretionary: bool = False
    terms: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    counterparty: str | None = None
    also_cites: tuple[str, ...] = ()  # further provisions the norm rests on (an interpretation article's)
    subject_to: tuple[tuple[str, str], ...] = ()  # (Schedule the text does not hold, fact: an exception there applies)


@dataclass(frozen=True)
class ReviewItem:
    """A provision (or a sentence of one) the drafter could not classify."""

    eid: str
    reason: str


@dataclass(frozen=True)
class Explanation:
    """Why one sentence was drafted as it was."""

    eid: str
    sentence: str
    decisions: tuple[str, ...]


@dataclass(frozen=True)
class RecurringDay:
    month: int
    day: int
    norm: str
    eid: str
    what: str  # the norm's action


@dataclass
class Draft:
    """Everything drafted from one text."""

    document: Document
    norms: list[DraftNorm] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)
    days: list[RecurringDay] = field(default_factory=list)
    in_force: dt.date | None = None
    in_force_eid: str | None = None
    review: list[ReviewItem] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)
    norm_ids: set[str] = field(default_factory=set)
    makers: instruments.Makers = field(default_factory=instruments.Makers)  # who may make regulations / orders

    def articles_without_norms(self) -> list[Node]:
        covered: set[str] = set()  # every provision a norm cites, and every provision that contains one
        for norm in self.norms:
            covered.update(eids.lineage(norm.eid))
        return [article for article in self.document.articles() if article.eid not in covered]


@dataclass
class _Context:
    """What a clause may inherit: from earlier clauses of its sentence, or from a list's lead-in."""

    bearers: list[str] = field(default_factory=list)
    condition: Condition | None = None  # the current sentence's leading condition
    breach: bool = False  # an earlier condition of the provision is a failure to comply


@dataclass(frozen=True)
class _Lead:
    """A list lead-in's bearer, kind and conditions, which its items take over."""

    bearers: tuple[str, ...]
    kind: str
    rule: str
    confidence: float
    condition_facts: tuple[str, ...]
    discretionary: bool
    subject_only: bool = False  # the lead-in names the bearer; each item has its own modal
    action: str = ""  # the lead-in's own action ("refuse honey to a buyer—"), for items that complete it


def draft_document(document: Document, lexicon: Lexicon | None = None) -> Draft:
    """Draft a model of ``document`` (see the module docstring for the rules)."""
    draft = Draft(document, lexicon=lexicon or Lexicon())
    _learn_subjects(document, draft.lexicon)
    for article in document.articles():
        start = len(draft.norms)
        for child in article.children or ():
            _Drafter(draft, article).node(child, None)
        if article.text:
            _Drafter(draft, article).own_text(article, None)
        _merge_interpretation(draft, article, start)
    schedules.mark_schedules(draft, lambda words, eid: _declare(draft, words, None, eid))
    return draft


def _merge_interpretation(draft: Draft, article: Node, start: int) -> None:
    """One definition for the article's interpretation provisions (see :mod:`.interpretation`)."""
    merged, gone = interpretation.read_article(draft.norms[start:], article.heading, draft.document.by_eid)
    if not gone:
        return
    draft.norms[start:] = merged
    draft.norm_ids -= set(gone)
    draft.days = [replace(d, norm=gone.get(d.norm, d.norm)) for d in draft.days]
    draft.explanations.append(
        Explanation(
            article.eid,
            "(interpretation provisions)",
            tuple(f"{old} is read with {new}: interpretation goes with what it reads" for old, new in gone.items()),
        )
    )


def _learn_subjects(document: Document, lexicon: Lexicon) -> None:
    """First pass: every name the text uses as a subject, so that conditions can name them early."""
    for node in document.walk():
        for sentence in sentences(node.text[:MAX_ANALYSED]):
            for clause in clauses(sentence):
                _, subject = conditions.split_leading(clause.before)
                name, _ = conditions.split_restriction(subject)
                if name and name.split()[0].lower() not in PRONOUNS and not lexicon.names_a_thing(name):
                    for part in conjuncts(clean_name(name)):
                        lexicon.learn_name(part)


class _Drafter:
    """Drafts the provisions of one article into the shared :class:`Draft`."""

    def __init__(self, draft: Draft, article: Node) -> None:
        self.draft = draft
        self.article = article
        self.lexicon = draft.lexicon
        self.bearers = Bearers(draft.lexicon)

    # -- structure -------------------------------------------------------------------------------
    def node(self, node: Node, lead: _Lead | None) -> int:
        """Draft a provision and its items; the number of norms drafted from it."""
        made = self.own_text(node, lead)
        items = [c for c in node.children if c.kind == ITEM]
        if not items:
            for child in node.children:
                made += self.node(child, None)
            return made
        if made < 0:  # the provision is a definition: its items belong to it
            return 1
        applies = _DUTY_APPLIES.match(node.text) if lead is None else None
        if applies is not None and not applies.group("who").strip(" —:-"):
            self.draft.review = [r for r in self.draft.review if r.eid != node.eid]  # its items name the bearers
            return self._duty_applies_to_items(node, applies, items)
        own_lead = self._lead_of(node) if lead is None else None
        if own_lead is not None and not own_lead.subject_only:
            made -= 1  # the lead-in is no norm of its own: its items are
            self._drop_last_norms(node.eid)
            why = self._one_norm_for(own_lead, items)
            if why is not None:
                made += self._list_as_one(node, own_lead, items, why)
                return made + (self.sentences(node, node.wrap_up, lead) if node.wrap_up else 0)
        child_lead = own_lead or (lead if node.kind != ITEM else None)
        before = len(self.draft.review)
        made_by_items = sum(self.node(child, child_lead) for child in node.children)
        if made_by_items > 0 and made == 0 and _LEAD_IN_END.search(node.text[-200:]):
            # a lead-in with no construction of its own ("In relation to age—") is read with its items
            self.draft.review = [r for r in self.draft.review if r.eid != node.eid]
        if made_by_items == 0 and len(self.draft.review) > before:  # one entry for a list of fragments
            del self.draft.review[before:]
            self.draft.review.append(
                ReviewItem(node.eid, f"a list of {len(items)} item(s) with no normative construction the drafter knows")
            )
        if node.wrap_up:
            made += self.sentences(node, node.wrap_up, lead)
        return made + made_by_items

    def own_text(self, node: Node, lead: _Lead | None) -> int:
        """Draft a provision's own words; -1 when they are a definition (its items are part of it)."""
        if not node.text.strip():
            return 0
        term = definitions.defined_term(node.text)
        if term is not None:
            self._definition(node, term, "quoted-term-means", 0.9, node.text)
            return -1
        normative = bool(clauses(node.text[:MAX_ANALYSED]))
        if lead is not None and node.kind == ITEM and not normative and not lead.subject_only:
            return self._item_of_lead(node, lead)
        if not normative and node.children:
            unquoted = definitions.unquoted_definition(node.text, self.article.heading)
            if unquoted is not None:  # "Honey includes—", "A hive is sick if—": the items belong to it
                self._definition(node, unquoted[0], unquoted[1], 0.6, node.text)
                return -1
        return self.sentences(node, node.text, lead)

    def _lead_of(self, node: Node) -> _Lead | None:
        """The lead-in of a list, when its last clause is normative and it introduces the items;
        or when it only names who the items bind ("The warden— (a) must ...")."""
        found = [c for s in sentences(node.text[:MAX_ANALYSED]) for c in clauses(s)]
        if (
            not found
            and (subject_lead := _SUBJECT_LEAD.match(node.text))
            and any(
                clauses(c.text[:MAX_ANALYSED]) and not clauses(c.text[:MAX_ANALYSED])[0].before for c in node.children
            )
        ):
            bearers = self.bearers.named(subject_lead.group("who"), node.eid, lambda _: None)
            self._explain(
                node,
                node.text,
                ("a lead-in that only names who is bound: its items' modals bind " + ", ".join(bearers),),
            )
            return _Lead(tuple(bearers), "", "subject-lead-in", 0.0, (), False, subject_only=True)
        if not found or not (_LEAD_IN_END.search(node.text[-200:]) or "following" in found[-1].after.lower()):
            return None
        mine = self._last_norms_of(node.eid)
        if not mine:
            return None
        last = mine[-1]
        lead_bearers = tuple(n.bearer for n in mine if n.action == last.action and n.bearer)
        return _Lead(
            lead_bearers,
            last.kind,
            last.rule,
            last.confidence,
            last.condition,
            last.discretionary,
            action="" if last.action == actions.NO_WORDS else last.action.rstrip(" —–:-…"),
        )

    def _last_norms_of(self, eid: str) -> list[DraftNorm]:
        """The norms just drafted from provision ``eid`` (they are the last ones: read backwards)."""
        n = len(self.draft.norms)
        while n > 0 and self.draft.norms[n - 1].eid == eid:
            n -= 1
        return self.draft.norms[n:]

    def _drop_last_norms(self, eid: str) -> None:
        """Remove the lead-in's own clause (the last action drafted for ``eid``): its items stand for it."""
        mine = self._last_norms_of(eid)
        if not mine:
            return
        action = mine[-1].action
        dropped = {n.id for n in mine if n.action == action}
        kept = [n for n in mine if n.id not in dropped]
        del self.draft.norms[len(self.draft.norms) - len(mine) :]
        self.draft.norms.extend(kept)
        self.draft.norm_ids -= dropped
        self.draft.explanations.append(
            Explanation(
                eid,
                "(list lead-in)",
                ("a list lead-in: its bearer, modal and conditions pass to every item; the lead-in itself is no norm",),
            )
        )

    # -- sentences and clauses -------------------------------------------------------------------
    def sentences(self, node: Node, text: str, lead: _Lead | None) -> int:
        """Draft the sentences of a provision; bearers and a breach carry from one to the next."""
        context = _Context(bearers=list(lead.bearers) if lead else [])
        made = 0
        for sentence in sentences(text):
            context.condition = None
            made += self.sentence(node, sentence, context)
        return made

    def sentence(self, node: Node, sentence: str, context: _Context) -> int:
        decisions: list[str] = []
        analysed = sentence[:MAX_ANALYSED]
        if len(sentence) > MAX_ANALYSED:
            decisions.append(
                f"the sentence is {len(sentence)} characters long: only its first {MAX_ANALYSED} are analysed"
            )
        conflict = exceptions.conflict_rule(analysed)
        if conflict is not None:
            fact = self._fact(conflict, None, node.eid)
            self._add(
                DraftNorm(
                    self._id(node, "defer to other laws"),
                    node.eid,
                    "conflict_rule",
                    None,
                    "give way to other laws that already provide for the matter",
                    "where-laws-provide-follow-those",
                    0.8,
                    (fact,),
                    defers_to=("the other laws and regulations that provide for it",),
                )
            )
            decisions.append(
                "'where laws ... provide ..., follow those provisions' -> conflict_rule (rule "
                f"where-laws-provide-follow-those), condition fact {fact}"
            )
            self._explain(node, sentence, decisions)
            return 1
        applies = _DUTY_APPLIES.match(analysed)
        if applies is not None and applies.group("who").strip(" —:-."):
            who, unless = exceptions.split_unless(applies.group("who").strip(" —:-."))
            bearers = self.bearers.named(who, node.eid, decisions.append)
            action = actions.action_phrase(applies.group("action"))
            if unless is not None:
                decisions.append("exception ('unless', 'except', 'without the consent of') -> unless")
            # one fact for all the bearers (it is declared once, about the first)
            unless_fact = self._fact(unless.words, bearers[0], node.eid) if unless and bearers else None
            for bearer in bearers:
                self._add(
                    DraftNorm(
                        self._id(node, action), node.eid, "duty", bearer, action, "duty-applies-to", 0.8, (),
                        unless_fact,
                    )
                )
            decisions.append(f"'a duty to ... applies to X' -> duty of {', '.join(bearers)} (rule duty-applies-to)")
            self._explain(node, sentence, decisions)
            return len(bearers)
        found = clauses(analysed)
        unquoted = definitions.unquoted_definition(analysed, self.article.heading) if not found else None
        if unquoted is not None:
            term, rule = unquoted
            self._definition(node, term, rule, 0.6, analysed, explain=False)
            decisions.append(f'no modal, and a defining construction (rule {rule}) -> definition of "{term}"')
            self._explain(node, sentence, decisions)
            return 1
        if not found and _OMITTED.match(sentence):
            self._explain(node, sentence, ("omitted from the text (dots for repealed words): nothing to draft",))
            return 0
        if not found:
            decisions.append(
                "no normative construction (shall, must, may, is to, has the right to ...): left for review"
            )
            self.draft.review.append(ReviewItem(node.eid, "no normative construction found: " + shorten(sentence, 12)))
            self._explain(node, sentence, decisions)
            return 0
        made = 0
        for clause in found:
            made += self.clause(node, clause, context, decisions)
        self._explain(node, sentence, decisions)
        return made

    def clause(self, node: Node, clause: Clause, context: _Context, decisions: list[str]) -> int:
        rule = clause.hit.rule
        kind, confidence = rule.kind, rule.confidence
        say = decisions.append
        say(f"'{clause.sentence[clause.hit.start : clause.hit.end]}' -> {kind} (rule {rule.name}, {confidence:.2f})")
        if kind == "entry_into_force":
            return self._entry_into_force(node, clause, say)
        if kind == "scope":
            self._add(
                DraftNorm(
                    self._id(node, "scope"),
                    node.eid,
                    "scope",
                    None,
                    "scope: " + actions.action_phrase(clause.after),
                    rule.name,
                    confidence,
                )
            )
            return 1
        before, notes, defers = clause.before, [], []
        examples = _EXAMPLES.search(before)  # the commas of "such as A, B, and C" are not where a phrase ends
        scanned = before[: examples.start()] if examples else before
        cut = conditions.last_comma(scanned) if _PREFIX.match(before) and not conditions.opens(before) else None
        if cut is not None:
            words, before = before[:cut].strip(" ,"), before[cut + 1 :].strip(" ,")
            if words.lower().startswith("subject to"):
                defers.append(shorten(words[len("subject to") :].strip(), 12))
            else:
                notes.append(shorten(words, 14))
            say(f"leading phrase '{shorten(words, 8)}' -> note")
        found_conditions: list[Condition] = []
        leading, subject = conditions.split_leading(before)
        if leading is None and before.lower().startswith(("and ", "but ")):
            subject = before.split(" ", 1)[1]
        if leading is not None:
            found_conditions.append(leading)
            context.condition = leading
            say(f"leading '{leading.marker}' clause -> condition")
        elif context.condition is not None:
            found_conditions.append(context.condition)
            say("the sentence's leading condition also governs this clause")
        thing_done_to = clause.hit.passive or (subject and self.lexicon.names_a_thing(subject))
        subject, restriction = (
            conditions.split_restriction(subject) if subject and not thing_done_to else (subject, None)
        )
        if restriction is not None and head(subject) in GENERIC_HEADS:  # "a person who has X" names a role
            say(f"'{head(subject)} {restriction.marker} ...' names a role: the restriction is part of the bearer")
            subject, restriction = f"{subject} {restriction.words}", None
        if restriction is not None:
            found_conditions.append(restriction)
            say(f"the subject is restricted ('{restriction.marker} ...') -> condition")
        after = clause.after[:MAX_ANALYSED]
        inserted = _INSERTED_CONDITION.match(after)
        if inserted is not None:  # "must, when moving hives, tell the warden"
            found_conditions.append(
                Condition(inserted.group("marker").lower(), inserted.group("words").strip(), "inserted")
            )
            say(f"'{inserted.group('marker')}' clause between the modal and the action -> condition")
            after = after[inserted.end() :]
        activity = _ACTIVITY.match(after)
        if activity is not None and subject and head(subject) in GENERIC_HEADS:
            doing = activity.group("ing") or f"exercising {activity.group('exercise')}"
            say(f"'a {head(subject)} must, in doing X,' names a role: the bearer is the {head(subject)} doing X")
            subject, after = f"{subject} {doing}", after[activity.end() :]
        aside = _INSERTED_PHRASE.match(after)
        if aside is not None and actions.starts_with_verb(after[aside.end() :]):  # "must not, at the market, sell"
            notes.append(shorten(aside.group(0).strip(" ,"), 14))
            say("a phrase between the modal and the verb -> note")
            after = after[aside.end() :]
        after, unless = exceptions.split_unless(after)  # first: "except where X" is an exception, not a condition
        if unless is not None:
            say("exception ('unless', 'except', 'without the consent of') -> unless")
        after, trailing = conditions.split_trailing(after)
        if trailing is not None:
            found_conditions.append(trailing)
            say(f"trailing '{trailing.marker}' clause -> condition")
        defers += exceptions.deferrals(clause.before + " " + clause.after)
        if defers:
            say("defers to: " + "; ".join(defers))
        added = exceptions.in_addition_to(clause.sentence)
        if added and not any(n.lower().startswith("in addition to") for n in notes):
            notes.append("in addition to " + added)

        if clause.hit.rule.name == "responsible-for" and (copula := _COPULA.search(subject)):
            subject = subject[: copula.start()]  # "X are the bodies in charge ..., responsible for"
        instrument = instruments.instrument_of(subject) if kind == "permission" and subject else None
        if instrument is not None:  # "Regulations may prescribe ...": a power of whoever makes them
            bearers = self.draft.makers.of(self.article.eid, subject) or [
                self.lexicon.ensure(UNNAMED, "addressee the text does not name (to decide)")
            ]
            kind, confidence, thing_done_to, after = "power", 0.7, False, f"by {instrument} {after}"
            say(f"the subject is an instrument ({instrument}): a power of its maker, {', '.join(bearers)}")
        else:
            bearers, kind, confidence, after = self.bearers.of_clause(
                node.eid, clause, kind, confidence, subject, after, found_conditions, context.bearers, say
            )
        restricted = conditions.object_restriction(after, self._is_someone) if kind in _OWED else None
        if restricted is not None:
            found_conditions.append(restricted)
            say(f"the person the action is done to is restricted ('{restricted.words[:40]}') -> condition")
        context.breach = context.breach or any(conditions.speaks_of_breach(c) for c in found_conditions)
        if kind in ("duty", "power", "permission") and context.breach:
            kind = "consequence"
            say("the provision's condition is a failure to comply -> consequence (rule after-breach)")
        discretionary = instrument is not None
        if kind == "permission":
            if bearers and all(head_of(self.lexicon, b) in ORGAN_HEADS for b in bearers):
                kind = "power"
                say("'may' of an organ acting on others -> power")
            elif bearers and instruments.makes_instrument(after):
                kind = "power"
                say("'may by regulations / by order' -> power (to make law for others)")
            elif _CLAIM_VERBS.match(after):
                kind = "right"
                say("'may' + a claim (request, apply, appeal ...) -> right")
            discretionary = True
        if kind == "principle" and bearers == [UNNAMED]:
            bearers = []
        pieces = [after] if thing_done_to or kind == "entitlement" else actions.split_actions(after) or [after]
        if len(pieces) > 1:
            say(f"a list of {len(pieces)} actions (commas before verbs) -> one norm each")
        if len(clause.before) + len(clause.after) > MAX_ANALYSED:
            confidence *= 0.7
            notes.append(f"a clause over {MAX_ANALYSED} characters: only its start was analysed")
        facts = tuple(self._fact(c.words, bearers[0] if bearers else None, node.eid) for c in found_conditions)
        unless_fact = self._fact(unless.words, bearers[0] if bearers else None, node.eid) if unless else None
        made = 0
        for piece in pieces:
            action = actions.action_phrase(piece)
            if (
                thing_done_to
                and kind not in ("entitlement", "principle")
                and subject
                and subject.split()[0].lower() not in PRONOUNS
            ):
                action = (
                    f"{actions.action_phrase(clean_name(subject), 6)}: {action}"  # "documents ... must not be held"
                )
            if kind == "entitlement" and subject and self.lexicon.names_a_thing(subject):  # "an award is to be given"
                action = "receive " + actions.action_phrase(clean_name(subject), 6)
            open_ended = openended.is_open_ended(piece)
            if open_ended:
                say("the content is left open ('other ...', 'and so forth') -> open_ended")
            piece_notes = notes + (
                ["the text gives examples of an open list ('such as', 'including')"]
                if not open_ended and openended.gives_examples(piece)
                else []
            )
            for bearer in _or_none(bearers):
                norm = DraftNorm(
                    self._id(node, action),
                    node.eid,
                    kind,
                    bearer,
                    action,
                    instruments.RULE if instrument else rule.name if kind == rule.kind else f"{rule.name}+{kind}",
                    round(confidence, 2),
                    _unique(facts),
                    unless_fact,
                    tuple(dict.fromkeys(defers)),
                    open_ended,
                    discretionary,
                    (),
                    tuple(piece_notes),
                    counterparty=self.bearers.counterparty(kind, bearer, piece, say),
                )
                self._add(norm)
                made += 1
                for month, day in dates.recurring_days(piece):
                    self.draft.days.append(RecurringDay(month, day, norm.id, node.eid, action))
                    say(f"a day of the year ({month:02d}-{day:02d}) -> dates")
            say(f"-> {kind}, bearer {', '.join(bearers) or '-'}, action '{action}'")
        context.bearers = [b for b in bearers if b != UNNAMED] or context.bearers
        return made

    # -- special provisions ----------------------------------------------------------------------
    def _one_norm_for(self, lead: _Lead, items: list[Node]) -> str | None:
        """Why a list is one norm with its lead-in, or None when each item is a norm of its own.

        A power's list says what the instrument may contain ("may by regulations amend X so as
        to— (a) add ...; (b) remove ..."), a scope list what the text does not reach: one power,
        one scope. Items that only say how the lead-in's act is done - each opens with a
        preposition and has no modal of its own ("must not discriminate against B— (a) in the
        arrangements ...; (b) as to the terms ...; (c) by not offering ...") - are the ways of doing
        that one act. Items that are predicates of their own ("shall be— (a) processed ...; (b)
        collected ...") stay one norm each.
        """
        if lead.kind in ("power", "scope"):
            return f"the items of a {lead.kind}'s list say what it covers"
        texts = [item.text[:MAX_ANALYSED] for item in items]
        if (
            lead.action
            and "following" not in lead.action
            and all(_MANNER.match(t) and not clauses(t) for t in texts)
            and not any(item.children for item in items)
        ):
            return "every item says how the lead-in's act is done (a prepositional phrase, no modal of its own)"
        return None

    def _list_as_one(self, node: Node, lead: _Lead, items: list[Node], why: str) -> int:
        """One norm per bearer for a lead-in and its whole list (see :meth:`_one_norm_for`)."""
        shown = items[:_LIST_SHOWN]
        parts = [shorten(actions.action_phrase(item.text, 8), 8).rstrip(" ;,.") for item in shown]
        more = f"; … ({len(items) - len(shown)} more)" if len(items) > len(shown) else ""
        action = f"{lead.action} — " + "; ".join(f"({n}) {p}" for n, p in enumerate(parts, 1)) + more
        words = " ".join(item.text[:MAX_ANALYSED] for item in items[:_LIST_SHOWN * 4])
        for bearer in lead.bearers or (None,):
            self._add(
                DraftNorm(
                    self._id(node, lead.action),
                    node.eid,
                    lead.kind,
                    bearer,
                    action,
                    f"list-as-one<{lead.rule}",
                    round(lead.confidence * 0.95, 2),
                    lead.condition_facts,
                    open_ended=openended.is_open_ended(words),
                    discretionary=lead.discretionary,
                    counterparty=self.bearers.counterparty(lead.kind, bearer, words, lambda _: None),
                )
            )
        self._explain(node, "(list)", (f"{why}: one norm for the lead-in and its {len(items)} items",))
        return len(lead.bearers) or 1

    def _item_of_lead(self, node: Node, lead: _Lead) -> int:
        words = node.text[:MAX_ANALYSED]
        decisions = [f"an item of a list: bearer and modal from the lead-in ({lead.kind}, rule {lead.rule})"]
        words, trailing = conditions.split_trailing(words)
        facts = list(lead.condition_facts)
        if trailing is not None:
            facts.append(self._fact(trailing.words, lead.bearers[0] if lead.bearers else None, node.eid))
            decisions.append(f"trailing '{trailing.marker}' clause -> condition")
        made = 0
        completes = bool(lead.action) and "following" not in lead.action and not actions.starts_with_verb(words)
        if completes:
            decisions.append("the item completes the lead-in's action (it does not start with a verb)")
        for piece in actions.split_actions(words) or [words]:
            action = actions.action_phrase(f"{lead.action} {piece}" if completes else piece)
            open_ended = openended.is_open_ended(piece)
            if open_ended:
                decisions.append("the content is left open ('other ...') -> open_ended")
            for bearer in lead.bearers or (None,):
                self._add(
                    DraftNorm(
                        self._id(node, action),
                        node.eid,
                        lead.kind,
                        bearer,
                        action,
                        f"list-item<{lead.rule}",
                        round(lead.confidence * 0.95, 2),
                        _unique(facts),
                        open_ended=open_ended,
                        discretionary=lead.discretionary,
                        counterparty=self.bearers.counterparty(lead.kind, bearer, piece, decisions.append),
                    )
                )
                made += 1
            decisions.append(f"-> {lead.kind}, action '{action}'")
        self._explain(node, node.text, decisions)
        return made

    def _definition(
        self, node: Node, term: str, rule: str, confidence: float, words: str, explain: bool = True
    ) -> None:
        action = f'what "{shorten(term, 8)}" means: {actions.action_phrase(words, 10)}'
        self._add(
            DraftNorm(
                self._id(node, "definition " + term),
                node.eid,
                "definition",
                None,
                action,
                rule,
                confidence,
                terms=(key(term),),
            )
        )
        if explain:
            self._explain(node, node.text, (f'a defining construction (rule {rule}) -> definition of "{term}"',))

    def _duty_applies_to_items(self, node: Node, applies: re.Match[str], items: list[Node]) -> int:
        """ "A duty to do X applies to— (a) A; (b) B": a duty of each listed bearer."""
        action = actions.action_phrase(applies.group("action"))
        for item in items:
            who = re.sub(r"[;,.]?\s*(?:and|or)?\s*$", "", item.text.strip())
            [bearer, *_] = self.bearers.named(who, item.eid, lambda _: None) or [UNNAMED]
            self._add(DraftNorm(self._id(item, action), item.eid, "duty", bearer, action, "duty-applies-to", 0.75))
        self._explain(node, node.text, (f"'a duty to ... applies to—' -> a duty of each of the {len(items)} items",))
        return len(items)

    def _entry_into_force(self, node: Node, clause: Clause, say: Say) -> int:
        when = dates.full_date(clause.after) or dates.full_date(clause.sentence)
        if when is not None and self.draft.in_force is None:
            self.draft.in_force, self.draft.in_force_eid = when, node.eid
            say(f"the date {when.isoformat()} -> regulation.in_force")
        action = f"the regulation takes effect{' on ' + when.isoformat() if when else ''}"
        self._add(
            DraftNorm(
                self._id(node, "entry into force"),
                node.eid,
                "entry_into_force",
                None,
                action,
                clause.hit.rule.name,
                clause.hit.rule.confidence if when else 0.6,
            )
        )
        return 1

    # -- bookkeeping -----------------------------------------------------------------------------
    def _is_someone(self, noun: str) -> bool:
        """A head noun that names someone (a person, or an actor the text names), not a thing."""
        return noun.lower() in GENERIC_HEADS or (self.lexicon.knows(noun) and not self.lexicon.names_a_thing(noun))

    def _fact(self, words: str, about: str | None, eid: str) -> str:
        return _declare(self.draft, words, about, eid)

    def _id(self, node: Node, words: str) -> str:
        base = norm_prefix(node.eid) + "-" + "-".join(slug(words, 4).split("_"))
        ident, n = base, 2
        while ident in self.draft.norm_ids:
            ident, n = f"{base}-{n}", n + 1
        return ident

    def _add(self, norm: DraftNorm) -> None:
        self.draft.norms.append(norm)
        self.draft.norm_ids.add(norm.id)
        if not norm.rule.endswith(instruments.RULE):  # an instrument's content empowers no one new
            self.draft.makers.note(norm, self.article.eid)

    def _explain(self, node: Node, sentence: str, decisions: Iterable[str]) -> None:
        self.draft.explanations.append(Explanation(node.eid, sentence, tuple(decisions)))


def _declare(draft: Draft, words: str, about: str | None, eid: str) -> str:
    """The id of the fact that ``words`` hold, declared (with a question) the first time."""
    meaning = shorten(words, 16)
    ident = slug(words, 6)
    n = 2
    while ident in draft.facts and draft.facts[ident].meaning != meaning:
        ident, n = f"{slug(words, 6)}_{n}", n + 1
    if ident not in draft.facts:
        subject = about or draft.lexicon.ensure(ANYONE, "anyone")
        draft.facts[ident] = Fact(ident, meaning, f"Does this hold: {meaning}?", subject, eid)
    return ident


def _or_none(bearers: list[str]) -> list[str | None]:
    """The bearers, or one None: a norm of a kind without a bearer is still one norm."""
    return [*bearers] if bearers else [None]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def norm_prefix(eid: str) -> str:
    """``art13.1.5`` for ``chp_II__art_13__para_nn_1__list_1__item_5``: article, paragraph, item."""
    parts = []
    for component in eids.parts(eid):
        name, num = eids.kind_and_number(component)
        if name in ("chp", "part", "list") or not num:
            continue
        parts.append((name, re.sub(r"[^a-z0-9]", "", num.lower()) or "0"))
    if not parts:
        return "prov"
    first = parts[0]
    prefix = "art" if first[0] == "art" else "sec"
    return prefix + ".".join(p[1] for p in parts)
