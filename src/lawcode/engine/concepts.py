"""The chain of defined concepts behind a condition, for explanations.

A condition that uses a defined concept ("discriminates") is decided by the concept's definition,
which may use other concepts ("direct discrimination", "a protected characteristic") down to the
facts asked. :func:`concept_chain` lays that chain out: each concept with its value, whether it
was given or derived, its definition, the provisions that define it, the facts it rests on
directly, and the concepts beneath it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lawcode.engine.evaluate import evaluate
from lawcode.model.conditions import Derived, Expr, Fact, Not

if TYPE_CHECKING:
    from lawcode.model.loaded import LoadedModel


def concept_chain(loaded: LoadedModel, expr: Expr, facts: Mapping[str, bool]) -> list[dict[str, Any]]:
    """The concepts ``expr`` uses directly, each with the chain beneath it (in order of use)."""
    return [_concept(loaded, node, facts) for node in _uses(expr)]


def _concept(loaded: LoadedModel, node: Derived, facts: Mapping[str, bool]) -> dict[str, Any]:
    declared = loaded.facts[node.name]
    given = node.name in facts
    return {
        "concept": node.name,
        "meaning": declared.meaning,
        "value": evaluate(node, facts).value,
        "source": "given" if given else "derived",
        "definition": str(node.definition),
        "cites": list(declared.cites),
        "facts": [{"fact": name, "value": facts.get(name)} for name in _facts(node.definition)],
        "concepts": [] if given else concept_chain(loaded, node.definition, facts),
    }


def _uses(expr: Expr) -> list[Derived]:
    """The Derived nodes of ``expr`` not inside another one, each once, in order."""
    found: list[Derived] = []
    stack = [expr]
    while stack:
        node = stack.pop(0)
        if isinstance(node, Derived):
            if all(n.name != node.name for n in found):
                found.append(node)
        elif isinstance(node, Not):
            stack.insert(0, node.operand)
        elif not isinstance(node, Fact) and hasattr(node, "operands"):
            stack[0:0] = list(node.operands)
    return found


def _facts(expr: Expr) -> list[str]:
    """The plain facts of ``expr`` outside any concept, each once, in order."""
    found: list[str] = []
    stack = [expr]
    while stack:
        node = stack.pop(0)
        if isinstance(node, Fact):
            if node.name not in found:
                found.append(node.name)
        elif isinstance(node, Not):
            stack.insert(0, node.operand)
        elif not isinstance(node, Derived) and hasattr(node, "operands"):
            stack[0:0] = list(node.operands)
    return found
