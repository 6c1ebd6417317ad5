"""One finding of the model checker or the lint: what is wrong (or worth a look), and where.

Loader, checker and lint all speak in :class:`Issue` so that the CLI renders them one way and
``--format json`` gives every item the same shape: ``{code, message, line?, eid?}``. Codes are
stable identifiers that scripts may rely on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

    def to_dict(self) -> dict[str, Any]:
        item: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.line is not None:
            item["line"] = self.line
        if self.eid is not None:
            item["eid"] = self.eid
        return item
