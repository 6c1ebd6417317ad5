"""Cross-references: citations in a provision's words, resolved to eIds or named as external.

Internal citations are resolved with the same :class:`~lawcode.text.locate.Index` that
``locate`` uses: "article 13 of these Regulations", "Article 6(1)", "Articles 15 to 20",
"sections 6503 and 6505 of this title", "paragraph 2 of this article", "the first paragraph of
this article", "the preceding paragraph", "subsection (1)", "paragraph (1)", "point (a) of
paragraph 2". A citation of a provision this text does not have becomes a reference with no
target *and* a warning naming the line (the text may cite a part of itself that was left out,
or be wrong).

External citations keep the cited law's name: a quoted title ("PRC National Security Law"),
EU acts ("Regulation (EC) No 45/2001", "Directive 2000/31/EC"), a named Act ("the Fire Brigade
Services Act"), or a provision "of that Directive" / "of the ... Act 1994" / "of title 5".

All patterns are bounded (no nested unbounded repetition), so scanning is linear in the text.
"""

from __future__ import annotations

import re
from typing import Iterator

from lawcode.text.document import CHAPTER, PARAGRAPH, Diagnostic, Node, Reference
from lawcode.text.locate import Index, child_labelled

MAX_SCANNED = 100_000  # longer runs of words (junk, a missing line break) are not searched for citations
_NUMBER = r"[0-9]+[A-Za-z]{0,2}(?:\([0-9A-Za-z]{1,4}\)){0,4}"
# The provision citation patterns come with the words a match of them can begin with (in lower
# case when the pattern ignores case). A pattern is only tried where one of its words is found by
# str.find (see _matches): letting the regex engine try it at every position of every
# provision's words took three times longer.
_PROVISIONS = re.compile(
    r"\b(?:point\s+\((?P<point>[a-z]{1,4})\)\s+of\s+(?:the\s+[a-z]+\s+subparagraph\s+of\s+)?)?"
    rf"(?P<kw>Articles?|Sections?|§§?|Chapters?)\s+(?P<nums>{_NUMBER}(?:(?:,\s*|\s+and\s+|\s+or\s+|\s+to\s+){_NUMBER}){{0,12}})"
    r"(?P<of>\s+of\s+(?P<whose>(?:these|this|that|the|title)\b[^.;:,()]{0,80}?"
    r"(?:Regulations?|Act(?: \d{4})?|Law|By-law|Directive|Decision|Treaty|TEU|TFEU|Convention|Charter|title(?: \d+)?|chapter|Code|Part|[0-9]+)\b"
    r"|(?:Regulation|Directive|Decision)\s+(?:\((?:EU|EC|EEC|Euratom)\)\s+)?(?:No\s+)?[0-9]{1,4}/[0-9]{1,4}(?:/(?:EC|EU|EEC))?))?",
    re.IGNORECASE,
)
_PROVISIONS_START = ("point", "article", "section", "\u00a7", "chapter")
_CHAPTER_NUMBER = re.compile(r"[IVXLC]+|[0-9]+")
_NUM_LIST = re.compile(rf"({_NUMBER})|(\bto\b)")
_PATH = re.compile(r"\(([0-9A-Za-z]{1,4})\)")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10}
_LOCAL = re.compile(
    r"\b(?:the\s+(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|preceding|previous|following)"
    r"\s+(?:sub)?paragraph(?:\s+of\s+this\s+(?:article|section))?"
    r"|(?:points?\s+\((?P<pl>[a-z]{1,4})\)\s+(?:of\s+)?)?(?P<kw>(?:sub)?paragraphs?|subsections?)\s+"
    r"(?P<lab>\(?[0-9]+[A-Za-z]{0,2}\)?)(?P<sub>(?:\([0-9A-Za-z]{1,4}\)){0,3})(?P<of>\s+of\s+this\s+(?:article|section))?)",
    re.IGNORECASE,
)
_LOCAL_START = ("the", "point", "paragraph", "subparagraph", "subsection")
_OF_PROVISION = re.compile(r"\s+of\s+(?:Article|Section|\u00a7)\s+([0-9]+[A-Za-z]{0,2})\b(?P<elsewhere>\s+of\s+(?:that|the)\b)?",
                           re.IGNORECASE)
