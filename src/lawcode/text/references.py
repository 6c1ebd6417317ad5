"""Cross-references: citations in a provision's words, resolved to eIds or named as external.

The words of a citation are read by :mod:`lawcode.text.citations` into a chain of parts ("point
(b) of paragraph 2 of Article 1"), resolved here from the outermost part inwards with the same
:class:`~lawcode.text.locate.Index` that ``locate`` uses. Parts that depend on where the words
stand are resolved from there: "paragraph 1" in an article is that article's paragraph, "subsection
(b)" in a section that section's, "point (a)" the nearest item (a), "this Article" the enclosing
provision, "the preceding paragraph" the paragraph before, "that section" (or "that subsection")
what the words (or a lead-in above them) cited last, "the second subparagraph thereof" a
subparagraph of what was just cited. Subparagraphs and sentences are not nodes: a citation of one
points at the paragraph that holds it (or, in an article whose paragraphs are not numbered, at
the unnumbered paragraph it counts). Lists and ranges cite every member ("Articles 13 to 15",
"points (a) to (c)"): one Reference per member, all with the phrase's words.

A citation of a provision this text does not have becomes a reference with no target *and* a
warning naming the line (the text may cite a part of itself that was left out, or be wrong).

External citations keep the cited law's name, taken whole: a quoted title ("PRC National
Security Law"), EU acts ("Regulation (EC) No 45/2001", "Directive 2000/31/EC"), a named Act ("the
Local Government etc. (Scotland) Act 1994"), a standard's part ("SABS 1186: Part 1"), or a
provision "of that Directive" / "of the ... Act 1994" / "of title 5" / "of schedule 1 to the ...
Act": such a provision never resolves inside this text.

All patterns are bounded (no nested unbounded repetition), so scanning is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lawcode.text.citations import (
    CHAIN,
    CHAIN_LEADS,
    CHAIN_REACH,
    CHAIN_START,
    EU_ACT,
    EU_ACT_START,
    NAMED_LAW,
    ORDINALS,
    STANDARD_BEFORE,
    Label,
    Owner,
    Part,
    owner_after,
    parts_of,
)
from lawcode.text.document import ARTICLE, CHAPTER, ITEM, PARAGRAPH, PART, SUBSECTION, Diagnostic, Node, Reference
from lawcode.text.locate import Index, child_labelled, label_of

# The first numbered level below an article or section: an article's paragraphs, a section's
# subsections (Akoma Ntoso's names; the texts say "paragraph" and "subsection" loosely).
PARAGRAPHS = (PARAGRAPH, SUBSECTION)

MAX_SCANNED = 100_000  # longer runs of words (junk, a missing line break) are not searched for citations
MAX_RANGE = 500  # members of one range ("Articles 1 to 99") at most
_QUOTED_LAW = re.compile(
    r"\"([A-Z][^\"]{2,150}?\b(?:Law|Act|Regulations|Rules|Code|Directive|Convention|Treaty|Constitution|Measures|Provisions))\""
)
_ANAPHORIC = re.compile(r"^(?:This|That|These|The|Such|Each|Any|Union|State|Member)\b")
_THEREOF = re.compile(r"\s+thereof\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True, slots=True)
class _External:
    """Another law's provision or part, cited before a "that section" or "that Part"."""

    name: str


# A target a citation resolves to (None when it cannot be), with what it cites when there is none:
# a description for the warning, or another law's provision ("that Part").
_Target = tuple[Node | None, "str | _External"]


def _cited_kind(part: Part) -> str:
    """What a "that ..." citation looks back for: "provision", "chapter" or "part"."""
    return part.keyword if part.kind == "container" else "provision"


