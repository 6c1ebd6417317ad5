"""Defined concepts: facts with ``derived_by``, decided by their own definition.

A regulation defines concepts that its other provisions use ("discrimination", "a protected
characteristic"). The model writes each as a fact with a ``derived_by`` condition over other
facts (and other concepts). When loading, every mention of a concept in a condition becomes a
:class:`~lawcode.model.conditions.Derived` node carrying its fully expanded definition, so the
engine decides it from the facts asked - and an explanation can show the chain down to them -
while a concept whose value the user gives is taken as given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import overload

from lawcode.errors import ModelError
from lawcode.model.conditions import And, Const, Derived, Expr, Fact, Not, Or


def expand_definitions(sources: Mapping[str, Expr], lines_of: Mapping[str, int], file: str) -> dict[str, Expr]:
    """Each concept's definition with the concepts it uses expanded (recursively).

    A concept defined, directly or through others, by itself is a :class:`ModelError` naming
    the circle and the line of its first concept.
    """
    expanded: dict[str, Expr] = {}

    def expand(name: str, trail: tuple[str, ...]) -> Expr:
        if name in expanded:
            return expanded[name]
        if name in trail:
            circle = (*trail[trail.index(name):], name)
            raise ModelError("defined concepts define each other in a circle: " + " -> ".join(circle),
                             file=file, line=lines_of.get(circle[0]),
                             expected="derived_by conditions that end in facts that are asked")
        expanded[name] = _replace(sources[name], lambda inner: expand(inner, (*trail, name)), sources)
        return expanded[name]

    for name in sources:
        expand(name, ())
    return expanded


@overload
def with_concepts(expr: Expr, concepts: Mapping[str, Expr]) -> Expr: ...
@overload
def with_concepts(expr: None, concepts: Mapping[str, Expr]) -> None: ...
def with_concepts(expr: Expr | None, concepts: Mapping[str, Expr]) -> Expr | None:
    """``expr`` with every mention of a concept made a Derived node (its definition inside)."""
    if expr is None or not concepts:
        return expr
    return _replace(expr, lambda name: concepts[name], concepts)


def _replace(expr: Expr, definition: Callable[[str], Expr], concepts: Mapping[str, Expr]) -> Expr:
    """Rebuild ``expr`` with each fact named in ``concepts`` made a Derived node whose
    definition is ``definition(name)``."""
    if isinstance(expr, Fact):
        return Derived(expr.name, definition(expr.name)) if expr.name in concepts else expr
    if isinstance(expr, (Const, Derived)):
        return expr
    if isinstance(expr, Not):
        return Not(_replace(expr.operand, definition, concepts))
    parts = tuple(_replace(o, definition, concepts) for o in expr.operands)
    return And(parts) if isinstance(expr, And) else Or(parts)
