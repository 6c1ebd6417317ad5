"""Bilingual texts: Chinese paragraphs interleaved with their English translation.

lawcode reads the English version. In a text that has both English lines and lines written
mostly in Chinese characters, the Chinese lines are the parallel version: they are set aside as
removed lines (each reported with its line number, so that no word disappears unseen) and never
read as English paragraphs or headings. A text with only Chinese lines is left as it is (the
parser then says it found no structure it reads).
"""

from __future__ import annotations

import re

from lawcode.text.clean import Cleaned
from lawcode.text.document import Diagnostic

# CJK ideographs (unified, extension A, compatibility) and the CJK and full-width punctuation.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
PARALLEL_CHINESE = "parallel Chinese text (the English version is read)"


def is_chinese(line: str) -> bool:
    """Whether a line is written mostly in Chinese: at least as many ideographs as Latin letters."""
    han = len(_HAN.findall(line))
    return han > 0 and han >= len(_LATIN.findall(line))


def set_aside_chinese(cleaned: Cleaned) -> Cleaned:
    """``cleaned`` without its Chinese lines when it also has English ones (each reported as removed)."""
    if not _HAN.search(cleaned.non_ascii):
        return cleaned  # no ideograph anywhere in the text (most texts): no line need be looked at
    lines = cleaned.lines
    chinese = [index for index, line in enumerate(lines) if line and not line.isascii() and is_chinese(line)]
    if not chinese or len(chinese) == sum(1 for line in lines if line):
        return cleaned
    kept = list(lines)
    removed = list(cleaned.removed)
    for index in chinese:
        removed.append(Diagnostic(index + 1, PARALLEL_CHINESE, lines[index]))
        kept[index] = ""
    removed.sort(key=lambda d: d.line)
    return Cleaned(kept, tuple(removed), cleaned.long_lines, cleaned.soft_breaks, cleaned.non_ascii)
