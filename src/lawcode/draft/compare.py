"""Compare a drafted model with a reviewed one, norm by norm, and measure the agreement.

Norms are compared per provision: a norm of one model is set against the norms of the other
that cite the same provision (or one inside it, or the one it is inside). Among those, its
partner is the one whose action shares most words with it - never the one that agrees on kind
or bearer, which are what is measured; a shared bearer only breaks ties between equal actions
(a text that gives the same duty to two bearers). Several norms may share one partner: a
reviewer often splits one sentence into several norms.

Two measures of coverage: "provision" counts a norm as found when the other model has any norm
on its provision; "coverage" only when that partner also shares at least a fifth of the
action's words (so a drafted "strengthen X" does not count for a reviewed "fund the work" on the
same paragraph). Kind, bearer and condition are measured on the provision pairs.

Bearers are compared after mapping the draft's actors onto the reviewed model's: an actor with
the same id, else the reviewed actor whose label (or id) shares most words with it (at least
half, by the Dice coefficient). A drafted class that the draft gives members ("A, B and other
Cs") maps to the most specific actor of the reviewed model that all its mapped members are (the
class the reviewer put them in), since the text's name for the class may differ from the
reviewer's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lawcode import eids
from lawcode.draft.emit import parse_drafted_note
from lawcode.draft.words import STOPWORDS, dice, key, tokens
from lawcode.model.objects import Model, Norm

MIN_LABEL_OVERLAP = 0.5
MIN_ACTION_OVERLAP = 0.2  # a partner sharing less of the action's words does not cover the norm


@dataclass(frozen=True)
class Pair:
    """A norm of one model and its partner in the other (None when the provision has none)."""

    provision: str
    reviewed: Norm | None
    drafted: Norm | None
    mapped_bearer: str | None  # the drafted bearer, as an actor of the reviewed model
    overlap: float = 0.0  # how many of the action's words the partner shares (Dice, -ed/-ing cut)

    @property
    def kind_agrees(self) -> bool:
        return self.reviewed is not None and self.drafted is not None and self.reviewed.kind == self.drafted.kind

    @property
    def bearer_agrees(self) -> bool:
        return self.reviewed is not None and self.drafted is not None and self.reviewed.bearer == self.mapped_bearer

    def counterparty_agrees(self, actor_map: dict[str, str | None]) -> bool:
        """Both name a counterparty, and the drafted one maps onto the reviewed one."""
        if self.reviewed is None or self.drafted is None:
            return False
        drafted, reviewed = self.drafted.counterparty, self.reviewed.counterparty
        return drafted is not None and reviewed is not None and actor_map.get(drafted) == reviewed


@dataclass(frozen=True)
class Measure:
    """Precision (of what the draft says) and recall (of what the reviewed model says)."""

    name: str
    right_drafted: int
    drafted: int
    right_reviewed: int
    reviewed: int

    @property
    def precision(self) -> float:
        return self.right_drafted / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.right_reviewed / self.reviewed if self.reviewed else 1.0

    def to_dict(self) -> dict[str, object]:
        return {
            "measure": self.name,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "drafted": [self.right_drafted, self.drafted],
            "reviewed": [self.right_reviewed, self.reviewed],
        }


@dataclass(frozen=True)
class Comparison:
    by_reviewed: tuple[Pair, ...]  # one per reviewed norm, in the reviewed model's order
    by_drafted: tuple[Pair, ...]  # one per drafted norm
    bearer_map: dict[str, str | None] = field(default_factory=dict)

    def measures(self) -> list[Measure]:
        rev = [p for p in self.by_reviewed if p.drafted is not None]
        dra = [p for p in self.by_drafted if p.reviewed is not None]
        has_condition = _has_condition
        return [
            Measure("provision", len(dra), len(self.by_drafted), len(rev), len(self.by_reviewed)),
            Measure(
                "coverage",
                sum(p.overlap >= MIN_ACTION_OVERLAP for p in dra),
                len(self.by_drafted),
                sum(p.overlap >= MIN_ACTION_OVERLAP for p in rev),
                len(self.by_reviewed),
            ),
            Measure("kind", sum(p.kind_agrees for p in dra), len(dra), sum(p.kind_agrees for p in rev), len(rev)),
            Measure("bearer", sum(p.bearer_agrees for p in dra), len(dra), sum(p.bearer_agrees for p in rev), len(rev)),
            Measure(
                "counterparty",
                sum(p.counterparty_agrees(self.bearer_map) for p in dra),
                sum(1 for p in dra if p.drafted is not None and p.drafted.counterparty),
                sum(p.counterparty_agrees(self.bearer_map) for p in rev),
                sum(1 for p in rev if p.reviewed is not None and p.reviewed.counterparty),
            ),
            Measure(
                "condition",
                sum(1 for p in dra if has_condition(p.drafted) and has_condition(p.reviewed)),
                sum(1 for p in dra if has_condition(p.drafted)),
                sum(1 for p in rev if has_condition(p.drafted) and has_condition(p.reviewed)),
                sum(1 for p in rev if has_condition(p.reviewed)),
            ),
        ]


def _has_condition(norm: Norm | None) -> bool:
    return norm is not None and bool(norm.condition)


def compare(reviewed: Model, drafted: Model) -> Comparison:
    """Set every norm of each model against its partner in the other."""
    bearer_map = map_actors(drafted, reviewed)
    by_reviewed = tuple(_partner(n, drafted.norms, bearer_map, reviewed_side=True) for n in reviewed.norms)
    by_drafted = tuple(_partner(n, reviewed.norms, bearer_map, reviewed_side=False) for n in drafted.norms)
    return Comparison(by_reviewed, by_drafted, bearer_map)


def map_actors(drafted: Model, reviewed: Model) -> dict[str, str | None]:
    """Each drafted actor's counterpart in the reviewed model (None when none is close enough).

    A drafted class described in words ("those entered in the directory (A, B, C)") maps by its
    description; a class named by listing its kinds ("A, B and other Cs") maps to the class the
    reviewer put those kinds in; any other actor maps by id, else by label.
    """
    labels = {a.id: set(_name_tokens(a.label)) for a in reviewed.actors}
    ids = {a.id: set(_name_tokens(a.id.replace("_", " "))) for a in reviewed.actors}

    def by_label(label: str) -> str | None:
        words = set(_name_tokens(label))
        best, score = None, 0.0
        for ident in sorted(labels):
            value = max(dice(words, labels[ident]), dice(words, ids[ident]))
            if value > score:
                best, score = ident, value
        return best if score > MIN_LABEL_OVERLAP else None

    plain = {a.id: (a.id if a.id in labels else by_label(a.label)) for a in drafted.actors}
    lineage = _lineage(reviewed)
    out: dict[str, str | None] = {}
    for actor in drafted.actors:
        members = [m for a in drafted.actors if actor.id in a.is_a and (m := plain.get(a.id)) is not None]
        described = actor.label.split(" (")[0] if actor.label.endswith(")") and members else None
        if described is not None and by_label(described):
            out[actor.id] = by_label(described)
        elif members:
            out[actor.id] = _common_class(members, lineage) or plain[actor.id]
        else:
            out[actor.id] = plain[actor.id]
    return out


def _lineage(model: Model) -> dict[str, list[str]]:
    """Each actor with its ancestors, nearest first."""
    parents = {a.id: list(a.is_a) for a in model.actors}
    out: dict[str, list[str]] = {}
    for ident in parents:
        seen: list[str] = []
        pending = list(parents[ident])
        while pending:
            current = pending.pop(0)
            if current not in seen and current != ident:
                seen.append(current)
                pending.extend(parents.get(current, []))
        out[ident] = seen
    return out


def _common_class(members: list[str], lineage: dict[str, list[str]]) -> str | None:
    """The nearest actor every member is (a member itself counts only when there are several)."""
    if len(set(members)) == 1:
        parents = lineage.get(members[0], [])
        return parents[0] if parents else None
    candidates = [members[0], *lineage.get(members[0], [])]
    for candidate in candidates:
        if all(m == candidate or candidate in lineage.get(m, []) for m in members):
            return candidate
    return None


def _action_words(action: str) -> set[str]:
    """An action's meaningful words, with -ed/-ing/-e endings cut (sealed = seal = sealing)."""
    return {_stem(w) for w in key(action).split()}


