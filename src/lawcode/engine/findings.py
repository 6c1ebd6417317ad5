"""What every answer about a norm is made of: the norm's own fields, then its status.

``norm_fields`` is the single serialisation of a norm used by every question (ask, explain,
what-if, who) and by the catalog commands, so that a norm looks the same wherever it appears.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lawcode.engine.quote import Quote, citation

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel
    from lawcode.model.objects import Norm
    from lawcode.text.document import Document

APPLIES = "applies"
UNDETERMINED = "undetermined"
DOES_NOT_APPLY = "does_not_apply"

# Duties and prohibitions first (what the reader must do or avoid), then what the reader may do
# or claim, then what follows a breach, then the framework provisions.
KIND_ORDER = (
    "duty", "prohibition", "permission", "power", "right", "entitlement", "consequence",
    "conflict_rule", "definition", "scope", "principle", "entry_into_force",
)
KIND_HEADINGS = {
    "duty": "Duties", "prohibition": "Prohibitions", "permission": "Permissions", "power": "Powers",
    "right": "Rights", "entitlement": "Entitlements", "consequence": "Consequences",
    "conflict_rule": "Conflict rules", "definition": "Definitions", "scope": "Scope",
    "principle": "Principles", "entry_into_force": "Entry into force",
}

_NUMBER = re.compile(r"\d+")


def provision_key(eid: str) -> tuple[int, ...]:
    """Reading order of an eId: its numbers in sequence (art 2 before art 13, item 5 before 10)."""
    return tuple(int(n) for n in _NUMBER.findall(eid))


def norm_order(norm: Norm) -> tuple[Any, ...]:
    """Order of norms in every answer: kind order, then article order. Sort the model's norms
    with it (a stable sort): norms on the same provision keep the model file's order, which
    follows the text (stop, then keep records, then report), so the order is deterministic."""
    kind = norm.kind.value
    rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
    return (rank, provision_key(norm.cites[0]) if norm.cites else ())


def norm_fields(loaded: LoadedModel, norm: Norm, document: Document | None = None) -> dict[str, Any]:
    """The fields of a finding that depend on the norm only (everything but status).

    Always: norm, kind, bearer, action, cites (eIds), citations (human, "Art. 13(1)(5)").
    When set on the norm: counterparty, beneficiary, condition, unless, overrides, defers_to,
    open_ended (true), discretionary (true), subject_to ([{schedule, exception}]). With the
    ``document`` (the parsed text), a single-paragraph article cites as "Art. 32" rather than
    "Art. 32(1)". ``loaded`` (the LoadedModel) is part of the signature so that callers need not
    change when a field needs it.
    """
    data: dict[str, Any] = {
        "norm": norm.id,
        "kind": norm.kind.value,
        "bearer": norm.bearer,
        "action": norm.action,
        "cites": list(norm.cites),
        "citations": [citation(eid, document) for eid in norm.cites],
    }
    for name in ("counterparty", "beneficiary", "condition", "unless"):
        value = getattr(norm, name)
        if value:
            data[name] = value
    for name in ("overrides", "defers_to"):
        value = getattr(norm, name)
        if value:
            data[name] = list(value)
    for name in ("open_ended", "discretionary"):
        if getattr(norm, name):
            data[name] = True
    if norm.subject_to:
        data["subject_to"] = [{"schedule": e.schedule, "exception": e.exception} for e in norm.subject_to]
    return data


@dataclass(frozen=True)
class Finding:
    """A norm with its status for one question.

    ``missing`` (undetermined only) lists the unknown facts that could decide it;
    ``would_apply_if`` the minimal sets of answers to them that would make it apply; ``quotes``
    the cited provisions, with their words when the text is available.
    """

    fields: Mapping[str, Any]  # norm_fields(), shared between answers: never changed
    status: str
    missing: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = field(default=())
    would_apply_if: tuple[dict[str, Any], ...] = ()
    roles: tuple[str, ...] = ()  # asked with several roles: those the status comes from

    @property
    def norm(self) -> str:
        return str(self.fields["norm"])

    @property
    def kind(self) -> str:
        return str(self.fields["kind"])

    def to_dict(self) -> dict[str, Any]:
        data = {"norm": self.fields["norm"], "kind": self.fields["kind"], "status": self.status}
        data.update((k, v) for k, v in self.fields.items() if k not in data)
        if self.status == UNDETERMINED:
            data["missing"] = list(self.missing)
            data["would_apply_if"] = [dict(s) for s in self.would_apply_if]
        if self.roles:
            data["roles"] = list(self.roles)
        if any(q.text is not None for q in self.quotes):
            data["quote"] = [q.to_dict() for q in self.quotes]
        return data
