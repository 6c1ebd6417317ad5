"""From tokens to the tree of provisions, in one pass, then frozen into :class:`Node` objects.

The nesting rules, in the order the builder applies them:

* Containers (part > chapter > section) nest by rank; a heading repeated while the same
  container or provision is still open (US Code Markdown chunks repeat theirs) is merged and
  reported, not duplicated.
* Inside a provision, the *first* thing decides the paragraph style: a label ("1.", "(1)",
  "(a)") makes numbered paragraphs of that scheme (GDPR, UK, South Africa, US); words make
  unnumbered paragraphs, one per block, counted as ``para_nn_N`` (Chinese-style texts:
  every article then has paragraph children, even a one-paragraph article).
* Labels of another scheme open a list under the node before them; a label whose scheme is
  already open closes the deeper lists ("(b)" after "(a)(i)(ii)"). Which scheme an ambiguous
  label has ("(i)") is decided by sequence (:mod:`lawcode.text.numbering`).
* Words after a list start a new unnumbered paragraph - unless they start in lower case, or
  the paragraph is numbered, in which case they are the paragraph's wrap-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawcode.text import numbering
from lawcode.text.locate import Index
from lawcode.text.spacing import letter_spaced, rejoin, vocabulary
from lawcode.text.document import ARTICLE, CHAPTER, ITEM, PARAGRAPH, PART, SECTION, Diagnostic, Node, make_node
from lawcode.text.tokens import CONTAINER, LABEL, PROVISION, Token, heading_like

_RANK = {"part": 0, "chapter": 1, "section": 2}
_KIND = {"part": PART, "chapter": CHAPTER, "section": SECTION, "article": ARTICLE}
_EID_PREFIX = {PART: "part_", CHAPTER: "chp_", SECTION: "sec_", ARTICLE: "art_", PARAGRAPH: "para_",
               ITEM: "list_1__item_"}  # what a node's own part of its eId starts with
_EID_UNSAFE = re.compile(r"[^0-9A-Za-z]")


class _Draft:
    """A node under construction (a plain slotted class: one is made per node, so it must be cheap).

    ``children`` and ``wrap_up`` stay None until something is added (:meth:`add`,
    :meth:`add_wrap_up`): most drafts are leaves without a wrap-up, and two empty lists per
    draft were some 8 MB of memory at 10 MB of input.
    """

    __slots__ = ("kind", "num", "label", "line", "heading", "text", "wrap_up", "children", "rank", "level")

    def __init__(self, kind: str, num: str | None, label: str, line: int, heading: str = "",
                 text: list[str] | None = None, rank: int = 9, level: str = "") -> None:
        self.kind = kind
        self.num = num
        self.label = label
        self.line = line
        self.heading = heading
        self.text: list[str] = text if text is not None else []
        self.wrap_up: list[str] | None = None
        self.children: list[_Draft] | None = None
        self.rank = rank  # containers only
        self.level = level  # "article" / "section" for provisions

    def add(self, child: _Draft) -> None:
        """Append a child draft."""
        if self.children is None:
            self.children = [child]
        else:
            self.children.append(child)

    def add_wrap_up(self, text: str) -> None:
        """Append a line of words that follow this draft's list."""
        if self.wrap_up is None:
            self.wrap_up = [text]
        else:
            self.wrap_up.append(text)


@dataclass
class Built:
    body: list[Node]
    title: str | None
    preamble: str
    removed: list[Diagnostic]
    warnings: list[Diagnostic]
    index: Index  # lookups over ``body``