class _Finder:
    def __init__(self, index: Index) -> None:
        self.index = index
        self.references: list[Reference] = []
        self.warnings: list[Diagnostic] = []
        self.seen: set[tuple[str, int, str, str | None, str | None]] = set()
        self.offsets: list[int] = []  # where each reference found in the current words starts
        # (eId, "provision" | "chapter" | "part") -> what its words cited last, for "that section"
        # (a Node, or the description of a citation this text cannot resolve)
        self.last_cited: dict[tuple[str, str], Node | str | _External] = {}
        self._provisions: list[Node] | None = None  # every provision in document order, for ranges
        self.recent: dict[str, Node] = {}  # eId -> the paragraph or item its words cited last ("that subsection")

    def add(self, source: Node, words: str, target: str | None = None, external: str | None = None,
            *, at: int) -> None:
        """Record a reference whose words start at offset ``at`` of the words being scanned."""
        key = (source.eid, at, words, target, external)
        if key not in self.seen:
            self.seen.add(key)
            self.references.append(Reference(source.eid, words, target, external))
            self.offsets.append(at)

    def missing(self, source: Node, words: str, what: str, *, at: int) -> None:
        self.add(source, words, at=at)
        message = f"{source.eid} cites {what}, which this text does not have"
        self.warnings.append(Diagnostic(source.line, message, words))

    # -- scanning ----------------------------------------------------------------------------
    def scan(self, node: Node) -> None:
        """Look for citations in the words of a node (and its wrap-up), where :func:`may_cite`."""
        for text in (node.text, node.wrap_up):
            if not text:
                continue
            cites_provision = _may_cite_provision(text)
            cites_law = _may_cite_law(text)
            if not (cites_provision or cites_law):
                continue
            if len(text) > MAX_SCANNED:
                self.warnings.append(Diagnostic(node.line, f"{node.eid} has {len(text)} characters of words; "
                                                f"cross-references are only looked for in shorter provisions "
                                                f"(at most {MAX_SCANNED})", text[:80]))
                continue
            first = len(self.references)
            self.offsets = []
            covered = self._citations(node, text) if cites_provision else []
            if cites_law:
                self._externals(node, text, covered)
            # Reading order within the words (the kinds of citation are searched one after another).
            found = sorted(zip(self.offsets, self.references[first:], strict=False), key=lambda pair: pair[0])
            self.references[first:] = [ref for _, ref in found]

    def _citations(self, node: Node, text: str) -> list[tuple[int, int]]:
        """Resolve the citation chains in ``text``; return the spans they cover (owners included)."""
        covered: list[tuple[int, int]] = []
        for match in _matches(CHAIN, CHAIN_START, text, CHAIN_LEADS, CHAIN_REACH):
            parts = parts_of(match.group(0))
            if not parts:
                continue
            owner = owner_after(text, match.end())
            end = owner.end if owner is not None else match.end()
            words = text[match.start():end].strip()
            covered.append((match.start(), end))
            if owner is not None and not owner.internal and not owner.this_title:
                name = _law_name(owner.name or words)
                self.add(node, words, external=name, at=match.start())
                if parts[-1].kind in ("provision", "container"):
                    self.last_cited[(node.eid, _cited_kind(parts[-1]))] = _External(name)
                continue
            if owner is not None and owner.absent is not None:
                self.missing(node, words, owner.absent, at=match.start())
                continue
            standard = STANDARD_BEFORE.search(text, max(0, match.start() - 30), match.start()) \
                if parts[-1].keyword == "part" else None
            if standard is not None:  # "SABS 1186: Part 1": a part of a standard
                self.add(node, text[standard.start(1):end].strip(), external=standard.group(1), at=standard.start(1))
                continue
            if parts[-1].kind == "this" and len(parts) == 1 and owner is None and \
                    parts[-1].keyword in ("chapter", "part") and self._enclosing_container(node, parts[-1]) is None:
                continue  # "this Part" in a text that does not have its parts: nothing to point at
            if owner is None and (thereof := _THEREOF.match(text, match.end())):
                parent = self._holder(self.recent.get(node.eid))
                if parent is not None:  # "the second subparagraph thereof": of the provision cited before
                    words = text[match.start():thereof.end()]
                    self._record(node, words, match.start(), [t for part in reversed(parts)
                                                              for t in self._inner(part, parent)], parts[-1], None)
                    continue
            self._resolve(node, text, match.start(), words, parts, owner)
        return covered

    def _holder(self, target: Node | None) -> Node | None:
        """The paragraph (or provision) that holds ``target``: what "thereof" refers to."""
        current = target
        while current is not None and current.kind == ITEM:
            current = self.index.parent_of(current)
        return current

    def _resolve(self, node: Node, text: str, at: int, words: str, parts: list[Part], owner: Owner | None) -> None:
        """Resolve a chain from its outermost part inwards and record a reference per target."""
        outer = parts[-1]
        targets = self._outer(node, outer, at)
        for part in reversed(parts[:-1]):
            targets = [found for target in targets
                       for found in ([target] if target[0] is None else self._inner(part, target[0]))]
        self._record(node, words, at, targets, outer, owner)

    def _record(self, node: Node, words: str, at: int, targets: list[_Target], outer: Part,
                owner: Owner | None) -> None:
        """One reference per target (one without a target, and a warning, per target not found)."""
        for target, what in targets:
            if outer.kind in ("provision", "container"):
                cited = (self.index.enclosing_provision(target) or target) if target is not None else what
                self.last_cited[(node.eid, _cited_kind(outer))] = cited
            if target is not None:
                self.add(node, words, target.eid, at=at)
                if target.kind in (*PARAGRAPHS, ITEM) and outer.kind in ("sub", "provision", "ordinal"):
                    self.recent[node.eid] = target
            elif isinstance(what, _External):  # "that Part" after "Part 1 of the Equality Act 2006"
                self.add(node, words, external=what.name, at=at)
            elif owner is not None and owner.this_title:
                self.add(node, words, external=_law_name(owner.name or "this title"), at=at)
            else:
                self.missing(node, words, what, at=at)

    # -- the outermost part: relative to the node that cites ---------------------------------------
    def _outer(self, node: Node, part: Part, at: int) -> list[_Target]:
        kind = part.kind
        if kind == "provision":
            return [found for label in part.labels for found in self._provision_labels(label, part.keyword)]
        if kind == "container":
            return [found for label in part.labels for found in self._container_labels(label, part.keyword)]
        provision = self.index.enclosing_provision(node)
        if kind == "this":
            target = self._this(node, provision, part)
            return [(target, "")] if target is not None else []
        if kind == "that":
            return self._that(node, part)
        if provision is None:
            return []
        if kind == "ordinal":
            return self._ordinal_here(node, provision, part)
        return [found for label in part.labels for found in self._sub_here(node, provision, part, label)]

    def _provision_labels(self, label: Label | tuple[Label, Label], keyword: str) -> list[_Target]:
        if isinstance(label, tuple):
            return self._range(label, lambda one: self._provision_label(one, keyword), self._all_provisions())
        return [self._provision_label(label, keyword)]

    def _provision_label(self, label: Label, keyword: str) -> _Target:
        what = f"{keyword} {label.base}{''.join(f'({p})' for p in label.path)}"
        provision = self.index.provision(label.base)
        if provision is None:
            return None, what
        return (self.index.descend(provision, label.path) if label.path else provision), what

    def _container_labels(self, label: Label | tuple[Label, Label], keyword: str) -> list[_Target]:
        kind = CHAPTER if keyword == "chapter" else PART
        if isinstance(label, tuple):
            containers = [n for (k, _), n in self.index.containers.items() if k == kind]
            return self._range(label, lambda one: self._container(kind, one), containers)
        return [self._container(kind, label)]

    def _container(self, kind: str, label: Label) -> _Target:
        found = self.index.container(kind, label.base)
        if found is None:  # "Chapter III" of a text that numbers its chapters 1, 2, 3 (or the reverse)
            other = _roman_to_int(label.base) if not label.base.isdigit() else _int_to_roman(int(label.base))
            found = self.index.container(kind, str(other)) if other else None
        return found, f"{kind} {label.base}"

    def _range(self, ends: tuple[Label, Label], resolve: Callable[[Label], _Target],
               members: list[Node]) -> list[_Target]:
        """Every member from the first end to the last, in document order: the ends' own siblings
        when both are found, else every number between them."""
        first, last = resolve(ends[0]), resolve(ends[1])
        if first[0] is not None and last[0] is not None:
            siblings = members if first[0] in members else self._siblings(first[0])
            if first[0] in siblings and last[0] in siblings:
                a, b = siblings.index(first[0]), siblings.index(last[0])
                if a <= b and b - a < MAX_RANGE:
                    return [(member, "") for member in siblings[a:b + 1]]
        low, high = ends[0].base, ends[1].base
        if low.isdigit() and high.isdigit() and 0 < int(high) - int(low) < MAX_RANGE and not ends[0].path:
            return [resolve(Label(str(n))) for n in range(int(low), int(high) + 1)]
        return [first, last]

    def _siblings(self, node: Node) -> list[Node]:
        parent = self.index.parent_of(node)
        return [c for c in parent.children if c.kind == node.kind] if parent is not None else [node]

    def _all_provisions(self) -> list[Node]:
        if self._provisions is None:
            self._provisions = list(self.index.provisions.values())
        return self._provisions

    def _this(self, node: Node, provision: Node | None, part: Part) -> Node | None:
        """"this Article", "this section", "this paragraph", "this chapter"..."""
        keyword = part.keyword
        if keyword in ("article", "section"):
            return provision
        if keyword in ("chapter", "part"):
            return self._enclosing_container(node, part)
        own = self._paragraph_of(node, provision) if provision is not None else None
        if keyword == "subsection" or own is None:
            return own
        if provision is not None and provision.kind != ARTICLE:
            # A section's subsection holds paragraphs, which hold subparagraphs, then clauses
            # (US (a)(1)(A)(i), UK and ZA (1)(a)(i)): "this paragraph" is the item that many levels
            # below the subsection.
            items: list[Node] = []
            current: Node | None = node
            while current is not None and current is not own:
                if current.kind == ITEM:
                    items.append(current)
                current = self.index.parent_of(current)
            items.reverse()
            if keyword == "point":
                return items[-1] if items else None
            depth = {"paragraph": 0, "subparagraph": 1, "clause": 2, "subclause": 3}.get(keyword, 0)
            return items[depth] if depth < len(items) else None
        if keyword in ("point", "clause"):
            current = node
            while current is not None and current.kind != ITEM and current is not own:
                current = self.index.parent_of(current)
            return current if current is not None and current.kind == ITEM else None
        return own

    def _enclosing_container(self, node: Node, part: Part) -> Node | None:
        kind = CHAPTER if part.keyword == "chapter" else PART
        current: Node | None = node
        while current is not None and current.kind != kind:
            current = self.index.parent_of(current)
        return current

    def _that(self, node: Node, part: Part) -> list[_Target]:
        """"that section", "that subsection": what was cited last before it, in these words or in a
        lead-in above them (nothing when no citation came before)."""
        keyword = part.keyword
        current: Node | None = node
        while current is not None:
            if keyword in ("article", "section", "chapter", "part"):
                cited = self.last_cited.get((current.eid, keyword if keyword in ("chapter", "part") else "provision"))
                if isinstance(cited, _External):
                    return [(None, cited)]
                if cited is not None:
                    return [(None, cited) if isinstance(cited, str) else (cited, "")]
            else:
                recent = self.recent.get(current.eid)
                if recent is not None:
                    return [(recent, "")]
            current = self.index.parent_of(current)
        return []

    def _ordinal_here(self, node: Node, provision: Node, part: Part) -> list[_Target]:
        own = self._paragraph_of(node, provision)
        if part.keyword in ("subparagraph", "sentence") and own is not None and own.num is not None:
            return [(own, "")]  # subparagraphs and sentences are not nodes: cite their paragraph
        paragraphs = [c for c in provision.children if c.kind in PARAGRAPHS]
        out: list[_Target] = []
        for ordinal in part.ordinals:
            word, _, step = ordinal.partition(":")
            if word in ORDINALS or word == "last":
                position = len(paragraphs) - 1 if word == "last" else ORDINALS[word] - 1
            elif own is not None and own in paragraphs:
                position = paragraphs.index(own) + (int(step or 1) * (1 if word == "following" else -1))
            else:
                continue
            what = f"the {word} {part.keyword} of {provision.eid}"
            out.append((paragraphs[position], "") if 0 <= position < len(paragraphs) else (None, what))
        return out

    def _sub_here(self, node: Node, provision: Node, part: Part, label: Label | tuple[Label, Label]
                  ) -> list[_Target]:
        """"subsection (2)", "paragraph 1", "point (a)" written inside a provision."""
        def resolve(one: Label) -> _Target:
            start = self._sub_start(node, provision, part.keyword, one.base)
            recent = self.recent.get(node.eid)
            if start is None and recent is not None:  # "subsection (2) ... within paragraph (a) to (l)"
                start = _below(recent, one.base, part.keyword)
            if start is None and part.keyword == "subsection" and one.path and one.base[0].isdigit():
                start = self.index.provision(one.base)  # "subsection 37(6)", written for section 37(6)
            what = f"{part.keyword} {one.base}{''.join(f'({p})' for p in one.path)} of {provision.eid}"
            if start is None:
                return None, what
            return (self.index.descend(start, one.path) if one.path else start), what
        if isinstance(label, tuple):
            return self._range(label, resolve, [])
        return [resolve(label)]

    def _sub_start(self, node: Node, provision: Node, keyword: str, base: str) -> Node | None:
        if keyword == "subsection":
            return child_labelled(provision, base, PARAGRAPHS) or child_labelled(provision, base)
        if keyword == "paragraph" and provision.kind == ARTICLE:
            return child_labelled(provision, base, PARAGRAPHS)
        if keyword == "point":
            return self.index.nearest_labelled(node, base, (ITEM,))
        return self.index.nearest_labelled(node, base) or child_labelled(provision, base)

    # -- inner parts: below the target of the part after them -----------------------------------
    def _inner(self, part: Part, parent: Node) -> list[_Target]:
        kind = part.kind
        if kind in ("provision", "container"):
            return self._outer(parent, part, 0)  # "Article 5 of Chapter II": numbers are the text's own
        if kind == "ordinal":
            return self._ordinal_below(part, parent)
        if kind != "sub":
            return [(parent, "")]

        def resolve(one: Label) -> _Target:
            start = _below(parent, one.base, part.keyword)
            what = f"{part.keyword} {one.base}{''.join(f'({p})' for p in one.path)} of {parent.eid}"
            if start is None:
                return None, what
            return (self.index.descend(start, one.path) if one.path else start), what
        out: list[_Target] = []
        for label in part.labels:
            out.extend(self._range(label, resolve, []) if isinstance(label, tuple) else [resolve(label)])
        return out

    def _ordinal_below(self, part: Part, parent: Node) -> list[_Target]:
        """"the second paragraph of article 22", "the first subparagraph of paragraph 1"."""
        unnumbered = [c for c in parent.children if c.kind in PARAGRAPHS and not c.num]
        if part.keyword in ("subparagraph", "sentence") and (parent.kind != ARTICLE or not unnumbered):
            return [(parent, "")]  # subparagraphs and sentences are not nodes: cite what holds them
        paragraphs = [c for c in parent.children if c.kind in PARAGRAPHS] or list(parent.children)
        out: list[_Target] = []
        for ordinal in part.ordinals:
            if ordinal not in ORDINALS and ordinal != "last":
                continue
            position = len(paragraphs) - 1 if ordinal == "last" else ORDINALS[ordinal] - 1
            what = f"the {ordinal} {part.keyword} of {parent.eid}"
            out.append((paragraphs[position], "") if 0 <= position < len(paragraphs) else (None, what))
        return out

    def _paragraph_of(self, node: Node, provision: Node | None) -> Node | None:
        current: Node | None = node
        while current is not None and current is not provision:
            if current.kind in PARAGRAPHS:
                return current
            current = self.index.parent_of(current)
        return None

    def _externals(self, node: Node, text: str, covered: list[tuple[int, int]]) -> None:
        if '"' in text:
            for match in _QUOTED_LAW.finditer(text):
                self.add(node, match.group(0), external=match.group(1), at=match.start())
        if "Regulation (" in text or "Directive" in text or "Decision" in text:
            for match in _matches(EU_ACT, EU_ACT_START, text):
                if not any(a <= match.start() < b for a, b in covered):
                    self.add(node, match.group(0), external=match.group(0), at=match.start())
        if " Act" not in text and " Law" not in text and " Regulations" not in text and " Ordinance" not in text:
            return
        for start, words, name in _named_acts(text):
            if _ANAPHORIC.match(name) or f'"{name}"' in text or any(a <= start < b for a, b in covered):
                continue
            self.add(node, words, external=name, at=start)


