"""Cleaning a regulation text before it is structured: decoding, whitespace, quotes, cruft.

Texts arrive as saved from web pages or extracted from PDFs. Before the parser looks for
chapters and articles, this module

* decodes the bytes (UTF-8, or UTF-16/UTF-32 when a byte-order mark says so; see
  :mod:`lawcode.text.parse` for why other encodings are an error), refuses binary junk, and
  makes every line end a line feed (CRLF and a lone CR too);
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

import codecs
import re
import re._constants as _sre  # the regex parser's node kinds, to read the cruft rules' first characters
import re._parser as _sre_parse
from dataclasses import dataclass
from typing import Any

from lawcode.errors import TextError
from lawcode.text.document import Diagnostic

# Unicode spaces (no-break, en/em, thin, ideographic, ...) and tabs become a plain space; the
# soft hyphen and zero-width characters disappear (PDF extraction leaves them at line ends);
# typographic quotes become straight ones. Done with str.replace per character present (found in
# one pass, see _non_ascii), which is much faster than a regex or str.translate on a large text.
_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    *((char, " ") for char in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                           "\u202f\u205f\u3000"),
    *((char, "") for char in "\u00ad\u200b\u200c\u200d\u2060\ufeff"),
    *((char, "'") for char in "\u2018\u2019\u201a\u201b\u2032"),
    *((char, '"') for char in "\u201c\u201d\u201e\u201f\u2033"),
)
# The typographic quotes as UTF-8 byte sequences, replaced before decoding (see decode): one regex
# finds them all in a single pass (ten ``bytes.replace`` calls were ten passes over the text).
_QUOTE_BYTES: dict[bytes, bytes] = {
    char.encode("utf-8"): replacement.encode("ascii")
    for char, replacement in _REPLACEMENTS if replacement in ("'", '"')}
_QUOTES = re.compile(b"|".join(re.escape(quote) for quote in _QUOTE_BYTES))
_MANY_QUOTES = 10_000  # quotes straightened one by one before the rest is done per kind of quote

# Lines that are never part of a regulation, with the reason reported for each. They are tried
# as one alternation (one regex call per short line), the matching group naming the reason.
_CRUFT_RULES: tuple[tuple[str, str], ...] = (
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
_CRUFT = re.compile("|".join(f"({pattern})" for pattern, _ in _CRUFT_RULES), re.IGNORECASE)
_CRUFT_MAX = 160  # longer lines are never cruft


def _first_characters(pattern: str) -> frozenset[str] | None:
    """Every character a match of ``pattern`` (read case-insensitively) can start with, or None when
    its start is too complex to tell.

    Read from the pattern's parse tree (the standard library's own regex parser), so that the
    pre-filter below can never disagree with the rules.
    """
    found: set[str] = set()

    def starts(items: list[tuple[Any, Any]]) -> bool:  # adds the first characters of a sequence
        if not items:
            return False
        op, arg = items[0]
        if op is _sre.LITERAL:
            found.update({chr(arg).lower(), chr(arg).upper()})
        elif op is _sre.IN:
            for kind, value in arg:
                if kind is _sre.LITERAL:
                    found.update({chr(value).lower(), chr(value).upper()})
                elif kind is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT:
                    found.update("0123456789")
                else:
                    return False
        elif op is _sre.SUBPATTERN:
            return starts(list(arg[-1]))
        elif op is _sre.BRANCH:
            return all(starts(list(branch)) for branch in arg[1])
        elif op is _sre.MAX_REPEAT and arg[0] >= 1:
            return starts(list(arg[2]))
        else:
            return False
        return True

    return frozenset(found) if starts(list(_sre_parse.parse(pattern, re.IGNORECASE))) else None


def _longest_by_first_character(patterns: list[str]) -> dict[str, int] | None:
    """For each character a match of one of ``patterns`` can start with, the longest such match
    (at most ``_CRUFT_MAX``); None when a pattern's start is too complex to tell (then every line
    up to ``_CRUFT_MAX`` is tried).

    Most lines of a text start with a character some rule starts with (a capital, a digit), but
    few are as short as the rules' matches (a page header, "EN", a date): the length rules out
    most of them before the regex is tried.
    """
    longest: dict[str, int] = {}
    for pattern in patterns:
        first = _first_characters(pattern)
        if first is None:
            return None
        width = min(_sre_parse.parse(pattern, re.IGNORECASE).getwidth()[1], _CRUFT_MAX)
        for char in first:
            longest[char] = max(longest.get(char, 0), width)
    return longest


# The longest line that may be cruft, by its first character: a line starting otherwise, or
# longer, skips the regex.
_CRUFT_LONGEST = _longest_by_first_character([pattern for pattern, _ in _CRUFT_RULES])


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Every line, normalised and trimmed (``lines[n - 1]`` is line n; removed and blank lines
    are ``""``), what was removed, and the numbers of the lines longer than ``LONG_LINE``."""

    lines: list[str]
    removed: tuple[Diagnostic, ...]
    long_lines: tuple[int, ...] = ()
    soft_breaks: frozenset[int] = frozenset()  # indexes of lines that ended with a soft hyphen (a word broken)
    # The non-ASCII characters of the text before cleaning, in order (found anyway, see _non_ascii): a later
    # step can tell from this short string that no line holds a character it looks for.
    non_ascii: str = ""


