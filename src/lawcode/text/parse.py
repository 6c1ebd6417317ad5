"""Parse a regulation text into a :class:`~lawcode.text.document.Document`.

``parse_text(data, source)`` runs the pipeline: decode and clean (:mod:`.clean`), tokenize
(:mod:`.tokens`), set aside a table of contents, build the tree (:mod:`.build`), resolve
cross-references (:mod:`.references`). It is deterministic: the same bytes give an equal
Document.

Bad input - what is an error and what is a warning
--------------------------------------------------
A :class:`~lawcode.errors.TextError` (fatal; names the file, the line and what was expected) when
no sensible tree can be built:

* an empty file, or one with only whitespace;
* binary data (a NUL byte): the line and byte offset are named;
* bytes that are not UTF-8 (e.g. latin-1): the line and byte offset are named. We refuse rather
  than guess an encoding, because a wrong guess silently changes words - and the words are what
  the model's fingerprint and every quotation rest on. Converting is one ``iconv`` away;
* no recognisable structure (no article, section or numbered heading anywhere) - this includes
  a huge single line of junk, which is scanned in linear time and refused quickly. The message
  names the style looked for, the first line that starts like a heading but was not read as one
  (or the first line of text), and says how to choose a style: ``--style`` on the command line, the
  styles the text must use for a caller that cannot choose one (see :class:`NoStructure`).

A warning in ``Document.warnings`` (the text is still usable, the reader should look) for:

* a duplicated article/section number (the second gets the eId suffix ``_2``);
* an article/section number out of order;
* a number used twice among paragraphs or items of one provision (suffix ``_2``);
* a cross-reference to an article, section or paragraph this text does not have;
* a heading that a PDF extraction letter-spaced (re-joined from the text's own words when
  possible);
* a line longer than 100 000 characters (and a provision that long is not searched for
  cross-references, so that megabytes of junk cannot make citation matching slow).

Removed lines (web-page cruft, PDF page headers, a table of contents, headings repeated by
chunked sources, the Chinese lines of a bilingual text) are not warnings: they go to
``Document.removed`` with line and reason.
"""

from __future__ import annotations

from collections import Counter

from lawcode.errors import TextError
from lawcode.text.bilingual import set_aside_chinese
from lawcode.text.build import build
from lawcode.text.clean import LONG_LINE, Cleaned, clean, decode
from lawcode.text.document import Diagnostic, Document
from lawcode.text.locate import remember
from lawcode.text.references import find_references
from lawcode.text.styles import STYLES, Detection, detect
from lawcode.text.tokens import CONTAINER, PROVISION, WORDS, Token, heading_like, tokenize


def parse_text(data: bytes | str, source: str = "<text>", style: str | None = None, *,
               cross_references: bool = True) -> Document:
    """The Document for a regulation text given as bytes (UTF-8) or str.

    ``style`` forces one of :data:`~lawcode.text.styles.STYLES` (by name); by default the style
    is detected, and the Document says which and why.

    ``cross_references=False`` leaves out the search for cross-references (about half of the
    parsing time on a long text): the Document then has no ``references`` and none of their
    warnings, and the same tree and fingerprint. It is for a caller that keeps only the tree,
    as the corpus store does at ingest (a Document read back from the store is parsed in full).
    """
    text = decode(data, source)
    if not text.strip():
        raise TextError("the text is empty", file=source, line=1,
                        expected="a regulation text with chapters, articles or sections")
    cleaned = set_aside_chinese(clean(text))
    del text  # only the cleaned lines are read from here on: a large text's memory is freed early
    warnings = _long_lines(cleaned)
    detection = detect(cleaned.lines, style)
    tokens = tokenize(cleaned.lines, detection.style.articles, detection.style.dotted, cleaned.soft_breaks)
    tokens, toc = _drop_table_of_contents(tokens, cleaned.lines)
    if not any(t.kind == PROVISION for t in tokens):
        raise _no_structure(cleaned.lines, source, detection)
    cruft = cleaned.removed
    del cleaned  # the tokens hold all that is still needed of the lines
    built = build(tokens)
    del tokens
    body = tuple(built.body)
    references, reference_warnings = find_references(body, built.index) if cross_references else ([], [])
    removed = sorted([*cruft, *toc, *built.removed], key=lambda d: d.line)
    all_warnings = sorted([*warnings, *built.warnings, *reference_warnings], key=lambda d: d.line)
    doc = Document(
        source=source,
        title=built.title,
        body=body,
        references=tuple(references),
        removed=tuple(removed),
        warnings=tuple(all_warnings),
        preamble=built.preamble,
        style=detection.to_dict(),
    )
    remember(doc, built.index)
    return doc


_HEADING_WORDS = ("article", "art", "section", "sec", "chapter", "part", "regulation", "rule", "clause", "\u00a7")


COMMAND_LINE_STYLE = "--style"  # how a user of the command line chooses a text's style


