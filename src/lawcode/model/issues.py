"""One finding of the model checker or the lint: what is wrong (or worth a look), and where.

Loader, checker and lint all speak in :class:`Issue` so that the CLI renders them one way and
``--format json`` gives every item the same shape: ``{code, message, line?, eid?}``. Codes are
stable identifiers that scripts may rely on.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"
LINT = "lint"


@dataclass(frozen=True, slots=True)
class Issue:
    code: str  # stable, e.g. "unknown-eid"
    message: str  # plain words a lawyer can read
    severity: str = ERROR
    line: int | None = None  # line in the model file
    eid: str | None = None  # provision of the text it concerns

    def to_dict(self) -> dict:
        item: dict = {"code": self.code, "message": self.message}
        if self.line is not None:
            item["line"] = self.line
        if self.eid is not None:
            item["eid"] = self.eid
        return item


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean x?)`` for the closest known names, or nothing."""
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(close)}?)" if close else ""
