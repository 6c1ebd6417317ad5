"""The layouts (styles) of regulation text the parser reads, and how a text's style is detected.

Each style is one entry of :data:`STYLES`: its name (what ``lawcode parse --style`` takes), what
its provisions are (articles or sections) and what its headings look like, for messages. The
tokenizer asks the style two things only: are provisions articles (then "Section N" is a
grouping of articles, as in the GDPR and NPC laws) and is the numbering dotted ("1", "1.1",
"1.1.1"). The naming of numbered paragraphs follows from the first: a "(1)" inside an article is
a paragraph (``para_1``), inside a section a subsection (``subsec_1``).

:func:`detect` counts the heading forms of each style over the lines (a cheap look at each line's
first characters) and picks the style whose headings the text has, saying why in words a user
can check against the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawcode.errors import TextError


@dataclass(frozen=True)
class Style:
    """One layout of regulation text."""

    name: str
    title: str  # what the style is, in a few words
    articles: bool  # provisions are articles (True) or sections (False)
    headings: str  # what its provision headings look like, for messages
    dotted: bool = False  # numbered 1, 1.1, 1.1.1


STYLES: dict[str, Style] = {style.name: style for style in (
    Style("cn-clt", "PRC law, China Law Translate style", True,
          "'Chapter I: General Provisions' and 'Article 1: text' (a colon after the number)"),
    Style("cn-npc", "PRC law, NPC official translation style", True,
          "'Chapter I General Provisions', 'Section 1 ...' and 'Article 1 text' (no colon)"),
    Style("eu-oj", "EU Official Journal style", True,
          "'Article 1' on a line of its own, its title below, paragraphs '1.' and points '(a)'"),
    Style("uk", "UK act (one section per line, or 'Section N')", False,
          "'1 Heading (1) text (a) ...' or 'Section 1 Heading'"),
    Style("za", "South African by-law style", False, "'1. Heading' with subsections '(1)' and items '(a)'"),
    Style("us-code", "US Code style", False, "'§ 6501. Heading' with subsections '(a)' and paragraphs '(1)'"),
    Style("dotted", "dotted decimal numbering", False, "'1 Heading' or '1. Heading', then '1.1 text', '1.1.1 text'",
          dotted=True),
)}


@dataclass(frozen=True)
class Detection:
    """The style a text is read in, whether the user forced it, and why it was chosen."""

    style: Style
    forced: bool
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"name": self.style.name, "forced": self.forced, "reason": self.reason}


def style_named(name: str) -> Style:
    """The style called ``name``; a TextError naming the known styles otherwise."""
    style = STYLES.get(name)
    if style is None:
        raise TextError(f"unknown text style {name!r}", expected="one of the styles lawcode reads",
                        known=list(STYLES))
    return style


_ARTICLE = re.compile(r"(?:#{1,6}\s+)?(?:article|art\.)\s+(?P<number>[0-9]+)[a-z]?(?P<sep>\s*[:.\-\u2014\u2013]|\s+|$)",
                      re.IGNORECASE)
_SECTION_SIGN = re.compile(r"(?:#{1,6}\s+)?§+\s*[0-9]+")
_NUMBERED = re.compile(r"[0-9]{1,4}[A-Z]{0,2}(?P<dot>\.?)\s+[A-Z\"']")
_DOTTED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3})+\.?[\t ]+\S")
_HEADING_STARTS = frozenset("Aa#\u00a70123456789")


@dataclass
class _Counts:
    colon: int = 0  # "Article 1: text"
    alone: int = 0  # "Article 1" alone on its line
    words: int = 0  # "Article 1 Text" (no separator), counted only when the number runs in sequence
    section_sign: int = 0
    numbered_dot: int = 0  # "13. Heading"
    numbered_bare: int = 0  # "13 Heading"
    dotted: int = 0  # "1.1 text"


def _count(lines: list[str]) -> _Counts:
    counts = _Counts()
    last_word_article = 0
    for text in lines:
        if not text or text[0] not in _HEADING_STARTS:
            continue
        if text[0] in "Aa#":
            match = _ARTICLE.match(text)
            if match:
                sep = match.group("sep").strip()
                rest = text[match.end():].strip()
                if sep == ":":
                    counts.colon += 1
                elif not rest or sep:
                    counts.alone += 1
                elif rest[:1].isupper() or rest[:1] in "\"'(":
                    number = int(match.group("number"))
                    if number in (last_word_article + 1, 1):
                        counts.words += 1
                        last_word_article = number
                continue
        if text[0] in "#\u00a7":
            if _SECTION_SIGN.match(text):
                counts.section_sign += 1
            continue
        if text[0].isdigit():
            if _DOTTED.match(text):
                counts.dotted += 1
            else:
                match = _NUMBERED.match(text)
                if match:
                    if match.group("dot"):
                        counts.numbered_dot += 1
                    else:
                        counts.numbered_bare += 1
    return counts


def detect(lines: list[str], forced: str | None = None) -> Detection:
    """The style of a text given as cleaned lines (or the one the user named), with the reason."""
    if forced is not None:
        return Detection(style_named(forced), True, "chosen with --style")
    c = _count(lines)
    articles = c.colon + c.alone + (c.words if c.words >= 2 else 0)
    if articles:
        if c.colon >= max(c.alone, c.words):
            return Detection(STYLES["cn-clt"], False,
                             f"{c.colon} 'Article N:' headings with a colon after the number")
        if c.words > c.alone:
            return Detection(STYLES["cn-npc"], False,
                             f"{c.words} 'Article N text' headings (words follow the number, no colon)")
        return Detection(STYLES["eu-oj"], False, f"{c.alone} 'Article N' headings on a line of their own")
    numbered = c.numbered_dot + c.numbered_bare
    if c.dotted >= 2 and c.dotted >= numbered:
        return Detection(STYLES["dotted"], False,
                         f"{c.dotted} dotted numbers ('1.1 text') and no article headings")
    if c.section_sign:
        return Detection(STYLES["us-code"], False, f"{c.section_sign} '§ N' section headings and no articles")
    if c.numbered_dot > c.numbered_bare:
        return Detection(STYLES["za"], False, f"{c.numbered_dot} 'N. Heading' section headings and no articles")
    return Detection(STYLES["uk"], False,
                     f"no article headings; {c.numbered_bare} 'N Heading' lines read as sections")
