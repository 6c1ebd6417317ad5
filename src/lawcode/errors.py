"""One family of exceptions for everything a user can get wrong.

Every interface (CLI, API) catches :class:`LawcodeError` and shows its message without a
traceback, so the message itself must say where the problem is (file, line) and what was
expected there.
"""

from __future__ import annotations

from typing import Any


class LawcodeError(Exception):
    """A mistake in user input: a text, a model file, a query."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        expected: str | None = None,
        known: list[str] | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.expected = expected
        self.known = known or []
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        text = where + self.message
        if self.expected:
            text += f" (expected {self.expected})"
        if self.known:
            shown = ", ".join(self.known[:12])
            more = f", … {len(self.known) - 12} more" if len(self.known) > 12 else ""
            text += f"; known: {shown}{more}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": self.message,
            "file": self.file,
            "line": self.line,
            "expected": self.expected,
            "known": self.known,
        }


class TextError(LawcodeError):
    """A regulation text that cannot be read or structured."""


class AknError(LawcodeError):
    """An Akoma Ntoso file that cannot be read or does not validate."""


class ModelError(LawcodeError):
    """A model file that cannot be loaded or does not fit its text."""


class QueryError(LawcodeError):
    """A question that names something the model does not know (actor, fact, norm, date)."""
