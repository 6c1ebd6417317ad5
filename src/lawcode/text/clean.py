"""Cleaning a regulation text before it is structured: decoding, whitespace, quotes, cruft.

Texts arrive as saved from web pages or extracted from PDFs. Before the parser looks for
chapters and articles, this module

* decodes the bytes (UTF-8 only; see :mod:`lawcode.text.parse` for why other encodings are an
  error) and refuses binary junk;
* normalises odd whitespace (no-break and other Unicode spaces, tabs) and typographic quotes,
  silently, because doing so loses no words;
* removes lines that are not part of the regulation - web-page furniture ("skip to content",
  rating widgets, comment boxes, a trailing "Translate") and PDF page headers (the date, "EN",
  the journal name, "L 119/33") - and *reports* each one with its line and the reason, so that
  nothing disappears unseen.

Every kept line keeps its 1-based line number in the input, so that nodes and diagnostics can
point back to where they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawcode.errors import TextError
from lawcode.text.document import Diagnostic

# Unicode spaces (no-break, en/em, thin, ideographic, ...) and tabs become a plain space; the
# soft hyphen and zero-width characters disappear (PDF extraction leaves them at line ends).
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})
_MULTISPACE = re.compile(r" {2,}")

# Lines that are never part of a regulation, with the reason reported for each.
_CRUFT: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (r"press \"?enter\"? to skip to (?:the )?content", "web page navigation"),
        (r"skip to (?:main )?content", "web page navigation"),
        (r"click to rate this post!?", "web page rating widget"),
        (r"\[total: \d+ +average: [\d.]+\]", "web page rating widget"),
        (r"(?:be (?:the )?first to comment|\d+ comments?|no comments(?: yet)?)", "web page comment box"),
        (r"leave a (?:reply|comment)", "web page comment box"),
        (r"your email address will not be published\..{0,200}", "web page comment box"),
        (r"translate", "web page translation widget"),
        (r"(?:share this|like this|print this page|related posts?):?", "web page furniture"),
        (r"\d{1,2}\.\d{1,2}\.\d{4}", "PDF page header (date)"),
        (r"(?:EN|FR|DE)", "PDF page header (language)"),
        (r"official journal of the european union", "PDF page header (journal)"),
        (r"[LC] \d{1,4}/\d{1,4}", "PDF page header (page)"),
    )
)


@dataclass(frozen=True, slots=True)
class Line:
    """A kept line: its 1-based number in the input and its normalised words."""

    no: int
    text: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The kept lines (blank ones included, as ``""``) and what was removed or noticed."""

    lines: tuple[Line, ...]
    removed: tuple[Diagnostic, ...]
    warnings: tuple[Diagnostic, ...]


def decode(data: bytes | str, source: str) -> str:
    """The text of ``data``: UTF-8 (a BOM is dropped); anything else is a TextError."""
    if isinstance(data, str):
        text = data
    else:
        if b"\x00" in data:
            offset = data.index(b"\x00")
            raise TextError(
                f"binary data: NUL byte at byte offset {offset}",
                file=source,
                line=data.count(b"\n", 0, offset) + 1,
                expected="a plain UTF-8 text file",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1)
            raise TextError(
                f"not UTF-8: byte 0x{data[error.start]:02x} at byte offset {error.start} (column {column + 1})",
                file=source,
                line=line,
                expected="UTF-8 text; convert it first, e.g. iconv -f latin1 -t utf-8",
            ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        raise TextError("binary data: NUL character", file=source, line=text.count("\n", 0, offset) + 1,
                        expected="a plain text")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def normalise(line: str) -> str:
    """One line with plain spaces and straight quotes, trimmed."""
    line = _INVISIBLE.sub("", _SPACES.sub(" ", line))
    return _MULTISPACE.sub(" ", line.translate(_QUOTES)).strip()


def cruft_reason(text: str) -> str | None:
    """Why a whole (normalised) line is not regulation text, or None when it may be."""
    if len(text) > 300:
        return None
    for pattern, reason in _CRUFT:
        if pattern.fullmatch(text):
            return reason
    return None


def clean(text: str) -> Cleaned:
    """Normalise every line and take out the cruft, reporting each removal."""
    kept: list[Line] = []
    removed: list[Diagnostic] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        line = normalise(raw)
        if not line:
            if raw.strip(" \r\n"):
                removed.append(Diagnostic(no, "whitespace-only line", raw))
            kept.append(Line(no, ""))
            continue
        reason = cruft_reason(line)
        if reason:
            removed.append(Diagnostic(no, reason, line))
            kept.append(Line(no, ""))
            continue
        kept.append(Line(no, line))
    return Cleaned(tuple(kept), tuple(removed), ())
