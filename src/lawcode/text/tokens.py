"""From cleaned lines to tokens: headings, numbered labels and runs of words.

This is the one place that knows what a heading looks like in each style of text:

* ``Chapter I: General Provisions``, ``CHAPTER I`` (title on the next line), ``### CHAPTER 91—``
  Markdown headings, ``Part 3``, ``Section 4`` (a grouping of articles, as in the GDPR, also
  when a PDF extraction letter-spaced it as ``Sec ti on 1``);
* provisions: ``Article 13: ...`` / ``Article 6`` + title line, ``§ 6502. Heading``,
  ``13. Heading`` (South African by-laws), ``13 Heading (1) ...`` (UK acts, one section per
  line, whose inline subsections and points are split here);
* labels: ``(1)``, ``(a)``, ``(iv)``, ``(A)``, ``1.``;
* everything else is words.

PDF extractions wrap lines hard; in a block of lines that looks wrapped (see
:func:`wrapped_lines`: decided block by block, not for the whole text), a line that does not start
a new structure is joined to the one before, a label at a line start only counts as one where the
previous line could end a sentence, and a heading followed by words on its line ("Article 5 The
keeper ...") only where the line before ends a sentence.

All patterns are anchored and free of nested quantifiers, so a pathological line (megabytes
without a newline) is scanned in linear time.
"""

from __future__ import annotations

import re
from dataclasses import KW_ONLY, dataclass
from itertools import compress

from lawcode.text import numbering

# Label levels besides "(" and ".".
MARKER = "marker"  # "a)", "1)", "i.": a list marker without an opening parenthesis
DECIMAL = "decimal"  # "1.1", "1.1.1": a subdivision in the dotted style

# Token kinds.
CONTAINER = "container"  # part / chapter / section grouping
PROVISION = "provision"  # article / section
LABEL = "label"  # a numbered paragraph or item
WORDS = "words"


@dataclass(slots=True)
class Token:
    """One block of the text: its kind, line and words, and what a heading or label says of itself.

    Made with the kind, line and words by position and every other field by name."""

    kind: str
    line: int
    text: str = ""  # words that follow on the same line
    _: KW_ONLY
    markdown: bool = False
    level: str = ""  # part/chapter/section/article for headings; for labels "(" ("(a)"), "." ("1."),
    # MARKER ("a)", "i.") or DECIMAL ("1.1")
    num: str = ""  # as printed
    label: str = ""  # the bare label ("13", "a", "2A")
    title: str = ""  # heading words
    explicit: bool = True  # a heading with an unmistakable form (separator or line of its own)
    is_title: bool = False  # words right after a bare heading that read as its title


_SENTENCE_ENDS = ".;:,-\u2014\u2013"  # the last character of a block that reads as a sentence or clause
# Words that make a block a provision rather than a title, even when its final full stop is missing
# ("Keepers shall pay a fee"): titles name a subject ("Fees", "Information to be provided where ...").
_NORMATIVE_WORD = re.compile(r"\b(?:shall|must|may|should|will|means|applies)\b")


def heading_like(text: str, limit: int = 100) -> bool:
    """Whether a short block reads as a title rather than as a sentence."""
    return (0 < len(text) <= limit and text[-1] not in _SENTENCE_ENDS and (text[0].isupper() or text[0] in "\"'")
            and not _NORMATIVE_WORD.search(text))


def bare_heading(token: Token) -> bool:
    """A heading printed without its title (the title may follow on the next line)."""
    return (token.kind == CONTAINER and not token.title) or (
        token.kind == PROVISION and not token.text and not token.title)


def _spaced(word: str) -> str:
    """A keyword as a pattern that tolerates PDF letter-spacing ("Sec ti on")."""
    return " ?".join(word)