class NoStructure(TextError):
    """A text in which no provision heading was found. Its advice depends on how the caller can
    choose a text's style (``option``): the command line's ``--style`` unless another is given,
    ``None`` for a front end that cannot choose one (the HTTP API, which detects it), and
    :meth:`advising` gives the same error for another front end. The wording for each is decided
    in one place, :func:`style_advice`."""

    def __init__(self, finding: str, *, forced: bool, file: str | None, line: int | None, expected: str | None,
                 option: str | None = COMMAND_LINE_STYLE) -> None:
        self.finding = finding
        self.forced = forced
        super().__init__(f"{finding}. {style_advice(forced, option)}", file=file, line=line, expected=expected)

    def advising(self, option: str | None) -> NoStructure:
        """The same error, advising a caller who chooses a style with ``option`` (or cannot: ``None``)."""
        return NoStructure(self.finding, forced=self.forced, file=self.file, line=self.line, expected=self.expected,
                           option=option)


def style_advice(forced: bool, option: str | None) -> str:
    """What to do about a text without a recognisable structure: try (another) style with
    ``option``, the caller's way to choose one, or, for a caller who cannot choose (``None``),
    use one of the layouts the detection reads."""
    styles = ", ".join(STYLES)
    if option is None:
        return f"The text must be laid out in one of the styles lawcode detects ({styles}); none can be forced here"
    return f"Try {'another ' if forced else ''}{option} ({styles}) if the text uses one of those layouts"


def _no_structure(lines: list[str], source: str, detection: Detection) -> NoStructure:
    """The error for a text in which no provision heading was found.

    It points at the first line that starts like a heading (a heading word or a number) but was
    not read as one, or else at the first line of text, and says what the style looked for.
    """
    first = next(((no, text) for no, text in enumerate(lines, start=1) if text), (1, ""))
    near = next(((no, text) for no, text in enumerate(lines, start=1)
                 if text and (text[0].isdigit() or text.lower().startswith(_HEADING_WORDS))), None)
    line, found = near or first
    what = "a line that starts like a heading but is not one" if near else "text without any heading"
    if detection.forced:
        looked = f"style {detection.style.name} ({detection.style.title}) expects {detection.style.headings}"
    else:
        looked = "no style's headings were found"
    return NoStructure(
        f"no recognisable structure: {looked}; found {what}: {found[:80]!r}",
        forced=detection.forced,
        file=source,
        line=line,
        expected="provision headings such as 'Article 1', 'Article 1: text', '§ 1.', '1. Title', "
        "'1 Title (1) ...' or '1.1 text'",
    )


def _long_lines(cleaned: Cleaned) -> list[Diagnostic]:
    """A warning for each line longer than LONG_LINE that is still there (cleaning noted them)."""
    lines = cleaned.lines
    return [Diagnostic(no, f"line is {len(lines[no - 1])} characters long; expected line breaks between provisions",
                       lines[no - 1][:80]) for no in cleaned.long_lines if len(lines[no - 1]) > LONG_LINE]


def _key(token: Token) -> tuple[str, str]:
    return (token.level, token.label.lower())


def _drop_table_of_contents(tokens: list[Token], lines: list[str]) -> tuple[list[Token], list[Diagnostic]]:
    """Headings listed before the body (a table of contents), reported instead of parsed.

    Each entry is reported line by line, as printed (an entry may run over two lines). A table of
    contents is the leading run of headings that have no words of their own, when at
    least two of them recur later in the text; those recurring entries (and a "Contents" line
    heading the run) are removed. A real chapter heading directly followed by its first
    article stays: its heading does not recur.
    """
    run_end = 0
    for index, token in enumerate(tokens):
        if token.kind in (CONTAINER, PROVISION) and (not token.text or heading_like(token.text, 80)):
            run_end = index + 1
            continue
        if token.kind == WORDS and index == run_end and _is_contents_label(token.text):
            run_end = index + 1
            continue
        if token.kind == WORDS and run_end == 0:
            continue  # the title and preamble before the first heading
        break
    in_run = Counter(_key(t) for t in tokens[:run_end] if t.kind in (CONTAINER, PROVISION))
    if len(in_run) < 2:  # the usual case: no run of headings, so the rest of the text need not be counted
        return tokens, []
    later = Counter(_key(t) for t in tokens[run_end:] if t.kind in (CONTAINER, PROVISION))
    recurring = {key for key in in_run if later[key] or in_run[key] > 1}
    if len(recurring) < 2:
        return tokens, []
    removed: list[Diagnostic] = []
    kept: list[Token] = []
    remaining = Counter(_key(t) for t in tokens if t.kind in (CONTAINER, PROVISION))
    for index, token in enumerate(tokens):
        if index < run_end and token.kind in (CONTAINER, PROVISION) and remaining[_key(token)] > 1:
            remaining[_key(token)] -= 1
            end = tokens[index + 1].line if index + 1 < len(tokens) else len(lines) + 1
            removed.extend(Diagnostic(no, "table of contents entry", lines[no - 1])
                           for no in range(token.line, end) if lines[no - 1])  # the entry's lines as printed
            continue
        if index < run_end and token.kind == WORDS and _is_contents_label(token.text):
            removed.append(Diagnostic(token.line, "table of contents heading", token.text))
            continue
        kept.append(token)
    return kept, removed


def _is_contents_label(text: str) -> bool:
    return text.strip(" :").lower() in ("contents", "table of contents")