_QUOTED_LAW = re.compile(
    r"\"([A-Z][^\"]{2,150}?\b(?:Law|Act|Regulations|Rules|Code|Directive|Convention|Treaty|Constitution|Measures|Provisions))\""
)
_EU_ACT = re.compile(
    r"\b(?:Regulation|Directive|Decision)\s+(?:\((?:EU|EC|EEC|Euratom)\)\s+(?:No\s+)?[0-9]{1,4}/[0-9]{1,4}"
    r"|[0-9]{2,4}/[0-9]{1,4}/(?:EC|EU|EEC))"
)
_EU_ACT_START = ("Regulation", "Directive", "Decision")
# A named law: one to eight capitalised words (joined by "and", "of", "for", "on" or "the"), then
# "Act" or "Law", perhaps with its year; a "the" before it is taken in by _named_acts. Written so
# that the pattern begins with a character class (the first capital; the \b before it is the
# lookbehind after it): the regex engine then skips to the capitals in C rather than trying the
# pattern at every position, which took twice as long.
_NAME_WORD = r"[A-Za-z'-]{1,40}\s+(?:(?:and|of|for|on|the)\s+)?"  # after its capital
_LAW_END = r"(?:Act|Law)(?:,?\s+(?:[0-9]{4}|\(Act\s+[0-9]+\s+of\s+[0-9]{4}\)))?"
_NAMED_ACT = re.compile(rf"[A-Z](?<!\w[A-Z]){_NAME_WORD}(?:[A-Z]{_NAME_WORD}){{0,7}}{_LAW_END}")
_ANAPHORIC = re.compile(r"^(?:This|That|These|The|Such|Each|Any|Union|State|Member)\b")
_INTERNAL_OWNER = re.compile(r"^(?:these|this)\s+(?:Regulations?|Act|Law|By-law|Code|chapter|title)\b", re.IGNORECASE)


