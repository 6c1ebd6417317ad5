"""Kind rules: which words make a sentence normative, and what kind of norm each makes.

Each :class:`KindRule` is one construction ("shall not", "has the right to", "it is
prohibited") with the kind it signals and how sure the rule is. All rules are tried together,
left to right; where two start at the same word the earlier rule in :data:`RULES` wins, so the
specific constructions come before the plain modals they contain. A modal inside a relative
clause ("duties that shall be performed") is not the sentence's own and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KindRule:
    name: str  # stable, shown in drafts and explanations
    pattern: str  # regular expression, matched case-insensitively on word boundaries
    kind: str  # a NormKind value
    confidence: float
    words_name_bearer: bool = False  # "no person shall": the bearer is in the rule's own words


RULES: tuple[KindRule, ...] = (
    KindRule(
        "entry-into-force",
        r"(?:(?:shall|will|is to) )?(?:take|takes|come|comes) (?:into )?(?:effect|force)|enters? into force",
        "entry_into_force",
        0.9,
    ),
    KindRule(
        "scope",
        r"(?:this|these) (?:regulations?|act|by-?laws?|chapter|part|law|directive|rules) "
        r"(?:shall |does |do )?(?:not )?appl(?:y|ies)",
        "scope",
        0.85,
    ),
    # "This section applies / has effect for the purposes of ...", "Nothing in this section affects ...": where a
    # provision of the text applies, not what anyone must do
    # "Paragraph 1 shall not apply ...", "Section 13, so far as relating to X, does not apply ...": the same for a
    # provision the sentence names
    KindRule(
        "scope-section",
        r"(?:(?:this|that) (?:section|subsection|paragraph|article)|"
        r"(?:sub)?(?:sections?|paragraphs?|articles?|points?) \(?\d+[A-Za-z]?\)?(?:\(\w{1,4}\))*"
        r"(?:(?:,| and| or| to) \(?\d+[A-Za-z]?\)?(?:\(\w{1,4}\))*)*)"
        r"(?: \([^)]{0,40}\))?(?:, [^,;]{1,80},)? (?:shall |does |do |will )?(?:not )?(?:also |only )?"
        r"(?:appl(?:y|ies)|affects?|has effect|is subject to|be subject to|prejudice)\b|"
        r"nothing in (?:this|that) (?:section|act|part|chapter|regulation|by-?law)s? affects",
        "scope",
        0.8,
    ),
    KindRule(
        "no-one-shall",
        r"no (?:person|one|individual|body|organi[sz]ation|\w+) (?:shall|may|must)",
        "prohibition",
        0.9,
        True,
    ),
    KindRule("it-is-prohibited", r"it is (?:prohibited|forbidden|unlawful|an offence)", "prohibition", 0.85),
    # "X is to be construed / read / treated as ...", "account must be taken of": rules of interpretation
    # (how to read the text), not conduct anyone owes - even when "must" says so.
    KindRule(
        "interpretive",
        r"(?:(?:shall|must)(?: not)?|(?:is|are)(?: not)? to)(?: also)? be (?:construed|read|interpreted|treated|"
        r"regarded|taken into account|taken to|taken as|disregarded|ignored)|"
        r"(?:account|regard) (?:must|shall|is to) (?:also )?be (?:taken|had)",
        "definition",
        0.7,
    ),
    KindRule(
        "must-not",
        r"(?:shall|must|may) not|(?:is|are) not to|(?:is|are) (?:prohibited|forbidden) (?:from|to)",
        "prohibition",
        0.9,
    ),
    KindRule(
        "liable-to",
        r"(?:is|are|shall be|will be) liable (?:to|for)|(?:is|are) guilty of an offence|commits? an offence",
        "consequence",
        0.85,
    ),
    KindRule("right-to", r"(?:has|have|shall have) the right (?:to|of)|(?:is|are|shall be) entitled to", "right", 0.85),
    KindRule("treated-as", r"(?:is|are) (?:to be )?(?:treated|regarded|referred to) as", "definition", 0.7),
    KindRule(
        "is-to-be-given",
        r"(?:is|are) to be (?:given|granted|awarded|paid)|shall be (?:given|granted|awarded|paid)",
        "entitlement",
        0.7,
    ),
    KindRule(
        "obligation-to",
        r"(?:has|have) (?:the|an) (?:obligation|duty) to|(?:is|are) (?:obliged|required|bound) to",
        "duty",
        0.85,
    ),
    KindRule("responsible-for", r"(?:is|are) (?:\w+ly )?responsible for|, responsible for", "duty", 0.65),
    KindRule("shall", r"shall", "duty", 0.9),
    KindRule("must", r"must", "duty", 0.9),
    # "is to" + a verb; "the references to X are to Y" (a noun follows) is no modal
    KindRule("is-to", r"(?:is|are) to(?! (?:the|a|an|any|that|this|those|these|its|their)\b)(?= \w)", "duty", 0.75),
    KindRule("should", r"should", "principle", 0.6),
    KindRule("may", r"may", "permission", 0.8),
)

_COMBINED = re.compile("|".join(f"(?P<r{n}>\\b(?:{rule.pattern})\\b)" for n, rule in enumerate(RULES)), re.IGNORECASE)
# The words every rule starts with: only where one of them stands are the rules tried (much faster
# than trying every rule at every word of a long text).
_TRIGGER = re.compile(
    r"\b(?:shall|will|is|are|takes?|comes?|enters?|this|these|no|it|must|may|has|have|commits?|"
    r"should|account|regard|nothing|(?:sub)?sections?|paragraphs?|articles?|points?)\b|, responsible",
    re.IGNORECASE,
)
# A modal right after one of these words belongs to a relative clause or a set phrase.
_NOT_MAIN = re.compile(r"(?:\b(?:that|which|who|whom|as|case|what|whatever|whoever|than|so)\s+)$", re.IGNORECASE)
_PASSIVE = re.compile(
    r"\s+(?:not\s+)?(?:also\s+)?be\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|given|done|made|paid|held|kept|sent|set|put|found|"
    r"brought|left|met|run|read|heard|built|spent|lost|borne|sold|told|shown|drawn|dealt|laid|led|sought|taught|"
    r"bought|cut|shut|struck|hit|spread|burnt|learnt|lent|meant|lit|dug|fed|won|shot|sworn|torn|worn)\b",
    re.IGNORECASE,
)
_IS_MONTH = re.compile(r"\d\s+May\b|\bMay\s+\d")
# "may by regulations provide that a person is entitled to ...": what follows is the content of
# the instrument, not a norm of the sentence's own.
_CONTENT = re.compile(r"\b(?:provide|provides|providing) that\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Hit:
    """One normative construction found in a sentence."""

    rule: KindRule
    start: int
    end: int
    passive: bool  # followed by "be <participle>": the subject suffers the action


def find_hits(text: str) -> list[Hit]:
    """The sentence's own normative constructions, left to right (relative-clause modals skipped)."""
    hits: list[Hit] = []
    position = 0
    content = _CONTENT.search(text)
    for trigger in _TRIGGER.finditer(text):
        if content is not None and trigger.start() > content.start():
            break
        if trigger.start() < position:
            continue
        match = _COMBINED.match(text, trigger.start())
        if match is None:
            continue
        position = match.end()
        rule = RULES[int((match.lastgroup or "")[1:])]  # every alternative is a group named r<index>
        before = text[max(0, match.start() - 12) : match.start()]
        if not rule.words_name_bearer and _NOT_MAIN.search(before):
            continue
        if rule.name == "may" and _IS_MONTH.search(text[max(0, match.start() - 4) : match.end() + 4]):
            continue  # "1 May 2018": the month, not the modal
        passive = _PASSIVE.match(text, match.end()) is not None
        hits.append(Hit(rule, match.start(), match.end(), passive))
    return hits