def _name_tokens(name: str) -> list[str]:
    """A name's meaningful words, stemmed like actions' ("appointment" = "appoint")."""
    return [_stem(t) for t in tokens(name) if t not in STOPWORDS and t != "other"]


def _stem(word: str) -> str:
    return re.sub(r"(?:ation|ment|ed|ing|e)$", "", word) if len(word) > 5 else word


def _partner(norm: Norm, others: Sequence[Norm], bearer_map: dict[str, str | None], reviewed_side: bool) -> Pair:
    provision = norm.cites[0]
    candidates = [o for o in others if _share_provision(norm, o)]
    words = _action_words(norm.action)

    def mapped(drafted: Norm) -> str | None:
        return bearer_map.get(drafted.bearer) if drafted.bearer else None

    def score(other: Norm) -> tuple[float, bool]:
        drafted, reviewed = (other, norm) if reviewed_side else (norm, other)
        same_bearer = mapped(drafted) == reviewed.bearer
        return dice(words, _action_words(other.action)), same_bearer

    best = max(candidates, key=score, default=None)
    overlap = score(best)[0] if best is not None else 0.0
    if reviewed_side:
        return Pair(provision, norm, best, mapped(best) if best else None, overlap)
    return Pair(provision, best, norm, mapped(norm), overlap)


def _share_provision(one: Norm, other: Norm) -> bool:
    """The two norms cite the same provision, or one inside the other, among all they cite."""
    return any(eids.related(a, b) for a in one.cites for b in other.cites)


def drafted_rule(norm: Norm) -> str:
    """The rule that drafted a norm ("reviewed" for a norm a person wrote or rewrote)."""
    parsed = parse_drafted_note(norm.note)
    return parsed[0] if parsed else "reviewed"