class _Builder:
    def __init__(self) -> None:
        self.body: list[_Draft] = []
        self.containers: list[_Draft] = []
        self.provision: _Draft | None = None
        self.paragraph: _Draft | None = None
        self.stack: list[tuple[str, _Draft]] = []  # open label levels: (scheme, node)
        self.para_scheme: str | None = None  # None: undecided; "": unnumbered paragraphs
        self.await_title: _Draft | None = None
        self.await_text: _Draft | None = None
        self.title: str | None = None
        self.preamble: list[str] = []
        self.removed: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.seen: dict[tuple[str, str], int] = {}  # (level, num) -> first line
        self.last_number: dict[str, tuple[int, str]] = {}  # level -> (value, num)
        self.spaced: list[_Draft] = []  # headings a PDF extraction letter-spaced

    # -- headings ----------------------------------------------------------------------------
    def container(self, token: Token) -> None:
        rank = _RANK[token.level]
        open_same = next((c for c in self.containers if c.rank == rank), None)
        if open_same is not None and open_same.label.lower() == token.label.lower() and (
            not token.title or not open_same.heading or token.title == open_same.heading
        ):
            self.removed.append(Diagnostic(token.line, "repeated heading of an open " + token.level, _render(token)))
            return
        self._close_provision()
        while self.containers and self.containers[-1].rank >= rank:
            self.containers.pop()
        draft = _Draft(_KIND[token.level], token.num, token.label, token.line, heading=token.title, rank=rank)
        self._attach(draft)
        self.containers.append(draft)
        self.await_title = None if token.title else draft
        self.await_text = None

    def provision_heading(self, token: Token) -> None:
        current = self.provision
        if current is not None and current.level == token.level and current.label == token.label and (
            not token.title or token.title == current.heading
        ) and not token.text:
            self.removed.append(Diagnostic(token.line, "repeated heading of an open " + token.level, _render(token)))
            return
        self._check_sequence(token)
        self._close_provision()
        kind = _KIND[token.level] if token.level == "article" else SECTION
        draft = _Draft(kind, token.num, token.label, token.line, token.title, None, 9, token.level)
        self._attach(draft)
        self.provision = draft
        self.await_title = None
        self.await_text = None
        text = token.text
        if text and not draft.heading and heading_like(text, 120):  # "13. Definitions", "Section 5 - Fees"
            draft.heading, text = text, ""
        if text:
            self.words(text, token.line)
        elif not draft.heading:
            self.await_title = draft

    def _check_sequence(self, token: Token) -> None:
        label = token.label
        key = (token.level, label if label.isdigit() else label.lower())
        first_line = self.seen.setdefault(key, token.line)
        if first_line != token.line:
            self.warnings.append(Diagnostic(
                token.line, f"duplicate {token.level} {label} (first at line {first_line}); expected each number once",
                _render(token)))
        value = numbering.leading_number(label)  # a provision number's value: its leading digits,
        if value is None:
            value = numbering.roman_value(label)  # or a roman numeral
        if value is None:
            return
        last = self.last_number.get(token.level)
        if last is not None and value < last[0] and first_line == token.line:
            self.warnings.append(Diagnostic(
                token.line, f"{token.level} {label} out of order: it follows {token.level} {last[1]}; expected a number "
                f"after {last[1]}", _render(token)))
        self.last_number[token.level] = (value, label)

    # -- labels and words --------------------------------------------------------------------
    def label(self, token: Token) -> None:
        if self.provision is None:
            self.warnings.append(Diagnostic(token.line, f"numbered text {token.num} outside any article or section; "
                                            "kept as words", token.num))
            self.words(f"{token.num} {token.text}".strip(), token.line)
            return
        if token.level == ".":
            scheme: str | None = numbering.DOTTED
        else:
            scheme = numbering.scheme_of(token.label, self._last_label)
        if scheme is None:
            self.words(f"{token.num} {token.text}".strip(), token.line)
            return
        if self.para_scheme is None:
            self.para_scheme = scheme
        for depth, (open_scheme, _) in enumerate(self.stack):
            if open_scheme == scheme:
                del self.stack[depth:]
                break
        numbered_para = self.para_scheme == scheme and not self.stack
        if numbered_para:
            draft = _Draft(PARAGRAPH, token.num, token.label, token.line)
            self.provision.add(draft)
            self.paragraph = draft
        else:
            parent = self.stack[-1][1] if self.stack else self._paragraph(token.line)
            draft = _Draft(ITEM, token.num, token.label, token.line)
            parent.add(draft)
        self.stack.append((scheme, draft))
        self.await_title = None
        if token.title:
            draft.heading = token.title
        if token.text:
            draft.text.append(token.text)
            self.await_text = None
        else:
            self.await_text = draft

    def _last_label(self, scheme: str) -> str | None:
        """The label of the innermost open level numbered in ``scheme``."""
        for open_scheme, draft in reversed(self.stack):
            if open_scheme == scheme:
                return draft.label
        return None

    def _paragraph(self, line: int) -> _Draft:
        """The open unnumbered paragraph, opened if there is none."""
        if self.paragraph is None:
            assert self.provision is not None
            self.paragraph = _Draft(PARAGRAPH, None, "", line)
            self.provision.add(self.paragraph)
        return self.paragraph

    def words(self, text: str, line: int) -> None:
        if self.await_title is not None and heading_like(text, 200):
            self.await_title.heading = text
            if letter_spaced(text):
                self.spaced.append(self.await_title)
            self.await_title = None
            return
        self.await_title = None
        if self.await_text is not None:
            self.await_text.text.append(text)
            self.await_text = None
            return
        if self.provision is None:
            if self.containers:
                self.containers[-1].text.append(text)
            elif self.title is None and not self.preamble and len(text) <= 200:
                self.title = text
            else:
                self.preamble.append(text)
            return
        if self.para_scheme is None:
            self.para_scheme = ""
        if self.para_scheme == "":
            if self.stack and self.paragraph is not None and text[0].islower():
                self.paragraph.add_wrap_up(text)
                return
            self.stack = []
            self.paragraph = _Draft(PARAGRAPH, None, "", line, "", [text])
            self.provision.add(self.paragraph)
            return
        if len(self.stack) >= 2:
            self.stack[-2][1].add_wrap_up(text)
        elif self.stack:
            self.stack[0][1].text.append(text)
        else:
            self.provision.text.append(text)

    # -- structure ---------------------------------------------------------------------------
    def _attach(self, draft: _Draft) -> None:
        if self.containers:
            self.containers[-1].add(draft)
        else:
            self.body.append(draft)

    def _close_provision(self) -> None:
        self.provision = None
        self.paragraph = None
        self.stack = []
        self.para_scheme = None