def _below(parent: Node, base: str, keyword: str) -> Node | None:
    """The child of ``parent`` numbered ``base``; for a point, the first item so numbered below it
    (an article's points stand in the list of its one paragraph)."""
    kinds = (ITEM,) if keyword in ("point", "clause", "subparagraph", "subclause") else (*PARAGRAPHS, ITEM)
    found = child_labelled(parent, base, kinds)
    if found is not None or keyword != "point":
        return found
    level = list(parent.children)
    for _ in range(3):
        for child in level:
            if child.kind == ITEM and child.num and label_of(child).lower() == base.lower():
                return child
        level = [grandchild for child in level for grandchild in child.children]
    return None


def _roman_to_int(text: str) -> int | None:
    text = text.upper()
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        total += -value if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value else value
    return total


def _int_to_roman(number: int) -> str | None:
    if not 0 < number < 400:
        return None
    out = []
    for value, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                           (1, "I")):
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def _named_acts(text: str) -> Iterator[tuple[int, str, str]]:
    """Where each named law in ``text`` starts, its words ("the Fire Brigade Services Act"), and
    its name (without the "the"): the matches of ``\\b(?:the\\s+)?(NAME)``, NAME being
    :data:`~lawcode.text.citations.NAMED_LAW`, as ``finditer`` finds them. (A "the" before a name never overlaps the
    match before, which ends in "Act", "Law", a year or ")".)"""
    for match in NAMED_LAW.finditer(text):
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


