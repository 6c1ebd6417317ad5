"""The grammar of a citation: the words that cite a provision, read into their parts.

A citation is a chain of parts joined by "of" (innermost first), perhaps followed by the law
that owns it:

    point (b) of paragraph 2 of Article 1            three parts
    the second paragraph of article 22                an ordinal part, then a numbered one
    the first subparagraph of paragraph 1             (subparagraphs are not nodes: it cites paragraph 1)
    Articles 13 to 15, sections 20-22, points (a) to (c), paragraphs 1 and 2   lists and ranges
    Art. 6(1)(e) or (f)                               "(f)" is read as 6(1)(f)
    this Article, this section, that section          the enclosing provision, or the one cited before
    section 2 of the Local Government etc. (Scotland) Act 1994    owned by another law

This module only reads words; :mod:`lawcode.text.references` resolves the parts against a
document. Every pattern is bounded (no nested unbounded repetition), so reading is linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10}
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
_ORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|preceding|previous|following)"
_SEG = r"\([0-9A-Za-z]{1,5}\)"
# A label: "13", "6(1)(a)", "19A", "(b)(2)", "(2A)".
_NUMBERED = rf"[0-9]+[A-Za-z]{{0,3}}(?![A-Za-z0-9])(?:{_SEG}){{0,5}}"
_PAREN = rf"(?:{_SEG}){{1,6}}"
_LABEL = rf"(?:{_NUMBERED}|{_PAREN})"
_ROMAN = r"(?-i:[IVXLC]{1,7})\b"
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and/or\s+|\s+and\s+|\s+or\s+|\s+to\s+|\s*[-\u2013]\s*)"
PROVISION_WORDS = ("article", "arts.", "art.", "section", "\u00a7")
CONTAINER_WORDS = ("chapter", "part")
SUB_WORDS = ("paragraph", "subparagraph", "sub-paragraph", "subsection", "point", "clause", "subclause")
_PART = (
    rf"(?:the\s+(?P<ord>{_ORD}(?:\s+(?:and|or|to)\s+{_ORD})?"
    r"|(?:preceding|previous|following)\s+(?:two|three|four|five))"
    r"\s+(?P<okw>(?:sub-?)?paragraphs?|subsections?|points?|sentences?)\b"
    r"|(?P<this>this|that)\s+(?P<tkw>Article|section|(?:sub-?)?paragraph|subsection|clause|chapter|(?-i:Part))\b"
    r"|(?P<kw>(?:Articles?|(?-i:Arts?\.)|Sections?|(?:sub-?)?paragraphs?|subsections?"
    r"|(?:points?|(?:sub)?clauses?)(?= \()"
    r"|(?-i:POINTS?|(?:SUB)?CLAUSES?))\s+|\u00a7\u00a7?\s*)"
    # A list is all numbers ("1 and 2", "6(1)(e) or (f)") or all parentheses ("(a) to (c)"): a bare
    # number after "(a)," is a footnote's.
    rf"(?P<labels>{_NUMBERED}(?:{_SEP}{_LABEL}){{0,12}}|{_PAREN}(?:{_SEP}{_PAREN}){{0,12}})"
    r"|(?P<ckw>Chapters?|(?-i:Parts?|PARTS?))\s+"
    rf"(?P<clabels>(?:{_LABEL}|{_ROMAN})(?:{_SEP}(?:{_LABEL}|{_ROMAN})){{0,6}}))"
)
PART = re.compile(_PART, re.IGNORECASE)
# A chain of parts; the lookbehind stands for \b, which would not let a match begin at "§".
_PART_UNNAMED = re.sub(r"\(\?P<\w+>", "(?:", _PART)
CHAIN = re.compile(rf"(?<!\w){_PART_UNNAMED}(?:,?\s+(?:of|in)\s+{_PART_UNNAMED}){{0,4}}", re.IGNORECASE)
# Where a chain can begin: at one of its keywords, or at "the", "this" or "that" at most
# CHAIN_REACH characters before one ("the preceding two paragraphs"). Common words such as "the"
# are looked for only there (see references._matches).
CHAIN_START = ("article", "art.", "arts.", "section", "\u00a7", "chapter", "part", "paragraph", "subparagraph",
               "sub-paragraph", "subsection", "point", "clause", "subclause")
CHAIN_LEADS = ("the", "this", "that")
CHAIN_REACH = 40
_LABEL_TOKEN = re.compile(rf"({_LABEL}|{_ROMAN})|(\bto\b|[-\u2013])", re.IGNORECASE)
_SEGMENT = re.compile(r"\(([0-9A-Za-z]{1,5})\)")

# -- the law that owns a citation ------------------------------------------------------------------
# A named law: capitalised words (joined by "and", "of", "for", "on", "the", with "etc." and a
# parenthesised place such as "(Scotland)" kept), then "Act", "Law" and the like, perhaps with its
# year. It begins with a character class (its first capital; the lookbehind after it stands for a
# \b before it), so that the regex engine skips to the capitals in C.
NAME_WORD = (r"[A-Za-z'-]{1,40}\s+(?:etc\.\s+)?(?:\([A-Z][A-Za-z]{1,20}(?:\s[A-Z][A-Za-z]{1,20}){0,2}\)\s+){0,2}"
             r"(?:(?:and|of|for|on|the)\s+)?")  # after its capital
LAW_END = (r"(?:Act|Law|Regulations|Ordinance)(?:,?\s+(?:of\s+)?[0-9]{4}\b)?"
           r"(?:\s*\(Act\s+(?:No\.\s*)?[0-9]+\s+of\s+[0-9]{4}\))?")
# Words that open a sentence before a law's name ("Notwithstanding the ... Regulations"): not its first word.
NOT_FIRST = r"(?!(?<=N)otwithstanding\b|(?<=U)nder\b|(?<=S)ubject\b|(?<=D)espite\b|(?<=P)ursuant\b|(?<=E)xcept\b)"
NAMED_LAW = re.compile(rf"[A-Z](?<!\w[A-Z]){NOT_FIRST}{NAME_WORD}(?:[A-Z]{NAME_WORD}){{0,7}}{LAW_END}")
EU_ACT = re.compile(
    r"\b(?:Regulation|Directive|Decision)\s+(?:\((?:EU|EC|EEC|Euratom)\)\s+(?:No\s+)?[0-9]{1,4}/[0-9]{1,4}"
    r"|[0-9]{2,4}/[0-9]{1,4}/(?:EC|EU|EEC))"
)
EU_ACT_START = ("Regulation", "Directive", "Decision")
_OF = re.compile(r",?\s+(?:[0-9]{1,2}\s+)?of\s+")  # a footnote's number may stand before "of"
_INTERNAL_OWNER = re.compile(r"(?:these|this|the\s+present)\s+(?:Regulations?|Act|Law|By-?law|Code|Rules|Ordinance)\b",
                             re.IGNORECASE)
_TITLE_OWNER = re.compile(r"(?:(this)\s+title|title\s+[0-9]+[A-Za-z]?)\b", re.IGNORECASE)
_THAT_LAW = re.compile(r"that\s+(?:Act|Directive|Regulation|Decision|Law|Convention|Treaty|Code|Order|title)\b",
                       re.IGNORECASE)
_TREATY = re.compile(r"(?:the\s+)?((?:Treaty|Charter|Convention|Constitution)(?:(?:\s+(?:on|of|for|the|and)){0,3}"
                     r"\s+[A-Z][\w-]*){0,10}|TFEU|TEU)\b")
_SCHEDULE = re.compile(r"(schedule\s+[0-9]+[A-Z]?)(?:\s+to\s+(this\s+Act|(?:the\s+)?(?=[A-Z])))?", re.IGNORECASE)
# A standard's designation before "Part 1" ("SABS 1186: Part 1", "SANS 10087 part 6"): the part is the standard's.
STANDARD_BEFORE = re.compile(r"\b((?:[A-Z]\.?){2,6}\s*[0-9][0-9.]*)\s*:?\s*$")
_TITLE_OF = re.compile(r"Title\s+[IVXLC]+\s+of\s+the\s+(?:TEU|TFEU)\b")
_DIRECT_TREATY = re.compile(r"\s+(TFEU|TEU)\b")


@dataclass(frozen=True, slots=True)
class Label:
    """One cited number: its base ("6", "b", "III") and the path below it (["1", "a"])."""

    base: str
    path: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Part:
    """One link of a citation chain.

    ``kind`` is "provision" (article, section, §), "container" (chapter, part), "sub" (paragraph,
    subsection, point, clause), "ordinal" ("the second paragraph"), "this" or "that".
    ``keyword`` is the keyword in lower case and singular ("paragraph", "chapter"); ``labels`` a
    list of labels and ranges (a range is a pair of labels), ``ordinals`` the ordinal words.
    """

    kind: str
    keyword: str
    labels: tuple[Label | tuple[Label, Label], ...] = ()
    ordinals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Owner:
    """The law a citation names after its parts: internal ("this Act"), the US Code's "this title",
    or another law (``name``)."""

    end: int  # where the owner's words end in the text
    internal: bool
    name: str | None = None
    this_title: bool = False
    absent: str | None = None  # a part of this law the text does not hold ("schedule 1")


_CONNECTOR = re.compile(r",?\s+(?:of|in)\s+", re.IGNORECASE)


def parts_of(chain: str) -> list[Part]:
    """The parts of a citation chain (a match of :data:`CHAIN`), innermost first.

    The chain is cut at its connectors (", of", "in"), which no part holds, and each piece is
    read from its start: a piece that does not begin with a part holds none."""
    parts = []
    for piece in _CONNECTOR.split(chain):
        match = PART.match(piece)
        if match is not None:
            parts.append(_part(match))
    return parts


def _keyword(word: str) -> str:
    """The keyword in lower case, singular and without hyphen: "Articles" -> "article", "Art." ->
    "article", "§§" -> "section", "sub-paragraphs" -> "subparagraph"."""
    word = word.strip().lower().replace("-", "")
    if word.startswith("\u00a7"):
        return "section"
    if word.startswith("art"):
        return "article"
    return word.rstrip("s")


def _part(match: re.Match[str]) -> Part:
    if match.group("ord"):
        words = [word for word in re.findall(r"[a-z]+", match.group("ord").lower()) if word not in ("and", "or")]
        if words[-1] in _COUNTS:  # "the preceding two paragraphs": preceding:1, preceding:2
            ordinals = tuple(f"{words[0]}:{n}" for n in range(1, _COUNTS[words[-1]] + 1))
        elif len(words) == 3 and words[1] == "to" and words[0] in ORDINALS and words[2] in ORDINALS:
            first, last = ORDINALS[words[0]], ORDINALS[words[2]]
            ordinals = tuple(name for name, n in ORDINALS.items() if first <= n <= last)
        else:
            ordinals = tuple(word for word in words if word != "to")
        return Part("ordinal", _keyword(match.group("okw")), ordinals=ordinals)
    if match.group("this"):
        return Part(match.group("this").lower(), _keyword(match.group("tkw")))
    if match.group("kw"):
        keyword = _keyword(match.group("kw"))
        kind = "provision" if keyword in ("article", "section") else "sub"
        return Part(kind, keyword, labels=_labels(match.group("labels"), inherit=kind == "provision"))
    return Part("container", _keyword(match.group("ckw")), labels=_labels(match.group("clabels"), inherit=False))


def _labels(text: str, *, inherit: bool) -> tuple[Label | tuple[Label, Label], ...]:
    """Labels and ranges in a list such as "15 to 22 and 34" or "6(1)(e) or (f)".

    A label that is only a path ("(f)" after "6(1)(e)") stands beside the last part of the label
    before it, where that one has a path.
    """
    out: list[Label | tuple[Label, Label]] = []
    pending_range = False
    previous: Label | None = None
    for match in _LABEL_TOKEN.finditer(text):
        if match.group(2):
            pending_range = previous is not None
            continue
        label = _label(match.group(1), previous if inherit or (previous and previous.path) else None)
        if pending_range and out and isinstance(out[-1], Label):
            out[-1] = (out[-1], label)
        else:
            out.append(label)
        previous = label
        pending_range = False
    return tuple(out)


def _label(text: str, previous: Label | None) -> Label:
    if text.startswith("("):
        segments = tuple(_SEGMENT.findall(text))
        if previous is not None and previous.path and len(segments) <= len(previous.path):
            keep = len(previous.path) - len(segments)
            return Label(previous.base, previous.path[:keep] + segments)
        return Label(segments[0], segments[1:])
    head = text.split("(", 1)[0]
    return Label(head, tuple(_SEGMENT.findall(text[len(head):])))


def owner_after(text: str, end: int) -> Owner | None:
    """The law named right after a citation that ends at ``end`` ("of this Act", "of the Data
    Protection Act 1998", "of Directive 95/46/EC", "of that Directive", "of title 5", " TFEU")."""
    direct = _DIRECT_TREATY.match(text, end)
    if direct:
        return Owner(direct.end(), False, direct.group(1))
    of = _OF.match(text, end)
    if of is None:
        return None
    at = of.end()
    match = _INTERNAL_OWNER.match(text, at)
    if match:
        return Owner(match.end(), True)
    match = _TITLE_OWNER.match(text, at)
    if match:
        return Owner(match.end(), False, match.group(0), this_title=bool(match.group(1)))
    match = _THAT_LAW.match(text, at)
    if match:
        return Owner(match.end(), False, match.group(0))
    match = EU_ACT.match(text, at)
    if match:
        return Owner(match.end(), False, match.group(0))
    match = _SCHEDULE.match(text, at)
    if match:
        if match.group(2) is not None and not match.group(2).lower().startswith("this"):
            law = NAMED_LAW.match(text, match.end())
            if law:
                return Owner(law.end(), False, law.group(0))
        return Owner(match.end(), True, absent=match.group(1))
    match = _TITLE_OF.match(text, at)
    if match:
        return Owner(match.end(), False, match.group(0))
    name_at = at + 4 if text.startswith("the ", at) else at
    match = NAMED_LAW.match(text, name_at)
    if match:
        return Owner(match.end(), False, match.group(0))
    match = _TREATY.match(text, at)
    if match:
        return Owner(match.end(), False, match.group(1))
    return None