def _render(token: Token) -> str:
    return " ".join(p for p in (token.level, token.num, token.title, token.text[:80]) if p)


def build(tokens: list[Token]) -> Built:
    """The tree for a token stream (already freed of tables of contents)."""
    builder = _Builder()
    for token in tokens:
        if token.kind == CONTAINER:
            builder.container(token)
        elif token.kind == PROVISION:
            builder.provision_heading(token)
        elif token.kind == LABEL:
            builder.label(token)
        elif builder.title is not None and token.text == builder.title and token.markdown:
            builder.removed.append(Diagnostic(token.line, "repeated title", token.text))
        else:
            builder.words(token.text, token.line)
    if builder.spaced:
        _rejoin_headings(builder.spaced, tokens, builder.warnings)
    freezer = _Freezer(builder.warnings)
    body = [freezer.freeze(d, "") for d in builder.body]
    return Built(body, builder.title, "\n".join(builder.preamble), builder.removed, builder.warnings, freezer.index)


def _rejoin_headings(drafts: list[_Draft], tokens: list[Token], warnings: list[Diagnostic]) -> None:
    """Give letter-spaced headings their words back, from the text's own vocabulary."""
    words = vocabulary(t.text for t in tokens if t.kind != CONTAINER)
    for draft in drafts:
        joined = rejoin(draft.heading, words)
        if joined:
            warnings.append(Diagnostic(draft.line, f"heading was letter-spaced (PDF extraction); read as {joined!r}",
                                       draft.heading))
            draft.heading = joined
        else:
            warnings.append(Diagnostic(draft.line, "heading looks letter-spaced (PDF extraction); kept as printed",
                                       draft.heading))


class _Freezer:
    """Turns drafts into Nodes, giving each its eId (unique: a repeated number gets ``_2``), and
    fills the Index of the new tree as it goes."""

    def __init__(self, warnings: list[Diagnostic]) -> None:
        self.warnings = warnings
        self.index = Index(nested_eids=True)

    def freeze(self, draft: _Draft, parent: str, nn: int = 0) -> Node:
        kind = draft.kind
        label = draft.label
        if kind == PARAGRAPH and not label:
            eid = f"{parent}__para_nn_{nn}" if parent else f"para_nn_{nn}"
        else:  # one new string, not one for the node's own part and one for the whole
            prefix = _EID_PREFIX[kind]
            own = label if label.isalnum() and label.isascii() else _safe(label)
            eid = f"{parent}__{prefix}{own}" if parent else prefix + own
        eids = self.index.eids
        # A placeholder keeps this node's place in document order (its children are added first).
        # No placeholder is ever found: a node's ancestors' eIds are shorter than its own.
        if eids.setdefault(eid, None) is not None:  # type: ignore[arg-type]
            eid = self._unique(draft, eid)
            eids[eid] = None  # type: ignore[assignment]
        children: tuple[Node, ...] = ()
        if draft.children:  # most nodes are leaves (items, paragraphs)
            frozen = []
            unnumbered = 0
            for child in draft.children:
                if child.kind == PARAGRAPH and not child.label:
                    unnumbered += 1
                frozen.append(self.freeze(child, eid, unnumbered))
            children = tuple(frozen)
        node = make_node(eid, kind, draft.num, draft.heading or None, "\n".join(draft.text), children,
                         "\n".join(draft.wrap_up) if draft.wrap_up else "", draft.line)
        eids[eid] = node
        if children or (kind != PARAGRAPH and kind != ITEM):  # the index has nothing to note of a leaf paragraph or item
            self.index.note(node)
        return node

    def _unique(self, draft: _Draft, eid: str) -> str:
        """``eid`` with the first free ``_N`` suffix, warning about the repeated number."""
        n = 2
        while f"{eid}_{n}" in self.index.eids:
            n += 1
        if not draft.level:  # provisions were warned about when their heading was read
            self.warnings.append(Diagnostic(draft.line, f"number {draft.num} used twice at the same level; "
                                            f"this one is {eid}_{n}", draft.num or ""))
        return f"{eid}_{n}"


def _safe(label: str) -> str:
    """A label reduced to the characters an eId may hold."""
    return _EID_UNSAFE.sub("", label) or "x"