def _matches(pattern: re.Pattern[str], starts: tuple[str, ...], text: str, leads: tuple[str, ...] = (),
             reach: int = 0) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, found by trying ``pattern`` only where one of
    ``starts`` occurs in the text, or one of ``leads`` at most ``reach`` characters before one (in
    the lower-cased text, and all in lower case, for a pattern that ignores case): which must be
    everywhere a match of ``pattern`` can begin. Common words ("the") are thus looked for only
    near a keyword, not through the whole text.

    Like ``finditer``, the search goes on after the end of each match. ``pattern.match(text,
    at)`` reads the character before ``at`` for a ``\\b``. A text that is not ASCII is scanned in
    full: lower-casing may change its length, and the regex engine folds case more widely.
    """
    if not text.isascii():
        yield from pattern.finditer(text)
        return
    searched = text.lower() if pattern.flags & _IGNORECASE else text
    keys = {at for word in starts for at in _occurrences(searched, word)}
    candidates = set(keys)
    for key in keys if leads else ():
        window = max(0, key - reach)
        for lead in leads:
            candidates.update(_occurrences(searched, lead, window, key))
    end = 0
    for at in sorted(candidates):
        if at < end:
            continue
        match = pattern.match(text, at)
        if match is not None and match.end() > at:
            yield match
            end = match.end()


def _occurrences(text: str, word: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Every offset of ``word`` in ``text[start:end]`` (offsets in ``text``)."""
    at = text.find(word, start, end)
    while at >= 0:
        yield at
        at = text.find(word, at + 1, end)