LONG_LINE = 100_000  # characters; a longer line is reported (see lawcode.text.parse)


def decode(data: bytes | str, source: str) -> str:
    """The text of ``data``: UTF-8 (a BOM is dropped); anything else is a TextError.

    Typographic quotes in bytes are straightened before decoding (:func:`normalise` would do
    it later anyway): a text whose only non-ASCII characters are curly quotes then decodes to a
    one-byte-per-character string instead of a two-byte one, which halves its memory and lets
    the cleaning skip its non-ASCII passes.
    """
    if isinstance(data, str):
        text = data
    elif data.startswith(_UNICODE_BOMS):
        text = _decode_with_bom(data, source)
    else:
        if b"\x00" in data:
            offset = data.index(b"\x00")
            raise TextError(
                f"binary data: NUL byte at byte offset {offset}" + _utf16_hint(data),
                file=source,
                line=data.count(b"\n", 0, offset) + 1,
                expected="a plain UTF-8 text file",
            )
        try:
            text = _straighten_quotes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise _not_utf8(data, source) from None
    if "\x00" in text:
        offset = text.index("\x00")
        raise TextError("binary data: NUL character", file=source, line=text.count("\n", 0, offset) + 1,
                        expected="a plain text")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:  # Windows (CRLF) and old Mac (CR) line ends: a lone CR ends a line too
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# Byte-order marks of the UTF-16 and UTF-32 encodings (UTF-32 LE first: it starts like UTF-16 LE).
_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode_with_bom(data: bytes, source: str) -> str:
    """A UTF-16 or UTF-32 text, read by its byte-order mark (the mark itself dropped)."""
    codec = "utf-32" if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else "utf-16"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise TextError(f"not valid {codec.upper()} (it starts with a {codec.upper()} byte-order mark): "
                        f"bad bytes at byte offset {error.start}", file=source,
                        expected=f"{codec.upper()} text, or UTF-8") from None


def _utf16_hint(data: bytes) -> str:
    """A hint naming UTF-16 when the NUL bytes look like it: every other byte of the start is NUL."""
    start = data[:2000]
    if len(start) >= 4 and (start[1::2].count(0) * 10 >= len(start[1::2]) * 9 or
                            start[0::2].count(0) * 10 >= len(start[0::2]) * 9):
        order = "LE" if start[1::2].count(0) > start[0::2].count(0) else "BE"
        return (f"; it looks like UTF-16 without a byte-order mark, convert it: "
                f"iconv -f UTF-16{order} -t UTF-8")
    return ""


def _straighten_quotes(data: bytes) -> bytes | bytearray:
    """``data`` with its UTF-8 typographic quotes replaced by ASCII ones.

    Each quote's byte sequence starts with a lead byte, which never occurs inside another
    character, so only whole quote characters are replaced; and a byte sequence is valid UTF-8
    exactly when the same with its quotes straightened is.

    The runs between quotes are copied through a memoryview into one bytearray: ``re.sub`` made
    a bytes object of every run and then joined them, holding a large text three times over. That
    costs a few steps of Python per quote, so after ``_MANY_QUOTES`` of them (a text that is
    mostly quotes, such as junk) the rest is done with one ``bytes.replace`` per kind of quote,
    in C.
    """
    if data.isascii():
        return data
    straightened = bytearray()
    view = memoryview(data)
    start = 0
    for count, match in enumerate(_QUOTES.finditer(data)):
        if count == _MANY_QUOTES:
            break
        quote_start, quote_end = match.span()
        straightened += view[start:quote_start]
        straightened += _QUOTE_BYTES[match.group()]
        start = quote_end
    else:
        straightened += view[start:]
        return straightened
    rest = data[start:]
    for quote, straight in _QUOTE_BYTES.items():
        rest = rest.replace(quote, straight)
    straightened += rest
    return straightened


def _not_utf8(data: bytes, source: str) -> TextError:
    """The error for bytes that are not UTF-8, naming the first bad byte's offset in ``data``.

    Decodes ``data`` itself again (only on this error path) so that the offset, line and column
    are those of the file, not of its quote-straightened copy.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1)
        return TextError(
            f"not UTF-8: byte 0x{data[error.start]:02x} at byte offset {error.start} (column {column + 1})",
            file=source,
            line=line,
            expected="UTF-8 text; convert it first, e.g. iconv -f latin1 -t utf-8",
        )
    raise AssertionError("straightening quotes cannot make valid UTF-8 invalid")  # pragma: no cover


def normalise(text: str) -> str:
    """Plain spaces and straight quotes, runs of spaces collapsed (lines are not trimmed)."""
    return _normalise(text, "" if text.isascii() else _non_ascii(text))


def _normalise(text: str, odd: str) -> str:
    """:func:`normalise`, given the text's non-ASCII characters (``odd``)."""
    for char, replacement in _REPLACEMENTS:
        if char in odd or (char == "\t" and char in text):
            text = text.replace(char, replacement)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text


