"""Three-valued (Kleene) evaluation of condition trees.

A fact missing from the facts dict is unknown, never false: ``a and b`` with ``a`` true and
``b`` unknown is unknown, while ``a or b`` with ``a`` true is true whatever ``b`` is. Besides the
value, an evaluation says which facts decided it (for explanations) and which unknown facts
left it open (the facts a user would have to answer: "would apply if ...").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lawcode.model.conditions import And, Const, Derived, Expr, Fact, Not

_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Evaluation:
    """``value`` is True, False or None (unknown).

    ``decided``: known facts the value rests on (for a false ``and``, the false operands only).
    ``unknown``: when the value is None, the unknown facts that could still settle it.
    """

    value: bool | None
    decided: frozenset[str] = _EMPTY
    unknown: frozenset[str] = _EMPTY


TRUE = Evaluation(True)
FALSE = Evaluation(False)


def evaluate(expr: Expr, facts: Mapping[str, bool]) -> Evaluation:
    """Evaluate ``expr`` with ``facts`` (name -> bool; absent = unknown)."""
    if isinstance(expr, Fact):
        value = facts.get(expr.name)
        if value is None:
            return Evaluation(None, _EMPTY, frozenset((expr.name,)))
        return Evaluation(value, frozenset((expr.name,)))
    if isinstance(expr, Const):
        return TRUE if expr.value else FALSE
    if isinstance(expr, Not):
        return negate(evaluate(expr.operand, facts))
    if isinstance(expr, Derived):  # a concept given as a fact is taken as given; else its definition decides
        return evaluate(Fact(expr.name) if expr.name in facts else expr.definition, facts)
    return combine([evaluate(o, facts) for o in expr.operands], isinstance(expr, And))


def combine(parts: list[Evaluation], conjunction: bool = True) -> Evaluation:
    """Kleene ``and`` (or ``or``) of evaluations already made.

    The dominant value (false for ``and``, true for ``or``) wins and rests on the operands that
    have it; otherwise any unknown operand leaves the whole unknown.
    """
    dominant = not conjunction
    winners = [p for p in parts if p.value is dominant]
    if winners:
        return Evaluation(dominant, frozenset().union(*(p.decided for p in winners)))
    open_parts = [p for p in parts if p.value is None]
    if open_parts:
        return Evaluation(None, frozenset().union(*(p.decided for p in parts if p.value is not None)),
                          frozenset().union(*(p.unknown for p in open_parts)))
    return Evaluation(not dominant, frozenset().union(*(p.decided for p in parts)))


def negate(evaluation: Evaluation) -> Evaluation:
    """Kleene ``not`` of an evaluation already made."""
    value = None if evaluation.value is None else not evaluation.value
    return Evaluation(value, evaluation.decided, evaluation.unknown)