_NUM = r"([0-9]+[A-Za-z]{0,2}|[IVXLCDM]+)"
_SEP = r"(?:\s*[:.\-\u2014\u2013]\s*|\s+|$)"
_CONTAINER_RE = re.compile(
    rf"(?P<kw>{_spaced('part')}|{_spaced('chapter')}|{_spaced('section')})\s+{_NUM}(?P<sep>{_SEP})(?P<rest>.*)",
    re.IGNORECASE,
)
# The two most frequent heading patterns match only a line's start; the rest of the line is
# sliced off after the match (see _rest), which is quicker than matching it with ".*".
_ARTICLE_RE = re.compile(rf"(?:{_spaced('article')}|art\.)\s+([0-9]+[a-z]?)(?P<sep>{_SEP})", re.IGNORECASE)
_PARAGRAPH_SIGN_RE = re.compile(r"(?:§+|s\.|sec\.)\s*([0-9]+[A-Za-z]{0,3})(?P<sep>\.?\s*|$)(?P<rest>.*)", re.IGNORECASE)
_NUMBERED_HEADING_RE = re.compile(r"([0-9]+[A-Z]{0,2})(?P<sep>\.\s+|\s+)(?P<rest>[A-Z\"'].*)")
_LABEL_RE = re.compile(r"\(([0-9]+[A-Za-z]{0,2}|[a-z]{1,4}|[A-Z]{1,4}|[a-z][A-Z]{1,2})\)(?:\s+|$)")
# List markers without an opening parenthesis: "a)", "1)", "i.", "b." (then a space).
_MARKER_RE = re.compile(r"([a-z]{1,2}|[ivxlc]{1,6}|[0-9]{1,3})(\)|\.)\s+")
# Decimal numbers of the dotted style: "1 Heading", "1. Heading", "1.1 text", "1.1.1 text".
_DECIMAL_RE = re.compile(r"([0-9]{1,3}(?:\.[0-9]{1,3})*)(\.?)(?:\s+|$)")
_DOTTED_RE = re.compile(r"([0-9]{1,3})\.(?:\s+|$)(?P<rest>.*)")
_MARKDOWN_RE = re.compile(r"(#{1,6})\s+(.*)")
# An inline label in a one-section-per-line text: a "(x) " after the end of a clause.
_INLINE_LABEL_RE = re.compile(
    r"([.;:,\u2014\u2013])((?: (?:or|and))?) \(([0-9]+[A-Z]{0,2}|[a-z]{1,4}|[A-Z]{1,2})\) "
)
_FIRST_SUBSECTION_RE = re.compile(r" (?=\(1\) [A-Z])")
_SENTENCE_START_RE = re.compile(
    r" (?=(?:A|An|The|In|If|This|These|For|Where|Each|Any|It|No|Nothing|Subject|Regulations|Section|Part"
    r"|A person)\b [a-zA-Z(])"
)
_ENDS_CLAUSE = re.compile(r"(?:[.;:\u2014\u2013,]|\bor|\band)$")

# Separators after a heading's number that never occur mid-sentence ("Article 3." does, at a wrap).
_HEADING_SEPARATORS = frozenset(":-\u2014\u2013")

# Markdown emphasis a copied heading may carry around its title ("Chapter I `General Provisions`").
_STRAY_MARKUP = "`*"

# First characters a structural line can start with; anything else is words.
_STRUCTURE_STARTS = frozenset("AaPpCcSs\u00a7(0123456789")
# What a line must start with for :func:`classify` to read it as anything but words: a Markdown
# "#", a digit, "(" or "§", a list marker ("a)", "iv."), or the start of a heading keyword
# (case-insensitive, letter-spaced or not: "Art", "Part", "Chap", "Sec", "s."). A line that does
# not match is words, whatever the context (most lines of a wrapped text): the tokenizer then makes
# no Token for it unless it starts a block. A superset of classify's patterns, and kept one:
# tests/text/test_tokens.py checks classify on lines that do not match.
_MAY_START_STRUCTURE = re.compile(r"[#0-9(\u00a7]|[a-z]{1,6}[.)]|(?i:a ?r ?t|p ?a ?r ?t|c ?h ?a ?p|s ?e ?c|s\.)")


def _keyword(raw: str) -> str:
    return raw.replace(" ", "").lower()