# A run of spaces, made one in a single pass: replacing "  " until none was left took up to three
# passes and a search, a tenth of cleaning a text with a few runs of spaces.
_SPACES = re.compile("  +")


_ASCII_BYTES = bytes(range(128))


def _non_ascii(text: str) -> str:
    """The non-ASCII characters of ``text``, in order.

    Deleting the ASCII bytes from its UTF-8 form leaves whole multi-byte sequences. For a mostly
    ASCII text this is a short string, and asking it (rather than the whole text) which of the
    thirty-odd replaced characters occur saves thirty passes over the text.
    """
    return text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


# Characters other than " " and "\r" that a line may consist of and still be blank once cleaned:
# the Unicode whitespace and what normalise deletes. Such a line is reported as removed.
_BLANKING_ASCII = "\t\x0b\x0c\x1c\x1d\x1e\x1f"
_BLANKING_NON_ASCII = "\x85\u2028\u2029" + "".join(
    char for char, replacement in _REPLACEMENTS if replacement in (" ", "") and not char.isascii())


def _odd_blank_lines_possible(text: str, odd: str) -> bool:
    """Whether a line of ``text`` may hold more than spaces and yet be blank once cleaned (only then
    are the raw lines looked at: splitting a large text twice costs time and memory).

    In an ASCII text only tabs count, as they always have.
    """
    if not odd:
        return "\t" in text
    return any(char in odd for char in _BLANKING_NON_ASCII) or any(char in text for char in _BLANKING_ASCII)


def cruft_reason(text: str) -> str | None:
    """Why a whole (normalised, trimmed) line is not regulation text, or None when it may be."""
    if len(text) > _CRUFT_MAX:
        return None
    match = _CRUFT.fullmatch(text)
    if match is None or match.lastindex is None:
        return None
    return _CRUFT_RULES[match.lastindex - 1][1]  # the rule whose group matched


def clean(text: str) -> Cleaned:
    """Normalise every line and take out the cruft, reporting each removal.

    Normalisation runs once over the whole text (C-speed passes), then one loop over the lines
    checks the short ones for cruft and notes the very long ones.
    """
    removed: list[Diagnostic] = []
    long_lines: list[int] = []
    odd = "" if text.isascii() else _non_ascii(text)
    lines = [line.strip() for line in _normalise(text, odd).split("\n")]
    raw_lines = text.split("\n") if _odd_blank_lines_possible(text, odd) else None
    longest = _CRUFT_LONGEST
    for index, line in enumerate(lines):
        if not line:
            if raw_lines is not None and raw_lines[index].strip(" \r"):
                removed.append(Diagnostic(index + 1, "whitespace-only line", raw_lines[index].rstrip("\r")))
        elif len(line) <= (_CRUFT_MAX if longest is None else longest.get(line[0], 0)):
            reason = cruft_reason(line)
            if reason:
                removed.append(Diagnostic(index + 1, reason, line))
                lines[index] = ""
        elif len(line) > LONG_LINE:
            long_lines.append(index + 1)
    _drop_footnotes(lines, removed)
    removed.sort(key=lambda d: d.line)
    return Cleaned(lines, tuple(removed), tuple(long_lines), _soft_breaks(text) if "\u00ad" in odd else frozenset(),
                   odd)


_SOFT_BREAK = re.compile("\u00ad[ \r\t]*$", re.MULTILINE)  # a soft hyphen that ends its line


def _soft_breaks(text: str) -> frozenset[int]:
    """The indexes of the lines of ``text`` that end with a soft hyphen: a PDF broke a word there.

    Found by a search for the soft hyphens (a regex that starts with a literal skips to each in
    C), each one's line counted from the one before: splitting the whole text into lines again
    cost as much as the rest of cleaning a PDF extraction's lines."""
    found: set[int] = set()
    line = counted = 0
    for match in _SOFT_BREAK.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found.add(line)
    return frozenset(found)


_FOOTNOTE_START = re.compile(r"\(\d{1,3}\) ")
_FOOTNOTE_LINES = 4


def _drop_footnotes(lines: list[str], removed: list[Diagnostic]) -> None:
    """Remove PDF footnotes: a "(1) ..." block citing the Official Journal just before a page header."""
    headers = {d.line - 1 for d in removed if d.message.startswith("PDF page header")}
    for index in sorted(headers):
        if index - 1 in headers or index - 2 in headers:
            continue  # inside a header group: the block before the group was looked at already
        block: list[int] = []
        back = index - 1
        while back >= max(0, index - 4 * _FOOTNOTE_LINES) and len(block) <= _FOOTNOTE_LINES and back not in headers:
            if lines[back]:
                block.append(back)
                if _FOOTNOTE_START.match(lines[back]):
                    break
            back -= 1
        if not block or not _FOOTNOTE_START.match(lines[block[-1]]):
            continue
        if "OJ " not in " ".join(lines[i] for i in block):
            continue
        for i in sorted(block):
            removed.append(Diagnostic(i + 1, "PDF footnote", lines[i]))
            lines[i] = ""
