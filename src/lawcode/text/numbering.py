"""Numbering schemes of provisions and items, and the "(i) after (h)" question.

Nested lists in legislation change numbering scheme at each level: "(1)", "(a)", "(i)", "(A)",
"(I)". The parser nests an item by its scheme, so it must know the scheme of a label. Some
labels belong to two schemes ("(i)", "(v)", "(x)", "(I)", ...); which one is meant depends on
what came before: "(i)" right after "(h)" continues a lettered list, while "(i)" after "(a)"
opens a nested roman list. :func:`scheme_of` decides by that sequence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

ARABIC = "arabic"  # (1), (2A), 1.
ALPHA = "alpha"  # (a), (aa), (ba), (aA)
ROMAN = "roman"  # (i), (iv)
UPPER_ALPHA = "upper-alpha"  # (A)
UPPER_ROMAN = "upper-roman"  # (I), (IV)
DOTTED = "dotted"  # "1." paragraph numbers, a scheme of their own


def decimal_scheme(num: str) -> str:
    """The scheme of a decimal number of the dotted style: one per depth ("1.1" and "2.3" share one)."""
    return f"decimal-{num.rstrip('.').count('.') + 1}"

_LEADING_DIGITS = re.compile(r"[0-9]+")
_ROMAN_RE = re.compile(r"(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(label: str) -> int | None:
    """The value of a lower- or upper-case roman numeral, None if it is not one."""
    low = label.lower()
    if not low or not _ROMAN_RE.fullmatch(low):
        return None
    total = 0
    for i, char in enumerate(low):
        value = _ROMAN_VALUES[char]
        nxt = _ROMAN_VALUES[low[i + 1]] if i + 1 < len(low) else 0
        total += -value if value < nxt else value
    return total


def leading_number(label: str) -> int | None:
    """The value of the digits a label starts with ("13" -> 13, "2A" -> 2); None if it starts with none.

    Most labels are plain numbers: they are read without a regex call, which costs more than
    the reading.
    """
    if label.isdigit() and label.isascii():
        return int(label)
    digits = _LEADING_DIGITS.match(label)
    return int(digits.group()) if digits else None


def _next_letter(label: str) -> str | None:
    """The label after a single letter ("h" -> "i"), None for other labels."""
    if len(label) == 1 and label.isalpha() and label.lower() != "z":
        return chr(ord(label) + 1)
    return None


@functools.lru_cache(maxsize=1024)
def candidates(label: str) -> tuple[str, ...]:
    """Every scheme a bare label (no parentheses) may belong to.

    Read once per label and kept: a text uses a few dozen labels, each of them many times.
    """
    if label[:1].isdigit():
        return (ARABIC,)
    if label[:1].islower() and label[1:].isupper():  # "aA": an item inserted after (a), as South African texts do
        return (ALPHA,)
    found: list[str] = []
    if label.islower():
        if len(label) <= 2 or len(set(label)) == 1:
            found.append(ALPHA)
        if roman_value(label):
            found.append(ROMAN)
    elif label.isupper():
        if len(label) <= 2:
            found.append(UPPER_ALPHA)
        if roman_value(label):
            found.append(UPPER_ROMAN)
    return tuple(found)


def scheme_of(label: str, last_label: Callable[[str], str | None]) -> str | None:
    """The scheme of ``label``, given ``last_label(scheme)``: the last label of each scheme still open.

    A lettered list that expects exactly this letter next wins; otherwise an open roman list,
    otherwise a fresh roman list for "i"/"I", otherwise the letter reading.
    """
    if label[:1].isdigit():  # most labels, and never ambiguous
        return ARABIC
    options = candidates(label)
    if len(options) <= 1:
        return options[0] if options else None
    letter, roman = options
    last_letter = last_label(letter)
    if last_letter is not None and _next_letter(last_letter) == label:
        return letter
    last_roman = last_label(roman)
    if last_roman is not None:
        return roman
    if label.lower() == "i":
        return roman
    return letter


def follows(previous: str, label: str) -> bool:
    """Whether ``label`` is the one right after ``previous`` in the same scheme."""
    if previous.isdigit() and label.isdigit():
        return int(label) == int(previous) + 1
    if _next_letter(previous) == label:
        return True
    before, after = roman_value(previous), roman_value(label)
    return before is not None and after is not None and after == before + 1 and previous.islower() == label.islower()