def wrapped_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it stands in a hard-wrapped block (a PDF or e-mail extraction).

    Decided block by block (a block is a run of adjacent non-blank lines), never once for the
    whole text, so that one unusual feature elsewhere cannot change how a block is read. A
    block is wrapped when

    * one of its lines after the first starts in lower case (or with ",", ";", ")") while the line
      before it does not end a sentence or clause (see :func:`_runs_into`) - a sentence running on;
    * or it has three or more lines of similar length (all but the last at least 70% of the
      longest, which is at most ``_WRAP_MAX`` characters), most of them stopping mid-clause - a
      paragraph wrapped at a fixed width;
    * or it starts in lower case right after a wrapped block (a page break inside a sentence).
    """
    flags = [False] * len(lines)
    start = 0
    previous_wrapped = False
    size = len(lines)
    while start < size:
        if not lines[start]:
            start += 1
            continue
        end = start + 1
        while end < size and lines[end]:
            end += 1
        if end == start + 1:  # a block of one line (most blocks, in a text with a blank line between blocks)
            wrapped = previous_wrapped and _continues_lower(lines[start])
        else:
            block = lines[start:end]
            wrapped = _runs_on(block) or _fixed_width(block) or (previous_wrapped and _continues_lower(block[0]))
        if wrapped:
            flags[start:end] = [True] * (end - start)
        previous_wrapped = wrapped
        start = end
    return flags


_WRAP_MAX = 130  # the longest line of a block wrapped at a fixed width (PDF and e-mail wraps are 70-100)


def _continues_lower(text: str) -> bool:
    return text[0].islower() or text[0] in ",;)"


def _runs_on(block: list[str]) -> bool:
    """Whether a line of ``block`` continues the sentence of the line before (table rows, "a | b", aside)."""
    return any(_continues_lower(text) and _runs_into(block[i]) and " | " not in text
               for i, text in enumerate(block[1:]))


def _runs_into(text: str) -> bool:
    """Whether a line may run on into the next: it ends with a word (but not as a list entry ends,
    "; and"), or with a comma outside a list item (after "(b) ... herewith," a lower-case line is
    the list's wrap-up)."""
    last = text[-1]
    if last not in ".;:,\u2014\u2013":
        return not _LIST_ENTRY_END.search(text[-6:])
    return last == "," and text[0] != "("


_LIST_ENTRY_END = re.compile(r"[;,] (?:and|or)$")  # "mark each hive; and": a list entry, not a wrap


def _fixed_width(block: list[str]) -> bool:
    """Whether ``block`` reads as one paragraph wrapped at a fixed width: its lines but the last are
    of similar length, and most of them stop mid-clause (a list of short sentences does not)."""
    if len(block) < 3:
        return False
    longest = max(len(text) for text in block)
    if longest > _WRAP_MAX or any(len(text) < 0.7 * longest for text in block[:-1]):
        return False
    return 2 * sum(not ends_clause(text) for text in block[:-1]) > len(block) - 1


def line_width(lines: list[str], wrapped: list[bool]) -> int:
    """A typical full line length (the 90th percentile) of the wrapped lines of a text.

    The lengths of the non-blank wrapped lines are gathered by built-ins (no Python step per line:
    a generator here cost a tenth of tokenizing a PDF extraction)."""
    lengths = sorted(filter(None, map(len, compress(lines, wrapped))))
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def classify(text: str, line: int, has_articles: bool, wrapped: bool, decimal: bool = False) -> Token:
    """The token one block of text starts with (its first character picks the patterns to try).

    ``decimal``: the text is in the dotted style, where "1 Heading" is a provision and "1.1 text"
    and "1.1.1 text" its subdivisions.
    """
    markdown = False
    first = text[0]
    if first == "#":
        match = _MARKDOWN_RE.fullmatch(text)
        if match:
            markdown = True
            text = match.group(2)
            first = text[:1]
    if decimal and first.isdigit():
        return _decimal(text, line, wrapped)
    if (first.islower() or first.isdigit()) and ("." in text[1:8] or ")" in text[1:8]):  # a marker ends by then
        match = _MARKER_RE.match(text)
        if match and (match.group(2) == ")" or not match.group(1).isdigit()):
            label = match.group(1)
            if first.isdigit() or len(set(label)) == 1 or numbering.roman_value(label):  # "a", "aa", "iv"; not "no."
                return Token(LABEL, line, _rest(match), markdown=markdown, level=MARKER, num=label + match.group(2),
                             label=label)
    if first not in _STRUCTURE_STARTS:
        return Token(WORDS, line, text, markdown=markdown)
    match = _ARTICLE_RE.match(text) if first in "Aa" else None
    if match:
        rest = _rest(match)
        sep = match.group("sep").strip()
        explicit = bool(sep) or not rest
        if not (wrapped and rest and sep not in _HEADING_SEPARATORS):
            num = match.group(1)
            return Token(PROVISION, line, rest, markdown=markdown, level="article", num=num, label=num,
                         explicit=explicit)
    match = _CONTAINER_RE.fullmatch(text) if first in "PpCcSs" else None
    if match:
        kind = _keyword(match.group("kw"))
        rest = match.group("rest").strip().strip(_STRAY_MARKUP).strip()
        sep = match.group("sep").strip()
        num = match.group(2)
        if kind == "section" and not has_articles:
            if not (wrapped and rest):
                return Token(PROVISION, line, rest, markdown=markdown, level="section", num=num, label=num,
                             explicit=bool(sep) or not rest)
        elif (rest[:1].isupper() or not rest or sep) and not (wrapped and rest and not sep):
            return Token(CONTAINER, line, markdown=markdown, level=kind, num=num, label=num, title=rest)
    if not has_articles and first in "\u00a7Ss":
        match = _PARAGRAPH_SIGN_RE.fullmatch(text)
        if match:
            return Token(PROVISION, line, markdown=markdown, level="section", num=match.group(1),
                         label=match.group(1), title=match.group("rest").strip())
    if not first.isdigit() and first != "(":
        return Token(WORDS, line, text, markdown=markdown)
    match = _LABEL_RE.match(text) if first == "(" else None
    if match:
        return _bracketed(line, match.group(1), _rest(match), markdown)
    match = _DOTTED_RE.fullmatch(text)
    if match and (has_articles or not match.group("rest")):
        return Token(LABEL, line, match.group("rest").strip(), level=".", num=match.group(1) + ".",
                     label=match.group(1))
    if not has_articles and not wrapped:
        match = _NUMBERED_HEADING_RE.fullmatch(text)
        if match and match.group("sep").startswith(".") and not heading_like(match.group("rest"), 150):
            return Token(LABEL, line, match.group("rest").strip(), level=".", num=match.group(1) + ".",
                         label=match.group(1))
        if match:
            dotted = match.group("sep").startswith(".")
            return Token(PROVISION, line, match.group("rest").strip(), level="section",
                         num=match.group(1) + ("." if dotted else ""), label=match.group(1), explicit=dotted)
    return Token(WORDS, line, text, markdown=markdown)


def _decimal(text: str, line: int, wrapped: bool) -> Token:
    """A line of the dotted style that starts with a digit: a provision ("1 Heading", "2. Heading"),
    a subdivision ("1.1 text", labelled by its last number), or words ("2020 was ...")."""
    match = _DECIMAL_RE.match(text)
    if match is None:
        return Token(WORDS, line, text)
    number, dot = match.group(1), match.group(2)
    rest = _rest(match)
    if "." not in number:
        if wrapped and rest:  # "2 of the code ..." in the middle of a sentence
            return Token(WORDS, line, text)
        return Token(PROVISION, line, rest, level="section", num=number + dot, label=number,
                     explicit=bool(dot) or not rest)
    return Token(LABEL, line, rest, level=DECIMAL, num=number + dot, label=number.rsplit(".", 1)[1])


def _rest(match: re.Match[str]) -> str:
    """The words after a heading or label matched at the start of a line, trimmed."""
    return match.string[match.end():].strip()


def split_inline(token: Token) -> list[Token]:
    """A UK-style section line ("13 Heading (1) ... (a) ...") as heading plus label tokens."""
    text = token.text
    if token.kind != PROVISION or " (" not in text:
        if token.kind == PROVISION and not token.title and token.level == "section" and not token.num.endswith("."):
            token.title, token.text = _split_heading(text)
        return [token]
    first = _FIRST_SUBSECTION_RE.search(text)
    if first:
        head, body = text[: first.start()], text[first.end():]
    else:
        head, body = _split_heading(text)
    if not token.num.endswith(".") and not token.title:
        token.title, token.text = head.strip(), ""
    else:
        token.text = head.strip()
    last_label: dict[str, str] = {}
    splits = [match for match in _INLINE_LABEL_RE.finditer(body) if _inline_split(match, body, last_label)]
    ends = [*(match.end(2) for match in splits), len(body)]  # where each chunk's words end
    out = [token]
    _add_chunk(out, body[: ends[0]], token)
    # Each split starts a labelled chunk that runs to the next split: its label is the one the
    # split matched, so it is not matched again.
    for match, end in zip(splits, ends[1:], strict=True):
        out.append(_bracketed(token.line, match.group(3), body[match.end(): end].strip()))
    return out


def _inline_split(match: re.Match[str], body: str, last_label: dict[str, str]) -> bool:
    """Whether an inline "(x)" starts a new subsection or point rather than citing one.

    After ".", ";", ":" or a dash it does; after a comma only when "and"/"or" follows the comma
    or the label continues the sequence ("(b)" after "(a)") and the comma does not itself
    follow a label (as in "paragraphs (a), (b) or (c)").
    """
    label = match.group(3)
    scheme = numbering.scheme_of(label, last_label.get)
    strong = match.group(1) != "," or bool(match.group(2))
    if not strong:
        previous = last_label.get(scheme or "")
        if previous is None or not numbering.follows(previous, label) or body[match.start() - 1: match.start()] == ")":
            return False
    if scheme:
        last_label[scheme] = label
    return True


def _bracketed(line: int, label: str, text: str, markdown: bool = False) -> Token:
    """The token of a label in brackets, "(a) words": its number keeps the brackets."""
    return Token(LABEL, line, text, markdown=markdown, level="(", num=f"({label})", label=label)


def _add_chunk(out: list[Token], chunk: str, token: Token) -> None:
    """Add the words before a section line's first split: a label's token when they start with
    one, else the section's own words (or a token of words, when it has words of its own)."""
    chunk = chunk.strip()
    if not chunk:
        return
    label = _LABEL_RE.match(chunk)
    if label:
        out.append(_bracketed(token.line, label.group(1), _rest(label)))
    elif not token.text:
        token.text = chunk
    else:
        out.append(Token(WORDS, token.line, chunk))


def _split_heading(text: str) -> tuple[str, str]:
    """Heading and words of "Heading Words of the section" where nothing marks the boundary."""
    match = _SENTENCE_START_RE.search(text)
    if match and match.start() > 0:
        return text[: match.start()].strip(), text[match.end():].strip()
    return "", text


def ends_clause(text: str) -> bool:
    """Whether a line could be the end of a sentence or clause (so a label may follow)."""
    return bool(_ENDS_CLAUSE.search(text[-6:])) if text else True


def tokenize(lines: list[str], has_articles: bool, decimal: bool = False,
             soft_breaks: frozenset[int] = frozenset()) -> list[Token]:
    """Every token of the cleaned text, joining wrapped lines; ``has_articles``: the text's provisions
    are articles (its style says so), so "Section N" groups articles rather than being one;
    ``decimal``: the text is numbered 1, 1.1, 1.1.1 (the dotted style); ``soft_breaks``: indexes of
    the lines that ended with a soft hyphen (see :class:`Hyphens`)."""
    hyphens = Hyphens(lines, soft_breaks)
    wrapped_at = wrapped_lines(lines)
    width = line_width(lines, wrapped_at)
    tokens: list[Token] = []
    previous_text = ""  # the previous non-blank line, for wrap decisions
    previous_index = -1
    sequence = _Sequence(lines, has_articles, decimal)
    for index, text in enumerate(lines):
        if not text:
            continue
        # A line continues one across blank lines (a page break) only where both blocks are wrapped
        # and the sentence visibly runs on.
        wrapped = wrapped_at[index] and (previous_index == index - 1 or (
            previous_index >= 0 and wrapped_at[previous_index]
            and (_continues_lower(text) or not ends_clause(previous_text))))
        previous_index = index
        token: Token | None = None  # None: a line of words only (most lines), its Token made only if it starts a block
        if _MAY_START_STRUCTURE.match(text):
            # In a wrapped block, words after a heading on its line read as a heading only after a
            # sentence's end: otherwise "Article 5 of the Act ..." is the middle of a sentence.
            mid_sentence = wrapped and bool(tokens) and not _ends_sentence(previous_text, tokens[-1])
            token = classify(text, index + 1, has_articles, mid_sentence, decimal)
            if token.kind == PROVISION:
                token = sequence.plausible(token, text, index)
        kind = WORDS if token is None else token.kind
        if tokens and kind == WORDS and _title_runs_on(tokens[-1], text):
            _append_title(tokens[-1], text)
            previous_text = text
            continue
        if wrapped and tokens and _continues(token, text, previous_text, width, tokens[-1]):
            _append_words(tokens[-1], text, hyphens, index)
            previous_text = text
            continue
        previous_text = text
        if token is None:
            token = Token(WORDS, index + 1, text)
        if kind == WORDS and tokens and bare_heading(tokens[-1]) and heading_like(text, 200):
            token.is_title = True
        tokens.append(token)
    tokens = _split_sections(tokens)
    _label_titles(tokens)
    return tokens


def _split_sections(tokens: list[Token]) -> list[Token]:
    """Every section line split into heading and inline subsections (:func:`split_inline`), once its
    wrapped lines have been joined to it."""
    out: list[Token] = []
    for token in tokens:
        if token.kind == PROVISION and token.level == "section":
            out.extend(split_inline(token))
        else:
            out.append(token)
    return out


class _Sequence:
    """The numbering sequence of provision headings, to tell a heading from words that start with a number.

    A heading without a separator ("Article 5 shall ...", "21 Fees ...") counts when its number
    continues the sequence. When it skips numbers (article 21 right after 19), it still counts if
    the text goes on from it (a later heading numbered 22, or none higher) and the skipped numbers
    never come later: then the heading of article 20 was lost (garbled, or merged into a line),
    and the builder warns about the gap. Otherwise the line is words, such as a citation
    ("Article 21 of the Act ...") at a line's start.
    """

    def __init__(self, lines: list[str], has_articles: bool, decimal: bool) -> None:
        self.lines = lines
        self.has_articles = has_articles
        self.decimal = decimal
        self.last: dict[str, int] = {}  # level -> number of the last provision heading
        self._later: dict[str, dict[int, int]] | None = None  # level -> number -> last line index

    def plausible(self, token: Token, text: str, index: int) -> Token:
        value = numbering.leading_number(token.label)
        last = self.last.get(token.level)
        if (not token.explicit and token.text and value is not None and last is not None
                and value not in (last, last + 1) and not self._resumes(token.level, last, value, index)):
            return Token(WORDS, token.line, text, markdown=token.markdown)
        if value is not None:
            self.last[token.level] = value
        return token

    def _resumes(self, level: str, last: int, value: int, index: int) -> bool:
        """Whether ``value`` after ``last`` starts the sequence again after lost headings."""
        if not last < value <= last + _LARGEST_GAP:
            return False
        later = self._candidates().get(level, {})
        if any(later.get(skipped, -1) > index for skipped in range(last + 1, value)):
            return False
        return later.get(value + 1, -1) > index or max(later, default=value) <= value

    def _candidates(self) -> dict[str, dict[int, int]]:
        """Every line that reads as a provision heading (by level: number -> its last line index),
        found once, the first time a gap needs it."""
        if self._later is None:
            self._later = {}
            for index, text in enumerate(self.lines):
                if text and (text[0].isdigit() or text[0] in "Aa"):
                    token = classify(text, index + 1, self.has_articles, False, self.decimal)
                    value = numbering.leading_number(token.label) if token.kind == PROVISION else None
                    if value is not None:
                        self._later.setdefault(token.level, {})[value] = index
        return self._later


_LARGEST_GAP = 5  # the most headings in a row that may be lost before a heading is no longer believed


_LABEL_TITLE_LIMIT = 80  # the longest words after a label that may be its title


def _label_titles(tokens: list[Token]) -> None:
    """Labels printed with a title and their words below ("(1) Child", then the definition)."""
    for index, token in enumerate(tokens):
        text = token.text
        if token.kind != LABEL or not text or (len(text) > _LABEL_TITLE_LIMIT and not token.markdown):
            continue  # most labels: words too long for a title (and not a Markdown heading)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is None or not heading_like(text, _LABEL_TITLE_LIMIT) or _ENDS_CONJUNCTION.search(text):
            titled = token.markdown
        elif following.kind == LABEL:  # a title directly above a nested list: "(10) Websites", "(A) ..."
            titled = _label_class(following.label) != _label_class(token.label)
        else:
            titled = token.markdown or following.kind == WORDS
        if titled:
            token.title, token.text = token.text, ""


def _label_class(label: str) -> str:
    return "digit" if label[:1].isdigit() else "lower" if label.islower() else "upper"


_ENDS_CONJUNCTION = re.compile(r"\b(?:or|and|but|the|of|to)$")


def _ends_sentence(previous: str, last: Token) -> bool:
    """Whether the line before ends a sentence or is a heading of its own, so that a heading may follow."""
    return previous[-1:] in ".:;" or (last.kind in (CONTAINER, PROVISION) and not last.text)


_CONNECTIVES = frozenset({"and", "or", "of", "the", "for", "to", "in", "on", "with", "by", "from", "a", "an", "its",
                          "their", "under", "between", "against", "concerning", "regarding"})


def _title_runs_on(last: Token, text: str) -> bool:
    """Whether ``text`` is the second line of a heading printed on two lines: the title before ends
    with a word that cannot end one ("Registration of Hives and") or the line goes on in lower case.

    The title is that of a heading printed without words, or words that read as its title; most
    lines follow neither, and are answered by the first test."""
    if last.is_title:
        title = last.text
    elif last.kind in (CONTAINER, PROVISION) and not last.text:
        title = last.title
    else:
        return False
    if not title or not (heading_like(text) or (text[0].islower() and text[-1] not in _SENTENCE_ENDS)):
        return False
    last_word = title.rsplit(" ", 1)[-1].lower()
    return last_word in _CONNECTIVES or (text[0].islower() and not _NORMATIVE_WORD.search(text))


def _append_title(token: Token, text: str) -> None:
    if token.is_title:
        token.text = f"{token.text} {text}"
    else:
        token.title = f"{token.title} {text}"


def _continues(token: Token | None, text: str, previous: str, width: int, last: Token) -> bool:
    """Whether a line of a wrapped text continues the block before it (``token``: what the line
    starts with; None for a line of words only)."""
    if last.kind in (CONTAINER,) or (last.kind == PROVISION and not last.text):
        return False
    if last.kind == LABEL and not last.text:
        return False
    if last.is_title:
        return text[0].islower()
    if (last.kind == LABEL and previous.endswith(last.text) and text[0].isupper()
            and heading_like(last.text, _LABEL_TITLE_LIMIT)):
        return False  # "(a) In general", then its words: a label's title on a line of its own
    if token is None or token.kind == WORDS:
        if text[0].islower() or text[0] in ",;)":
            return True
        if len(previous) >= width * 0.9:
            return True
        if ends_clause(previous):
            return False
        return len(previous) >= width * 0.75 or previous[-1].islower()  # the sentence visibly runs on
    if token.kind == LABEL:
        return bool(token.text) and not ends_clause(previous) and len(previous) >= width * 0.75
    return False


def _append_words(token: Token, text: str, hyphens: Hyphens, line: int) -> None:
    """Join ``text`` (the words of line ``line + 1``) to the block ``token`` of the line before."""
    if token.kind == CONTAINER:
        token.title = hyphens.join(token.title, text, line - 1)
    else:
        token.text = hyphens.join(token.text, text, line - 1)


class Hyphens:
    """Re-joins a word broken across a line end.

    * A soft hyphen (U+00AD) at a line end marks a break inside a word: the cleaner deleted it,
      and noted the line; the halves are joined with nothing between ("physio" + "logical").
    * A hard hyphen at a line end may be a break ("adminis-" + "tration") or belong to the word
      ("decision-" + "making"): the hyphen is dropped only when the text itself uses the word
      without it elsewhere and never with it.
    """

    def __init__(self, lines: list[str], soft_breaks: frozenset[int] = frozenset()) -> None:
        self.lines = lines
        self.soft_breaks = soft_breaks  # indexes of lines that ended with a soft hyphen
        self._words: set[str] | None = None

    def join(self, before: str, after: str, index: int) -> str:
        """``before`` (ending with line ``index``) and ``after``, joined as one run of words."""
        if not before:
            return after
        if index in self.soft_breaks and after[:1].isalpha():
            return before + after
        if before.endswith("-") and after[:1].islower() and not before.endswith(" -"):
            head = _LAST_WORD.search(before[:-1])
            tail = _FIRST_WORD.match(after)
            if head and tail and self._known(head.group() + tail.group()) and not self._known(
                    head.group() + "-" + tail.group()):
                return before[:-1] + after
            return before + after
        if before.endswith("-") and after[:1].isupper() and not before.endswith(" -"):
            return before + after  # "North-" + "South route": a compound, its hyphen kept
        return f"{before} {after}"

    def _known(self, word: str) -> bool:
        if self._words is None:  # made once, and only for a text with a hyphen at a line end
            self._words = {word.lower() for text in self.lines for word in _WORD_RE.findall(text)}
        return word.lower() in self._words


_LAST_WORD = re.compile(r"[A-Za-z]+$")
_FIRST_WORD = re.compile(r"[a-z]+")
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