def may_cite(text: str) -> bool:
    """Whether ``text`` holds a word that every citation needs: true whenever
    :func:`_may_cite_provision` or :func:`_may_cite_law` is.

    A few substring tests (C speed) on a provision's words; most provisions cite nothing, so the
    citation regexes run on a small fraction of the text.
    """
    return _may_cite_provision(text) or _may_cite_law(text)


def _may_cite_provision(text: str) -> bool:
    """Whether ``text`` holds a keyword a citation chain needs: a few substring tests (C speed),
    each spelling looked for as the texts write it rather than in a lower-cased copy (making the
    copy costs more than the tests). A part is cited with a capital ("Part 2"), a point or clause
    with its label after one space ("point (a)"), as :data:`~lawcode.text.citations.CHAIN` reads them."""
    return ("rticle" in text or "ection" in text or "aragraph" in text or "hapter" in text or "Art" in text
            or "Part" in text or "\u00a7" in text or "oint (" in text or "oints (" in text or "lause (" in text
            or "lauses (" in text or "RTICLE" in text or "ECTION" in text or "ARAGRAPH" in text or "HAPTER" in text
            or "PART" in text)


def _may_cite_law(text: str) -> bool:
    """Whether ``text`` may name another law. Each word's capital is looked for first: finding one
    character is several times quicker than finding a word, and most provisions lack some of them."""
    return ('"' in text or ("A" in text and "Act" in text) or ("L" in text and "Law" in text)
            or ("R" in text and ("Regulation" in text)) or ("O" in text and "Ordinance" in text)
            or ("D" in text and ("Directive" in text or "Decision" in text)))


def _law_name(words: str) -> str:
    """The cited law's name without a leading "the"."""
    return words[4:] if words.lower().startswith("the ") else words


def find_references(body: tuple[Node, ...], index: Index | None = None) -> tuple[list[Reference], list[Diagnostic]]:
    """Every cross-reference in the body, and a warning for each one that cannot be resolved.

    Nodes are searched in document order, each only where its words :func:`may_cite`. ``index``
    is the body's Index when the caller has it already.
    """
    finder = _Finder(index if index is not None else Index(body))
    for node in finder.index.eids.values():  # document order
        if node.text or node.wrap_up:
            finder.scan(node)
    return finder.references, finder.warnings
