"""The search query language, one for both backends, and its translation to each.

    data protection          both words (AND is implied)
    "personal data"          the phrase
    regist*                  words starting with "regist"
    fine OR penalty          either
    fee NOT quarter          the first without the second
    (fine OR fee) AND owner  grouping

A query is at most :data:`MAX_LENGTH` characters, its parentheses at most :data:`MAX_DEPTH`
inside one another: a query is what a person types, and one past these (a pasted page, a
generated one) is refused with what was wrong rather than taking the parser or the database
down a path it cannot finish.

Operators are written in capitals (lower-case ``and``/``or``/``not`` are words). Words are
matched after stemming ("registers" finds "register"). A query is parsed here, so a mistake
(an unbalanced quote or parenthesis, an operator with nothing on one side) is reported in these
terms, never as an SQL error; the parsed query is then written in FTS5's syntax (SQLite) or as
a ``tsquery`` (PostgreSQL), quoting every word so that no input can reach either syntax raw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawcode.errors import QueryError

EXPECTED = 'words, "a phrase", prefix*, AND, OR, NOT and parentheses, e.g. "personal data" AND regist*'
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r'\s*(?:(?P<phrase>"[^"]*")(?P<pstar>\*)?|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+))')
OPERATORS = ("AND", "OR", "NOT")
MAX_LENGTH = 500  # characters: a long sentence as a phrase, with room to spare
MAX_DEPTH = 32  # parentheses inside one another (a condition in a model may nest as deep)
_SHOWN = 60  # characters of a refused query quoted in its error


@dataclass(frozen=True)
class Words:
    """A word or a phrase (several words in a row); ``prefix``: the last word may go on;
    ``completes``: a prefix's completion (:mod:`lawcode.store.prefixes`), looked for where a
    prefix is."""

    words: tuple[str, ...]
    prefix: bool = False
    completes: bool = False


@dataclass(frozen=True)
class Op:
    """``left OP right`` with OP one of AND, OR, NOT (NOT: left without right)."""

    name: str
    left: Query
    right: Query


Query = Words | Op


def parse(text: str) -> Query:
    """The query ``text`` parsed; a QueryError that says what is wrong otherwise."""
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = self._tokenize(text)
        self.at = 0
        self.depth = 0  # parentheses open around the token being read

    def _fail(self, message: str) -> QueryError:
        shown = self.text if len(self.text) <= _SHOWN else self.text[:_SHOWN] + "…"
        return QueryError(f"search query {shown!r}: {message}", expected=EXPECTED)

    def _tokenize(self, text: str) -> list[tuple[str, str | Words]]:
        if len(text) > MAX_LENGTH:
            raise self._fail(f"it is {len(text):,} characters long, more than the {MAX_LENGTH} a query may have "
                             "(a phrase or a few distinctive words find more than a pasted passage)")
        if text.count('"') % 2:
            raise self._fail(f'unbalanced quote: the {"quote" if text.count(chr(34)) == 1 else "last quote"} '
                             f'at character {text.rindex(chr(34)) + 1} is never closed')
        tokens: list[tuple[str, str | Words]] = []
        for match in _TOKEN.finditer(text):
            if match.group("phrase"):
                words = tuple(_WORD.findall(match.group("phrase")))
                if not words:
                    raise self._fail(f"the phrase {match.group('phrase')} has no words")
                tokens.append(("words", Words(words, bool(match.group("pstar")))))
            elif match.group("open"):
                tokens.append(("(", "("))
            elif match.group("close"):
                tokens.append((")", ")"))
            elif match.group("word"):
                word = match.group("word")
                if word in OPERATORS:
                    tokens.append(("op", word))
                    continue
                words = tuple(_WORD.findall(word))
                if not words:
                    raise self._fail(f"{word!r} has no letters or digits to search for")
                tokens.append(("words", Words(words, word.endswith("*"))))
        if not tokens:
            raise self._fail("it is empty")
        return tokens

    def _peek(self) -> tuple[str, str | Words] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def parse(self) -> Query:
        query = self._or()
        token = self._peek()
        if token is not None:
            raise self._fail("a ')' without its '('" if token[0] == ")" else f"unexpected {token[1]!r}")
        return query

    def _or(self) -> Query:
        query = self._and()
        while (token := self._peek()) is not None and token == ("op", "OR"):
            self.at += 1
            query = Op("OR", query, self._and())
        return query

    def _and(self) -> Query:
        query = self._not()
        while (token := self._peek()) is not None and (token[0] in ("words", "(") or token == ("op", "AND")):
            if token[0] == "op":
                self.at += 1
            query = Op("AND", query, self._not())
        return query

    def _not(self) -> Query:
        query = self._primary()
        while (token := self._peek()) is not None and token == ("op", "NOT"):
            self.at += 1
            query = Op("NOT", query, self._primary())
        return query

    def _primary(self) -> Query:
        token = self._peek()
        if token is None:
            raise self._fail("it ends with an operator that has nothing after it")
        kind, value = token
        self.at += 1
        if kind == "words":
            assert isinstance(value, Words)
            return value
        if kind == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self._fail(f"more than {MAX_DEPTH} parentheses inside one another")
            query = self._or()
            self.depth -= 1
            if self._peek() != (")", ")"):
                raise self._fail("a '(' is never closed")
            self.at += 1
            return query
        if kind == ")":
            raise self._fail("a ')' without its '(' or with nothing inside")
        if value == "NOT":
            raise self._fail("NOT needs something before it (write: fee NOT quarter)")
        raise self._fail(f"{value} needs something on both sides")


def leaves(query: Query) -> list[Words]:
    """Every word or phrase of ``query``, in order."""
    if isinstance(query, Words):
        return [query]
    return leaves(query.left) + leaves(query.right)


def words(query: Query) -> set[str]:
    """The words of ``query``, in lower case (as the backends' indexes hold them before stemming)."""
    return {word.lower() for leaf in leaves(query) for word in leaf.words}


def to_fts5(query: Query, prefix_columns: str | None = None) -> str:
    """The query in SQLite FTS5's syntax; every word is a quoted string. With ``prefix_columns``
    (``"body heading"``), a prefix is looked for in those columns only: the store's index has a
    column of kind markers ("kindparagraph", :func:`lawcode.store.rows.kind_marker`) that no word
    matches but a prefix such as ``ki*`` (or a completion of one) would (and the filter costs a
    prefix a tenth more, which a whole query would pay a quarter more for)."""
    if isinstance(query, Words):
        phrase = '"' + " ".join(query.words) + '"' + (" *" if query.prefix else "")
        if not (query.prefix or query.completes) or not prefix_columns:
            return phrase
        return f"{{{prefix_columns}}} : {phrase}"
    return f"({to_fts5(query.left, prefix_columns)} {query.name} {to_fts5(query.right, prefix_columns)})"


def to_tsquery(query: Query) -> str:
    """The query as a PostgreSQL ``tsquery`` (for ``to_tsquery('english', ...)``)."""
    if isinstance(query, Words):
        parts = [f"'{w}'" for w in query.words]
        if query.prefix:
            parts[-1] += ":*"
        return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"
    symbol = {"AND": "&", "OR": "|", "NOT": "& !"}[query.name]
    return f"({to_tsquery(query.left)} {symbol} {to_tsquery(query.right)})"


def provision_and_norm_kinds() -> tuple[str, ...]:
    """What ``--kind`` takes: the kinds of provision a text has, then the kinds of norm."""
    from lawcode.model.kinds import NormKind
    from lawcode.text import document as d

    return (*d.CONTAINER_KINDS, d.ARTICLE, d.PARAGRAPH, d.SUBSECTION, d.ITEM, *(k.value for k in NormKind))


def check_kind(kind: str | None) -> None:
    """An unknown ``--kind`` is an error naming the kinds there are: it would match nothing, and a
    misspelt kind ("dutty") must not read as "no provision of that kind says so"."""
    if kind is None:
        return
    kinds = provision_and_norm_kinds()
    if kind not in kinds:
        from lawcode.suggest import closest_first

        raise QueryError(f"unknown kind {kind!r}", expected="a kind of provision or of norm",
                         known=closest_first(kind, kinds))
