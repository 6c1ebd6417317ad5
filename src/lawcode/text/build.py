"""From tokens to the tree of provisions, in one pass, then made into :class:`Node` objects.

The nesting rules, in the order the builder applies them:

* Containers (part > chapter > section) nest by rank; a heading repeated while the same
  container or provision is still open (US Code Markdown chunks repeat theirs) is merged and
  reported, not duplicated.
* Inside a provision, the *first* thing decides the paragraph style: a label ("1.", "(1)",
  "(a)") makes numbered paragraphs of that scheme (GDPR, UK, South Africa, US) - called
  subsections (``subsec_1``) inside a section, as Akoma Ntoso names them; words make
  unnumbered paragraphs, one per block, counted as ``para_nn_N`` (Chinese-style texts:
  every article then has paragraph children, even a one-paragraph article).
* Labels of another scheme open a list under the node before them; a label whose scheme is
  already open closes the deeper lists ("(b)" after "(a)(i)(ii)"). Which scheme an ambiguous
  label has ("(i)") is decided by sequence (:mod:`lawcode.text.numbering`).
* Words after a list start a new unnumbered paragraph - unless they start in lower case, or
  the paragraph is numbered, in which case they are the paragraph's wrap-up.

Each node gets its eId when it is made (its parent's eId, ``__``, then its own part); a number
used twice at one level gets the suffix ``_2`` and a warning. The nodes are made as
:class:`~lawcode.text.document.NodeDraft` objects, each of which becomes its Node once the text is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lawcode.text import numbering
from lawcode.text.document import (
    ARTICLE,
    CHAPTER,
    ITEM,
    PARAGRAPH,
    PART,
    SECTION,
    SUBSECTION,
    Diagnostic,
    Node,
    NodeDraft,
)
from lawcode.text.locate import Index
from lawcode.text.spacing import letter_spaced, rejoin, vocabulary
from lawcode.text.tokens import CONTAINER, DECIMAL, LABEL, PROVISION, Token, heading_like

_RANK = {"part": 0, "chapter": 1, "section": 2}
_KIND = {"part": PART, "chapter": CHAPTER, "section": SECTION, "article": ARTICLE}
_EID_PREFIX = {PART: "part_", CHAPTER: "chp_", SECTION: "sec_", ARTICLE: "art_", PARAGRAPH: "para_",
               SUBSECTION: "subsec_", ITEM: "list_1__item_"}  # what a node's own part of its eId starts with
_EID_UNSAFE = re.compile(r"[^0-9A-Za-z]")


@dataclass
class Built:
    body: list[Node]
    title: str | None
    preamble: str
    removed: list[Diagnostic]
    warnings: list[Diagnostic]
    index: Index  # lookups over ``body``


class _Builder:
    """Builds the tree as the tokens come, each node with its final eId from the start.

    Drafts are made in document order and always below the last open one, so the Index's eIds
    are in document order as they are added; :meth:`finish` makes the Nodes. A draft's words
    stay one string while it has one line (most do). What the nesting rules need to know of an
    open node besides its
    fields (its bare label, a container's rank, a provision's level) is kept beside it, in
    ``containers``, ``provision_key`` and ``stack``.
    """

    def __init__(self) -> None:
        self.index = Index(nested_eids=True)
        self.body: list[NodeDraft] = []
        self.containers: list[tuple[int, str, NodeDraft]] = []  # open containers: (rank, label, node)
        self.provision: NodeDraft | None = None
        self.provision_key: tuple[str, str] = ("", "")  # its (level, label)
        self.unnumbered = 0  # unnumbered paragraphs in the open provision so far
        self.paragraph: NodeDraft | None = None
        self.stack: list[tuple[str, NodeDraft, str]] = []  # open label levels: (scheme, node, label)
        self.para_scheme: str | None = None  # None: undecided; "": unnumbered paragraphs
        self.await_title: NodeDraft | None = None
        self.wrapped_up = False  # a wrap-up was added since the provision opened: an open level may hold one
        self.await_text: NodeDraft | None = None
        self.title: str | None = None
        self.preamble: list[str] = []
        self.removed: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.seen: dict[tuple[str, str], int] = {}  # (level, num) -> first line
        self.last_number: dict[str, tuple[int, str]] = {}  # level -> (value, num)
        self.spaced: list[NodeDraft] = []  # headings a PDF extraction letter-spaced
        self.headed: list[NodeDraft] = []  # containers and provisions, for the Index to note
        self.title_line = 0  # line of the open provision's title, when it stood on a line of its own
        self.next_suffix: dict[str, int] = {}  # repeated eId -> the first suffix not yet tried for it

    def _new(self, kind: str, num: str | None, label: str, line: int, parent: NodeDraft | None,
             heading: str = "", text: str = "", provision: bool = False) -> NodeDraft:
        """A node below ``parent`` (None: at the top), with its eId; a number repeated at the same
        level gets the first free suffix ``_2``, ``_3``... (and a warning, except for provisions,
        which were warned about when their heading was read).

        The k-th node with the same eId gets ``_k`` (unless a node's own label made that eId
        already, then the next free one): stable, as it depends only on the text before the node.
        The search for a free suffix resumes where the last one for the same eId stopped, so n
        repeats cost n steps, not n squared."""
        if kind == PARAGRAPH and not label:
            self.unnumbered += 1
            prefix, own = "para_nn_", str(self.unnumbered)
        else:
            prefix, own = _EID_PREFIX[kind], label if label.isalnum() and label.isascii() else _safe(label)
        eid = f"{parent.eid}__{prefix}{own}" if parent is not None else prefix + own  # one new string
        draft = NodeDraft(eid, kind, num, heading or None, text, [], "", line)
        eids: dict[str, NodeDraft | Node] = self.index.eids  # type: ignore[assignment]  # drafts until finish()
        if eids.setdefault(eid, draft) is not draft:
            n = self.next_suffix.get(eid, 2)  # where the search for a free suffix stopped last time
            while f"{eid}_{n}" in eids:
                n += 1
            self.next_suffix[eid] = n + 1
            if not provision:
                self.warnings.append(Diagnostic(line, f"number {num} used twice at the same level; this one is "
                                                f"{eid}_{n}", num or ""))
            draft.eid = eid = f"{eid}_{n}"
            eids[eid] = draft
        if parent is None:
            self.body.append(draft)
        else:
            parent.children.append(draft)
        return draft

    def _add_text(self, draft: NodeDraft, text: str) -> None:
        """Add a line to ``draft``'s words: kept as a string while there is one line (most nodes
        have one), as a list of lines from the second on."""
        words = draft.text
        if not words:
            draft.text = text
        elif isinstance(words, str):
            draft.text = [words, text]
        else:
            words.append(text)

    def _add_wrap_up(self, draft: NodeDraft, text: str) -> None:
        """Append a line of words that follow ``draft``'s list."""
        self.wrapped_up = True
        if isinstance(draft.wrap_up, list):
            draft.wrap_up.append(text)
        else:
            draft.wrap_up = [text]

    def _fold_wrap_up(self, parent: NodeDraft) -> None:
        """Words read as following ``parent``'s list, now that another item comes below it: nothing
        stands between two items, so they go on the item before them, in their place."""
        lines = parent.wrap_up
        parent.wrap_up = ""
        last = parent.children[-1]
        for line in lines:
            if last.children:
                self._add_wrap_up(last, line)
            else:
                self._add_text(last, line)

    def finish(self) -> list[Node]:
        """The body as Nodes: every draft (the Index's map of eIds holds them all, in document order)
        becomes its Node in place (:meth:`NodeDraft.become_node`), so the map then holds the Nodes;
        the Index notes the containers and provisions. (The lists are retyped by annotation, not
        ``typing.cast``: a call per node.)"""
        drafts: Iterable[NodeDraft] = self.index.eids.values()  # type: ignore[assignment]  # drafts until now
        for draft in drafts:
            draft.become_node()
        headed: list[Node] = self.headed  # type: ignore[assignment]  # Nodes now
        note = self.index.note
        for heading in headed:
            note(heading)
        body: list[Node] = self.body  # type: ignore[assignment]
        return body

    # -- headings ----------------------------------------------------------------------------
    def container(self, token: Token) -> None:
        rank = _RANK[token.level]
        open_same = next(((label, node) for open_rank, label, node in self.containers if open_rank == rank), None)
        if open_same is not None and open_same[0].lower() == token.label.lower() and (
            not token.title or not open_same[1].heading or token.title == open_same[1].heading
        ):
            self.removed.append(Diagnostic(token.line, "repeated heading of an open " + token.level, _render(token)))
            return
        self._close_provision()
        while self.containers and self.containers[-1][0] >= rank:
            self.containers.pop()
        draft = self._new(_KIND[token.level], token.num, token.label, token.line, self._container(), token.title)
        self.headed.append(draft)
        self.containers.append((rank, token.label, draft))
        self.await_title = None if token.title else draft
        self.await_text = None

    def provision_heading(self, token: Token) -> None:
        current = self.provision
        if current is not None and self.provision_key == (token.level, token.label) and (
            not token.title or token.title == current.heading
        ) and not token.text:
            self.removed.append(Diagnostic(token.line, "repeated heading of an open " + token.level, _render(token)))
            return
        self._check_sequence(token)
        self._close_provision()
        kind = _KIND[token.level] if token.level == "article" else SECTION
        draft = self._new(kind, token.num, token.label, token.line, self._container(), token.title, "", True)
        self.headed.append(draft)
        self.provision = draft
        self.provision_key = (token.level, token.label)
        self.unnumbered = 0
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
                token.line,
                f"{token.level} {label} out of order: it follows {token.level} {last[1]}; expected a number "
                f"after {last[1]}", _render(token)))
        elif last is not None and value > last[0] + 1:
            missing = f"{last[0] + 1}" if value == last[0] + 2 else f"{last[0] + 1} to {value - 1}"
            self.warnings.append(Diagnostic(
                token.line, f"{token.level} {label} follows {token.level} {last[1]}: no {token.level} {missing} "
                "(a heading lost in the text? the words before this line belong to the provision above)",
                _render(token)))
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
        elif token.level == DECIMAL:
            scheme = numbering.decimal_scheme(token.num)
        else:
            scheme = numbering.scheme_of(token.label, self._last_label)
        if scheme is None:
            self.words(f"{token.num} {token.text}".strip(), token.line)
            return
        if self.para_scheme is None:
            self.para_scheme = scheme
        for depth, (open_scheme, _, _) in enumerate(self.stack):
            if open_scheme == scheme:
                del self.stack[depth:]
                break
        numbered_para = self.para_scheme == scheme and not self.stack
        text = token.text
        if numbered_para:
            kind = SUBSECTION if self.provision.kind == SECTION else PARAGRAPH  # AKN's names, not the text's
            draft = self._new(kind, token.num, token.label, token.line, self.provision, token.title, text)
            self.paragraph = draft
        else:
            parent = self.stack[-1][1] if self.stack else self._paragraph(token.line)
            if self.wrapped_up:  # most items have no wrap-up before them to look for
                for holder in (self.paragraph, *(open_level for _, open_level, _ in self.stack)):
                    if holder is not None and holder.wrap_up and holder.children:
                        self._fold_wrap_up(holder)
            draft = self._new(ITEM, token.num, token.label, token.line, parent, token.title, text)
        self.stack.append((scheme, draft, token.label))
        self.await_title = None
        self.await_text = None if token.text else draft

    def _last_label(self, scheme: str) -> str | None:
        """The label of the innermost open level numbered in ``scheme``."""
        for open_scheme, _, label in reversed(self.stack):
            if open_scheme == scheme:
                return label
        return None

    def _paragraph(self, line: int) -> NodeDraft:
        """The open unnumbered paragraph, opened if there is none."""
        if self.paragraph is None:
            assert self.provision is not None
            self.paragraph = self._new(PARAGRAPH, None, "", line, self.provision)
        return self.paragraph

    def words(self, text: str, line: int) -> None:
        if self.await_title is not None and heading_like(text, 200):
            self.await_title.heading = text
            if self.await_title is self.provision:
                self.title_line = line
            if letter_spaced(text):
                self.spaced.append(self.await_title)
            self.await_title = None
            return
        self.await_title = None
        if self.await_text is not None:
            self._add_text(self.await_text, text)
            self.await_text = None
            return
        if self.provision is None:
            if self.containers:
                self._add_text(self.containers[-1][2], text)
            elif self.title is None and not self.preamble and len(text) <= 200:
                self.title = text
            else:
                self.preamble.append(text)
            return
        if self.para_scheme is None:
            self.para_scheme = ""
        if self.para_scheme == "":
            if self.stack and self.paragraph is not None and text[0].islower():
                self._add_wrap_up(self.paragraph, text)
                return
            if not self.stack and self.paragraph is not None and _lists_on(self.paragraph, text):
                self._add_text(self.paragraph, text)  # an unlabelled list after a colon: one provision
                return
            self.stack = []
            self.paragraph = self._new(PARAGRAPH, None, "", line, self.provision, "", text)
            return
        if len(self.stack) >= 2:
            item = self.stack[-1][1]
            if not item.children and _unfinished(item.text):  # a sentence wrapped before a capital
                self._add_text(item, text)
            else:
                self._add_wrap_up(self.stack[-2][1], text)
        elif self.stack:
            self._add_text(self.stack[0][1], text)
        else:
            self._add_text(self.provision, text)

    # -- structure ---------------------------------------------------------------------------
    def _container(self) -> NodeDraft | None:
        """The innermost open container (None: provisions and containers go at the top)."""
        return self.containers[-1][2] if self.containers else None

    def _close_provision(self) -> None:
        """Close the open provision. One whose only words stood on the line below its heading and
        were read as its title ("Article 5", then "Keepers register their hives" with the full stop
        missing) gets them back as its paragraph: a provision is never left without its words."""
        provision = self.provision
        if provision is not None and self.title_line and not provision.children and not provision.text:
            self._new(PARAGRAPH, None, "", self.title_line, provision, "", provision.heading or "")
            provision.heading = None
        self.title_line = 0
        self.wrapped_up = False
        self.provision = None
        self.paragraph = None
        self.stack = []
        self.para_scheme = None