class _Finder:
    def __init__(self, index: Index) -> None:
        self.index = index
        self.references: list[Reference] = []
        self.warnings: list[Diagnostic] = []
        self.seen: set[tuple[str, str, str | None, str | None]] = set()
        self.offsets: list[int] = []  # where each reference found in the current words starts

    def add(self, source: Node, words: str, target: str | None = None, external: str | None = None,
            *, at: int) -> None:
        """Record a reference whose words start at offset ``at`` of the words being scanned."""
        key = (source.eid, words, target, external)
        if key not in self.seen:
            self.seen.add(key)
            self.references.append(Reference(source.eid, words, target, external))
            self.offsets.append(at)

    def missing(self, source: Node, words: str, what: str, *, at: int) -> None:
        self.add(source, words, at=at)
        self.warnings.append(Diagnostic(source.line, f"{source.eid} cites {what}, which this text does not have", words))

    # -- scanning ----------------------------------------------------------------------------
    def scan(self, node: Node) -> None:
        """Look for citations in the words of a node that :func:`may_cite` (the caller checks)."""
        for text in (node.text, node.wrap_up):
            if not text:
                continue
            if len(text) > MAX_SCANNED:
                self.warnings.append(Diagnostic(node.line, f"{node.eid} has {len(text)} characters of words; "
                                                f"cross-references are only looked for in shorter provisions "
                                                f"(at most {MAX_SCANNED})", text[:80]))
                continue
            first = len(self.references)
            self.offsets = []
            covered = self._provisions(node, text) if _may_cite_provision(text) else []
            if _may_cite_local(text):
                self._local(node, text)
            if _may_cite_law(text):
                self._externals(node, text, covered)
            # Reading order within the words (the kinds of citation are searched one after another).
            found = sorted(zip(self.offsets, self.references[first:]), key=lambda pair: pair[0])
            self.references[first:] = [ref for _, ref in found]

    def _provisions(self, node: Node, text: str) -> list[tuple[int, int]]:
        """Resolve provision citations; return the spans that cite another law's provisions."""
        covered: list[tuple[int, int]] = []
        for match in _matches(_PROVISIONS, _PROVISIONS_START, text):
            words = match.group(0).strip()
            keyword = match.group("kw").lower()
            whose = (match.group("whose") or "").strip()
            if whose and not _INTERNAL_OWNER.match(whose):
                self.add(node, words, external=_law_name(whose), at=match.start())
                covered.append((match.start(), match.end()))
                continue
            numbers = _numbers(match.group("nums"))
            for number in numbers:
                base, path = _split_path(number)
                if keyword.startswith("chapter"):
                    chapter = self.index.container(CHAPTER, base) if _CHAPTER_NUMBER.fullmatch(base) else None
                    if chapter is None:
                        self.missing(node, words, f"chapter {base}", at=match.start())
                    else:
                        self.add(node, words, chapter.eid, at=match.start())
                    continue
                provision = self.index.provision(base)
                if provision is None:
                    if whose.lower().startswith("this title") or whose.lower().startswith("title"):
                        # the rest of the US Code title
                        self.add(node, words, external=_law_name(whose), at=match.start())
                    else:
                        self.missing(node, words, f"{keyword.rstrip('s')} {base}", at=match.start())
                    continue
                if match.group("point") and len(numbers) == 1:
                    path = [*path, match.group("point")]  # "point (f) of Article 6(1)"
                target = self.index.descend(provision, path) if path else provision
                if target is None:
                    self.missing(node, words, f"{keyword.rstrip('s')} {number}", at=match.start())
                else:
                    self.add(node, words, target.eid, at=match.start())
        return covered

    def _local(self, node: Node, text: str) -> None:
        provision = self.index.enclosing_provision(node)
        if provision is None:
            return
        for match in _matches(_LOCAL, _LOCAL_START, text):
            words = match.group(0).strip()
            ordinal = (match.group("ord") or "").lower()
            if ordinal and "subparagraph" in words.lower():
                target = self._paragraph_of(node, provision)  # subparagraphs are not nodes: cite their paragraph
                self.add(node, words, target.eid if target is not None else provision.eid, at=match.start())
                continue
            if ordinal:
                target = self._ordinal_paragraph(node, provision, ordinal)
                if target is None:
                    self.missing(node, words, f"the {ordinal} paragraph of {provision.eid}", at=match.start())
                else:
                    self.add(node, words, target.eid, at=match.start())
                continue
            label = match.group("lab").strip("()")
            path = _PATH.findall(match.group("sub") or "")
            other = _OF_PROVISION.match(text, match.end())
            if other and other.group("elsewhere"):
                continue  # "paragraph 2 of Article 6 of that Directive": another law's, cited as such
            if other:  # "paragraph 2 of Article 6": a paragraph of another provision
                cited = self.index.provision(other.group(1))
                words = text[match.start(): other.end()].strip()
                start = _child(cited, label) if cited is not None else None
            elif match.group("of"):
                start = _child(provision, label)
            else:
                start = self.index.nearest_labelled(node, label) or _child(provision, label)
            target = self.index.descend(start, path) if start is not None else None
            if target is not None and match.group("pl"):
                target = self.index.descend(target, [match.group("pl")])
            if target is None:
                what = f"{match.group('kw').lower()} {match.group('lab')} of {provision.eid}"
                self.missing(node, words, what, at=match.start())
            else:
                self.add(node, words, target.eid, at=match.start())

    def _paragraph_of(self, node: Node, provision: Node) -> Node | None:
        current: Node | None = node
        while current is not None and current is not provision:
            if current.kind == PARAGRAPH:
                return current
            current = self.index.parent_of(current)
        return None

    def _ordinal_paragraph(self, node: Node, provision: Node, ordinal: str) -> Node | None:
        paragraphs = [c for c in provision.children if c.kind == PARAGRAPH]
        if ordinal in _ORDINALS:
            position = _ORDINALS[ordinal] - 1
        else:
            own = self._paragraph_of(node, provision)
            if own is None:
                return None
            step = 1 if ordinal == "following" else -1
            position = paragraphs.index(own) + step
        return paragraphs[position] if 0 <= position < len(paragraphs) else None

    def _externals(self, node: Node, text: str, covered: list[tuple[int, int]]) -> None:
        if '"' in text:
            for match in _QUOTED_LAW.finditer(text):
                self.add(node, match.group(0), external=match.group(1), at=match.start())
        if "Regulation (" in text or "Directive" in text or "Decision" in text:
            for match in _matches(_EU_ACT, _EU_ACT_START, text):
                self.add(node, match.group(0), external=match.group(0), at=match.start())
        if " Act" not in text and " Law" not in text:
            return
        for start, words, name in _named_acts(text):
            if _ANAPHORIC.match(name) or f'"{name}"' in text or any(a <= start < b for a, b in covered):
                continue
            self.add(node, words, external=name, at=start)


def _named_acts(text: str) -> Iterator[tuple[int, str, str]]:
    """Where each named law in ``text`` starts, its words ("the Fire Brigade Services Act"), and
    its name (without the "the"): the matches of ``\\b(?:the\\s+)?(NAME)``, NAME being
    :data:`_NAMED_ACT`, as ``finditer`` finds them. (A "the" before a name never overlaps the
    match before, which ends in "Act", "Law", a year or ")".)"""
    for match in _NAMED_ACT.finditer(text):
        start = before = match.start()
        while before > 0 and text[before - 1].isspace():
            before -= 1
        if before < start and before >= 3 and text.startswith("the", before - 3) and not (
                before > 3 and _is_word_character(text[before - 4])):
            start = before - 3
        yield start, text[start:match.end()], match.group(0)


