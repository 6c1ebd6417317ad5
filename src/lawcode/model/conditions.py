"""The small boolean language that norm conditions are written in.

Grammar (case-sensitive keywords, fact names are identifiers)::

    expr   := or
    or     := and ("or" and)*
    and    := unary ("and" unary)*
    unary  := "not" unary | "(" expr ")" | FACT | "true" | "false"

Conditions are parsed into a tree and checked, never evaluated as Python. The tree is shared by
the model checker (which facts does a condition use?) and the engine (three-valued evaluation).

Parentheses and ``not`` may be nested at most :data:`~lawcode.model.limits.MAX_CONDITION_DEPTH`
deep: every part of lawcode that walks a condition recurses, so a deeper one is refused here,
once, where the model is read (by ``check`` and by every question alike).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeAlias

from lawcode.errors import ModelError
from lawcode.model.limits import MAX_CONDITION_DEPTH


@dataclass(frozen=True, slots=True)
class Fact:
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Const:
    value: bool

    def __str__(self) -> str:
        return "true" if self.value else "false"


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr

    def __str__(self) -> str:
        return f"not {_wrap(self.operand)}"


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Expr, ...]

    def __str__(self) -> str:
        return " and ".join(_wrap(o) for o in self.operands)


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Expr, ...]

    def __str__(self) -> str:
        return " or ".join(_wrap(o) for o in self.operands)


@dataclass(frozen=True, slots=True)
class Derived:
    """A defined concept in a condition (a fact with ``derived_by``): shown by its name, decided
    by its definition - in which other concepts may appear - unless its value is given."""

    name: str
    definition: Expr

    def __str__(self) -> str:
        return self.name


Expr: TypeAlias = Fact | Const | Not | And | Or | Derived


def _wrap(expr: Expr) -> str:
    return f"({expr})" if isinstance(expr, (And, Or)) else str(expr)


def facts_of(expr: Expr) -> set[str]:
    """Every fact name a condition mentions; for a derived concept, the facts it rests on."""
    if isinstance(expr, Fact):
        return {expr.name}
    if isinstance(expr, Const):
        return set()
    if isinstance(expr, Not):
        return facts_of(expr.operand)
    if isinstance(expr, Derived):
        return facts_of(expr.definition)
    return set().union(*(facts_of(o) for o in expr.operands))


_TOKEN = re.compile(r"\s*(?:(\()|(\))|([A-Za-z_][A-Za-z0-9_]*)|(\S))")
_KEYWORDS = {"and", "or", "not", "true", "false"}


def parse_condition(source: str, *, file: str | None = None, line: int | None = None) -> Expr:
    """Parse a condition; raise :class:`ModelError` naming the position on bad syntax."""
    tokens: list[tuple[str, int]] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if not match or match.end() == pos:
            break
        if match.group(4):
            raise ModelError(
                f"condition {_shown(source)!r}: unexpected character {match.group(4)!r} at column {match.start(4) + 1}",
                file=file, line=line, expected="fact names, and, or, not, parentheses",
            )
        tok = match.group(1) or match.group(2) or match.group(3)
        tokens.append((tok, match.start() + (len(match.group(0)) - len(tok)) + 1))
        pos = match.end()
    parser = _Parser(source, tokens, file, line)
    expr = parser.parse_or()
    if parser.index < len(tokens):
        tok, col = tokens[parser.index]
        parser.fail(f"unexpected {tok!r} at column {col}", "an operator (and, or) or the end")
    return expr


def _shown(source: str) -> str:
    """The condition as an error message quotes it: in full, or its two ends when it is long."""
    return source if len(source) <= 200 else source[:100] + " … " + source[-60:]


class _Parser:
    def __init__(self, source: str, tokens: list[tuple[str, int]], file: str | None, line: int | None):
        self.source, self.tokens, self.file, self.line = source, tokens, file, line
        self.index = 0
        self.depth = 0  # parentheses and ``not`` around the current token

    def fail(self, message: str, expected: str) -> None:
        raise ModelError(f"condition {_shown(self.source)!r}: {message}", file=self.file, line=self.line,
                         expected=expected)

    def peek(self) -> str | None:
        return self.tokens[self.index][0] if self.index < len(self.tokens) else None

    def take(self) -> str:
        tok = self.tokens[self.index][0]
        self.index += 1
        return tok

    def enter(self) -> None:
        """One level deeper (a parenthesis or a ``not``); refused beyond the limit."""
        self.depth += 1
        if self.depth > MAX_CONDITION_DEPTH:
            col = self.tokens[self.index][1]
            self.fail(f"parentheses and 'not' nested more than {MAX_CONDITION_DEPTH} deep (at column {col})",
                      "a flatter condition (split the norm, or name a part of it as a fact)")

    def parse_or(self) -> Expr:
        operands = [self.parse_and()]
        while self.peek() == "or":
            self.take()
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def parse_and(self) -> Expr:
        operands = [self.parse_unary()]
        while self.peek() == "and":
            self.take()
            operands.append(self.parse_unary())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def parse_unary(self) -> Expr:
        tok = self.peek()
        if tok is None:
            self.fail("ends too early", "a fact name, not, or (")
        if tok in ("not", "("):
            self.enter()
            self.take()
            if tok == "not":
                expr: Expr = Not(self.parse_unary())
            else:
                expr = self.parse_or()
                if self.peek() != ")":
                    self.fail("missing closing parenthesis", ")")
                self.take()
            self.depth -= 1
            return expr
        if tok in ("true", "false"):
            self.take()
            return Const(tok == "true")
        if tok in _KEYWORDS or tok == ")":
            col = self.tokens[self.index][1]
            self.fail(f"unexpected {tok!r} at column {col}", "a fact name, not, or (")
        return Fact(self.take())
