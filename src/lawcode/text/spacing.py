"""Re-joining headings that a PDF extraction letter-spaced ("Re st r ic tio ns").

Some PDFs set section titles with wide letter-spacing, and text extraction then puts spaces in
the middle of words and drops them between words. The words can be recovered from the
document's own vocabulary: remove every space and split the letters again into the fewest words
that all occur elsewhere in the text. When no such split exists the heading is kept as printed
(the parser warns either way, so the reader can check).
"""

from __future__ import annotations

from collections.abc import Iterable

# A word of the vocabulary is what the regex [A-Za-z][A-Za-z'-]* matches: ASCII letters, apostrophes
# and hyphens, starting with a letter.
_WORD_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'-")
_LONGEST_WORD = 30
# Short words a heading may contain; other one- and two-letter "words" of the vocabulary are
# mostly labels and abbreviations ("(a)", "EU") that would split a word into fragments.
_SHORT_WORDS = frozenset({"a", "an", "as", "at", "by", "in", "is", "it", "of", "on", "or", "to", "no", "be"})


def letter_spaced(text: str) -> bool:
    """Whether a heading looks letter-spaced: many fragments of one to three letters."""
    words = text.split()
    return len(words) >= 3 and len(text.replace(" ", "")) <= 2.7 * len(words)


# Every byte that cannot be part of a word (whose characters are all ASCII) as a space, for vocabulary.
_NOT_WORD_TO_SPACE = bytes(byte if chr(byte) in _WORD_CHARACTERS else ord(" ") for byte in range(256))


def vocabulary(texts: Iterable[str]) -> set[str]:
    """The lower-case words of some texts: every match of ``[A-Za-z][A-Za-z'-]*``, lower-cased.

    A match is a maximal run of those characters with the apostrophes and hyphens it starts with
    left off, so the words are found as runs: the texts' UTF-8 bytes (a line break
    between two texts, which no word holds) with every other byte made a space (non-ASCII
    characters are all bytes of 0x80 and above), split at the spaces. This does in C what
    ``re.findall`` did a regex step per character for (it was a tenth of preparing a text
    with letter-spaced headings); ``bytes.lower`` touches ASCII letters only, as ``str.lower``
    does on a word of ASCII letters. Each distinct run is decoded once: a long text repeats
    most of its words many times.
    """
    data = "\n".join(texts).encode("utf-8", "surrogatepass").translate(_NOT_WORD_TO_SPACE).lower()
    words = {run.lstrip(b"'-").decode("ascii") for run in set(data.split())}
    return {w for w in words if len(w) > 2 or w in _SHORT_WORDS}


def rejoin(text: str, words: set[str]) -> str | None:
    """``text`` split into the fewest known words after removing its spaces, or None."""
    letters = text.replace(" ", "")
    low = letters.lower()
    size = len(low)
    best: list[tuple[int, int] | None] = [None] * (size + 1)  # (word count, start of last word)
    best[0] = (0, 0)
    # Forward from each letter a split reaches (the others are skipped, not tried once per word
    # end); for each end the earliest start of the fewest words wins, as starts come in order.
    for start in range(size):
        before = best[start]
        if before is None:
            continue
        count = before[0] + 1
        for end in range(start + 1, min(size, start + _LONGEST_WORD) + 1):
            current = best[end]
            if (current is None or count < current[0]) and low[start:end] in words:
                best[end] = (count, start)
    if best[size] is None:
        return None
    pieces = []
    end = size
    while end > 0:
        step = best[end]
        assert step is not None  # every end on the way back was reached by a split
        start = step[1]
        pieces.append(letters[start:end])
        end = start
    return " ".join(reversed(pieces))