def _is_word_character(char: str) -> bool:
    """What ``\\w`` matches (for a str pattern): the regex engine's definition."""
    return char.isalnum() or char == "_"


_IGNORECASE = int(re.IGNORECASE)  # a plain int: "&" with the enum flag runs Python code on every call


def _matches(pattern: re.Pattern[str], starts: tuple[str, ...], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, found by trying ``pattern`` only where one of
    ``starts`` occurs in the text (in its lower-cased form, and ``starts`` in lower case, for a
    pattern that ignores case), which must be everywhere a match of ``pattern`` can begin.

    Like ``finditer``, the search goes on after the end of each match. ``pattern.match(text,
    at)`` reads the character before ``at`` for a ``\\b``. A text that is not ASCII is scanned in
    full: lower-casing may change its length, and the regex engine folds case more widely.
    """
    if not text.isascii():
        yield from pattern.finditer(text)
        return
    searched = text.lower() if pattern.flags & _IGNORECASE else text
    end = 0
    for at in sorted({at for word in starts for at in _occurrences(searched, word)}):
        if at < end:
            continue
        match = pattern.match(text, at)
        if match is not None and match.end() > at:
            yield match
            end = match.end()


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Every offset of ``word`` in ``text``."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def may_cite(text: str) -> bool:
    """Whether ``text`` holds a word that every citation needs: true whenever one of
    :func:`_may_cite_provision`, :func:`_may_cite_local` or :func:`_may_cite_law` is.

    A few substring tests (C speed) on a provision's words; most provisions cite nothing, so the
    citation regexes run on a small fraction of the text. The keywords of provisions are looked
    for once in the lower-cased words rather than once per spelling ("article", "ARTICLE"): the
    tests scan every provision's words, and eleven scans instead of sixteen are a third faster.
    """
    lowered = text.lower()
    return ("rticle" in lowered or "section" in lowered or "hapter" in lowered or "aragraph" in lowered
            or "\u00a7" in text or _may_cite_law(text))


def _may_cite_provision(text: str) -> bool:
    return ("rticle" in text or "section" in text or "Section" in text or "\u00a7" in text or "hapter" in text
            or "RTICLE" in text or "SECTION" in text or "HAPTER" in text)


def _may_cite_local(text: str) -> bool:
    return "aragraph" in text or "ubsection" in text


def _may_cite_law(text: str) -> bool:
    """Whether ``text`` may name another law. Each word's capital is looked for first: finding one
    character is several times quicker than finding a word, and most provisions lack some of them."""
    return ('"' in text or ("A" in text and "Act" in text) or ("L" in text and "Law" in text)
            or ("R" in text and "Regulation (" in text) or ("D" in text and ("Directive" in text or "Decision" in text)))


def _law_name(words: str) -> str:
    """The cited law's name without a leading "the"."""
    return words[4:] if words.lower().startswith("the ") else words


def _numbers(text: str) -> list[str]:
    """"12 to 15" -> 12..15, "13 and 14" -> both, "6(1)" kept with its path."""
    out: list[str] = []
    pending_range = False
    for match in _NUM_LIST.finditer(text):
        if match.group(2):
            pending_range = True
            continue
        number = match.group(1)
        if pending_range and out and out[-1].isdigit() and number.isdigit() and 0 < int(number) - int(out[-1]) <= 50:
            out.extend(str(n) for n in range(int(out[-1]) + 1, int(number) + 1))
        else:
            out.append(number)
        pending_range = False
    return out


def _split_path(number: str) -> tuple[str, list[str]]:
    head = number.split("(", 1)[0]
    return head, _PATH.findall(number[len(head):])


def _child(provision: Node, label: str) -> Node | None:
    return child_labelled(provision, label)


def find_references(body: tuple[Node, ...], index: Index | None = None) -> tuple[list[Reference], list[Diagnostic]]:
    """Every cross-reference in the body, and a warning for each one that cannot be resolved.

    Nodes are searched in document order, each only when its words :func:`may_cite`. ``index``
    is the body's Index when the caller has it already.
    """
    finder = _Finder(index if index is not None else Index(body))
    for node in finder.index.eids.values():  # document order
        text, wrap_up = node.text, node.wrap_up
        if (text and may_cite(text)) or (wrap_up and may_cite(wrap_up)):
            finder.scan(node)
    return finder.references, finder.warnings