_LIST_LINE_END = re.compile(r"(?:[;:,]|; (?:and|or)|, (?:and|or))$")


def _lists_on(paragraph: NodeDraft, text: str) -> bool:
    """Whether ``text`` is the next entry of an unlabelled list in ``paragraph``: the paragraph's
    first line ends with a colon, each line since ends like a list entry (";", "; and", ...), and
    ``text`` starts in lower case, as an entry that continues the lead-in's sentence does."""
    if not text[0].islower():
        return False
    lines = [paragraph.text] if isinstance(paragraph.text, str) else paragraph.text
    return lines[0].endswith(":") and all(_LIST_LINE_END.search(line) for line in lines[1:])


def _unfinished(words: list[str] | str) -> bool:
    """Whether the last line of ``words`` stops in the middle of a sentence (on a word that is not
    a list's "; and" or "; or"): the next line of words then goes on with it, even when it starts
    with a capital ("... by Union or" / "Member State law ..."), rather than following the list."""
    last = (words[-1] if isinstance(words, list) else words).rstrip()
    if not last or not last[-1].isalnum():
        return False
    before, _, word = last.rpartition(" ")
    return not (word in ("and", "or") and before.rstrip()[-1:] in (";", ",", ":"))


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
    builder._close_provision()
    if builder.spaced:
        _rejoin_headings(builder.spaced, tokens, builder.warnings)
    body = builder.finish()
    return Built(body, builder.title, "\n".join(builder.preamble), builder.removed, builder.warnings, builder.index)


def _rejoin_headings(drafts: list[NodeDraft], tokens: list[Token], warnings: list[Diagnostic]) -> None:
    """Give letter-spaced headings their words back, from the text's own vocabulary."""
    words = vocabulary(t.text for t in tokens if t.kind != CONTAINER)
    for draft in drafts:
        heading = draft.heading or ""  # a draft is noted here only once its heading is set
        joined = rejoin(heading, words)
        if joined:
            warnings.append(Diagnostic(draft.line, f"heading was letter-spaced (PDF extraction); read as {joined!r}",
                                       heading))
            draft.heading = joined
        else:
            warnings.append(Diagnostic(draft.line, "heading looks letter-spaced (PDF extraction); kept as printed",
                                       heading))


def _safe(label: str) -> str:
    """A label reduced to the characters an eId may hold."""
    return _EID_UNSAFE.sub("", label) or "x"
