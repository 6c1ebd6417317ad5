"""The parser's promise that the text is never silently changed: words out equal words in.

For every input, the words of the Document in document order (title, preamble, then each
provision's number, heading, words, sub-provisions and wrap-up), with the lines the parser set
aside (``Document.removed``) taken out of the input, equal the words of the input in order.

"Words" are compared as the parser is allowed to change them, and no further:

* case, spacing, punctuation and quote styles do not count (words are runs of letters and digits,
  compared case-folded);
* the keywords that name a level of the structure ("Article", "Chapter", "Section", "Part", ...)
  do not count: the Document keeps a provision's number, not the word before it;
* where words break does not count: the letters and digits are compared as one string, so that
  a PDF's line-end hyphenation ("physio-" / "logical") or a letter-spaced heading ("C H A P T E
  R") may be joined.

Anything else - a word lost, added, changed or moved - breaks the promise, and
:func:`words_mismatch` says where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawcode.text.document import Document, Node

_WORD = re.compile(r"[^\W_]+")
_STRUCTURE_WORDS = frozenset(
    [
        "article", "articles", "art", "arts", "chapter", "chapters", "chp", "section", "sections", "sec", "part",
        "parts", "title", "book", "schedule", "subsection", "regulation", "rule", "clause"
    ]
)
_CONTEXT = 40
_SPACED = re.compile(r"[A-Za-z]{1,4}(?: [A-Za-z]{1,4})+\b")


@dataclass(frozen=True, slots=True)
class Mismatch:
    """Where the words out first differ from the words in: offsets in the compared strings (see
    :func:`words_of`) and a few characters of each around them."""

    offset: int
    expected: str  # from the input
    found: str  # from the Document

    def __str__(self) -> str:
        return f"words differ at character {self.offset}: input has {self.expected!r}, document has {self.found!r}"


def words_of(text: str) -> str:
    """The letters and digits of ``text``'s words, case-folded and joined, structure keywords left out."""
    return "".join(word for word in _WORD.findall(text.casefold()) if word not in _STRUCTURE_WORDS)


def words_in(text: str, removed_lines: set[int]) -> str:
    """The words of the input ``text`` (as decoded), without the lines numbered in ``removed_lines``."""
    text = text.replace("\u00ad", "")  # a soft hyphen joins the parts of one word
    return "".join(words_of(_unspaced(line)) for number, line in enumerate(_lines(text), start=1)
                   if number not in removed_lines)


def _unspaced(line: str) -> str:
    """A short line of fragments ("Sec ti on 1", "C H A P T E R I") with its letters joined, as
    the parser reads a heading that a PDF extraction letter-spaced."""
    fragments = line.split()
    letters = [f for f in fragments if f.isalpha()]
    if len(line) > 80 or len(letters) < 3 or sum(map(len, letters)) > 2.5 * len(letters):
        return line
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), line)


def words_out(doc: Document) -> str:
    """The words of ``doc`` in document order."""
    parts: list[str] = [doc.title or "", doc.preamble]
    for node in doc.body:
        _node_words(node, parts)
    return "".join(words_of(part) for part in parts if part)


def _node_words(node: Node, parts: list[str]) -> None:
    stack: list[Node | str] = [node]
    while stack:  # iterative: deeply nested lists must not exhaust the recursion limit
        current = stack.pop()
        if isinstance(current, str):
            parts.append(current)
            continue
        parts.extend(part for part in (current.num, current.heading, current.text) if part)
        stack.append(current.wrap_up)
        stack.extend(reversed(current.children))


def words_mismatch(text: str, doc: Document) -> Mismatch | None:
    """None when the words out equal the words in (see the module docstring), else where they differ."""
    expected = words_in(text, {d.line for d in doc.removed})
    found = words_out(doc)
    if expected == found:
        return None
    shorter = min(len(expected), len(found))
    offset = next((i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b), shorter)
    start = max(0, offset - _CONTEXT)
    return Mismatch(offset, expected[start:offset + _CONTEXT], found[start:offset + _CONTEXT])


def _lines(text: str) -> list[str]:
    """The lines as the parser numbers them (CR LF, CR and LF each end one)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
