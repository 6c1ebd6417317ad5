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
_LEADING_NOISE = re.compile(
    r"^(?:(?:also|then|further|still|immediately|promptly|strictly|closely|fully|lawfully|jointly|"
    r"actively|earnestly|conscientiously|truly|truthfully|duly|first|each|and|to)\b[\s,]*)+",
    re.IGNORECASE,
)
_QUALIFIERS = re.compile(
    r",?\s*\b(?:in accordance with (?:the )?law|according to law|in accordance with (?:the )?"
    r"(?:relevant )?(?:state )?provisions(?: of [^,;]{1,60})?|as provided (?:for )?in [^,;]{1,60})\b",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r",\s*(?:so as |in order )?to\s|\s+so as to\s|\s+in order to\s|;", re.IGNORECASE)


NO_WORDS = "(no words)"  # the action of a clause with no words after its modal


def action_phrase(words: str, max_words: int = MAX_WORDS) -> str:
    """A short action phrase from the words after a modal (or an item of a list)."""
    text = words[:4000]  # a phrase is a dozen words; the rest of a very long clause is not read
    text = re.sub(r"^\s*\(?[0-9a-zA-Z]{1,4}[.)]\s+", "", text)  # an item's own number, if left in its words
    text = _QUALIFIERS.sub("", text)
    purpose = _PURPOSE.search(text)
    if purpose and purpose.start() > 15:
        text = text[: purpose.start()]
    text = _LEADING_NOISE.sub("", tidy(text))
    phrase = shorten(text, max_words)
    return (
        phrase[0].lower() + phrase[1:] if phrase[:1].isupper() and not phrase[1:2].isupper() else phrase or NO_WORDS
    )


def tidy(words: str) -> str:
    """Words with the debris of removed phrases swept up: dangling "and", doubled commas, spaces."""
    text = re.sub(r"\s+([,;.])", r"\1", words)
    text = re.sub(r"(?:,\s*)+,", ",", text)
    text = re.sub(r"\b(?:and|or),", ",", text)
    text = re.sub(r"[\s,;]+(?:and|or)?\s*$", "", text.strip())
    return re.sub(r"\s{2,}", " ", text).strip(" ,;")


# Verbs that open an action in regulations; a list of actions joined by commas splits where the
# next one starts with one of these (or with its -ing form: "..., guiding the committees").
VERBS = frozenset(
    [
        "accept", "address", "adhere", "adopt", "affix", "allot", "allow", "amend", "analyse", "analyze", "apply",
        "appoint", "approve", "arrange", "ask", "assess", "assist", "bear", "brief", "bring", "build", "carry",
        "check", "clarify", "clear", "collect", "communicate", "compile", "complete", "comply", "conduct",
        "consider", "consult", "cooperate", "coordinate", "correct", "create", "deal", "decide", "define", "delete",
        "deliver", "delineate", "demonstrate", "designate", "destroy", "determine", "develop", "disclose",
        "display", "document", "draft", "draw", "educate", "eliminate", "employ", "encourage", "enforce", "enhance",
        "ensure", "erase", "establish", "evaluate", "examine", "facilitate", "file", "follow", "formulate", "give",
        "grant", "guarantee", "guide", "handle", "help", "identify", "implement", "improve", "include", "increase",
        "inform", "inspect", "install", "interview", "investigate", "issue", "keep", "label", "lay", "limit",
        "maintain", "make", "manage", "mark", "monitor", "notify", "obey", "observe", "obtain", "offer", "order",
        "organise", "organize", "oversee", "pay", "perform", "permit", "prepare", "preserve", "prevent", "promote",
        "protect", "provide", "publicise", "publicize", "publish", "put", "raise", "receive", "record", "rectify",
        "reduce", "refer", "refuse", "register", "reject", "release", "remedy", "remove", "report", "request",
        "research", "resolve", "respect", "restrict", "retain", "return", "review", "revoke", "safeguard",
        "sanction", "seal", "secure", "seek", "send", "set", "share", "sign", "stop", "store", "strengthen",
        "study", "submit", "supervise", "support", "suspend", "take", "test", "train", "transfer", "transmit",
        "update", "urge", "verify", "withdraw", "work", "discriminate", "harass", "victimise", "victimize", "treat",
        "dispose", "let", "sell", "rent", "admit", "expel", "dismiss", "hire", "charge", "disclose", "process",
        "collect", "erase", "notify", "do", "add", "alter", "prescribe", "specify", "impose", "require",
        "exclude", "instruct", "recommend", "exercise",
    ]
)
_EXAMPLES_START = re.compile(r"\b(?:such as|including|for example|e\.g\.)\s", re.IGNORECASE)
_ACTION_BREAK = re.compile(r"[,;]\s*(?:and\s+)?(?:also\s+)?(?:\w+ly\s+)?(?=(?P<word>[A-Za-z]+)\b)")


def _is_verb(word: str) -> bool:
    lower = word.lower()
    if lower in VERBS:
        return True
    if lower.endswith("ing") and len(lower) > 5:
        stem = lower[:-3]
        return any(
            v in VERBS
            for v in (
                stem,
                stem + "e",
                stem[:-1] if stem[-1:] == stem[-2:-1] else stem,
                stem[:-1] + "y" if stem.endswith("i") else stem,
            )
        )
    return False


def split_actions(words: str) -> list[str]:
    """The separate actions of a list of them ("establish X, improve Y, and report Z").

    A piece starts where a comma or semicolon is followed by a verb; words before the first verb
    ("together with the wardens, inspect ...") stay with the first action. After
    "such as" only a semicolon ends a piece: the commas separate the examples.
    """
    text = words[:4000]
    starts = [0]
    for match in _ACTION_BREAK.finditer(text):
        if not _is_verb(match.group("word")) or match.start() - starts[-1] <= 8:
            continue
        if text[match.start()] == "," and _EXAMPLES_START.search(text, starts[-1], match.start()):
            continue
        starts.append(match.start())
    pieces = [text[a:b].strip(" ,;") for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    pieces = [re.sub(r"^(?:[,;]\s*)?(?:and\s+)?(?:also\s+)?", "", p) for p in pieces]
    if len(pieces) > 1 and not _is_verb(pieces[0].split()[0] if pieces[0].split() else ""):
        pieces[1] = f"{pieces[0]}, {pieces[1]}"
        pieces = pieces[1:]
    return [p for p in pieces if p]


def starts_with_verb(words: str) -> bool:
    """Whether the words open with a verb (after an adverb): an action of their own."""
    first = re.match(r"\s*(?:\w+ly\s+)?([A-Za-z]+)", words)
    return first is not None and _is_verb(first.group(1))
